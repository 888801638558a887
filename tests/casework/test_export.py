"""The case-list export: columns per role and per case, formula escaping, access log, and the
export_cases → import_cases round trip."""

import io
from decimal import Decimal

import openpyxl
import pytest
import rules
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from casework.models import AccessLog, Case, JusticeSeeker, Organization, Perpetrator
from tests.factories import OrganizationFactory, make_case, staff_user

pytestmark = pytest.mark.django_db


def _url(lang="en", query=""):
    with translation.override(lang):
        return reverse("casework:case_export") + query


def _read(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


@pytest.fixture
def orgs():
    return OrganizationFactory(name="OKUP"), OrganizationFactory(name="RMMRU")


@pytest.fixture
def cases(orgs):
    okup, rmmru = orgs
    return [make_case(organization=okup), make_case(organization=okup, status="primary_review"), make_case(organization=rmmru)]


def test_programme_lead_gets_every_case_with_identified_columns(client, cases):
    client.force_login(staff_user(roles=["programme_lead"]))
    header, rows = _read(client.get(_url()))
    assert {"Name", "Passport Number", "Information on Perpetrator", "Case Category", "District"} <= set(header)
    assert len(rows) == 3
    by_number = {r["System case number"]: r for r in rows}
    for case in cases:
        row = by_number[case.case_number]
        assert row["Name"] == case.justice_seeker.name
        assert row["Passport Number"] == case.justice_seeker.passport_number
        assert row["Information on Perpetrator"] == "Kashem Dalal"


def test_primary_advisor_gets_own_organisation_only(client, cases, orgs):
    client.force_login(staff_user(roles=["primary_advisor"], organization=orgs[0]))
    header, rows = _read(client.get(_url()))
    assert sorted(r["System case number"] for r in rows) == sorted(c.case_number for c in cases[:2])
    assert all(r["Name"] for r in rows)


def test_coordinator_without_export_identified_gets_summary_columns_only(client, cases, orgs):
    case = cases[0]
    client.force_login(staff_user(roles=["field_coordinator"], organization=orgs[0], upazilas=[case.upazila]))
    header, rows = _read(client.get(_url()))
    assert case.case_number in [r["System case number"] for r in rows]
    for personal in ("Name", "Gender", "Contact Number", "Passport Number", "Upazila", "Description of Case (5W1H)",
                     "Information on Perpetrator", "Agent/ Sub-agent Information"):
        assert personal not in header
    flat = "|".join(str(v) for r in rows for v in r.values())
    assert case.justice_seeker.name not in flat and case.justice_seeker.passport_number not in flat


def test_perpetrator_columns_only_where_view_perpetrator_holds(client, cases):
    hidden = cases[1]
    original = rules.permissions.permissions["casework.view_perpetrator"]
    rules.set_perm("casework.view_perpetrator", original & rules.predicate(lambda user, case: case is None or case.pk != hidden.pk))
    try:
        client.force_login(staff_user(roles=["programme_lead"]))
        _header, rows = _read(client.get(_url()))
    finally:
        rules.set_perm("casework.view_perpetrator", original)
    by_number = {r["System case number"]: r for r in rows}
    assert by_number[hidden.case_number]["Information on Perpetrator"] is None
    assert by_number[hidden.case_number]["Agent/ Sub-agent Information"] is None
    assert by_number[hidden.case_number]["Name"] == hidden.justice_seeker.name  # the other group still shows
    assert by_number[cases[0].case_number]["Information on Perpetrator"] == "Kashem Dalal"


@pytest.mark.parametrize("role", ["meal_analyst", "org_admin", "content_editor", "system_admin"])
def test_roles_without_case_data_are_refused(client, cases, role):
    client.force_login(staff_user(roles=[role]))
    assert client.get(_url()).status_code == 403
    assert not AccessLog.objects.exists()


def test_formula_like_cells_are_escaped(client, cases):
    JusticeSeeker.objects.filter(case=cases[0]).update(name='=HYPERLINK("http://evil","click")')
    Case.objects.filter(pk=cases[0].pk).update(description="+cmd|' /C calc'!A0")
    client.force_login(staff_user(roles=["programme_lead"]))
    _header, rows = _read(client.get(_url()))
    row = next(r for r in rows if r["System case number"] == cases[0].case_number)
    assert row["Name"] == "'=HYPERLINK(\"http://evil\",\"click\")"
    assert row["Description of Case (5W1H)"].startswith("'+cmd")
    assert row["Contact Number"].startswith("'+880")


def test_filters_apply_and_the_export_is_logged_without_values(client, cases, orgs):
    lead = staff_user(roles=["programme_lead"])
    client.force_login(lead)
    _header, rows = _read(client.get(_url(query=f"?status=primary_review&organization={orgs[0].pk}")))
    assert [r["System case number"] for r in rows] == [cases[1].case_number]
    log = AccessLog.objects.get()
    assert (log.user, log.action, log.case) == (lead, "export", None)
    assert log.detail == "rows=1; filters=organization,status"


def test_bangla_export_has_bangla_headers_and_imports_back(client, cases):
    client.force_login(staff_user(roles=["programme_lead"]))
    header, _rows = _read(client.get(_url("bn")))
    from casework.imports.headers import recognise

    assert all(recognise(h) for h in header)


def test_export_cases_then_import_cases_round_trips(cases, tmp_path, capsys):
    staff_user(roles=["programme_lead"], organization=OrganizationFactory(name="Lead", type=Organization.Type.PROGRAMME_LEAD))
    for case in cases:
        case.justice_seeker.age, case.justice_seeker.gender = 30, "other"
        case.justice_seeker.save()
    # One case with three perpetrators: the second and third go out in numbered columns and come back.
    Perpetrator.objects.create(case=cases[0], kind="company", name="Al-Amin Travels", address="Naya Paltan, Dhaka",
                               phone="+8801811000111")
    Perpetrator.objects.create(case=cases[0], name="Rashid (uncle)", is_relative=True, relation="uncle", nid="1990123456789")
    path = tmp_path / "all.xlsx"

    def snapshot():
        out = {}
        for case in Case.objects.order_by("id"):
            js = case.justice_seeker
            out[case.register_number or case.case_number] = (
                case.organization_id, case.description, timezone.localtime(case.created_at).date(), case.district_id,
                case.upazila_id, case.destination_country_id, case.migration_cost,
                sorted(c.pk for c in case.categories.all()),
                js.name, js.gender, js.age, js.phone, js.passport_number,
                case.recruitment.agent_name, case.recruitment.agent_phone,
                [(p.kind, p.name, p.address, p.phone, p.nid, p.is_relative, p.relation) for p in case.perpetrators.all()],
            )
        return out

    before = {c.case_number: v for c, v in zip(cases, snapshot().values())}
    call_command("export_cases", str(path))
    # Same database: nothing new is created.
    call_command("import_cases", str(path))
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("imported=0 ")
    assert Case.objects.count() == 3

    # Empty database of cases: every case comes back with its data.
    Case.objects.all().delete()
    call_command("import_cases", str(path))
    assert capsys.readouterr().out.strip().splitlines()[-1] == "imported=3 updated=0 skipped=0 errors=0"
    after = snapshot()
    assert after == before
    assert len(after[cases[0].register_number or cases[0].case_number][-1]) == 3
    assert all(v[6] == Decimal("450000") for v in after.values())
