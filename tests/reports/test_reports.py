"""Report figures against independent counts, scopes per role, exports, languages and bad input."""

from __future__ import annotations

import io
import re
from collections import Counter

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from casework.models import Case
from casework.reports import definitions as d
from casework.reports.aggregates import build_tables
from casework.reports.scope import report_scope
from casework.reports.tables import OTHER, TOTAL

from .expected import OPEN, column_key, crosstab, normalise_key, outcome

pytestmark = pytest.mark.django_db

CASE_SECTIONS = [
    (report.slug, section)
    for report in d.REPORTS
    for section in report.sections
    if section.kind == "cases" and section.dimension
]


def _tables(user, sections, **filters):
    scope = report_scope(user)
    return build_tables(sections, Case.objects.filter(scope.q, **filters), anonymised=scope.anonymised)[0]


def _as_dict(table):
    out = {}
    for row in table.rows:
        out[normalise_key(row.key)] = {c.key: table.count(row.key, c.key) for c in table.columns}
    return out


@pytest.mark.parametrize(("slug", "section"), CASE_SECTIONS, ids=[f"{s}-{x.key}" for s, x in CASE_SECTIONS])
def test_every_case_table_equals_an_independent_count(report_data, reporter, slug, section):
    lead = reporter("programme_lead")
    table = _tables(lead, [section])[0]
    expected = crosstab(section.dimension, section.columns.key, report_data)
    total = expected.pop("__total__")
    if section.dimension != "quarter":  # the fixture's cases all came in one quarter
        assert len(expected) >= 2, "the fixture gives this table real values in more than one row"
    assert _as_dict(table) == {k: {c.key: v[c.key] for c in table.columns} for k, v in expected.items()}
    # Row totals, column totals and the grand total (distinct cases when one case sits in two rows).
    for row in table.rows:
        assert table.count(row.key, TOTAL) == sum(expected[normalise_key(row.key)].values())
    for column in table.columns:
        assert table.count(TOTAL, column.key) == total[column.key]
    assert table.count(TOTAL, TOTAL if table.show_row_totals else table.columns[0].key) == len(report_data.specs)
    assert not table.hidden  # identified view: nothing suppressed


def test_summary_success_rate_and_money(report_data, reporter):
    report = d.REPORTS_BY_SLUG["success"]
    overall = _tables(reporter("programme_lead"), report.sections[:1])[0]
    row = overall.body()[0]
    derived = {x.key: c.value for x, c in zip(overall.derived, row["derived"])}
    outcomes = Counter(outcome(s) for s in report_data.specs)
    assert derived["resolved"] == outcomes["won"] + outcomes["lost"]
    assert derived["rate"] == round(100 * outcomes["won"] / (outcomes["won"] + outcomes["lost"]), 1)
    assert derived["money"] == sum(s.money for s in report_data.specs)


def test_documentation_report_counts_checklist_items(report_data, reporter):
    completeness, by_document = _tables(reporter("programme_lead"), d.REPORTS_BY_SLUG["documentation"].sections)
    with_list = [n for n in range(len(report_data.specs)) if n % 3 == 0]
    all_docs = [n for n in with_list if n % 2 == 0]
    assert completeness.count("all", "n") == len(all_docs)
    assert completeness.count("some", "n") == len(with_list) - len(all_docs)
    assert completeness.count("no_list", "n") == len(report_data.specs) - len(with_list)
    first, second = report_data.documents
    assert by_document.count(first.pk, "uploaded") == len(all_docs)
    assert by_document.count(first.pk, "available") == len(with_list) - len(all_docs)
    assert by_document.count(second.pk, "available") == len(all_docs)
    assert by_document.count(second.pk, "missing") == len(with_list) - len(all_docs)
    assert by_document.count(TOTAL, TOTAL) == 2 * len(with_list)


