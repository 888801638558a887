"""Importing a register again: which case a row is, what an update changes (never blanks, never
deletes; the n-th perpetrator columns are the case's n-th perpetrator), and the duplicate warning
for new rows (SPEC §2.1)."""

import pytest
from django.core.management import call_command
from django.utils import translation

from casework.models import Case, Perpetrator
from tests.factories import make_case

from .conftest import workbook_bytes

pytestmark = pytest.mark.django_db

HEADERS = ["Case Number", "Case Category", "Description", "Name", "Gender", "District", "Contact Number", "Passport Number",
           "Complain/ Application/ Request Filed by", "If Application/ Complaint Made before to GO-NGO mechanism",
           "Complain against Whom?", "Relative Check", "Information on Perpetrator", "Perpetrator Contact Number",
           "Perpetrator Name 2", "Perpetrator Contact Number 2"]


def row(number="R-77", **over):
    values = {
        "number": number, "category": "Visa fraud", "description": "Paid the dalal; no visa came.", "name": "Rahima Khatun",
        "gender": "F", "district": "Cumilla", "phone": "01712345678", "passport": "EB1234567", "filed_by": "On behalf",
        "prior": "Yes", "kind": "Company", "relative": "Yes, uncle", "p1": "Kashem Dalal", "p1_phone": "01911000111",
        "p2": "", "p2_phone": "",
    } | over
    return list(values.values())


def _import(tmp_path, capsys, *rows, name="r.xlsx"):
    path = tmp_path / name
    path.write_bytes(workbook_bytes([HEADERS, *rows]))
    with translation.override("en"):
        call_command("import_cases", str(path), "--organisation", "OKUP", "-v", "2")
    out, err = capsys.readouterr()
    return out.strip().splitlines()[-1], err


def test_a_number_added_later_finds_the_case_first_imported_by_passport(matrix, lead, okup, tmp_path, capsys):
    assert _import(tmp_path, capsys, row(number=""))[0] == "imported=1 updated=0 skipped=0 errors=0"
    case = Case.objects.get()
    assert case.register_number == ""

    assert _import(tmp_path, capsys, row(number="R-77"))[0] == "imported=0 updated=1 skipped=0 errors=0"
    case.refresh_from_db()
    assert Case.objects.count() == 1 and case.register_number == "R-77"
    # Both keys lead to it from now on.
    assert _import(tmp_path, capsys, row(number="R-77"))[0] == "imported=0 updated=0 skipped=1 errors=0"
    assert _import(tmp_path, capsys, row(number="", name="Rahima K."))[0] == "imported=0 updated=1 skipped=0 errors=0"
    assert Case.objects.count() == 1


def test_a_passport_with_another_number_is_another_case_of_the_same_person(matrix, lead, okup, tmp_path, capsys):
    _import(tmp_path, capsys, row(number="R-10"))
    first = Case.objects.get()
    line, err = _import(tmp_path, capsys, row(number="R-11", category="Wage theft"))
    assert line == "imported=1 updated=0 skipped=0 errors=0"
    assert Case.objects.count() == 2
    assert f"The same passport number as case {first.case_number}" in err
    assert f"The same phone number as case {first.case_number}" in err


def test_an_edited_perpetrator_is_updated_not_added(matrix, lead, okup, tmp_path, capsys):
    _import(tmp_path, capsys, row(p2="Al-Amin Travels", p2_phone="01811000222"))
    case = Case.objects.get()
    assert list(case.perpetrators.values_list("name", "phone")) == [
        ("Kashem Dalal", "+8801911000111"), ("Al-Amin Travels", "+8801811000222")]

    line, _err = _import(tmp_path, capsys, row(p1="Abul Kashem", p1_phone="01911000999", p2="Al-Amin Travels",
                                               p2_phone="01811000333"))
    assert line == "imported=0 updated=1 skipped=0 errors=0"
    assert list(case.perpetrators.order_by("id").values_list("name", "phone")) == [
        ("Abul Kashem", "+8801911000999"), ("Al-Amin Travels", "+8801811000333")]


def test_blank_cells_never_blank_or_reset_what_is_stored(matrix, lead, okup, tmp_path, capsys):
    _import(tmp_path, capsys, row(p2="Al-Amin Travels", p2_phone="01811000222"))
    case = Case.objects.get()
    # A later copy of the register with most cells left empty (and the second perpetrator's gone).
    line, _err = _import(tmp_path, capsys, row(phone="", filed_by="", prior="", kind="", relative="", p1="", p1_phone="",
                                               description="Paid the dalal; no visa came. He ran away."))
    assert line == "imported=0 updated=1 skipped=0 errors=0"
    case.refresh_from_db()
    assert case.description.endswith("He ran away.")
    assert (case.filed_by, case.prior_complaint, case.justice_seeker.phone) == ("on_behalf", True, "+8801712345678")
    first, second = case.perpetrators.order_by("id")
    assert (first.name, first.kind, first.is_relative, first.relation, first.phone) == (
        "Kashem Dalal", "company", True, "uncle", "+8801911000111")
    assert second.name == "Al-Amin Travels"  # never deleted


