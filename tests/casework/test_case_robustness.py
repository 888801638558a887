"""Odd input never answers 500 (issue 4, item 1): superscript digits (str.isdigit() says yes, int()
says no), NUL bytes (PostgreSQL refuses them in a query), 10,000 characters, negative and huge ids
and Bangla digits, sent to every casework URL as query values, as form fields and as ids; and a
staff user without a profile (the emergency superuser) on the add and change pages."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, reverse

from casework import urls as casework_urls
from casework.fields import parse_id, parse_ids
from casework.models import Attachment, Case, FollowUp, Notification, Referral
from tests.casework.case_helpers import PDF, post_data, user

pytestmark = pytest.mark.django_db

ODD = ["²", "le\x00ad", "x" * 10_000, "-1", "9" * 30, "৪২", ""]
# For every field or parameter, one at a time: the values that broke something once.
ODD_PER_FIELD = ["²", "\x00", "9" * 30]


def _one_odd_value_each(names):
    """(field, value) with the odd values taken in turn, so each field gets one and each value goes
    to a third of the fields. All three for every field of both forms took about 250 worker-seconds
    of the suite (101 s and 152 s); the rotation follows the field order, so a new field moves the
    others on to another value."""
    return [(name, ODD_PER_FIELD[i % len(ODD_PER_FIELD)]) for i, name in enumerate(names)]
QUERY_NAMES = ["q", "status", "category", "division", "district", "upazila", "gender", "organization",
               "destination", "received_from", "received_to", "sort", "page", "person", "clear_person", "level",
               "parent", "case", "user", "date", "cpage", "rpage"]


@pytest.mark.parametrize("value,expected", [
    ("42", 42), ("৪২", 42), ("٤٢", 42), (" 42 ", 42), (42, 42), ("²", None), ("①", None), ("4²", None),
    ("", None), (None, None), ("-1", None), ("0", None), ("1\x00", None), ("9" * 19, None), ("9" * 18, 10**18 - 1),
    ("1e3", None), ("0x10", None), (True, None),
])
def test_parse_id(value, expected):
    assert parse_id(value) == expected


def test_parse_ids_keeps_order_and_drops_the_rest():
    assert parse_ids(["3", "²", "১", "3", "-2", "x"]) == [3, 1]


def _urls(case, attachment, follow_up, referral, notification):
    """Every casework URL, with ids of real rows (and, separately, of rows that do not exist)."""
    ids = {"pk": case.pk, "attachment_id": attachment.pk, "follow_up_id": follow_up.pk, "referral_id": referral.pk,
           "notification_id": notification.pk}
    urls, huge = [], []
    for pattern in casework_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        names = re.findall(r"<int:(\w+)>", str(pattern.pattern))
        urls.append(reverse(f"casework:{pattern.name}", kwargs={n: ids[n] for n in names}))
        if names:  # missing and huge ids
            huge.append(reverse(f"casework:{pattern.name}", kwargs={n: 10**20 for n in names}))
    return urls, huge


@pytest.fixture
def rows(demo_world):
    from casework.services import attachment_add
    from casework.uploads import validate_upload
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = Case.objects.filter(status="in_redress", referrals__isnull=False, follow_ups__isnull=False).first()
    upload = SimpleUploadedFile("receipt.pdf", PDF, "application/pdf")
    attachment = attachment_add(case=case, user=user("lead"), upload=upload, detected=validate_upload(upload))
    notification = Notification.objects.create(user=user("lead"), case=case, kind="assigned")
    return _urls(case, attachment, FollowUp.objects.filter(case=case).first(), Referral.objects.filter(case=case).first(),
                 notification)


def _field_names(client) -> list[str]:
    """The names of every input of the add form and of a case page (all its forms)."""
    names = set(re.findall(r'name="([^"]+)"', client.get("/en/cases/new/").content.decode()))
    case = Case.objects.filter(status="result_recorded").first()
    names |= set(re.findall(r'name="([^"]+)"', client.get(f"/en/cases/{case.pk}/").content.decode()))
    return sorted(names - {"csrfmiddlewaretoken"})


def _no_500(response, what):
    if response.streaming:
        # A document download holds its file open: reading it to the end lets the test client close
        # it (response.close() here would also close the database connection, on PostgreSQL).
        b"".join(response.streaming_content)
    assert response.status_code < 500, what


def test_odd_query_values_on_every_url(client, rows):
    urls, huge = rows
    client.force_login(user("lead"))
    for url in huge:
        _no_500(client.get(url), url)
        _no_500(client.post(url), url)
    for url in urls:
        for value in ODD:
            _no_500(client.get(url, {name: value for name in QUERY_NAMES}), (url, value[:20]))
    # One parameter at a time on the pages that read them (another one's error could hide it).
    for url in ("/en/cases/", "/en/cases/places/", "/en/cases/audit/", "/en/cases/export/"):
        for name in QUERY_NAMES:
            for value in ODD_PER_FIELD:
                _no_500(client.get(url, {name: value, "level": "union"} if name == "parent" else {name: value}),
                        (url, name, value[:20]))


def test_odd_form_values_posted_to_every_url(client, rows):
    client.force_login(user("lead"))
    names = _field_names(client)
    for url in rows[0]:
        for value in ODD:
            _no_500(client.post(url, {name: value for name in names}), (url, value[:20]))


def test_each_field_of_the_add_form_alone(client, demo_world):
    """With everything else valid, one odd field reaches as deep as it can (duplicates, saving)."""
    client.force_login(user("coord.okup1"))
    base = {**post_data(demo_world), "confirm_new": "1", "pending_uploads": "", "doc": ""}
    names = sorted(set(re.findall(r'name="([^"]+)"', client.get("/en/cases/new/").content.decode())) | set(base))
    names.remove("csrfmiddlewaretoken")
    for name, value in _one_odd_value_each(names):
        _no_500(client.post("/en/cases/new/", {**base, name: value}), (name, value[:20]))
    _no_500(client.post("/en/cases/new/", {**base, **{name: "x" * 10_000 for name in names}}), "all long")


def test_each_field_of_the_change_form_alone(client, demo_world):
    from tests.casework.case_helpers import edit_data

    lead = user("lead")
    client.force_login(lead)
    case = Case.objects.filter(status="draft").first()
    base = edit_data(client.get(f"/en/cases/{case.pk}/edit/").context["forms"])
    for name, value in _one_odd_value_each(sorted(base)):
        _no_500(client.post(f"/en/cases/{case.pk}/edit/", {**base, name: value}), (name, value[:20]))


def test_superuser_without_a_profile_gets_answers_not_errors(client, demo_world):
    """The emergency superuser has no organisation: adding a case says why not; changing one works."""
    root = get_user_model().objects.create_superuser("root", "root@example.org", "Root-Pass-2026!")
    client.force_login(root)
    response = client.get("/en/cases/new/")
    assert response.status_code == 403
    assert "belongs to no organisation" in response.content.decode()
    assert client.post("/en/cases/new/", post_data(demo_world)).status_code == 403
    case = Case.objects.filter(status="draft").first()
    response = client.get(f"/en/cases/{case.pk}/edit/")
    assert response.status_code == 200
    from tests.casework.case_helpers import edit_data

    data = edit_data(response.context["forms"], **{"js-name": "Corrected by the superuser"})
    response = client.post(f"/en/cases/{case.pk}/edit/", data)
    assert response.status_code == 302, {k: v.errors for k, v in response.context["forms"].items()}
    case.justice_seeker.refresh_from_db()
    assert case.justice_seeker.name == "Corrected by the superuser"
    assert client.get(f"/en/cases/{case.pk}/").status_code == 200


@pytest.mark.parametrize("query", [{"case": "PRK\x00"}, {"user": "le\x00ad"}, {"case": "x" * 10_000},
                                   {"date": "\x00"}, {"cpage": "²", "rpage": "\x00"}])
def test_audit_page_refuses_odd_filters(client, demo_people, query):
    client.force_login(user("lead"))
    response = client.get("/en/cases/audit/", query)
    assert response.status_code == 200
    if set(query) & {"case", "user", "date"}:
        assert "not understood" in response.content.decode()


def test_places_with_odd_parents(client, demo_people):
    client.force_login(user("coord.okup1"))
    for parent in ("²", "\x00", "-3", "9" * 30, "x" * 10_000):
        assert client.get("/en/cases/places/", {"level": "union", "parent": parent}).status_code == 400
    assert client.get("/en/cases/places/", {"level": "union", "parent": "9" * 18}).json() == {"options": []}


def test_attachments_of_odd_ids_are_404(client, rows):
    client.force_login(user("lead"))
    case = Attachment.objects.get().case
    assert client.get(f"/en/cases/{case.pk}/documents/{10**20}/").status_code == 404
    assert client.get(f"/en/cases/{10**20}/documents/1/").status_code == 404
