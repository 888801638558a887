"""What the import writes in bulk: every perpetrator of a row, an audit-log entry for every case
and part it creates, and `casework.bulk.insert_rows` itself (COPY on PostgreSQL)."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from casework.bulk import insert_rows
from casework.imports.headers import recognise
from casework.imports.models import ImportJob
from casework.models import Case, JusticeSeeker, Perpetrator, Recruitment

from .conftest import workbook_bytes

pytestmark = pytest.mark.django_db

HEADERS = ["Case Number", "Case Category", "Description", "Name", "Gender", "District", "Passport Number",
           "Agent/ Sub-agent Information",
           "Information on Perpetrator", "Perpetrator Contact Number",
           "Perpetrator Name 2", "Perpetrator Contact Number 2", "Complain against Whom? 2",
           "অভিযুক্তের নাম (৩)", "অভিযুক্তের এনআইডি (৩)", "আত্মীয় কি না (৩)"]


def _row(number, **over):
    values = {
        "number": number, "category": "Visa fraud", "description": "Paid the dalal; no visa came.", "name": "Rahima Khatun",
        "gender": "F", "district": "Cumilla", "passport": f"EB{number[-3:]:0>7}", "agent": "Kashem",
        "p1": "Kashem Dalal", "p1_phone": "01712345678",
        "p2": "Al-Amin Travels", "p2_phone": "০১৮১১-০০০১১১", "p2_kind": "Company",
        "p3": "Rashid", "p3_nid": "১৯৯০১২৩৪৫৬৭৮৯", "p3_relative": "হ্যাঁ, চাচা",
    } | over
    return list(values.values())


@pytest.mark.parametrize("header, field", [
    ("Perpetrator Name 2", "perpetrator_name_2"),
    ("Information on Perpetrator (2)", "perpetrator_name_2"),
    ("অভিযুক্তের নাম (৩)", "perpetrator_name_3"),
    ("Perpetrator NID-5", "perpetrator_nid_5"),
    ("Perpetrator Name", "perpetrator_name"),
    ("Perpetrator Name 6", None),  # more perpetrators than a row can carry: left for the mapping screen
    ("Name 2", None),  # only perpetrator columns are numbered
])
def test_numbered_perpetrator_headers_are_recognised(header, field):
    assert recognise(header) == field


def test_every_perpetrator_of_a_row_is_imported(matrix, lead, okup, tmp_path, capsys):
    path = tmp_path / "register.xlsx"
    path.write_bytes(workbook_bytes([HEADERS, _row("R-001"), _row("R-002", p2="", p2_phone="", p2_kind="", p3="", p3_nid="", p3_relative="")]))
    with translation.override("en"):
        call_command("import_cases", str(path), "--organisation", "OKUP")
    assert capsys.readouterr().out.strip().splitlines()[-1] == "imported=2 updated=0 skipped=0 errors=0"
    first = Case.objects.get(register_number="R-001")
    assert [(p.name, p.kind, p.phone, p.nid, p.is_relative, p.relation) for p in first.perpetrators.all()] == [
        ("Kashem Dalal", "individual", "+8801712345678", "", False, ""),
        ("Al-Amin Travels", "company", "+8801811000111", "", False, ""),
        ("Rashid", "individual", "", "1990123456789", True, "চাচা"),
    ]
    assert list(Case.objects.get(register_number="R-002").perpetrators.values_list("name", flat=True)) == ["Kashem Dalal"]


def test_a_bad_second_perpetrator_fails_the_row_and_names_its_column(matrix, lead, okup, tmp_path, capsys):
    path = tmp_path / "register.xlsx"
    path.write_bytes(workbook_bytes([HEADERS, _row("R-001", p2_phone="12345")]))
    with translation.override("en"):
        call_command("import_cases", str(path), "--organisation", "OKUP")
    out, err = capsys.readouterr()
    assert out.strip().splitlines()[-1] == "imported=0 updated=0 skipped=0 errors=1"
    assert "Perpetrator Contact Number 2:" in err
    assert not Case.objects.exists() and not Perpetrator.objects.exists()


def test_imported_cases_and_their_parts_are_in_the_audit_log(matrix, lead, okup, tmp_path, client):
    path = tmp_path / "register.xlsx"
    path.write_bytes(workbook_bytes([HEADERS, _row("R-001"), _row("R-002")]))
    call_command("import_cases", str(path), "--organisation", "OKUP", "--user", lead.username)
    case = Case.objects.get(register_number="R-001")
    entries = LogEntry.objects.filter(additional_data__case_id=case.pk, action=LogEntry.Action.CREATE)
    by_model = {}
    for entry in entries:
        by_model.setdefault(entry.content_type.model, []).append(entry)
    assert sorted((m, len(e)) for m, e in by_model.items()) == [
        ("case", 1), ("justiceseeker", 1), ("perpetrator", 3), ("recruitment", 1),
    ]
    assert all(entry.actor == lead for entry in entries)
    case_entry = by_model["case"][0]
    assert case_entry.object_pk == str(case.pk) and case_entry.object_repr == case.case_number
    assert case_entry.changes["status"] == ["None", "draft"]
    assert case_entry.changes["organization"] == ["None", str(okup.pk)]
    assert case_entry.changes["categories"]["objects"] == ["ভিসা প্রতারণা"]
    seeker_entry = by_model["justiceseeker"][0]
    assert seeker_entry.object_pk == str(case.justice_seeker.pk)
    assert seeker_entry.changes["passport_number"] == ["None", "EB0000001"]
    assert seeker_entry.content_type == ContentType.objects.get_for_model(JusticeSeeker)
    assert LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Recruitment)).count() == 2

    # The programme lead's audit page finds them by case number.
    client.force_login(lead)
    response = client.get(reverse("casework:audit_log"), {"case": case.case_number})
    assert response.status_code == 200
    shown = {(e.content_type.model, e.object_pk) for e in response.context["changes"].object_list}
    assert shown == {(e.content_type.model, e.object_pk) for e in entries}


def test_web_import_audit_entries_name_the_job(matrix, lead, client):
    client.force_login(lead)
    data = workbook_bytes([HEADERS, _row("R-001")])
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("r.xlsx", data)})
    job = ImportJob.objects.get()
    # The mapping screen (as recognised) starts the dry run; then the commit.
    client.post(reverse("imports:mapping", args=[job.pk]), {f"col_{i}": v for i, v in job.mapping.items()})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED and job.imported == 1
    client.post(reverse("imports:run", args=[job.pk]), {"mode": "commit"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.status
    case = Case.objects.get(register_number="R-001")
    entry = LogEntry.objects.get(additional_data__case_id=case.pk, content_type__model="case")
    assert entry.additional_data["import_job"] == str(job.pk)


def test_insert_rows_fills_defaults_and_returns_ids_in_order(lead, okup):
    rows = [
        {"case_number": f"PRK-2026-9{n:04d}", "organization_id": okup.pk, "entered_by_id": lead.pk,
         "description": f"case {n}", "status": Case._meta.get_field("status").default}
        for n in range(3)
    ]
    ids = insert_rows(Case, rows)
    cases = Case.objects.in_bulk(ids)
    assert [cases[pk].case_number for pk in ids] == [r["case_number"] for r in rows]
    first = cases[ids[0]]
    assert first.applicants_count == 1 and first.consent_given is False and first.other_category == ""
    assert abs((first.created_at - timezone.now()).total_seconds()) < 60
    # The next ordinary save takes a fresh id (the sequence moved past the reserved ones).
    assert Case.objects.create(case_number="PRK-2026-99999", organization=okup, entered_by=lead, description="x").pk > max(ids)


def test_insert_rows_writes_json_and_choices(lead):
    ids = insert_rows(LogEntry, [{
        "content_type_id": ContentType.objects.get_for_model(Case).pk, "object_pk": "1", "object_repr": "x",
        "action": LogEntry.Action.CREATE, "changes": {"a": ["None", "১"]}, "additional_data": {"case_id": 1},
        "actor_id": lead.pk,
    }])
    entry = LogEntry.objects.get(pk=ids[0])
    assert entry.action == LogEntry.Action.CREATE and entry.changes == {"a": ["None", "১"]}
    assert entry.additional_data == {"case_id": 1}


def test_insert_rows_without_returning_lets_the_table_number_the_rows(lead):
    before = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    rows = [{
        "content_type_id": ContentType.objects.get_for_model(Case).pk, "object_pk": str(n), "object_repr": f"x{n}",
        "action": LogEntry.Action.CREATE, "changes": {"name": ["None", "রহিমা"]}, "additional_data": {"case_id": n},
        "actor_id": lead.pk,
    } for n in range(3)]
    assert insert_rows(LogEntry, rows, returning=False) is None
    written = list(LogEntry.objects.filter(pk__gt=before).order_by("pk"))
    assert [(e.object_repr, e.changes, e.additional_data) for e in written] == [
        (f"x{n}", {"name": ["None", "রহিমা"]}, {"case_id": n}) for n in range(3)]
    # The table's own numbering went on from there: the next ordinary save does not collide.
    assert LogEntry.objects.create(content_type_id=rows[0]["content_type_id"], object_pk="9", object_repr="y",
                                   action=LogEntry.Action.CREATE).pk > written[-1].pk


def test_any_of_finds_what_in_finds_with_one_parameter(lead, okup):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    insert_rows(Case, [{"case_number": f"PRK-2026-8{n:04d}", "organization_id": okup.pk, "entered_by_id": lead.pk,
                        "description": "x", "status": "draft"} for n in range(5)])
    wanted = {f"PRK-2026-8{n:04d}" for n in (1, 3)} | {"PRK-1999-00000"}
    with CaptureQueriesContext(connection) as queries:
        found = set(Case.objects.filter(case_number__any_of=wanted).values_list("case_number", flat=True))
    assert found == set(Case.objects.filter(case_number__in=wanted).values_list("case_number", flat=True))
    assert found == {"PRK-2026-80001", "PRK-2026-80003"}
    if connection.vendor == "postgresql":
        assert "= ANY(" in queries[0]["sql"] and " IN (" not in queries[0]["sql"]
    assert not Case.objects.filter(case_number__any_of=[]).exists()
    assert Case.objects.exclude(case_number__any_of=[]).count() == Case.objects.count()


def test_an_import_turns_automatic_garbage_collection_back_on_even_when_it_fails():
    import gc

    from casework.imports.pipeline import _young_collections_only

    assert gc.isenabled()
    with _young_collections_only():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), _young_collections_only():
        raise RuntimeError("a row the database refused")
    assert gc.isenabled()


def test_imports_that_overlap_in_threads_leave_garbage_collection_on():
    """The second run starts while the first is going and ends after it: the first must not turn
    collection back on under the second, and the second must not leave it off."""
    import gc
    import threading

    from casework.imports.pipeline import _young_collections_only

    first_started, second_started, first_done = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def first():
        with _young_collections_only():
            first_started.set()
            second_started.wait(5)
        first_done.set()

    def second():
        first_started.wait(5)
        with _young_collections_only():
            second_started.set()
            first_done.wait(5)
            seen["during"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == {"during": False}
    assert gc.isenabled()
