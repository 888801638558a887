"""Disclosure control of anonymised reports (issue 6): an attacker, money, texts, filters, rows."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from casework.reports import definitions as d
from casework.reports.tables import OTHER, TOTAL
from casework.reports.texts import PAGE_SIZE

from .attacker import Attacker, World, filter_conds, marked_recoveries, name_lists, small_recoveries

pytestmark = pytest.mark.django_db


def _views(data) -> list[dict]:
    """Filtered views an attacker would combine: by gender, place, channel, category, period, org."""
    district = data.cases[0].district_id
    division = data.cases[0].division_id
    other_district = next(c.district_id for c in data.cases if c.district_id != district)
    return [
        {}, {"gender": "female"}, {"gender": "male"}, {"gender": "other"},
        {"district": district}, {"district": district, "gender": "female"}, {"district": district, "gender": "male"},
        {"district": other_district}, {"division": division}, {"division": division, "gender": "female"},
        {"channel": "gmc"}, {"channel": "court"}, {"channel": "bmet"},
        {"category": data.categories[0].pk}, {"category": data.categories[2].pk, "gender": "male"},
        {"period": "2025-Q1"}, {"period": "2025-01"}, {"period": "2025-02"}, {"period": "2025-03"},
        {"period": "2025-02", "gender": "female"}, {"organization": data.orgs["A"].pk},
        {"organization": data.orgs["B"].pk, "gender": "female"},
    ]


def run_attack(client, data, views, *, org=None, rounded=True) -> Attacker:
    world = name_lists(World(), data.categories, data.gaps)
    attacker = Attacker(world, rounded=rounded)
    for params in views:
        conds = filter_conds(params, org=org)
        pages = [(reverse("reports:dashboard"), d.DASHBOARD_SECTIONS)] + [
            (reverse("reports:report", kwargs={"slug": r.slug}), r.sections) for r in d.REPORTS]
        for url, sections in pages:
            response = client.get(url, params)
            assert response.status_code == 200, url
            attacker.read_page(response.context, sections, conds)
    return attacker.solve()


@pytest.mark.parametrize("role", ["meal_analyst", "org_admin"])
def test_an_attacker_with_every_table_and_many_filtered_views_recovers_no_small_count(
        report_data, reporter, client, role):
    org = report_data.orgs["A"]
    client.force_login(reporter(role, org=org))
    attacker = run_attack(client, report_data, _views(report_data), org=org.pk if role == "org_admin" else None)
    # The attacker is sound: every true value lies in what it derived from the pages …
    assert attacker.unsound() == []
    # … it has plenty to work with (thousands of figures) …
    assert len(attacker.published) > 2000
    # … and it pins down no count under 5, not even a zero, and no figure shown as "<5" or "x".
    assert small_recoveries(attacker) == []
    assert marked_recoveries(attacker) == []


# --- Filters, rows and empty views ----------------------------------------------------------
def _workbook(response):
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _get(client, slug, params=None, lang="en"):
    url = f"/{lang}/reports/" if slug == "dashboard" else f"/{lang}/reports/{slug}/"
    response = client.get(url, params or {})
    assert response.status_code == 200, (slug, params)
    return response


def test_anonymised_views_offer_no_filter_below_district_and_no_free_dates(report_data, reporter, client):
    client.force_login(reporter("meal_analyst"))
    upazila = report_data.upazilas[0]
    plain = _get(client, "status")
    response = _get(client, "status", {"upazila": upazila.pk, "received_from": "2025-01-01", "gender": "female"})
    fields = response.context["filter"].form.fields
    assert "upazila" not in fields and "received_from" not in fields and "received_to" not in fields
    assert 'name="upazila"' not in response.content.decode()
    female = sum(1 for s in report_data.specs if s.gender == "female")
    table = response.context["sections"][0]["table"]
    assert table.count(TOTAL, TOTAL) == female  # the gender filter applies, the upazila one does not
    assert plain.context["sections"][0]["table"].count(TOTAL, TOTAL) == len(report_data.specs)
    described = dict(response.context["filters_in_force"])
    assert described["Gender"] == "Female"
    assert "Upazila" in described["Not applied (value not valid or not offered here)"]


def test_identified_views_keep_the_upazila_filter(report_data, reporter, client):
    client.force_login(reporter("programme_lead"))
    upazila = report_data.upazilas[0]
    response = _get(client, "status", {"upazila": upazila.pk})
    expected = sum(1 for s in report_data.specs if s.upazila == 0)
    assert response.context["sections"][0]["table"].count(TOTAL, TOTAL) == expected


def test_the_upazila_filter_offers_the_upazilas_of_the_chosen_district_only(report_data, reporter, client):
    """All 494 upazilas were half of a report page on a phone; as on the case list, the district
    comes first. A link with an upazila alone still filters, and offers that upazila's district."""
    from casework.models import Upazila

    client.force_login(reporter("programme_lead"))
    upazila = report_data.upazilas[0]
    district_upazilas = set(Upazila.objects.filter(district=upazila.district_id).values_list("pk", flat=True))
    for lang, hint in (("en", "Choose a district first, then press Show"),
                       ("bn", "আগে জেলা বেছে নিন, তারপর “দেখান” চাপুন")):
        response = _get(client, "status", lang=lang)
        assert [(k, str(label)) for k, label in response.context["filter"].form.fields["upazila"].widget.choices] == [("", hint)]
        assert f"<option value=\"\" selected>{hint}</option>" in response.content.decode()
    for params in ({"district": upazila.district_id}, {"upazila": upazila.pk}):
        response = _get(client, "status", params)
        offered = {k for k, _label in response.context["filter"].form.fields["upazila"].widget.choices if k}
        assert offered == district_upazilas, params
        assert not response.context["filter"].errors
    assert f'<option value="{upazila.pk}" selected>' in response.content.decode()
    assert response.context["sections"][0]["table"].count(TOTAL, TOTAL) == sum(
        1 for s in report_data.specs if s.upazila == 0)
    response = _get(client, "status", {"upazila": "৯৯৯৯৯"})  # Bangla digits, no such upazila
    assert "upazila" in response.context["filter"].errors