def test_completeness_names_a_case_whose_suggested_documents_are_all_missing(report_data, reporter):
    from casework.models import ChecklistItem

    case = report_data.cases[1]  # spec 1 has no checklist (see conftest: every third case has one)
    for document in report_data.documents:
        ChecklistItem.objects.create(case=case, document_type=document, available=False)
    completeness = _tables(reporter("programme_lead"), d.REPORTS_BY_SLUG["documentation"].sections)[0]
    with_list = [n for n in range(len(report_data.specs)) if n % 3 == 0]
    assert completeness.count("none", "n") == 1
    assert completeness.count("no_list", "n") == len(report_data.specs) - len(with_list) - 1
    assert completeness.count(TOTAL, "n") == len(report_data.specs)


def test_gaps_and_case_study_tables(report_data, reporter):
    lead = reporter("programme_lead")
    gaps = _tables(lead, d.REPORTS_BY_SLUG["gaps"].sections)[0]
    studied = [(n, s) for n, s in enumerate(report_data.specs) if s.study]
    first, second = report_data.gaps
    assert sum(gaps.count(first.pk, c.key) for c in gaps.columns) == len(studied)
    assert sum(gaps.count(second.pk, c.key) for c in gaps.columns) == len([n for n, _s in studied if n % 2])
    assert gaps.count(TOTAL, TOTAL) == len(studied)  # distinct analyses, not the sum of rows
    studies = _tables(lead, d.REPORTS_BY_SLUG["case-studies"].sections)[0]
    consented = [s for s in report_data.specs if s.study and s.consent_study]
    assert studies.count(TOTAL, TOTAL) == len(consented)
    assert {c.key: studies.count(TOTAL, c.key) for c in studies.columns} == {
        k: n for k, n in Counter(column_key("favours", s) for s in consented).items()
    } | {k: 0 for k in ("yes", "partly", "no", "none") if k not in Counter(column_key("favours", s) for s in consented)}


def test_filters_narrow_the_figures(report_data, reporter, client):
    lead = reporter("programme_lead")
    client.force_login(lead)
    category = report_data.categories[0]
    expected = sum(1 for s in report_data.specs if s.category in (0, -1))
    response = client.get(reverse("reports:report", kwargs={"slug": "status"}), {"category": category.pk})
    table = response.context["sections"][0]["table"]
    assert table.count(TOTAL, TOTAL) == expected  # EXISTS filter: a two-category case counts once
    response = client.get(reverse("reports:report", kwargs={"slug": "status"}),
                          {"gender": "female", "period": "2025-Q1", "organization": report_data.orgs["A"].pk})
    table = response.context["sections"][0]["table"]
    assert table.count(TOTAL, TOTAL) == sum(1 for s in report_data.specs if s.gender == "female" and s.org == "A")
    response = client.get(reverse("reports:report", kwargs={"slug": "status"}), {"period": "2025-02"})
    assert response.context["sections"][0]["table"].count(TOTAL, TOTAL) == sum(
        1 for s in report_data.specs if s.month == 2)


@pytest.mark.parametrize("params", [
    {"period": "last-tuesday"}, {"district": "abc"}, {"received_from": "31/31/2025"}, {"gender": "<script>"},
    {"category": "999999"}, {"organization": "-1"},
])
def test_bad_filter_values_show_an_error_not_a_500(report_data, reporter, client, params):
    client.force_login(reporter("programme_lead"))
    response = client.get(reverse("reports:report", kwargs={"slug": "district"}), params)
    assert response.status_code == 200
    assert response.context["filter"].errors
    assert b'role="alert"' in response.content


def test_unknown_report_is_404(reporter, client, db):
    client.force_login(reporter("programme_lead"))
    assert client.get("/en/reports/no-such-report/").status_code == 404


# --- Scope per role (SPEC §1 reports row) ----------------------------------------------------
def _grand_total(user):
    table = _tables(user, [d.REPORTS_BY_SLUG["status"].sections[0]])[0]
    return table.count(TOTAL, TOTAL)


