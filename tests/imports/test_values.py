"""Cells as registers write them: amounts that must fit the database, places written the way people
say them, and error messages that name the column once."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from casework.imports.lookups import Lookups
from casework.imports.normalise import NormaliseError
from casework.models import Case, District, Upazila

from .conftest import workbook_bytes

pytestmark = pytest.mark.django_db

HEADERS = ["Case Number", "Case Category", "Description", "Name", "Gender", "District", "Upazila", "Migration Cost",
           "Passport Number"]


def row(number, *, district="Cumilla", upazila="", cost="", category="Visa fraud"):
    return [number, category, "Paid for a visa", "Rahima", "F", district, upazila, cost, f"EB{number[-3:]:0>7}"]


def _import(tmp_path, capsys, *rows):
    path = tmp_path / "r.xlsx"
    path.write_bytes(workbook_bytes([HEADERS, *rows]))
    with translation.override("en"):
        call_command("import_cases", str(path), "--organisation", "OKUP")
    out, err = capsys.readouterr()
    return out.strip().splitlines()[-1], err


def test_an_amount_too_large_once_rounded_is_refused_and_the_case_pages_still_work(matrix, lead, okup, tmp_path, capsys, client):
    line, err = _import(tmp_path, capsys, row("M-001", cost="999999999999.9"), row("M-002", cost="999999999999.4"),
                        row("M-003", cost=150000.6))
    assert line == "imported=2 updated=0 skipped=0 errors=1"
    assert "row 2: error: Migration Cost: the amount is too large" in err
    assert Case.objects.get(register_number="M-002").migration_cost == Decimal("999999999999")
    assert Case.objects.get(register_number="M-003").migration_cost == Decimal("150001")
    # Each stored amount reads back (SQLite once stored a 13-digit REAL no page could show).
    client.force_login(lead)
    case = Case.objects.get(register_number="M-002")
    with translation.override("en"):
        urls = [reverse("casework:case_list"), reverse("casework:case_detail", args=[case.pk]),
                reverse("casework:case_export"), reverse("casework:case_packet", args=[case.pk])]
    statuses = [client.get(url).status_code for url in urls]
    assert statuses[:3] == [200, 200, 200] and statuses[3] < 500  # the packet is for later states (403 for a draft)


def test_every_message_names_its_column_once(matrix, lead, okup, tmp_path, capsys):
    _line, err = _import(tmp_path, capsys, row("L-001", district="Nowhere"), row("L-002", upazila="Nowhere"),
                         row("L-003", category="Lottery"), row("L-004", cost="lots"))
    errors = [m.split(": error: ", 1)[1] for m in err.splitlines() if ": error: " in m]
    assert errors == [
        "District: “Nowhere” not found",
        "Upazila: “Nowhere” not found",
        "Case Category: not in the list: Lottery",
        "Migration Cost: not a number",
    ]


@pytest.mark.parametrize("district, upazila, expected", [
    ("Brahmanbaria", "Brahmanbaria", "Brahmanbaria Sadar"),  # the district's own name
    ("Bogura", "Sadar", "Bogra Sadar"),
    ("Bogra", "Bogura Sadar", "Bogra Sadar"),
    ("বগুরা", "সদর", "Bogra Sadar"),  # বগুড়া written with র
    ("Cumilla", "Cumilla Sadar", "Comilla Sadar"),
    ("Cumilla", "Sadar", "Comilla Sadar"),  # "Sadar Dakshin" is not the Sadar
])
def test_a_sadar_upazila_written_as_people_say_it(district, upazila, expected):
    lookups = Lookups()
    district_id = lookups.districts.find(district)
    assert Upazila.objects.get(pk=lookups.upazilas.find(upazila, parent=district_id)).name_en == expected


def test_sadar_without_a_district_or_with_none_to_match_is_an_error():
    lookups = Lookups()
    with pytest.raises(NormaliseError):
        lookups.upazilas.find("Sadar")
    chattogram = District.objects.get(name_en="Chattogram").pk  # Chattogram's city upazilas have other names
    with pytest.raises(NormaliseError):
        lookups.upazilas.find("Sadar", parent=chattogram)


def test_bangla_a_district_spelt_with_ra_for_rra_matches():
    lookups = Lookups()
    assert District.objects.get(pk=lookups.districts.find("বগুরা")).name_en == "Bogura"
    assert District.objects.get(pk=lookups.districts.find("বগুড়া জেলা")).name_en == "Bogura"