def test_an_empty_anonymised_view_says_less_than_5_not_no_cases(report_data, reporter, client):
    from casework.models import District

    empty = District.objects.exclude(pk__in=[c.district_id for c in report_data.cases]).first()
    client.force_login(reporter("meal_analyst"))
    for slug in ["dashboard", "status", "district", "destination", "case-studies", "gaps", "documentation"]:
        html = _get(client, slug, {"district": empty.pk}).content.decode()
        assert "No cases match these filters" not in html, slug
        assert "&lt;5" in html, slug
    client.force_login(reporter("programme_lead"))
    assert "No cases match these filters" in _get(client, "status", {"district": empty.pk}).content.decode()


def test_anonymised_rows_are_in_name_order_not_by_their_hidden_count(report_data, reporter, client):
    client.force_login(reporter("meal_analyst"))
    table = _get(client, "destination").context["sections"][0]["table"]
    labels = [r.label for r in table.rows if r.key != OTHER]
    assert labels == sorted(labels, key=str.casefold)
    assert table.rows[-1].key == OTHER
    lead = reporter("programme_lead")
    client.force_login(lead)
    identified = _get(client, "destination").context["sections"][0]["table"]
    totals = [identified.count(r.key, TOTAL) for r in identified.rows]
    assert totals == sorted(totals, reverse=True)  # identified views still put the biggest first


# --- Money -------------------------------------------------------------------------------------
def test_anonymised_money_hides_a_dominant_settlement_and_every_filtered_sum(report_data, reporter, client):
    settlement = "550,000"
    client.force_login(reporter("programme_lead"))
    lead = _get(client, "channel").content.decode()
    assert "647,000" in lead  # identified: exact (550,000 + five small ones)
    client.force_login(reporter("meal_analyst"))
    for slug in ["gender", "success", "channel"]:
        html = _get(client, slug).content.decode()
        assert settlement not in html and "647,000" not in html and "650,000" not in html, slug
        sections = _get(client, slug).context["sections"]
        money_column = [s for s in sections if any(x.kind == "money" for x in s["table"].derived)]
        assert money_column, slug  # unfiltered: the column is there, its cells "x" (one case is most of the sum)
        for params in ({"channel": "gmc"}, {"channel": "bmet"}, {"gender": "male"}, {"period": "2025"}):
            response = _get(client, slug, params)
            derived = [x.kind for s in response.context["sections"] for x in s["table"].derived]
            assert "money" not in derived, (slug, params)
            assert not [t for t in response.context["tiles"] if t["key"] == "money"], (slug, params)
            assert "money recovered is shown only for all cases" in response.content.decode(), (slug, params)


