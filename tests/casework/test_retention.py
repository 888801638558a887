"""Retention: dry run first, then removal of names, contacts, documents and free text from cases that
ended N years ago, keeping the anonymised figures the reports need; audited; idempotent."""

from io import StringIO

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from casework.models import (
    Attachment, Case, Comment, FollowUp, JusticeSeeker, Perpetrator, PostAnalysis, Recruitment, Transition,
)
from casework.retention import REMOVED, apply_retention, due_cases
from tests.factories import make_case

pytestmark = pytest.mark.django_db
YEARS_AGO_6 = timezone.now() - timezone.timedelta(days=6 * 366)
YEARS_AGO_3 = timezone.now() - timezone.timedelta(days=3 * 366)


def ended(status="closed", when=YEARS_AGO_6, **kwargs):
    case = make_case(status=status, post_analysis=True, **kwargs)
    Case.objects.filter(pk=case.pk).update(closed_at=when if status == "closed" else None, status_changed_at=when,
                                           register_number="OKUP-REG-77", result_detail="Recovered from Kashem")
    user = case.entered_by
    Comment.objects.create(case=case, author=user, body="Rahima says the dalal threatened her brother.")
    FollowUp.objects.create(case=case, update="Called Rahima on 01712345678", next_action="Visit", recorded_by=user)
    Transition.objects.create(case=case, action="submit", from_status="draft", to_status="primary_review",
                              actor=user, note="Rahima's passport is with the agent")
    attachment = Attachment(case=case, title="Passport copy", original_name="passport.pdf",
                            content_type="application/pdf", size=4, uploaded_by=user)
    attachment.file.save("passport.pdf", ContentFile(b"%PDF"), save=False)
    attachment.save()
    return Case.objects.get(pk=case.pk)


@pytest.fixture(autouse=True)
def remove_attachment_files(settings):
    """Test files go to the shared private storage, which a database rollback does not empty (and files of
    removed attachments are deleted only on commit, which these tests never reach)."""
    import os

    root = str(settings.PRIVATE_MEDIA_ROOT)

    def files():
        return {os.path.join(d, f) for d, _dirs, names in os.walk(root) for f in names}

    before = files()
    yield
    for path in files() - before:
        os.remove(path)


@pytest.fixture
def cases(db, admin_actor):
    return {
        "old_closed": ended(),
        "old_declined": ended(status="declined"),
        "recent_closed": ended(when=YEARS_AGO_3),
        "old_open": make_case(status="in_redress"),
    }


@pytest.fixture
def admin_actor(demo_people, django_user_model):
    return django_user_model.objects.get(username="sysadmin")


def figures(case_ids):
    """What the reports read: none of it may change."""
    rows = []
    for case in Case.objects.filter(pk__in=case_ids).order_by("pk"):
        js = JusticeSeeker.objects.filter(case=case).first()
        rows.append((case.case_number, case.status, case.closed_at, case.organization_id, case.district_id,
                     case.upazila_id, case.destination_country_id, case.migration_cost,
                     sorted(case.categories.values_list("pk", flat=True)),
                     js and (js.gender, js.age), case.perpetrators.count(), case.referrals.count()))
    return rows


def test_dry_run_lists_and_changes_nothing(cases):
    before = figures([c.pk for c in cases.values()])
    out = StringIO()
    call_command("apply_retention", stdout=out)
    text = out.getvalue()
    assert "DRY RUN" in text and "cases=2" in text
    assert "files: 2" in text
    assert JusticeSeeker.objects.get(case=cases["old_closed"]).name != REMOVED
    assert Attachment.objects.filter(case=cases["old_closed"]).exists()
    assert not LogEntry.objects.filter(changes__has_key="retention").exists()
    assert figures([c.pk for c in cases.values()]) == before


def test_run_removes_personal_data_and_keeps_the_figures(cases, admin_actor, django_capture_on_commit_callbacks):
    ids = [c.pk for c in cases.values()]
    before = figures(ids)
    old = cases["old_closed"]
    file_name = Attachment.objects.get(case=old).file.name
    storage = Attachment.objects.get(case=old).file.storage
    assert storage.exists(file_name)

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # files are deleted once the database commits
        call_command("apply_retention", "--apply", "--by", "sysadmin", stdout=out)
    assert "APPLIED" in out.getvalue() and "cases=2" in out.getvalue()

    for key in ("old_closed", "old_declined"):
        case = Case.objects.get(pk=cases[key].pk)
        js = JusticeSeeker.objects.get(case=case)
        assert js.name == REMOVED and js.phone == "" and js.passport_number == "" and js.village == ""
        assert all(p.name == REMOVED and p.phone == "" for p in Perpetrator.objects.filter(case=case))
        rec = Recruitment.objects.get(case=case)
        assert rec.agent_name == "" and rec.agent_phone == ""
        assert case.description == "" and case.register_number == "" and case.result_detail == ""
        assert PostAnalysis.objects.get(case=case).analysis == REMOVED
        assert not Comment.objects.filter(case=case).exclude(body=REMOVED).exists()
        assert FollowUp.objects.get(case=case).update == REMOVED
        assert Transition.objects.get(case=case).note == ""
        assert not Attachment.objects.filter(case=case).exists()
        # Audited: who, when, under which rule.
        entry = LogEntry.objects.get(object_id=case.pk, changes__has_key="retention")
        assert entry.actor == admin_actor and "5 years" in entry.changes["retention"][1]
    assert not storage.exists(file_name)

    # Recent and open cases are untouched.
    for key in ("recent_closed", "old_open"):
        js = JusticeSeeker.objects.get(case=cases[key])
        assert js.name != REMOVED and js.phone
    assert Attachment.objects.filter(case=cases["recent_closed"]).exists()
    # The figures the reports need are all still there.
    assert figures(ids) == before