def test_scope_per_role(report_data, reporter):
    org_a, org_b = report_data.orgs["A"], report_data.orgs["B"]
    n_all = len(report_data.specs)
    n_a = sum(1 for s in report_data.specs if s.org == "A")
    n_b = n_all - n_a
    in_u0 = sum(1 for s in report_data.specs if s.upazila == 0)
    assert _grand_total(reporter("programme_lead")) == n_all
    assert _grand_total(reporter("legal_advisor", org=org_b)) == n_all  # programme, unlike its case scope
    assert _grand_total(reporter("primary_advisor", org=org_a)) == n_a
    coordinator = reporter("field_coordinator", org=org_a, upazilas=[report_data.upazilas[0]])
    assert _grand_total(coordinator) == in_u0  # own area, whichever partner holds the case
    meal = reporter("meal_analyst")
    assert report_scope(meal).anonymised and _tables(meal, [d.DASHBOARD_SECTIONS[0]])[0].count("all", TOTAL) == n_all
    admin = reporter("org_admin", org=org_b)
    assert report_scope(admin).anonymised
    assert _tables(admin, [d.DASHBOARD_SECTIONS[0]])[0].count("all", TOTAL) == n_b
    for role in ("programme_lead", "legal_advisor", "primary_advisor", "field_coordinator"):
        assert not report_scope(reporter(role, org=org_a)).anonymised


def test_mixed_roles_take_the_stricter_treatment(report_data, reporter):
    from django.contrib.auth.models import Group

    user = reporter("field_coordinator", org=report_data.orgs["A"], upazilas=[report_data.upazilas[0]])
    user.groups.add(Group.objects.get(name="meal_analyst"))
    user = type(user).objects.get(pk=user.pk)
    scope = report_scope(user)
    assert scope.anonymised  # MEAL widens the coordinator's area, so every figure is anonymised
    assert Case.objects.filter(scope.q).count() == len(report_data.specs)


@pytest.mark.parametrize("role", ["content_editor", "system_admin"])
def test_roles_without_reports_are_refused(reporter, client, role, db):
    client.force_login(reporter(role))
    assert client.get(reverse("reports:dashboard")).status_code == 403
    assert client.get(reverse("reports:report", kwargs={"slug": "status"})).status_code == 403
    assert client.get(reverse("reports:report_xlsx", kwargs={"slug": "status"})).status_code == 403


def test_signed_out_people_go_to_the_login_page(client, db):
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- Anonymised views ------------------------------------------------------------------------
SMALL = re.compile(r"^[0-4]$")


def _visible_numbers(table):
    for row in table.body():
        for cell in row["cells"] + row["derived"]:
            yield cell


@pytest.mark.parametrize("role", ["meal_analyst", "org_admin"])
def test_anonymised_tables_show_rounded_counts_and_no_small_cell(report_data, reporter, role):
    """Every shown count is a multiple of 5 of at least 5, at most 4 below the truth; the rest "<5"."""
    user = reporter(role, org=report_data.orgs["A"])
    sections = [s for r in d.REPORTS for s in r.sections] + list(d.DASHBOARD_SECTIONS)
    checked = 0
    for table in _tables(user, sections):
        assert table.anonymised and table.rows, table.key  # never an empty table (it would say "0")
        for rk in table.row_keys:
            for ck in table.col_keys:
                cell, true = table.cell(rk, ck), table.count(rk, ck)
                if cell.hidden:
                    assert cell.state == "primary" and true < 5, (table.key, rk, ck)
                else:
                    assert cell.value % 5 == 0 and 5 <= cell.value <= true <= cell.value + 4, (table.key, rk, ck)
            for d_ in table.derived:
                c = table.derived_cell(rk, d_)
                if d_.kind == "sum" and not c.hidden:
                    assert c.value % 5 == 0 and c.value >= 5, (table.key, rk)
        # Open lists (districts, countries…): rows under 5 are merged into "Others", which is always there.
        named = [r for r in table.rows if r.key != OTHER]
        assert all(table.count(r.key, TOTAL) >= 5 for r in named) or table.key in _FIXED_ROW_TABLES, table.key
        checked += 1
    assert checked == len(sections)


