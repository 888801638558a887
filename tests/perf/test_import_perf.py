"""Import benchmark: a 10,000-row register, next to openpyxl's bare read of the same file.

Run with `make bench` (excluded from `make test`). Figures go to docs/performance.md ("Import").
The import reads the file with python-calamine (it has no formulas); openpyxl's bare read is the
reference the issue asks for.
"""

import io
import random
import time

import openpyxl
import pytest
import xlsxwriter

from casework.imports.headers import auto_mapping
from casework.imports.pipeline import ImportRun
from casework.imports.reader import read_sheet
from casework.models import Case, District, Organization
from tests.factories import CaseCategoryFactory, OrganizationFactory, staff_user

pytestmark = [pytest.mark.perf, pytest.mark.django_db]

ROWS = 10_000
HEADERS = ["Case Number", "Case Category", "Description of Case (5W1H)", "Date", "Name", "Gender", "Age", "District",
           "Upazila", "Contact Number", "Passport Number", "Country of Destination", "Pre-departure Cost/ Migration Cost",
           "Departure date", "Agent/ Sub-agent Information", "Information on Perpetrator"]


def register(categories, places) -> bytes:
    rnd = random.Random(7)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, HEADERS)
    for i in range(1, ROWS + 1):
        district, upazila = rnd.choice(places)
        sheet.write_row(i, 0, [
            f"R-{i:05d}", rnd.choice(categories), "Paid a sub-agent for a visa that never came.",
            f"{rnd.randint(1, 28):02d}/{rnd.randint(1, 12):02d}/2024", f"Worker {i}", rnd.choice(["F", "M", "মহিলা", "পুরুষ"]),
            rnd.randint(18, 60), district, upazila, f"017{i:08d}", f"EB{i:07d}", "Saudi Arabia",
            f"{rnd.randint(1, 9)},50,000", "2023-05-01", f"Dalal {i % 50}", f"Dalal {i % 50}",
        ])
    book.close()
    return buffer.getvalue()


def test_import_10000_rows(capsys):
    categories = [CaseCategoryFactory(name=n).name for n in ("Visa fraud", "Wage theft", "Death or injury")]
    places = [(d.name_en, u.name_en) for d in District.objects.all()[:20] for u in d.upazilas.all()[:3]]
    OrganizationFactory(name="Lead", type=Organization.Type.PROGRAMME_LEAD)
    user = staff_user(roles=["programme_lead"])
    data = register(categories, places)
    existing = Case.objects.count()  # the perf session seeds 100,000 cases (tests/perf/conftest.py)

    start = time.perf_counter()
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    bare = sum(1 for _ in book.active.iter_rows(values_only=True))
    book.close()
    bare_seconds = time.perf_counter() - start

    start = time.perf_counter()
    sheet = read_sheet(data)
    read_seconds = time.perf_counter() - start
    result = ImportRun(user=user, sheet=sheet, mapping=auto_mapping(sheet.headers), dry_run=False).run()
    total_seconds = time.perf_counter() - start

    start = time.perf_counter()
    again = ImportRun(user=user, sheet=read_sheet(data), mapping=auto_mapping(sheet.headers), dry_run=False).run()
    again_seconds = time.perf_counter() - start

    with capsys.disabled():
        print(f"\nopenpyxl bare read: {bare_seconds:.2f} s ({ROWS / bare_seconds:,.0f} rows/s)")
        print(f"import (read + check + save): {total_seconds:.2f} s ({ROWS / total_seconds:,.0f} rows/s), of which read {read_seconds:.2f} s")
        print(f"re-import (all skipped): {again_seconds:.2f} s ({ROWS / again_seconds:,.0f} rows/s)")
    assert bare == ROWS + 1
    assert result.summary_line == f"imported={ROWS} updated=0 skipped=0 errors=0"
    assert again.summary_line == f"imported=0 updated=0 skipped={ROWS} errors=0"
    assert Case.objects.count() == existing + ROWS
    # The aim is 1,000 rows a second; measured 890-980 on the reference machine (docs/performance.md,
    # "Import"), where openpyxl's bare read alone manages 2,700-4,500. This floor catches regressions.
    assert ROWS / total_seconds >= 600