def test_audit_history_keeps_who_and_when_but_not_old_values(cases):
    old = cases["old_closed"]
    js = JusticeSeeker.objects.get(case=old)
    original_name = js.name
    js.phone = "+8801999999999"
    js.save()  # an ordinary change: auditlog keeps old and new values
    entry = LogEntry.objects.filter(object_pk=str(js.pk), content_type__model="justiceseeker").latest("timestamp")
    assert "+8801999999999" in str(entry.changes)
    apply_retention(apply=True)
    for entry in LogEntry.objects.filter(additional_data__case_id=old.pk):
        text = f"{entry.changes} {entry.changes_text} {entry.object_repr} {entry.serialized_data}"
        assert "+8801999999999" not in text and original_name not in text
    case_entries = LogEntry.objects.filter(content_type__model="case", object_id=old.pk)
    assert case_entries.exists() and all(e.object_repr == old.case_number for e in case_entries)


def test_running_again_changes_nothing(cases):
    first = apply_retention(apply=True)
    assert len(first.cases) == 2
    second = apply_retention(apply=True)
    assert second.cases == []
    assert LogEntry.objects.filter(changes__has_key="retention").count() == 2


def test_years_are_configurable(cases, settings):
    assert {c.case_number for c in due_cases()} == {cases["old_closed"].case_number, cases["old_declined"].case_number}
    settings.RETENTION_YEARS_AFTER_CLOSURE = 2
    assert len(due_cases()) == 3
    assert len(due_cases(years=10)) == 0
    with time_machine.travel(timezone.now() + timezone.timedelta(days=5 * 366)):
        assert len(due_cases(years=9)) == 2  # 11 and 8 years ago now