_FIXED_ROW_TABLES = {"overall", "by_status", "by_month", "by_gender", "by_channel", "channel_month", "by_quarter",
                     "minority", "disability", "age", "completeness", "by_result"}


def test_anonymised_page_and_export_show_marks_not_small_numbers(report_data, reporter, client):
    client.force_login(reporter("meal_analyst"))
    with translation.override("en"):
        response = client.get(reverse("reports:report", kwargs={"slug": "district"}))
    html = response.content.decode()
    cells = re.findall(r"<td[^>]*>([^<]*)", html)
    assert cells and all(not SMALL.match(c.strip()) for c in cells)
    assert "&lt;5" in html and "rounded down to a multiple of 5" in html
    with translation.override("en"):
        book = _workbook(client.get(reverse("reports:report_xlsx", kwargs={"slug": "district"})))
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=1, values_only=True):
            for value in row[1:]:
                # Counts are whole numbers; with this data every shown rate is above 5 % too.
                assert not isinstance(value, (int, float)) or value >= 5, (sheet.title, row)


def test_case_studies_only_with_consent_and_without_identifying_details(report_data, reporter, client):
    client.force_login(reporter("meal_analyst"))
    response = client.get(reverse("reports:report", kwargs={"slug": "case-studies"}))
    texts = response.context["texts"]
    consented = [c for s, c in zip(report_data.specs, report_data.cases) if s.study and s.consent_study]
    assert len(consented) >= 5 and len(texts) == len(consented) - len(consented) % 5  # a count, rounded down
    html = response.content.decode()
    for spec, case in zip(report_data.specs, report_data.cases):
        js = case.justice_seeker
        for value in (js.name, js.phone, js.passport_number, case.case_number):
            assert value not in html
        for part in js.name.split():
            if len(part) >= 3:
                assert f">{part}" not in html and f" {part} " not in html
    assert "removed" in html or "[" in html  # the redaction marker replaced the name and phone
    assert all(item["url"] == "" for item in texts)  # no link to the case for anonymised roles


def test_gap_texts_are_withheld_from_coordinators_and_org_admins(report_data, reporter, client):
    for role, withheld in [("field_coordinator", True), ("org_admin", True), ("meal_analyst", False),
                           ("primary_advisor", False)]:
        client.force_login(reporter(role, org=report_data.orgs["A"], upazilas=report_data.upazilas))
        response = client.get(reverse("reports:report", kwargs={"slug": "gaps"}))
        assert response.status_code == 200
        assert bool(response.context["texts_withheld"]) is withheld, role
        if not withheld:
            html = response.content.decode()
            assert "BMET took months" in html
            assert all(c.justice_seeker.phone not in html for c in report_data.cases)


# --- Exports ---------------------------------------------------------------------------------
def _workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


@pytest.mark.parametrize("slug", [r.slug for r in d.REPORTS])
def test_xlsx_export_carries_the_same_numbers(report_data, reporter, client, slug):
    client.force_login(reporter("programme_lead"))
    with translation.override("en"):
        response = client.get(reverse("reports:report", kwargs={"slug": slug}))
        book = _workbook(client.get(reverse("reports:report_xlsx", kwargs={"slug": slug})))
    report = d.REPORTS_BY_SLUG[slug]
    tables, _ = build_tables(report.sections, Case.objects.all(), anonymised=False)
    assert len([s for s in book.worksheets if s.title != "Texts"]) == len(tables)
    for sheet, table in zip(book.worksheets, tables):
        rows = list(sheet.iter_rows(values_only=True))
        header_at = next(i for i, r in enumerate(rows) if r[0] == (table.row_header or None) and r[1] is not None)
        body = rows[header_at + 1: header_at + 1 + len(table.row_keys)]
        for line, exported in zip(table.body(), body):
            assert [c.value for c in line["cells"]] == list(exported[1: 1 + len(line["cells"])]), (slug, line["label"])
    assert response.status_code == 200


