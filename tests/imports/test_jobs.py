"""Import jobs: the language a background run reports in, the access log for the personal data the
screens show, a job whose worker died, the progress text, and database errors in plain words."""

import datetime as dt
import io
import logging

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone, translation

from casework.imports import pipeline
from casework.imports.models import ImportJob
from casework.imports.tasks import run_import_job
from casework.models import AccessLog, Case

from .conftest import workbook_bytes

pytestmark = pytest.mark.django_db

HEADERS = ["Case Number", "Case Category", "Description", "Name", "Gender", "District", "Contact Number"]


def rows(n, bad_phone_at=None):
    return [[f"C-{i}", "Visa fraud", "Paid for a visa", f"Worker {i}", "F", "Dhaka",
             "12345" if i == bad_phone_at else f"0171{i:07d}"] for i in range(1, n + 1)]


@pytest.fixture
def background(settings):
    settings.IMPORT_BACKGROUND_ROWS = 2
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _upload(client, lang, data):
    with translation.override(lang):
        url = reverse("imports:upload")
    client.post(url, {"file": SimpleUploadedFile("register.xlsx", data)})
    job = ImportJob.objects.latest("created_at")
    with translation.override(lang):
        mapping_url = reverse("imports:mapping", args=[job.pk])
    client.post(mapping_url, {f"col_{i}": v for i, v in job.mapping.items()})
    job.refresh_from_db()
    return job


