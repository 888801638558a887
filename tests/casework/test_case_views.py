import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from casework.models import AccessLog, Attachment, Case, ChecklistItem, JusticeSeeker
from tests.casework.case_helpers import post_data
from tests.factories import make_case

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _user(username):
    return get_user_model().objects.get(username=username)


def _coordinator_case(status="draft"):
    """A case of coord.okup1's organisation in one of their upazilas (so it is in their scope)."""
    coordinator = _user("coord.okup1")
    return coordinator, make_case(
        organization=coordinator.profile.organization, entered_by=coordinator,
        upazila=coordinator.profile.upazilas.first(), status=status,
    )


def test_coordinator_adds_a_case_with_bangla_digits(client, demo_world):
    client.force_login(_user("coord.okup1"))
    before = Case.objects.count()
    response = client.post("/bn/cases/new/", post_data(demo_world, doc=[str(demo_world["documents"][0].pk)]))
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.latest("pk")
    assert Case.objects.count() == before + 1
    assert case.case_number.startswith("PRK-20")
    assert case.migration_cost == 400000
    assert case.organization.short_name == "OKUP"
    assert case.assigned_to.username == "coord.okup1"
    seeker = case.justice_seeker
    assert seeker.phone == "+8801711223344"
    assert seeker.age == 32
    assert seeker.passport_number == "EZ7654321"
    assert case.perpetrators.get().name == "কাশেম দালাল"
    assert case.checklist.filter(available=True).count() == 1
    assert case.checklist.count() == 2  # both documents the category suggests


@pytest.mark.parametrize(
    "field,value,message_en",
    [
        ("js-age", "5", "Age must be between 10 and 90."),
        ("js-age", "১২০", "Age must be between 10 and 90."),
        ("js-phone", "12345", "Write a Bangladeshi mobile number"),
        ("js-passport_number", "123", "A passport number has one or two letters"),
        ("case-departure_date", "2999-01-01", "This date cannot be in the future."),
        ("case-categories", [], "Choose at least one case category."),
        ("case-migration_cost", "lots", "Enter a number."),
        ("perp-0-nid", "12ab", "A national ID number has 10, 13 or 17 digits."),
    ],
)
def test_bad_input_is_refused_in_english_and_saves_nothing(client, demo_world, field, value, message_en):
    client.force_login(_user("coord.okup1"))
    before = (Case.objects.count(), JusticeSeeker.objects.count())
    response = client.post("/en/cases/new/", post_data(demo_world, **{field: value}))
    assert response.status_code == 200
    assert message_en in response.content.decode()
    assert "Nothing was saved yet" in response.content.decode()
    assert (Case.objects.count(), JusticeSeeker.objects.count()) == before


def test_bad_input_message_in_bangla(client, demo_world):
    client.force_login(_user("coord.okup1"))
    response = client.post("/bn/cases/new/", post_data(demo_world, **{"js-age": "৫"}))
    html = response.content.decode()
    assert "বয়স ১০ থেকে ৯০" in html
    assert "Age must be" not in html


def test_district_must_match_division_and_upazila_district(client, demo_world):
    from casework.models import Upazila

    client.force_login(_user("lead"))  # enters cases in any upazila
    elsewhere = Upazila.objects.get(name_en="Kalihati")
    response = client.post("/en/cases/new/", post_data(demo_world, **{"case-upazila": str(elsewhere.pk)}))
    assert "This upazila is not in the chosen district." in response.content.decode()
    response = client.post("/en/cases/new/", post_data(demo_world, **{"case-district": "999999"}))
    assert response.status_code == 200  # unknown id: a form error, never a 500