# --- Languages -------------------------------------------------------------------------------
BANGLA_DIGIT = re.compile("[০-৯]")


def test_bangla_page_uses_bangla_digits_and_names(report_data, reporter, client):
    client.force_login(reporter("programme_lead"))
    response = client.get("/bn/reports/gender/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="bn"' in html
    assert "নারী" in html  # the translated gender label
    cells = [c.strip() for c in re.findall(r"<td[^>]*>([^<]*)", html) if c.strip()]
    assert cells and all(not re.search(r"[0-9]", c) for c in cells)
    assert any(BANGLA_DIGIT.search(c) for c in cells)
    n = len(report_data.specs)
    assert f">{str(n).translate(str.maketrans('0123456789', '০১২৩৪৫৬৭৮৯'))}<" in html
    chart = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert BANGLA_DIGIT.search(chart) and 'role="img"' in chart and "<desc" in chart


def test_english_page_uses_western_digits(report_data, reporter, client):
    client.force_login(reporter("programme_lead"))
    html = client.get("/en/reports/gender/").content.decode()
    assert '<html lang="en"' in html and "Female" in html
    assert f">{len(report_data.specs)}<" in html
    assert not BANGLA_DIGIT.search("".join(re.findall(r"<td[^>]*>([^<]*)", html)))


def test_bangla_export_has_bangla_headers(report_data, reporter, client):
    client.force_login(reporter("programme_lead"))
    book = _workbook(client.get("/bn/reports/gender/xlsx/"))
    assert any("নারী" in str(v) for row in book.worksheets[0].iter_rows(values_only=True) for v in row if v)


# --- Dashboard -------------------------------------------------------------------------------
def test_dashboard_figures_and_links(report_data, reporter, client):
    client.force_login(reporter("programme_lead"))
    with translation.override("en"):
        response = client.get(reverse("reports:dashboard"))
    tiles = {t["key"]: t["text"] for t in response.context["tiles"]}
    outcomes = Counter(outcome(s) for s in report_data.specs)
    assert tiles["received"] == str(len(report_data.specs))
    assert tiles["resolved"] == str(outcomes["won"] + outcomes["lost"])
    assert tiles["unresolved"] == str(sum(1 for s in report_data.specs if s.status in OPEN))
    assert tiles["overdue"] == str(_independent_overdue())
    html = response.content.decode()
    with translation.override("en"):
        for report in d.REPORTS:
            assert reverse("reports:report", kwargs={"slug": report.slug}) in html


def _independent_overdue():
    from datetime import timedelta

    from django.utils import timezone

    from casework.timeliness import expected_days

    days = expected_days()
    now = timezone.now()
    return sum(1 for c in Case.objects.all()
               if c.status in days and c.status_changed_at < now - timedelta(days=days[c.status]))


def test_overdue_counts_cases_past_their_expected_time(report_data, reporter, client):
    from datetime import timedelta

    from django.utils import timezone

    stale = report_data.cases[1]  # primary_review
    Case.objects.filter(pk=stale.pk).update(status_changed_at=timezone.now() - timedelta(days=400))
    client.force_login(reporter("programme_lead"))
    with translation.override("en"):
        tiles = {t["key"]: t["text"] for t in client.get(reverse("reports:dashboard")).context["tiles"]}
    assert tiles["overdue"] == str(_independent_overdue()) and int(tiles["overdue"]) >= 1


# --- Query counts do not grow with the data -------------------------------------------------
@pytest.mark.parametrize("slug", ["dashboard"] + [r.slug for r in d.REPORTS])
def test_query_count_is_constant(report_data, reporter, client, django_assert_max_num_queries, slug):
    client.force_login(reporter("meal_analyst"))
    url = reverse("reports:dashboard") if slug == "dashboard" else reverse("reports:report", kwargs={"slug": slug})
    with django_assert_max_num_queries(40):
        assert client.get(url).status_code == 200