def _report_cells(client, job, lang):
    with translation.override(lang):
        response = client.get(reverse("imports:report", args=[job.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [[c.value for c in r] for r in sheet.iter_rows()]


def test_a_queued_job_reports_in_the_language_of_the_person_who_started_it(client, lead, matrix, background):
    client.force_login(lead)
    job = _upload(client, "en", workbook_bytes([HEADERS, *rows(4, bad_phone_at=3)]))
    assert job.status == ImportJob.Status.QUEUED and job.language == "en"
    with translation.override("bn"):  # the worker's own language (settings.LANGUAGE_CODE)
        run_import_job.call(str(job.pk), True, job.attempt)
    job.refresh_from_db()
    assert job.errors == 1
    assert job.report[0]["errors"] == ["Contact Number: not a Bangladeshi mobile number (01XXXXXXXXX)"]
    # The report, downloaded from a Bangla page: its headings in the job's language, like its reasons.
    cells = _report_cells(client, job, "bn")
    assert cells[0][:3] == ["Row", "Result", "Errors"]
    assert cells[1][2] == "Contact Number: not a Bangladeshi mobile number (01XXXXXXXXX)"


def test_bangla_a_job_started_in_bangla_reports_in_bangla_from_an_english_worker(client, lead, matrix, background):
    client.force_login(lead)
    job = _upload(client, "bn", workbook_bytes([HEADERS, *rows(4, bad_phone_at=3)]))
    assert job.language == "bn"
    with translation.override("en"):
        run_import_job.call(str(job.pk), True, job.attempt)
    job.refresh_from_db()
    assert job.report[0]["errors"] == ["Contact Number: বাংলাদেশের মোবাইল নম্বর নয় (01XXXXXXXXX)"]
    with translation.override("bn"):
        assert _report_cells(client, job, "en")[0][0] == translation.gettext("Row")


def test_the_mapping_examples_and_the_error_report_are_in_the_access_log(client, lead, matrix):
    client.force_login(lead)
    job = _upload(client, "en", workbook_bytes([HEADERS, *rows(5, bad_phone_at=2)]))
    AccessLog.objects.all().delete()  # the upload's own mapping page view
    client.get(reverse("imports:mapping", args=[job.pk]))
    client.get(reverse("imports:report", args=[job.pk]))
    view, export = AccessLog.objects.order_by("created_at", "id")
    assert (view.user, view.action, view.case) == (lead, AccessLog.Action.VIEW_JUSTICE_SEEKER, None)
    assert view.detail == f"import column examples; job={job.pk}; rows=3"
    assert (export.user, export.action, export.case) == (lead, AccessLog.Action.EXPORT, None)
    assert export.detail == f"import error report; job={job.pk}; rows=1"
    for entry in (view, export):
        assert "Worker" not in entry.detail and "0171" not in entry.detail


def test_a_job_whose_worker_died_is_marked_failed_and_can_start_again(client, lead, matrix, background):
    client.force_login(lead)
    job = _upload(client, "en", workbook_bytes([HEADERS, *rows(4)]))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, processed_rows=2,
                                               heartbeat_at=timezone.now() - dt.timedelta(minutes=16))
    status = client.get(reverse("imports:status", args=[job.pk])).json()
    assert (status["status"], status["running"]) == ("failed", False)
    page = client.get(reverse("imports:progress", args=[job.pk])).content.decode()
    assert "made no progress for 15 minutes" in page and "Check the rows again" in page

    # The old task, should it ever start, finds the job superseded and does nothing.
    run_import_job.call(str(job.pk), True, job.attempt)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    client.post(reverse("imports:run", args=[job.pk]), {"mode": "check"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED and job.attempt == 2
    run_import_job.call(str(job.pk), True, job.attempt)
    job.refresh_from_db()
    assert (job.status, job.imported) == (ImportJob.Status.CHECKED, 4)


def test_a_job_with_recent_progress_is_left_running(client, lead, matrix, background):
    client.force_login(lead)
    job = _upload(client, "en", workbook_bytes([HEADERS, *rows(4)]))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING,
                                               heartbeat_at=timezone.now() - dt.timedelta(minutes=14))
    assert client.get(reverse("imports:status", args=[job.pk])).json()["running"] is True


def test_a_failed_import_can_be_committed_again(client, lead, matrix, background):
    client.force_login(lead)
    job = _upload(client, "en", workbook_bytes([HEADERS, *rows(4)]))
    run_import_job.call(str(job.pk), True, job.attempt)
    client.post(reverse("imports:run", args=[job.pk]), {"mode": "commit"})
    job.refresh_from_db()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, failure=ImportJob.STALLED)
    page = client.get(reverse("imports:progress", args=[job.pk])).content.decode()
    assert "Start the import again" in page
    client.post(reverse("imports:run", args=[job.pk]), {"mode": "commit"})
    job.refresh_from_db()
    run_import_job.call(str(job.pk), False, job.attempt)
    job.refresh_from_db()
    assert (job.status, job.imported) == (ImportJob.Status.DONE, 4)


@pytest.mark.parametrize("lang, text", [("en", "2 of 4 rows"), ("bn", "৪টির মধ্যে ২টি সারি")])
def test_the_status_carries_the_rows_text_for_the_progress_page(client, lead, matrix, background, lang, text):
    """The progress page's script writes it into "N of M rows" (static/imports/progress.js)."""
    client.force_login(lead)
    job = _upload(client, "en", workbook_bytes([HEADERS, *rows(4)]))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, processed_rows=2, heartbeat_at=timezone.now())
    with translation.override(lang):
        url = reverse("imports:status", args=[job.pk])
    assert client.get(url).json()["count_label"] == text


def test_a_database_error_is_reported_plainly_and_logged_without_personal_data(client, lead, matrix, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise IntegrityError('duplicate key value violates unique constraint "x" DETAIL: Key (name)=(Worker 1) already exists.')

    monkeypatch.setattr(pipeline, "insert_rows", refuse)
    monkeypatch.setattr(pipeline.ImportRun, "_create_one", lambda self, parsed: refuse())
    client.force_login(lead)
    job = _upload(client, "en", workbook_bytes([HEADERS, *rows(1)]))
    with caplog.at_level(logging.WARNING, logger="protikar.imports"):
        client.post(reverse("imports:run", args=[job.pk]), {"mode": "commit"})
    job.refresh_from_db()
    assert job.errors == 1 and not Case.objects.exists()
    message = job.report[0]["errors"][0]
    assert message.startswith("This row could not be saved: the database refused one of its values.")
    assert "duplicate key" not in message and "Worker 1" not in message
    assert "Import row 2 not saved" in caplog.text and "IntegrityError" in caplog.text
    assert "Worker 1" not in caplog.text