def test_duplicate_warning_before_saving(client, demo_world):
    client.force_login(_user("coord.okup1"))
    client.post("/en/cases/new/", post_data(demo_world))
    count = Case.objects.count()
    response = client.post("/en/cases/new/", post_data(demo_world, **{"js-name": "Someone Else"}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "This person may already have a case" in html
    assert "passport number" in html
    assert Case.objects.count() == count
    response = client.post("/en/cases/new/", post_data(demo_world, **{"js-name": "Someone Else", "confirm_new": "1"}))
    assert response.status_code == 302
    assert Case.objects.count() == count + 1


def test_duplicate_in_another_organisation_is_named_without_its_number(client, demo_world):
    other = make_case(organization=_user("advisor.rmmru").profile.organization)
    other.justice_seeker.passport_number = "EZ7654321"
    other.justice_seeker.save()
    client.force_login(_user("coord.okup1"))
    html = client.post("/en/cases/new/", post_data(demo_world)).content.decode()
    assert "A case in another organisation" in html
    assert other.case_number not in html


@pytest.mark.parametrize("username", ["advisor.okup", "meal", "admin.okup", "editor", "sysadmin"])
def test_roles_that_may_not_add_cases_get_403(client, demo_world, username):
    client.force_login(_user(username))
    assert client.get("/en/cases/new/").status_code == 403
    before = Case.objects.count()
    assert client.post("/en/cases/new/", post_data(demo_world)).status_code == 403
    assert Case.objects.count() == before


def test_anonymous_is_sent_to_login(client, demo_world):
    response = client.get("/en/cases/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_detail_shows_personal_data_only_with_permission_and_logs_the_view(client, demo_world):
    case = Case.objects.filter(organization__short_name="OKUP").select_related("justice_seeker").first()
    advisor = _user("advisor.okup")
    client.force_login(advisor)
    html = client.get(f"/en/cases/{case.pk}/").content.decode()
    assert case.justice_seeker.name in html
    assert AccessLog.objects.filter(user=advisor, case=case, action="view_justice_seeker").exists()
    assert AccessLog.objects.filter(user=advisor, case=case, action="view_perpetrator").exists()
    client.force_login(_user("advisor.rmmru"))
    assert client.get(f"/en/cases/{case.pk}/").status_code == 404


def test_coordinator_cannot_edit_after_submission_but_advisor_can(client, demo_world):
    coordinator, case = _coordinator_case("primary_review")
    client.force_login(coordinator)
    assert client.get(f"/en/cases/{case.pk}/edit/").status_code == 403
    response = client.post(f"/en/cases/{case.pk}/edit/", {"js-name": "Changed"})
    assert response.status_code == 403
    case.justice_seeker.refresh_from_db()
    assert case.justice_seeker.name != "Changed"
    client.force_login(_user("advisor.okup"))
    assert client.get(f"/en/cases/{case.pk}/edit/").status_code == 200


def test_edit_saves_and_is_audited(client, demo_world):
    from auditlog.models import LogEntry

    coordinator, case = _coordinator_case()
    client.force_login(_user("advisor.okup"))
    form = client.get(f"/en/cases/{case.pk}/edit/").context["forms"]
    data = {}
    for key in ("case", "justice_seeker", "recruitment"):
        f = form[key]
        for name, field in f.fields.items():
            value = f[name].value()
            if value is None:
                continue
            if isinstance(value, list):
                data[f.add_prefix(name)] = [str(v) for v in value]
            elif isinstance(value, bool):
                if value:
                    data[f.add_prefix(name)] = "on"
            else:
                data[f.add_prefix(name)] = str(value)
    data.update({"case-categories": [str(demo_world["categories"][1].pk)], "case-description": "Updated story",
                 "case-source": "1", "case-applicants_count": "1", "js-name": "New Name", "js-phone": "01711000111",
                 "js-gender": "male", "case-filed_by": "victim",
                 "perp-TOTAL_FORMS": "0", "perp-INITIAL_FORMS": "0", "perp-MIN_NUM_FORMS": "0", "perp-MAX_NUM_FORMS": "1000"})
    from casework.models import Upazila

    up = Upazila.objects.get(name_en="Debidwar")
    data.update({"case-division": str(up.district.division_id), "case-district": str(up.district_id), "case-upazila": str(up.pk)})
    response = client.post(f"/en/cases/{case.pk}/edit/", data)
    assert response.status_code == 302, {k: v.errors for k, v in response.context["forms"].items()}
    case.refresh_from_db()
    assert case.justice_seeker.name == "New Name"
    assert case.description == "Updated story"
    assert LogEntry.objects.get_for_object(case.justice_seeker).filter(action=LogEntry.Action.UPDATE).exists()


def _upload(client, case, name, content, content_type="application/pdf"):
    return client.post(f"/en/cases/{case.pk}/documents/", {"title": "Receipt", "file": SimpleUploadedFile(name, content, content_type)})


def test_attachments_are_private_checked_by_content_and_permission_checked(client, demo_world, settings):
    coordinator, case = _coordinator_case()
    client.force_login(coordinator)
    response = _upload(client, case, "রহিমা passport.pdf", PDF)
    assert response.status_code == 302
    attachment = Attachment.objects.get(case=case)
    assert "passport" not in attachment.file.name and "রহিমা" not in attachment.file.name
    assert str(settings.PRIVATE_MEDIA_ROOT) in attachment.file.path
    assert not attachment.file.path.startswith(str(settings.MEDIA_ROOT))
    url = f"/en/cases/{case.pk}/documents/{attachment.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert AccessLog.objects.filter(case=case, action="download").count() == 1
    for outsider in ("advisor.rmmru", "coord.rmmru1"):
        client.force_login(_user(outsider))
        assert client.get(url).status_code == 404
    for no_case_role in ("meal", "editor"):
        client.force_login(_user(no_case_role))
        assert client.get(url).status_code in (403, 404)


@pytest.mark.parametrize(
    "name,content",
    [
        ("video.mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 100),
        ("virus.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100),
        ("empty.pdf", b""),
        ("notes.txt", b"just text"),
    ],
)
def test_bad_attachments_are_refused(client, demo_world, name, content):
    coordinator, case = _coordinator_case()
    client.force_login(coordinator)
    response = _upload(client, case, name, content)
    assert response.status_code == 302
    assert not Attachment.objects.filter(case=case).exists()


def test_attachment_over_10mb_is_refused(client, demo_world):
    coordinator, case = _coordinator_case()
    client.force_login(coordinator)
    big = PDF + b"0" * (10 * 1024 * 1024)
    response = client.post(f"/en/cases/{case.pk}/documents/", {"file": SimpleUploadedFile("big.pdf", big, "application/pdf")}, follow=True)
    assert "larger than 10 MB" in response.content.decode()
    assert not Attachment.objects.filter(case=case).exists()


def test_docx_is_recognised_by_its_parts(client, demo_world):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    coordinator, case = _coordinator_case()
    client.force_login(coordinator)
    _upload(client, case, "letter.docx", buffer.getvalue(), "application/octet-stream")
    assert Attachment.objects.get(case=case).content_type.endswith("wordprocessingml.document")


def test_person_search_is_posted_and_kept_out_of_urls_and_logs(client, demo_world):
    advisor = _user("advisor.okup")
    case = Case.objects.filter(organization__short_name="OKUP").select_related("justice_seeker").first()
    client.force_login(advisor)
    response = client.post("/en/cases/", {"term": case.justice_seeker.passport_number})
    assert response.status_code == 302
    assert case.justice_seeker.passport_number not in response["Location"]
    html = client.get(response["Location"]).content.decode()
    assert case.case_number in html
    log = AccessLog.objects.get(user=advisor, action="search")
    assert case.justice_seeker.passport_number not in log.detail
    # searching finds nothing outside the scope
    outside = Case.objects.exclude(organization__short_name="OKUP").select_related("justice_seeker").first()
    client.post("/en/cases/", {"term": outside.justice_seeker.passport_number})
    assert outside.case_number not in client.get("/en/cases/?person=1").content.decode()


def test_filters_and_case_number_search(client, demo_world):
    client.force_login(_user("lead"))
    case = Case.objects.order_by("pk").first()
    number = case.case_number.rsplit("-", 1)[1]
    bangla = number.translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"))
    html = client.get("/en/cases/", {"q": bangla}).content.decode()
    assert case.case_number in html
    html = client.get("/en/cases/", {"status": ["closed"]}).content.decode()
    assert all(c.case_number in html for c in Case.objects.filter(status="closed")[:3])
    assert client.get("/en/cases/", {"received_from": "not a date", "district": "abc", "page": "999"}).status_code == 200


def _count_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _add_rows_of_every_kind(case, user, n):
    """n more rows of every kind the case page shows: categories and sub-categories, checklist items,
    attachments (each of a document type), perpetrators, comments, interventions, follow-ups, workflow
    steps, referrals, external referrals, and edits in the audit log."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from casework import services
    from casework.models import (
        Comment, ExternalReferral, FollowUp, Intervention, InterventionType, Perpetrator, Referral, Transition,
    )
    from casework.uploads import validate_upload
    from knowledge.models import SubCategory
    from tests.factories import CaseCategoryFactory, DocumentTypeFactory

    kind = InterventionType.objects.first()
    for i in range(n):
        category = CaseCategoryFactory()
        case.categories.add(category)
        case.sub_categories.add(SubCategory.objects.create(category=category, code=f"sub-{i}", name=f"Sub {i}",
                                                           locale=category.locale))
        document = DocumentTypeFactory()
        ChecklistItem.objects.create(case=case, document_type=document)
        upload = SimpleUploadedFile(f"doc{i}.pdf", PDF, "application/pdf")
        services.attachment_add(case=case, user=user, upload=upload, detected=validate_upload(upload),
                                document_type_id=DocumentTypeFactory().pk)
        Perpetrator.objects.create(case=case, name=f"Perpetrator {i}")
        Comment.objects.create(case=case, author=user, body=f"Comment {i}")
        Intervention.objects.create(case=case, type=kind, date="2026-01-02", recorded_by=user)
        FollowUp.objects.create(case=case, update=f"Update {i}", next_action="Call", recorded_by=user)
        Transition.objects.create(case=case, action="assign", from_status=case.status, to_status=case.status, actor=user)
        Referral.objects.create(case=case, channel="gmc", created_by=user)
        ExternalReferral.objects.create(case=case, to_kind="ngo", to_name=f"NGO {i}", purpose="Shelter", created_by=user)
        case.justice_seeker.age = 20 + i  # an edit in the history
        case.justice_seeker.save()


def test_list_and_detail_keep_a_constant_number_of_queries(client, demo_people):
    """The case page and the list cost the same number of queries with 1 or 9 rows of every kind,
    and with 3 or 25 cases on the list page (each with its categories and its person shown)."""
    from datetime import timedelta

    from auditlog.models import LogEntry
    from casework.models import ResultType

    lead = _user("lead")
    coordinator = _user("coord.okup1")
    case = make_case(organization=coordinator.profile.organization, upazila=coordinator.profile.upazilas.first(),
                     entered_by=coordinator, post_analysis=True)
    Case.objects.filter(pk=case.pk).update(result=ResultType.objects.first())
    _add_rows_of_every_kind(case, lead, 1)
    # Entered long ago: the audit-log rows above count as later edits in the history.
    LogEntry.objects.update(timestamp=case.created_at - timedelta(days=1))
    _add_rows_of_every_kind(case, lead, 0)
    client.force_login(lead)
    url = f"/en/cases/{case.pk}/"
    _count_queries(client, url)  # warm the caches (content types, locales) as a running server has them
    few = _count_queries(client, url)
    _add_rows_of_every_kind(case, lead, 8)
    many = _count_queries(client, url)
    html = client.get(url).content.decode()
    assert html.count("Perpetrator ") >= 9 and html.count('href="/en/cases/%d/documents/' % case.pk) >= 9
    assert few == many, f"case page: {few} queries with 1 row of each kind, {many} with 9"
    edit = f"/en/cases/{case.pk}/edit/"
    assert _count_queries(client, edit) == _count_queries(client, edit)

    for _ in range(2):
        make_case(organization=coordinator.profile.organization, upazila=coordinator.profile.upazilas.first())
    _count_queries(client, "/en/cases/")
    small = _count_queries(client, "/en/cases/")
    for _ in range(30):
        other = make_case(organization=coordinator.profile.organization, upazila=coordinator.profile.upazilas.first())
        other.categories.add(*case.categories.all()[:3])
    _count_queries(client, "/en/cases/")  # make_case made organisations: their cached list is read again once
    full = _count_queries(client, "/en/cases/")
    assert small == full, f"list page: {small} queries with 3 cases, {full} with a full page"
    assert _count_queries(client, "/en/cases/?page=2") == full
    assert few <= 45 and full <= 25


def test_audit_page_only_for_programme_lead(client, demo_world):
    client.force_login(_user("lead"))
    case = Case.objects.first()
    response = client.get("/en/cases/audit/", {"case": case.case_number, "date": "bad"})
    assert response.status_code == 200
    for username in ("advisor.okup", "meal", "coord.okup1"):
        client.force_login(_user(username))
        assert client.get("/en/cases/audit/").status_code == 403


def test_places_endpoint(client, demo_world):
    from casework.models import Upazila

    client.force_login(_user("coord.okup1"))
    up = Upazila.objects.get(name_en="Debidwar")
    data = client.get("/en/cases/places/", {"level": "union", "parent": str(up.pk)}).json()
    assert len(data["options"]) > 5
    assert client.get("/en/cases/places/", {"level": "x", "parent": "1"}).status_code == 400
