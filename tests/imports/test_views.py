"""The import screens: permission, refusals with a clear message (never a 500), mapping saved per
organisation, dry run then commit, error report, background path."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework.imports.models import ColumnMapping, ImportJob
from casework.models import Case
from tests.factories import staff_user

from .conftest import workbook_bytes

pytestmark = pytest.mark.django_db

HEADERS = ["Case Number", "Case Category", "Description", "Name", "Gender", "District", "Mobile of the worker"]


def rows(n, start=1):
    return [[f"C-{i}", "Visa fraud", "Paid for a visa", f"Worker {i}", "F", "Dhaka", f"0171{i:07d}"] for i in range(start, start + n)]


def upload(client, data, name="register.xlsx", **extra):
    return client.post(reverse("imports:upload"), {"file": SimpleUploadedFile(name, data), **extra})


@pytest.fixture
def lead_client(client, lead):
    client.force_login(lead)
    return client


def test_only_the_programme_lead_may_import(client, okup):
    for role in ("field_coordinator", "primary_advisor", "legal_advisor", "meal_analyst", "system_admin"):
        client.force_login(staff_user(roles=[role], organization=okup))
        assert client.get(reverse("imports:upload")).status_code == 403
        assert upload(client, workbook_bytes([HEADERS, *rows(1)])).status_code == 403


def test_someone_elses_job_is_not_found(lead_client, matrix, lead_org, client):
    response = upload(lead_client, workbook_bytes([HEADERS, *rows(2)]))
    job = ImportJob.objects.get()
    other = staff_user(roles=["programme_lead"], organization=lead_org)
    client.force_login(other)
    assert client.get(reverse("imports:progress", args=[job.pk])).status_code == 404
    assert client.get(reverse("imports:report", args=[job.pk])).status_code == 404
    assert response.status_code == 302


def _encrypted_like() -> bytes:
    # What Excel writes for a password-protected workbook: an OLE2 container, not a zip.
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "EncryptionInfo".encode("utf-16-le")


def _xls_like() -> bytes:
    # An Excel 97-2003 file: the same container, holding a "Workbook" stream.
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "Workbook".encode("utf-16-le")


def _word_like() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "WordDocument".encode("utf-16-le")


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize("data,name,words", [
    (b"", "empty.xlsx", "empty"),
    (_encrypted_like(), "secret.xlsx", "protected with a password"),
    (_xls_like(), "old.xls", "old Excel file (.xls)"),
    (_word_like(), "letter.doc", "not a spreadsheet"),
    (_zip_without_workbook(), "fake.xlsx", "not an Excel workbook"),
    (_zip_bomb(), "bomb.xlsx", "too large once unpacked"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100, "photo.xlsx", "not a spreadsheet"),
    ("Name,Gender\nরহিমা,F\n".encode("utf-16-be"), "a.csv", "CSV UTF-8"),  # UTF-16 without its marker
    ("Name,Gender\nরহিমা,F\n".encode("utf-16-le"), "a.csv", "CSV UTF-8"),
    ("Name;Gender\nRahima;F\n".encode("cp1252") + "é".encode("cp1252"), "a.csv", "UTF-8"),
    (b"just,some,words\n1,2,3\n", "a.csv", "No header row"),
    (b"PK\x03\x04broken zip", "broken.xlsx", "damaged"),
])
def test_bad_files_are_refused_with_a_clear_message(lead_client, data, name, words):
    response = upload(lead_client, data, name)
    assert response.status_code == 200
    assert words in response.content.decode()
    assert not ImportJob.objects.exists()


def test_oversized_file_is_refused(lead_client, settings):
    settings.IMPORT_MAX_BYTES = 1024
    response = upload(lead_client, workbook_bytes([HEADERS, *rows(50)]))
    assert response.status_code == 200 and "larger than" in response.content.decode()


def test_upload_map_check_then_import(lead_client, matrix, okup, lead_org):
    data = workbook_bytes([HEADERS, *rows(3), ["C-9", "Lottery", "x", "W", "F", "Dhaka", ""]], title="Register", merge_title_over=4)
    response = upload(lead_client, data, organization=okup.pk)
    job = ImportJob.objects.get()
    assert response.url == reverse("imports:mapping", args=[job.pk])
    assert job.header_row == 2 and job.total_rows == 4

    page = lead_client.get(response.url)
    assert page.status_code == 200 and "Mobile of the worker" in page.content.decode()
    # "Mobile of the worker" is not a known label: the person maps it.
    form = {f"col_{i}": v for i, v in enumerate(["case_number", "categories", "description", "name", "gender", "district", "phone"])}
    response = lead_client.post(reverse("imports:mapping", args=[job.pk]), form)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "checked" and (job.imported, job.errors) == (3, 1)
    assert Case.objects.count() == 0  # a dry run saves nothing
    assert ColumnMapping.objects.get(organization=okup).field == "phone"

    page = lead_client.get(reverse("imports:progress", args=[job.pk])).content.decode()
    assert "Lottery" in page

    report = lead_client.get(reverse("imports:report", args=[job.pk]))
    assert report.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(report.content)).active
    assert sheet.cell(2, 1).value == 6 and "Lottery" in sheet.cell(2, 3).value  # title 1, header 2, rows 3-6

    lead_client.post(reverse("imports:run", args=[job.pk]), {"mode": "commit"})
    job.refresh_from_db()
    assert job.status == "done" and job.imported == 3
    assert Case.objects.filter(organization=okup).count() == 3
    assert Case.objects.get(register_number="C-2").justice_seeker.phone == "+8801710000002"

    # The next file from OKUP: the remembered mapping applies without asking again.
    upload(lead_client, workbook_bytes([HEADERS, *rows(1, start=20)]), organization=okup.pk)
    second = ImportJob.objects.order_by("-created_at").first()
    assert second.mapping["6"] == "phone"


def test_commit_needs_a_dry_run_first(lead_client, matrix):
    upload(lead_client, workbook_bytes([HEADERS, *rows(2)]))
    job = ImportJob.objects.get()
    lead_client.post(reverse("imports:run", args=[job.pk]), {"mode": "commit"})
    assert Case.objects.count() == 0


def test_long_registers_run_as_a_task_and_report_progress(lead_client, matrix, settings):
    settings.IMPORT_BACKGROUND_ROWS = 5
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    upload(lead_client, workbook_bytes([HEADERS, *rows(12)]))
    job = ImportJob.objects.get()
    form = {f"col_{i}": v for i, v in enumerate(["case_number", "categories", "description", "name", "gender", "district", "phone"])}
    lead_client.post(reverse("imports:mapping", args=[job.pk]), form)
    job.refresh_from_db()
    assert job.status == "queued" and job.task_id  # waiting for the worker
    status = lead_client.get(reverse("imports:status", args=[job.pk])).json()
    assert status["running"] is True and status["total"] == 12 and status["percent"] == 0
    # The worker runs the task (here: directly), and the page shows the end state.
    from casework.imports.tasks import run_import_job

    run_import_job.call(str(job.pk), True)
    status = lead_client.get(reverse("imports:status", args=[job.pk])).json()
    assert (status["running"], status["percent"], status["imported"]) == (False, 100, 12)