# --- Post-analysis texts per role (SPEC §1 matrix) ---------------------------------------------
def test_coordinators_and_org_admins_get_no_post_analysis_text(report_data, reporter, client):
    for role in ("field_coordinator", "org_admin"):
        client.force_login(reporter(role, org=report_data.orgs["A"], upazilas=report_data.upazilas))
        for slug in ("case-studies", "gaps"):
            response = _get(client, slug)
            assert response.context["texts"] is None and response.context["texts_withheld"], (role, slug)
            html = response.content.decode()
            assert "was helped after mediation" not in html and "BMET took months" not in html, (role, slug)
            assert not any(c.case_number in html for c in report_data.cases), (role, slug)


def test_a_legal_advisor_reads_only_the_post_analyses_rules_let_them_open(report_data, reporter, client):
    from casework.models import Case
    from tests.factories import OrganizationFactory

    legal_org = OrganizationFactory(name="Report legal aid NGO")
    studies = [c for s, c in zip(report_data.specs, report_data.cases) if s.study]
    mine = studies[:2]
    Case.objects.filter(pk__in=[c.pk for c in mine]).update(legal_aid_org=legal_org)
    advisor = reporter("legal_advisor", org=legal_org)
    client.force_login(advisor)
    for slug in ("case-studies", "gaps"):
        response = _get(client, slug)
        texts = response.context["texts"]
        listed = {item["case_pk"] for item in texts}
        allowed = {c.pk for c in Case.objects.all() if advisor.has_perm("casework.view_post_analysis", c)}
        assert listed <= allowed and listed, slug  # ask rules.py, per case
        html = response.content.decode()
        others = [c for c in studies if c.pk not in allowed]
        assert others and not any(c.case_number in html for c in others), slug
        assert "Only the post-analyses of cases you work on are listed." in html
    # The counts stay programme-wide and exact (identified figures).
    table = _get(client, "case-studies").context["sections"][0]["table"]
    assert table.count(TOTAL, TOTAL) == sum(1 for s in report_data.specs if s.study and s.consent_study)


def test_the_programme_lead_reads_every_post_analysis_without_a_left_out_note(report_data, reporter, client):
    """The lead's scope is every case (an empty Q): no case is outside it, so no note says some were
    left out, in either language, and the list is the newest case studies of all organisations."""
    from casework.models import Case

    client.force_login(reporter("programme_lead"))
    for slug in ("case-studies", "gaps"):
        for language, note in (("en", "Only the post-analyses of cases you work on are listed."),
                               ("bn", "শুধু আপনি যেসব কেসে কাজ করেন, সেগুলোর পরবর্তী বিশ্লেষণ দেখানো হয়েছে।")):
            response = _get(client, slug, lang=language)
            assert response.context["texts"], (slug, language)
            assert response.context["texts_note"] == "", (slug, language)
            assert note not in response.content.decode(), (slug, language)
    studies = Case.objects.filter(consent_case_study=True, post_analysis__case_study=True)
    listed = {item["case_pk"] for item in _get(client, "case-studies").context["texts"]}
    assert listed == set(studies.order_by("-created_at", "-id").values_list("pk", flat=True)[:PAGE_SIZE])


def test_meal_reads_anonymised_texts_only_without_filters(report_data, reporter, client):
    client.force_login(reporter("meal_analyst"))
    response = _get(client, "case-studies")
    texts = response.context["texts"]
    assert texts and len(texts) % 5 == 0
    html = response.content.decode()
    for item in texts:
        labels = {label for label, _value in item["facts"]}
        assert labels <= {"Case categories", "Money recovered (BDT)"}, labels  # no channel, result, place or year
    assert "less than 50,000" in html  # a band, not the amount
    for spec in report_data.specs:
        if spec.money:
            assert f"{spec.money:,}" not in html
    gaps = _get(client, "gaps").context["texts"]
    assert gaps and len(gaps) % 5 == 0 and all([label for label, _v in item["facts"]] == ["Gaps"] for item in gaps)
    for slug in ("case-studies", "gaps"):
        for params in ({"district": report_data.cases[0].district_id}, {"gender": "female"}, {"period": "2025"}):
            response = _get(client, slug, params)
            assert response.context["texts"] is None, (slug, params)
            assert "only for all cases, without filters" in response.content.decode()


