"""Every view and export of personal data is in the access log (SPEC §6; issue 4, item 2), the
audit page reaches every entry (item 10), the case history shows edits and uploads, and a wrongly
attached document can be removed (item 16)."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from casework.models import AccessLog, Attachment, Case
from casework.services import attachment_add
from casework.uploads import validate_upload
from tests.casework.case_helpers import PDF, edit_data, post_data, user
from tests.factories import make_case, staff_user

pytestmark = pytest.mark.django_db


def _case_of(username, status="draft", **kwargs):
    coordinator = user(username)
    return make_case(organization=coordinator.profile.organization, upazila=coordinator.profile.upazilas.first(),
                     entered_by=coordinator, status=status, **kwargs)


def _attach(case, by, name="receipt.pdf"):
    upload = SimpleUploadedFile(name, PDF, "application/pdf")
    return attachment_add(case=case, user=by, upload=upload, detected=validate_upload(upload))


def test_the_change_form_is_logged_as_a_view_of_both_groups(client, demo_people):
    case = _case_of("coord.okup1")
    advisor = user("advisor.okup")
    client.force_login(advisor)
    assert client.get(f"/en/cases/{case.pk}/edit/").status_code == 200
    logged = set(AccessLog.objects.filter(user=advisor, case=case).values_list("action", flat=True))
    assert logged == {"view_justice_seeker", "view_perpetrator"}


def test_the_case_list_logs_each_case_whose_person_it_shows_in_one_insert(client, demo_people, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    shown = [_case_of("coord.okup1") for _ in range(3)]
    hidden = make_case()  # another organisation: not on this advisor's list at all
    advisor = user("advisor.okup")
    client.force_login(advisor)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/en/cases/").content.decode()
    assert all(case.justice_seeker.name in html for case in shown)
    rows = AccessLog.objects.filter(user=advisor, action="view_justice_seeker")
    assert set(rows.values_list("case_id", flat=True)) == {c.pk for c in shown}
    assert hidden.pk not in set(rows.values_list("case_id", flat=True))
    inserts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("INSERT") and "casework_accesslog" in q["sql"]]
    assert len(inserts) == 1


def test_the_list_logs_nothing_for_a_reader_who_sees_no_names(client, demo_people):
    import rules

    _case_of("coord.okup1")
    advisor = user("advisor.okup")
    saved = rules.permissions.permissions["casework.view_justice_seeker"]
    rules.set_perm("casework.view_justice_seeker", rules.always_deny)
    try:
        client.force_login(advisor)
        client.get("/en/cases/")
    finally:
        rules.set_perm("casework.view_justice_seeker", saved)
    assert not AccessLog.objects.filter(user=advisor).exists()


def test_export_cases_command_is_logged(tmp_path, demo_people, capsys):
    cases = [_case_of("coord.okup1") for _ in range(2)]
    call_command("export_cases", str(tmp_path / "all.xlsx"))
    log = AccessLog.objects.get(action="export")
    assert log.user.username == "lead" and "rows=2" in log.detail and str(tmp_path) not in log.detail
    call_command("export_cases", str(tmp_path / "again.xlsx"), "--user", "advisor.okup")
    assert AccessLog.objects.filter(action="export", user__username="advisor.okup").exists()
    sheet = openpyxl.load_workbook(tmp_path / "all.xlsx").active
    assert sheet.max_row == len(cases) + 1


def test_export_cases_without_anyone_to_log_refuses(tmp_path, db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--user"):
        call_command("export_cases", str(tmp_path / "all.xlsx"))
    with pytest.raises(CommandError):
        call_command("export_cases", str(tmp_path / "all.xlsx"), "--user", "nobody")


def test_export_cases_falls_back_to_a_superuser(tmp_path, db):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root", "root@example.org", "Root-Pass-2026!")
    call_command("export_cases", str(tmp_path / "all.xlsx"))
    assert AccessLog.objects.get(action="export").user == root


def test_a_page_showing_the_post_analysis_is_logged(client, demo_people):
    from casework.models import ResultType

    case = _case_of("coord.okup1", status="result_recorded", post_analysis=True)
    Case.objects.filter(pk=case.pk).update(result=ResultType.objects.first())
    client.force_login(user("lead"))
    html = client.get(f"/en/cases/{case.pk}/").content.decode()
    assert "The sub-agent repaid after mediation." in html
    assert AccessLog.objects.filter(user__username="lead", case=case, action="view_post_analysis").exists()
    # No post-analysis on the page, no such row; a reader without the permission, no such row.
    other = _case_of("coord.okup1")
    client.get(f"/en/cases/{other.pk}/")
    assert not AccessLog.objects.filter(case=other, action="view_post_analysis").exists()
    client.force_login(user("coord.okup1"))
    assert "The sub-agent repaid" not in client.get(f"/en/cases/{case.pk}/").content.decode()
    assert not AccessLog.objects.filter(user__username="coord.okup1", action="view_post_analysis").exists()


# --- The audit page reaches entry 51 and beyond ---------------------------------------------------------
def test_audit_pages_link_to_the_next_page_with_the_filters(client, demo_people):
    from django.utils import timezone
    from datetime import timedelta

    lead = user("lead")
    case = _case_of("coord.okup1")
    now = timezone.now()
    AccessLog.objects.bulk_create([AccessLog(user=lead, case=case, action="view_justice_seeker", detail=f"row {i}",
                                             created_at=now - timedelta(minutes=i)) for i in range(1, 56)])
    client.force_login(lead)
    html = client.get("/en/cases/audit/", {"case": case.case_number}).content.decode()
    assert "row 1<" in html and "row 51<" not in html
    link = f'?case={case.case_number}&amp;rpage=2'
    assert link in html
    second = client.get("/en/cases/audit/", {"case": case.case_number, "rpage": "2"}).content.decode()
    assert "row 51<" in second and "row 55<" in second and "row 1<" not in second
    assert f'?case={case.case_number}&amp;rpage=1' in second  # back, still filtered
    assert "Page 2 of 2" in second


def test_audit_change_pages_too(client, demo_people):
    from auditlog.models import LogEntry

    case = _case_of("coord.okup1")
    lead = user("lead")
    for i in range(60):
        case.justice_seeker.age = 20 + i
        case.justice_seeker.save()
    client.force_login(lead)
    html = client.get("/en/cases/audit/", {"case": case.case_number}).content.decode()
    assert "cpage=2" in html
    entries = LogEntry.objects.filter(additional_data__case_id=case.pk).count()
    second = client.get("/en/cases/audit/", {"case": case.case_number, "cpage": "2"})
    assert len(second.context["changes"].object_list) == entries + 1 - 50 or len(second.context["changes"].object_list) > 0


# --- The history shows edits and uploads ---------------------------------------------------------------
def test_history_shows_edits_and_uploads_without_values(client, demo_people):
    from datetime import timedelta

    from auditlog.models import LogEntry

    case = _case_of("coord.okup1")
    coordinator = user("coord.okup1")
    # The case was entered a while ago: what follows is a correction, not part of the entry.
    LogEntry.objects.filter(additional_data__case_id=case.pk).update(timestamp=case.created_at - timedelta(days=2))
    LogEntry.objects.filter(content_type__model="case", object_pk=str(case.pk)).update(timestamp=case.created_at - timedelta(days=2))
    client.force_login(coordinator)
    data = edit_data(client.get(f"/en/cases/{case.pk}/edit/").context["forms"],
                     **{"js-name": "Rahima Corrected", "js-phone": "01711999888", "case-source": "1"})
    assert client.post(f"/en/cases/{case.pk}/edit/", data).status_code == 302
    _attach(case, coordinator, name="রহিমা passport.pdf")
    html = client.get(f"/en/cases/{case.pk}/").content.decode()
    timeline = html.split('id="timeline"')[1]
    assert "Case record changed" in timeline
    assert "justice seeker: name" in timeline and "justice seeker: contact number" in timeline
    assert "Rahima Corrected" not in timeline and "01711999888" not in timeline
    assert "Document attached" in timeline and "রহিমা" not in timeline  # a file name can hold a name


# --- Removing a wrongly attached document ----------------------------------------------------------------
def test_the_uploader_removes_a_document_while_the_case_is_in_input(client, demo_people, django_capture_on_commit_callbacks):
    from auditlog.models import LogEntry

    case = _case_of("coord.okup1")
    coordinator = user("coord.okup1")
    attachment = _attach(case, coordinator)
    path = attachment.file.path
    client.force_login(coordinator)
    assert "Yes, remove this document" in client.get(f"/en/cases/{case.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/cases/{case.pk}/documents/{attachment.pk}/remove/")
    assert response.status_code == 302
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    import os

    assert not os.path.exists(path)
    assert LogEntry.objects.filter(content_type__model="attachment", object_pk=str(attachment.pk),
                                   action=LogEntry.Action.DELETE, actor=coordinator).exists()


@pytest.mark.parametrize("who,status,allowed", [
    ("lead", "draft", True), ("lead", "returned", True), ("lead", "primary_review", False),
    ("coord.okup1", "primary_review", False), ("advisor.okup", "draft", False), ("coord.rmmru1", "draft", None),
])
def test_who_may_remove_a_document(client, demo_people, who, status, allowed):
    case = _case_of("coord.okup1", status=status)
    attachment = _attach(case, user("coord.okup1"))
    client.force_login(user(who))
    response = client.post(f"/en/cases/{case.pk}/documents/{attachment.pk}/remove/")
    expected = {True: 302, False: 403, None: 404}[allowed]
    assert response.status_code == expected
    assert Attachment.objects.filter(pk=attachment.pk).exists() is (not allowed)
    assert client.get(f"/en/cases/{case.pk}/documents/{attachment.pk}/remove/").status_code in (404, 405)
