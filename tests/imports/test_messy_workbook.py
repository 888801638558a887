"""A messy partner register (Bangla headers, merged title row, blank rows, mixed dates, district
variants, Bangla digits, bad rows of every kind) imports exactly the expected rows and reports
exactly the expected errors; importing it again creates nothing new."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from casework.imports.models import ImportedRecord
from casework.models import Case, JusticeSeeker

from .conftest import workbook_bytes

pytestmark = pytest.mark.django_db

HEADERS = [
    "ক্রমিক নং", "কেস নম্বর", "কেসের ধরন", "ঘটনার বিবরণ", "তারিখ", "নাম", "লিঙ্গ", "বয়স", "জেলা", "উপজেলা",
    "মোবাইল নম্বর", "পাসপোর্ট নম্বর", "গন্তব্য দেশ", "অভিবাসন খরচ", "বিদেশ যাওয়ার তারিখ", "দালালের নাম",
    "অভিযুক্তের নাম", "  Expected   REMEDY: ", "Notes",
]


def row(serial, number, category="Visa fraud", date=dt.datetime(2024, 1, 15), name="Rahima Khatun", gender="F",
        age="৩২", district="Comilla", upazila="Debidwar", phone="০১৭১২-৩৪৫৬৭৮", passport="EB1234567",
        country="Saudi Arabia", cost="১,৫০,০০০", departed="15/01/2023", agent="Kashem", perpetrator="Kashem Dalal",
        remedy="Money back", description="Paid the dalal for a visa that never came."):
    return [serial, number, category, description, date, name, gender, age, district, upazila, phone, passport,
            country, cost, departed, agent, perpetrator, remedy, "note"]


GOOD = [
    row(1, "R-001"),
    row(2, "R-002", category="visa  FRAUD; Wage theft", date="০৫/০২/২০২৪", gender="মহিলা", district="কুমিল্লা",
        upazila="বরুড়া", phone=1712345679, passport="EB 7654321", departed="05-02-24"),
    row(3, "R-003", category="মৃত্যু বা আঘাত", date="2024-03-10", name="মোঃ জসিম উদ্দিন", gender="পুরুষ",
        district="Chittagong", upazila="Sitakunda", phone="+880 1812 345678", passport="EC1111111", country="KSA"),
    row(4, "R-004", date=45300, name="Abdul Malek", gender="Male", district="Jashor", upazila="", phone="8801912345678",
        passport="EC2222222", departed="১০-০১-২০২২"),
    row(5, "", name="Rashida Begum", passport="ED3333333", district="Bogra", upazila=""),
]
BAD = {
    # row number in the sheet → the words the error must contain
    "R-006": row(6, "R-006", district="Nowhere"),
    "R-007": row(7, "R-007", district="", upazila="Kaliganj"),
    "R-008": row(8, "R-008", date="31/02/2024"),
    "R-009": row(9, "R-009", gender="xyz"),
    "R-010": row(10, "R-010", phone="12345"),
    "R-011": row(11, "R-011", name=""),
    "R-012": row(12, "R-012", category="Lottery"),
    "R-013": row(13, "R-013", passport="", name="=HYPERLINK(\"http://x\",\"y\")"),
    "R-014": row(14, "", passport=""),
}


def messy_file() -> bytes:
    rows = [HEADERS, *GOOD[:2], [], [None, None], *GOOD[2:], *BAD.values()]
    rows.append(row(15, "R-001", name="Someone Else"))  # same number as R-001, different details
    rows.append(row(16, "R-003", category="মৃত্যু বা আঘাত", date="2024-03-10", name="মোঃ জসিম উদ্দিন", gender="পুরুষ",
                    district="Chittagong", upazila="Sitakunda", phone="+880 1812 345678", passport="EC1111111",
                    country="KSA"))
    data = workbook_bytes(rows, title="ওকাপ — কেস রেজিস্টার ২০২৪", blank_rows=2, merge_title_over=8)
    # Make R-013's name a real formula cell (openpyxl writes strings starting with "=" as formulas).
    return data


@pytest.fixture
def messy_path(tmp_path):
    path = tmp_path / "register.xlsx"
    path.write_bytes(messy_file())
    return path


def _run(capsys, *args, language="en"):
    with translation.override(language):
        call_command("import_cases", *map(str, args))
    out, err = capsys.readouterr()
    return out.strip().splitlines()[-1], err


def test_messy_register_imports_exactly_the_good_rows(matrix, lead, okup, messy_path, capsys):
    line, err = _run(capsys, messy_path, "--organisation", "ওকাপ")
    assert line == "imported=5 updated=0 skipped=1 errors=10"
    assert Case.objects.filter(organization=okup).count() == 5

    first = Case.objects.get(register_number="R-001")
    assert first.created_at.date() == dt.date(2024, 1, 15)
    assert first.district.name_en == "Cumilla" and first.upazila.name_en == "Debidwar"
    assert first.migration_cost == Decimal("150000")
    assert first.departure_date == dt.date(2023, 1, 15)
    assert first.destination_country.code == "SA"
    assert [c.code for c in first.categories.all()] == ["visa-fraud"]
    assert first.categories.get().locale.language_code == "bn"  # the canonical Bangla row
    assert first.expected_remedies.get().code == "refund"
    seeker = first.justice_seeker
    assert (seeker.gender, seeker.age, seeker.phone) == ("female", 32, "+8801712345678")
    assert first.perpetrators.get().name == "Kashem Dalal"
    assert first.recruitment.agent_name == "Kashem"
    assert first.status == "draft" and first.case_number.startswith("PRK-")

    second = Case.objects.get(register_number="R-002")
    assert sorted(c.code for c in second.categories.all()) == ["visa-fraud", "wage-theft"]
    assert second.created_at.date() == dt.date(2024, 2, 5)
    assert second.departure_date == dt.date(2024, 2, 5)
    assert second.upazila.name_en == "Barura"
    assert second.justice_seeker.phone == "+8801712345679"
    assert second.justice_seeker.passport_number == "EB7654321"

    third = Case.objects.get(register_number="R-003")
    assert third.district.name_en == "Chattogram" and third.justice_seeker.gender == "male"
    assert third.justice_seeker.phone == "+8801812345678"

    fourth = Case.objects.get(register_number="R-004")
    assert fourth.district.name_en == "Jashore"  # fuzzy, above the threshold
    assert timezone.localtime(fourth.created_at).date() == dt.date(2024, 1, 9)  # Excel serial 45300
    assert fourth.departure_date == dt.date(2022, 1, 10)

    fifth = JusticeSeeker.objects.get(passport_number="ED3333333").case
    assert fifth.register_number == "" and fifth.district.name_en == "Bogura"

    errors = [line for line in err.splitlines() if ": error: " in line]
    by_row = {}
    for message in errors:
        number = int(message.split()[1].rstrip(":"))
        by_row.setdefault(number, []).append(message)
    # Sheet rows: title 1, blank 2-3, header 4, R-001 5, R-002 6, blanks 7-8, R-003.. from 9.
    expected = {
        12: "Nowhere", 13: "more than one place", 14: "not a real date", 15: "gender", 16: "mobile",
        17: "নাম", 18: "Lottery", 19: "formula", 20: "Neither a case number nor a passport",
        21: "different details",
    }
    assert sorted(by_row) == sorted(expected)
    for number, words in expected.items():
        assert any(words in m for m in by_row[number]), (number, by_row[number])


def test_row_errors_are_in_the_language_of_the_run(matrix, lead, okup, messy_path, capsys):
    """In Bangla (the caller's language; import_cases --language picks one on the command line)."""
    _line, err = _run(capsys, messy_path, "--dry-run", "--organisation", "OKUP", language="bn")
    assert "এমন তারিখ হয় না" in err and "not a real date" not in err
    assert "লিঙ্গ বোঝা গেল না" in err and "gender not understood" not in err
    _line, err = _run(capsys, messy_path, "--dry-run", "--organisation", "OKUP", "--language", "en", language="bn")
    assert "not a real date" in err and "এমন তারিখ হয় না" not in err


def test_second_import_creates_nothing_new(matrix, lead, okup, messy_path, capsys):
    _run(capsys, messy_path, "--organisation", "OKUP")
    count, records = Case.objects.count(), ImportedRecord.objects.count()
    line, _err = _run(capsys, messy_path, "--organisation", "OKUP")
    assert line == "imported=0 updated=0 skipped=6 errors=10"
    assert (Case.objects.count(), ImportedRecord.objects.count()) == (count, records)


def test_dry_run_saves_nothing_and_reports_the_same(matrix, lead, okup, messy_path, capsys):
    line, _err = _run(capsys, messy_path, "--dry-run", "--organisation", "OKUP")
    assert line == "imported=5 updated=0 skipped=1 errors=10"
    assert Case.objects.count() == 0


def test_changed_row_updates_its_case(matrix, lead, okup, tmp_path, capsys):
    path = tmp_path / "a.xlsx"
    path.write_bytes(workbook_bytes([HEADERS, row(1, "R-1")]))
    _run(capsys, path, "--organisation", "OKUP")
    path.write_bytes(workbook_bytes([HEADERS, row(1, "R-1", age=33, upazila="Barura")]))
    line, _err = _run(capsys, path, "--organisation", "OKUP")
    assert line == "imported=0 updated=1 skipped=0 errors=0"
    case = Case.objects.get()
    assert case.justice_seeker.age == 33 and case.upazila.name_en == "Barura"


def test_without_organisation_the_column_or_the_programme_lead_owns_rows(matrix, lead, lead_org, okup, tmp_path, capsys):
    path = tmp_path / "orgs.csv"
    lines = ["Organisation,Case Number,Case Category,Description,Name,Gender,District,Passport Number",
             "OKUP,A-1,Visa fraud,Lost money,Rahima,F,Dhaka,EB1000001",
             ",A-2,Visa fraud,Lost money,Karim,M,Dhaka,EB1000002",
             "No Such NGO,A-3,Visa fraud,Lost money,Karim,M,Dhaka,EB1000003"]
    path.write_text("\n".join(lines), encoding="utf-8")
    line, err = _run(capsys, path)
    assert line == "imported=2 updated=0 skipped=0 errors=1"
    assert Case.objects.get(register_number="A-1").organization == okup
    assert Case.objects.get(register_number="A-2").organization == lead_org
    assert "No Such NGO" in err