# --- Filters say what they did ---------------------------------------------------------------
def test_a_mistyped_filter_is_named_as_not_applied_while_the_good_ones_are_described(report_data, reporter, client):
    client.force_login(reporter("programme_lead"))
    params = {"gender": "female", "district": "abc"}
    response = _get(client, "status", params)
    assert response.context["filter"].errors
    assert response.context["sections"][0]["table"].count(TOTAL, TOTAL) == sum(
        1 for s in report_data.specs if s.gender == "female")
    described = dict(response.context["filters_in_force"])
    assert described["Gender"] == "Female"
    assert described["Not applied (value not valid or not offered here)"] == "District"
    book = _workbook(client.get("/en/reports/status/xlsx/", params))
    first_column = [row[:2] for row in book.worksheets[0].iter_rows(values_only=True)]
    assert ("Gender", "Female") in first_column
    assert ("Not applied (value not valid or not offered here)", "District") in first_column


@pytest.mark.parametrize("value", ["0001-01-01", "1989-12-31", "9999-12-31"])
@pytest.mark.parametrize("field", ["received_from", "received_to"])
def test_dates_out_of_range_are_a_form_error_not_a_500(report_data, reporter, client, field, value):
    client.force_login(reporter("programme_lead"))
    for url in ("/en/reports/", "/en/reports/status/", "/en/reports/status/xlsx/", "/bn/reports/district/"):
        response = client.get(url, {field: value})
        assert response.status_code == 200, url
    response = _get(client, "status", {field: value})
    assert field in response.context["filter"].errors
    assert "Choose a date from" in response.content.decode()
    with translation.override("bn"):
        response = client.get("/bn/reports/status/", {field: value})
    assert "১৯৯০" in response.content.decode()  # the message in Bangla, with Bangla digits


def test_periods_go_back_to_the_first_case_and_an_unknown_one_is_an_error(report_data, reporter, client):
    from datetime import datetime

    from django.utils import timezone

    from casework.models import Case

    old = report_data.cases[0]
    Case.objects.filter(pk=old.pk).update(created_at=datetime(2015, 6, 3, 12, tzinfo=timezone.get_current_timezone()))
    client.force_login(reporter("programme_lead"))
    response = _get(client, "status", {"period": "2015-06"})
    assert not response.context["filter"].errors
    assert response.context["sections"][0]["table"].count(TOTAL, TOTAL) == 1
    assert response.context["period_label"] == "June 2015"
    for period in ("2015-Q2", "2015"):
        assert not _get(client, "status", {"period": period}).context["filter"].errors
    response = _get(client, "status", {"period": "2014-12"})
    assert "period" in response.context["filter"].errors
    assert "There are no figures for this period" in response.content.decode()
    assert dict(response.context["filters_in_force"])["Not applied (value not valid or not offered here)"] == "Period"


# --- Bangla digits in month, quarter and year labels -----------------------------------------
LATIN_DIGIT = re.compile(r"[0-9]")


