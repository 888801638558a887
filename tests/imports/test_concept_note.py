"""A register laid out like the concept note's input table (seed 000, "Content and Input Method"):
the same word ("Name", "Address", "Contact Number", "NID") names the applicant's, the worker's, the
agency's, the agent's and the perpetrator's columns, and only its place says whose. Every column
must land on the right person's field, and a column whose place does not settle it is left for a
person to choose on the mapping screen, never guessed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from casework.imports.headers import IGNORE, analyse_headers, recognise
from casework.imports.models import ColumnMapping, ImportJob
from casework.models import Case, District

from .conftest import workbook_bytes

pytestmark = pytest.mark.django_db

# The input table's rows in the note's order, each sub-item of an "Input Method" (the applicant's
# "Name: / Address: / Contact Number:", the agency's, the agent's, the perpetrator's) a column of
# its own, as a partner's register has them. → the field each column must be read into.
CONCEPT_NOTE = [
    # 1. Case Details
    ("Case Number", "case_number"),
    ("Case Category", "categories"),
    ("Sub-Category/ Type of Complain", "sub_categories"),
    ("Description of Case (5W1H)", "description"),
    ("Date", "date"),
    ("Case Source (How we get case information)", "source"),
    ("Expected Remedy", "expected_remedies"),
    ("Complain/ Application/ Request Filed by", "filed_by"),
    ("Name", "applicant_name"),
    ("Address", "applicant_address"),
    ("Contact Number", "applicant_phone"),
    ("Number of Applicant", "applicants_count"),
    ("If Application/ Complaint Made before to GO-NGO mechanism", "prior_complaint"),
    ("Where?", "prior_complaint_where"),
    ("When?", "prior_complaint_date"),
    ("Copy of Application?", "prior_complaint_copy_kept"),  # whether a copy is kept (the copy: an attachment)
    ("If applicable, complaint/ Case number?", "prior_complaint_number"),
    # 2. Personal Detail of Justice Seeker/ MW
    ("Name", "name"),
    ("Gender", "gender"),
    ("Age", "age"),
    ("Address for Communication", "address_communication"),
    ("Permanent Address", "permanent_address"),
    ("Contact Number", "phone"),
    ("Last Contact Number (used last to communicate)", "last_used_phone"),
    ("Alternative/ Family Contact Number", "family_phone"),
    ("Passport Number", "passport_number"),
    ("Passport Issue Place", "passport_issue_place"),
    ("Marital Status", "marital_status"),
    ("Family Information", "family_details"),
    ("Education", "education"),
    ("Religion", "religion"),
    # 3. Recruitment Information
    ("Country of Destination", "destination_country"),
    ("Recruitment Process", "recruitment_process"),
    ("RA Information", "agency_name"),
    ("Address", "agency_address"),
    ("Contact Number", "agency_phone"),
    ("Agent/ Sub-agent Information", "agent_name"),
    ("Address", "agent_address"),
    ("Contact Number", "agent_phone"),
    ("NID", "agent_nid"),
    ("Pre-departure Cost/ Migration Cost", "migration_cost"),
    ("Departure date", "departure_date"),
    ("Departure Route", "departure_route"),
    # 4. Perpetrator Information
    ("Complain against Whom?", "perpetrator_kind"),
    ("Relative Check", "perpetrator_relative"),
    ("Information on Perpetrator", "perpetrator_name"),
    ("Address", "perpetrator_address"),
    ("Contact Number", "perpetrator_phone"),
    ("NID (if individual)", "perpetrator_nid"),
]
HEADERS = [header for header, _field in CONCEPT_NOTE]

ROW = [
    "R-101", "Visa fraud", "", "Paid the dalal 3 lakh; no visa came.", "12/03/2024", "", "Money back",
    "On behalf", "Rahim Uddin", "Rampur, Cumilla", "01811-222333", 2,
    "Yes", "UNO office", "২ নভেম্বর ২০২৩", "Yes", "UNO-77/23",
    "Rahima Khatun", "F", "৩২ বছর", "House 5, Road 2, Dhaka", "Vill: Rampur, PO: Baghmara, Upazila: Debidwar, Dist: Cumilla",
    "01712-345678", "", "+971 50 123 4567", "EB1234567", "Cumilla", "Married", "৫ জন", "SSC", "Islam",
    "Saudi Arabia", "", "Al-Amin Overseas", "Naya Paltan, Dhaka", "01700-111222",
    "Kashem", "Chandina bazar", "01911-000111", "1990123456789", "3,00,000", "2022-03-01 00:00:00", "",
    "Individual", "Yes, uncle", "Kashem Dalal", "Chandina", "01911-000111", "19901234567890123",
]


def test_every_column_of_the_concept_note_lands_on_its_field():
    analysed = analyse_headers(HEADERS)
    assert analysed.unclear == {}
    assert [analysed.mapping.get(i) for i in range(len(HEADERS))] == [field for _header, field in CONCEPT_NOTE]


def test_the_same_layout_in_bangla():
    headers = ["কেস নম্বর", "অভিযোগকারী", "নাম", "ঠিকানা", "মোবাইল নং", "আবেদনকারীর সংখ্যা", "নাম", "লিঙ্গ", "স্থায়ী ঠিকানা",
               "ফোন নং", "দালালের নাম", "ঠিকানা", "মোবাইল", "এনআইডি", "অভিযুক্তের নাম", "এনআইডি"]
    assert list(analyse_headers(headers).mapping.values()) == [
        "case_number", "filed_by", "applicant_name", "applicant_address", "applicant_phone", "applicants_count", "name",
        "gender", "permanent_address", "phone", "agent_name", "agent_address", "agent_phone", "agent_nid",
        "perpetrator_name", "perpetrator_nid",
    ]


@pytest.mark.parametrize("headers, unclear", [
    # "Filed by" then "Name", and no other name: the applicant's, or the worker's? A person says.
    (["Case Number", "Filed by", "Name", "Address", "Gender"], {2, 3}),
    # A second "Name" where the worker's is already mapped: whose?
    (["Name", "Gender", "Name"], {2}),
    # "NID" with no agent or perpetrator before it: the worker's own (not kept) or someone else's?
    (["Name", "Gender", "NID"], {2}),
    # A field named twice.
    (["Name", "Gender", "Sex"], {2}),
    # The agency's name already given by "RA Information": the next "Name" is unclear.
    (["Name", "RA Information", "Name", "Address"], {2}),
])
def test_a_column_its_place_does_not_settle_is_unclear(headers, unclear):
    analysed = analyse_headers(headers)
    assert set(analysed.unclear) == unclear
    assert not set(analysed.mapping) & unclear


def test_the_concept_note_register_imports_into_the_right_people(matrix, lead, okup, tmp_path, capsys):
    from casework.models import RecruitingAgency

    RecruitingAgency.objects.create(name="Al-Amin Overseas", licence_number="RL-1234")
    path = tmp_path / "register.xlsx"
    path.write_bytes(workbook_bytes([HEADERS, ROW]))
    call_command("import_cases", str(path), "--organisation", "OKUP")
    out, err = capsys.readouterr()
    assert out.strip().splitlines()[-1] == "imported=1 updated=0 skipped=0 errors=0", err
    case = Case.objects.get(register_number="R-101")
    js, rec = case.justice_seeker, case.recruitment
    assert (case.filed_by, case.applicants_count) == ("on_behalf", 2)
    assert (js.applicant_name, js.applicant_address, js.applicant_phone) == ("Rahim Uddin", "Rampur, Cumilla", "+8801811222333")
    assert (js.name, js.gender, js.age, js.address_communication, js.phone) == (
        "Rahima Khatun", "female", 32, "House 5, Road 2, Dhaka", "+8801712345678")
    assert js.family_phone == "+971501234567" and js.family_size == 5 and js.family_details == ""
    assert (case.prior_complaint, case.prior_complaint_where, str(case.prior_complaint_date), case.prior_complaint_number) == (
        True, "UNO office", "2023-11-02", "UNO-77/23")
    # The permanent address cell, read into its parts.
    assert (case.district.name_en, case.upazila.name_en, js.village) == ("Cumilla", "Debidwar", "Rampur, PO: Baghmara")
    assert (rec.agency.name, rec.agency_address, rec.agency_phone) == ("Al-Amin Overseas", "Naya Paltan, Dhaka", "+8801700111222")
    assert (rec.agent_name, rec.agent_address, rec.agent_phone, rec.agent_nid) == (
        "Kashem", "Chandina bazar", "+8801911000111", "1990123456789")
    perpetrator = case.perpetrators.get()
    assert (perpetrator.name, perpetrator.address, perpetrator.nid, perpetrator.is_relative, perpetrator.relation) == (
        "Kashem Dalal", "Chandina", "19901234567890123", True, "uncle")
    assert case.departure_date.isoformat() == "2022-03-01" and case.migration_cost == 300000


def test_unclear_columns_need_a_choice_on_the_mapping_screen_and_are_not_remembered(matrix, lead, okup, client):
    client.force_login(lead)
    headers = ["Case Number", "Case Category", "Description", "Filed by", "Name", "Gender", "District", "Passport Number"]
    data = workbook_bytes([headers, ["C-1", "Visa fraud", "Paid for a visa", "Self", "Rahima", "F", "Dhaka", "EB1000001"]])
    client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("r.xlsx", data), "organization": okup.pk})
    job = ImportJob.objects.get()
    assert "4" not in job.mapping  # "Name" after "Filed by", and no other name: not guessed

    page = client.get(reverse("imports:mapping", args=[job.pk])).content.decode()
    assert "Needs your choice" in page and "Applicant Name" in page
    form = {f"col_{i}": v for i, v in job.mapping.items()}
    response = client.post(reverse("imports:mapping", args=[job.pk]), form)
    assert response.status_code == 200 and "Choose what this column holds" in response.content.decode()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.MAPPING  # nothing ran

    response = client.post(reverse("imports:mapping", args=[job.pk]), {**form, "col_4": "name"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED and job.imported == 1
    # "Name" is named by where it stands: the next register's "Name" may be someone else's.
    assert not ColumnMapping.objects.filter(organization=okup).exists()


@pytest.mark.parametrize("header, field", [
    ("Mobile No", "phone"), ("Mobile No.", "phone"), ("Phone No", "phone"), ("মোবাইল নং", "phone"), ("ফোন নং", "phone"),
    ("স্থায়ী ঠিকানা", "permanent_address"), ("Permanent Address", "permanent_address"),
    ("জেলার নাম", "district"), ("উপজেলার নাম", "upazila"),
    ("Sex (M/F)", "gender"), ("Gender (M/F/Others)", "gender"), ("Age (years)", "age"),
    ("Applicant Name", "applicant_name"), ("Agent NID", "agent_nid"), ("RA Address", "agency_address"),
    ("Minority/ DAG", "is_minority"), ("Disability", "has_disability"), ("Number of Family Members", "family_size"),
    # "(specify)" turns a list column into its free-text twin, not into the list column.
    ("Departure Route (specify)", "departure_route_detail"), ("Recruitment Process (specify)", None),
])
def test_header_variants(header, field):
    assert recognise(header) == field


@pytest.mark.parametrize("cell, expected", [
    ("Vill: Rampur, PO: Baghmara, Upazila: Debidwar, Dist: Cumilla", ("Cumilla", "Debidwar", "", "Rampur, PO: Baghmara")),
    ("Rampur, Debidwar, Cumilla", ("Cumilla", "Debidwar", "", "Rampur")),
    ("গ্রামঃ রামপুর, থানাঃ দেবিদ্বার, জেলাঃ কুমিল্লা", ("Cumilla", None, "দেবিদ্বার", "রামপুর")),
    ("Ward No ৫, Barura Upazila, Comilla District", ("Cumilla", "Barura", "", "")),
    ("Char Lokkhipur, Baghmara", (None, None, "", "Char Lokkhipur, Baghmara")),  # no place in it: all kept as the village
])
def test_a_permanent_address_cell_is_read_into_its_parts(matrix, lead, okup, tmp_path, capsys, cell, expected):
    path = tmp_path / "r.xlsx"
    headers = ["Case Number", "Case Category", "Description", "Name", "Gender", "Permanent Address"]
    path.write_bytes(workbook_bytes([headers, ["A-1", "Visa fraud", "Lost money", "Rahima", "F", cell]]))
    call_command("import_cases", str(path), "--organisation", "OKUP")
    out, err = capsys.readouterr()
    assert out.strip().splitlines()[-1].startswith("imported=1 "), err
    case = Case.objects.get()
    js = case.justice_seeker
    got = (case.district and case.district.name_en, case.upazila and case.upazila.name_en, js.police_station, js.village)
    assert got == expected
    if "Ward" in cell:
        assert js.ward == "5"


def test_a_permanent_address_below_a_district_column(matrix, lead, okup, tmp_path, capsys):
    path = tmp_path / "r.xlsx"
    headers = ["Case Number", "Case Category", "Description", "Name", "Gender", "District", "Permanent Address"]
    path.write_bytes(workbook_bytes([headers, ["A-1", "Visa fraud", "Lost money", "Rahima", "F", "Comilla", "Rampur, Debidwar"]]))
    call_command("import_cases", str(path), "--organisation", "OKUP")
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("imported=1 ")
    case = Case.objects.get()
    assert (case.district.name_en, case.upazila.name_en, case.justice_seeker.village) == ("Cumilla", "Debidwar", "Rampur")


def test_a_permanent_address_that_disagrees_with_the_district_column_is_an_error(matrix, lead, okup, tmp_path, capsys):
    path = tmp_path / "r.xlsx"
    headers = ["Case Number", "Case Category", "Description", "Name", "Gender", "District", "Permanent Address"]
    path.write_bytes(workbook_bytes([headers, ["A-1", "Visa fraud", "Lost money", "Rahima", "F", "Dhaka", "Rampur, Dist: Cumilla"]]))
    with translation.override("en"):
        call_command("import_cases", str(path), "--organisation", "OKUP")
    out, err = capsys.readouterr()
    assert out.strip().splitlines()[-1].endswith("errors=1")
    assert "Permanent Address: names a different district than the District column" in err
    assert District.objects.filter(name_en="Dhaka").exists() and not Case.objects.exists()