def test_apply_needs_a_system_admin(cases):
    with pytest.raises(CommandError):
        call_command("apply_retention", "--apply", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("apply_retention", "--apply", "--by", "lead", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("apply_retention", "--years", "0", stdout=StringIO())
    assert JusticeSeeker.objects.get(case=cases["old_closed"]).name != REMOVED


def test_queries_per_case_are_bounded(cases):
    """Bulk updates per part, not per row: the cost of a case does not grow with its notes and people."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case = ended()
    for _ in range(10):
        Comment.objects.create(case=case, author=case.entered_by, body="more notes about Rahima")
    with CaptureQueriesContext(connection) as q:
        summary = apply_retention(apply=True)
    assert len(summary.cases) == 3
    assert len(q.captured_queries) <= 3 * 45


# --- Imports: uploaded registers, their reports, and register keys ---------------------------------

def _import_job(user, *, finished_days_ago=None, created_days_ago=0):
    from casework.imports.models import ImportJob

    job = ImportJob(created_by=user, original_name="Rahima Begum register.xlsx", size=4,
                    status=ImportJob.Status.DONE if finished_days_ago is not None else ImportJob.Status.MAPPING,
                    report=[{"row": 7, "action": "error", "errors": ["Passport EB1234567: already in case PRK-2026-00001"],
                             "warnings": []}], failure="")
    job.file.save(f"{job.pk}.upload", ContentFile(b"PK\x03\x04 Rahima EB1234567"), save=False)
    job.save()
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(
        created_at=now - timezone.timedelta(days=max(created_days_ago, finished_days_ago or 0)),
        finished_at=None if finished_days_ago is None else now - timezone.timedelta(days=finished_days_ago),
    )
    return ImportJob.objects.get(pk=job.pk)


@pytest.fixture
def imports(admin_actor):
    user = admin_actor
    return {
        "old": _import_job(user, finished_days_ago=31),
        "abandoned": _import_job(user, created_days_ago=45),  # uploaded, never run
        "recent": _import_job(user, finished_days_ago=10),
    }


def test_dry_run_lists_import_uploads_and_changes_nothing(imports):
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "uploads and reports=2" in out.getvalue()
    old = type(imports["old"]).objects.get(pk=imports["old"].pk)
    assert old.file.name and old.report and old.file.storage.exists(old.file.name)


def test_import_uploads_and_reports_go_after_the_set_days(imports, admin_actor, django_capture_on_commit_callbacks):
    from casework.imports.models import ImportJob

    names = {key: job.file.name for key, job in imports.items()}
    storage = imports["old"].file.storage
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("apply_retention", "--apply", "--by", "sysadmin", stdout=out)
    assert "uploads and reports=2" in out.getvalue()
    for key in ("old", "abandoned"):
        job = ImportJob.objects.get(pk=imports[key].pk)
        assert (job.file.name, job.report, job.failure, job.original_name) == ("", [], "", REMOVED)
        assert not storage.exists(names[key])
        entry = LogEntry.objects.get(object_pk=str(job.pk), changes__has_key="retention")
        assert entry.actor == admin_actor and "30 days" in entry.changes["retention"][1]
        assert "Rahima" not in f"{entry.object_repr} {entry.changes}"
        assert job.imported == imports[key].imported  # the counts stay
    recent = ImportJob.objects.get(pk=imports["recent"].pk)
    assert recent.report and storage.exists(names["recent"])

    again = apply_retention(apply=True)
    assert again.imports == 0
    assert LogEntry.objects.filter(content_type__model="importjob").count() == 2


def test_an_old_upload_that_is_running_again_keeps_its_file(imports):
    from casework.imports.models import ImportJob

    ImportJob.objects.filter(pk=imports["abandoned"].pk).update(status=ImportJob.Status.RUNNING)
    apply_retention(apply=True)
    job = ImportJob.objects.get(pk=imports["abandoned"].pk)
    assert job.file.name and job.report


def test_import_days_are_a_setting(imports, settings):
    assert apply_retention().imports == 2
    settings.IMPORT_RETENTION_DAYS = 5
    assert apply_retention().imports == 3
    assert apply_retention(import_days=60).imports == 0
    with pytest.raises(CommandError):
        call_command("apply_retention", "--import-days", "0", stdout=StringIO())


def _imported(case, key):
    from casework.imports.models import ImportedRecord

    return ImportedRecord.objects.create(case=case, organization=case.organization, key=key,
                                         fingerprint="f" * 64, imported_by=case.entered_by)


def test_register_keys_of_anonymised_cases_name_no_one(cases):
    from casework.imports.models import ImportedRecord

    old = _imported(cases["old_closed"], "passport:EB1234567")
    declined = _imported(cases["old_declined"], "no:OKUP-REG-77")
    recent = _imported(cases["recent_closed"], "passport:EC7654321")
    assert apply_retention().import_keys == 2  # dry run counts, changes nothing
    assert ImportedRecord.objects.get(pk=old.pk).key == "passport:EB1234567"

    apply_retention(apply=True)
    for record, case in ((old, cases["old_closed"]), (declined, cases["old_declined"])):
        record.refresh_from_db()
        assert (record.key, record.fingerprint) == (f"retained:{case.pk}", "")
    assert ImportedRecord.objects.get(pk=recent.pk).key == "passport:EC7654321"


def test_keys_left_by_an_earlier_retention_run_are_replaced_once(cases, admin_actor):
    """Cases anonymised before keys were handled keep 'passport:…': the next run fixes them, audited."""
    from casework.imports.models import ImportedRecord

    apply_retention(apply=True)
    record = _imported(cases["old_closed"], "passport:EB1234567")
    summary = apply_retention(apply=True, actor=admin_actor)
    assert summary.cases == [] and summary.import_keys == 1
    record.refresh_from_db()
    assert record.key == f"retained:{cases['old_closed'].pk}"
    entry = LogEntry.objects.get(object_id=cases["old_closed"].pk, changes__has_key="import_key")
    assert entry.actor == admin_actor
    assert apply_retention(apply=True).import_keys == 0
    assert ImportedRecord.objects.get(pk=record.pk).key == f"retained:{cases['old_closed'].pk}"


@pytest.mark.parametrize("language", ["en", "bn"])
def test_an_import_whose_file_is_gone_says_so_and_cannot_run(imports, admin_actor, client, demo_people,
                                                               django_user_model, language):
    from casework.imports.models import ImportJob

    lead = django_user_model.objects.get(username="lead")
    ImportJob.objects.filter(pk=imports["old"].pk).update(created_by=lead, status=ImportJob.Status.CHECKED,
                                                          dry_run=True)
    apply_retention(apply=True)
    job = ImportJob.objects.get(pk=imports["old"].pk)
    assert job.file_removed
    client.force_login(lead)
    base = f"/{language}/imports/{job.pk}/"
    page = client.get(base)
    html = page.content.decode()
    expected = {"en": "deleted 30 days after the import", "bn": "৩০"}[language]
    assert page.status_code == 200 and expected in html
    assert 'name="mode" value="commit"' not in html and "report.xlsx" not in html
    assert client.get(f"{base}columns/").status_code == 302
    response = client.post(f"{base}run/", {"mode": "check"}, follow=True)
    assert response.status_code == 200
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.CHECKED  # not started
    assert {"en": "upload it again", "bn": "আবার"}[language] in response.content.decode()
    assert client.get(f"{base}report.xlsx").status_code == 404