def test_month_quarter_and_year_labels_use_bangla_digits(report_data, reporter, client):
    client.force_login(reporter("programme_lead"))
    with translation.override("bn"):
        status = _get(client, "status", lang="bn")
        success = _get(client, "success", lang="bn")
        periodic = _get(client, "periodic", {"period": "2025-Q1"}, lang="bn")
        book = _workbook(client.get("/bn/reports/success/xlsx/"))
    months = [r.label for r in status.context["sections"][1]["table"].rows]
    assert months and all(not LATIN_DIGIT.search(m) and "২০২৫" in m for m in months), months
    quarters = [r.label for r in success.context["sections"][0]["table"].rows]
    assert quarters == ["২০২৫ সালের ১ নম্বর প্রান্তিক"], quarters
    html = status.content.decode()
    chart = re.search(r'<svg[^>]*>.*?</svg>', html[html.index('id="section-by_month"'):], re.S).group(0)
    axis = re.findall(r'class="chart-label"[^>]*>([^<]*)<', chart)
    assert axis and all(not LATIN_DIGIT.search(label) for label in axis), axis
    # The period list only: other lists' ids can also start with 20 (an organisation such as "Test NGO 37"
    # made by a factory in an earlier test on the worker), and their names are not period labels.
    period = re.search(r'<select[^>]*name="period".*?</select>', html, re.S).group(0)
    options = re.findall(r'<option value="20\d\d[^"]*"[^>]*>([^<]*)<', period)
    assert options and all(not LATIN_DIGIT.search(o) for o in options), [o for o in options if LATIN_DIGIT.search(o)][:5]
    assert "২০২৫ সালের ১ নম্বর প্রান্তিক" in periodic.context["period_label"]
    assert re.search(r"<h1>[^<]*২০২৫ সালের ১ নম্বর প্রান্তিক", periodic.content.decode())
    sheet_labels = [row[0] for row in book.worksheets[1].iter_rows(values_only=True) if row[0]]
    assert "২০২৫ সালের ১ নম্বর প্রান্তিক" in sheet_labels


# --- Anonymised export = page ----------------------------------------------------------------
def _number(text):
    text = text.replace(",", "")
    return float(text) if "." in text else int(text)


@pytest.mark.parametrize("slug", ["status", "district", "gender", "success", "channel", "documentation",
                                  "psychosocial", "case-studies", "gaps"])
def test_anonymised_xlsx_has_every_figure_as_the_page_shows_it(report_data, reporter, client, slug):
    client.force_login(reporter("meal_analyst"))
    response = _get(client, slug)
    html = response.content.decode()
    book = _workbook(client.get(f"/en/reports/{slug}/xlsx/"))
    report = d.REPORTS_BY_SLUG[slug]
    shown = response.context["sections"]
    sheets = book.worksheets[1:] if response.context["tiles"] else book.worksheets
    for section, sheet in zip(shown, sheets):
        rows = list(sheet.iter_rows(values_only=True))
        assert any("rounded down to a multiple of 5" in str(r[0]) for r in rows), sheet.title
        header = section["table"].row_header or None
        start = next(i for i, r in enumerate(rows) if r[0] == header and r[1] is not None)
        for line, exported in zip(section["rows"], rows[start + 1:]):
            page = [c["text"] for c in line["cells"] + line["derived"]]
            for text, value in zip(page, exported[1:]):
                if text in ("<5", "x"):
                    assert value == text, (slug, line["label"])
                elif text == "–":
                    assert value in (None, ""), (slug, line["label"])
                else:
                    assert _number(text) == value, (slug, line["label"], text, value)
                    assert text in html
    assert len(shown) + (1 if response.context["tiles"] else 0) == len(report.sections)
    # The page prints exactly these texts in its table cells.
    cells = [c.strip() for c in re.findall(r"<td[^>]*>([^<]*)", html)]
    expected = [c["text"] for s in shown for line in s["rows"] for c in line["cells"] + line["derived"]]
    assert [c.replace("&lt;", "<") for c in cells] == expected


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_a_category_filter_is_described_in_the_readers_language(report_data, reporter, client, lang):
    from wagtail.models import Locale

    category = report_data.categories[0]
    english = category.copy_for_translation(Locale.objects.get_or_create(language_code="en")[0])
    english.name = "Wage theft abroad"
    english.save()
    client.force_login(reporter("programme_lead"))
    params = {"category": category.pk}
    response = _get(client, "status", params, lang=lang)
    described = dict(response.context["filters_in_force"])
    label = "Case category" if lang == "en" else "কেসের ধরন"
    assert described[label] == ("Wage theft abroad" if lang == "en" else category.name)
    book = _workbook(client.get(f"/{lang}/reports/status/xlsx/", params))
    first_column = [row[:2] for row in book.worksheets[0].iter_rows(values_only=True)]
    assert (label, described[label]) in first_column