def test_a_perpetrator_is_added_in_its_place_and_a_gap_is_an_error(matrix, lead, okup, tmp_path, capsys):
    _import(tmp_path, capsys, row())
    line, _err = _import(tmp_path, capsys, row(p2="Al-Amin Travels"))
    assert line == "imported=0 updated=1 skipped=0 errors=0"
    assert Perpetrator.objects.count() == 2
    # A new case whose first perpetrator columns are empty but the second's are not: the second
    # would become the first, and the next import would add it again.
    line, err = _import(tmp_path, capsys, row(number="R-78", passport="EB7654321", p1="", p1_phone="", kind="",
                                              relative="", p2="Rashid"))
    assert line == "imported=0 updated=0 skipped=0 errors=1"
    assert "Perpetrator 2 is filled in but perpetrator 1 is not" in err


def test_new_rows_like_existing_cases_are_imported_with_a_warning_naming_them(matrix, lead, okup, tmp_path, capsys):
    # Cases of another organisation: the importer (a programme lead) may see every case.
    same_passport = make_case()
    same_phone = make_case()
    similar_name = make_case()
    from casework.models import District, JusticeSeeker

    cumilla = District.objects.get(name_en="Cumilla")
    JusticeSeeker.objects.filter(case=same_passport).update(passport_number="EB1111111", name="Abdul Malek")
    JusticeSeeker.objects.filter(case=same_phone).update(family_phone="+8801712000002", name="Abdul Malek")
    JusticeSeeker.objects.filter(case=similar_name).update(name="Mst. Rahima Khatun")
    Case.objects.filter(pk=similar_name.pk).update(district=cumilla)
    line, err = _import(
        tmp_path, capsys,
        row(number="N-1", passport="EB1111111", phone="01712000001", name="Karim Mia"),
        row(number="N-2", passport="EB2222222", phone="01712000002", name="Jamal Hossain"),
        row(number="N-3", passport="EB3333333", phone="01712000003", name="Rahima Khatun"),
        row(number="N-4", passport="EB4444444", phone="01712000001", name="Shafiq Islam"),
        row(number="N-5", passport="EB5555555", phone="01712000005", name="Nobody Like Them"),
    )
    assert line == "imported=5 updated=0 skipped=0 errors=0"
    warnings = {}
    for message in err.splitlines():
        if ": warning: " in message:
            warnings.setdefault(int(message.split()[1].rstrip(":")), []).append(message)
    warnings = {number: " | ".join(messages) for number, messages in warnings.items()}
    assert f"same passport number as case {same_passport.case_number}" in warnings[2]
    assert f"same phone number as case {same_phone.case_number}" in warnings[3]
    assert f"similar name in the same district as case {similar_name.case_number}:" in warnings[4]
    assert "same phone number as row 2" in warnings[5]
    assert 6 not in warnings


def test_the_dry_run_warns_as_the_import_does(matrix, lead, okup, tmp_path, capsys):
    rows = [row(number=f"D-{i}", passport=f"EB90000{i:02d}", phone="01712999999") for i in range(1, 4)]
    path = tmp_path / "d.xlsx"
    path.write_bytes(workbook_bytes([HEADERS, *rows]))
    outputs = []
    for extra in (["--dry-run"], []):
        call_command("import_cases", str(path), "--organisation", "OKUP", "-v", "2", *extra)
        outputs.append(sorted(m for m in capsys.readouterr().err.splitlines() if "warning" in m))
    assert outputs[0] == outputs[1] and len(outputs[0]) == 2


NAMES = ["Mst. Rahima Khatun", "Khatun Rahima", "Rahima Katun", "Rahima Begum", "মোছাঃ রহিমা খাতুন", "রহিমা খাতুন",
         "Abdul Malek", "Malek Abdul Md", "Abdul Malik", "Jasim Uddin"]


QUERIES = ["Rahima Khatun", "khatun  rahima", "রহিমা খাতুন", "Abdul Malek", "Md Jasim Uddin", "Nobody"]


def test_the_similar_name_check_scores_as_find_duplicates_does():
    """Every name in the district that shares a word and scores 85 with token_sort_ratio (words in
    any order, honorifics dropped), and no other; names of other districts never."""
    from rapidfuzz import fuzz

    from casework.imports.lookups import ExistingPeople, name_tokens
    from casework.models import District, JusticeSeeker

    cumilla, bogura = District.objects.get(name_en="Cumilla"), District.objects.get(name_en="Bogura")
    numbers = {}
    for name in NAMES:
        for district in (cumilla, bogura):
            case = make_case()
            Case.objects.filter(pk=case.pk).update(district=district)
            JusticeSeeker.objects.filter(case=case).update(name=name)
            if district == cumilla:
                numbers[case.case_number] = name
    people = ExistingPeople()
    people.load_districts({cumilla.pk})
    for query in QUERIES:
        found = people.similar_names(cumilla.pk, query)
        wanted = " ".join(name_tokens(query))
        expected = {number for number, name in numbers.items()
                    if set(name_tokens(name)) & set(name_tokens(query))
                    and fuzz.token_sort_ratio(" ".join(name_tokens(name)), wanted) >= ExistingPeople.SIMILAR}
        assert found == expected, query
        if query.startswith(("Rahima", "khatun")):
            assert {numbers[n] for n in found} >= {"Mst. Rahima Khatun", "Khatun Rahima", "Rahima Katun"}, query
    assert people.similar_names(cumilla.pk, "Nobody") == set()
