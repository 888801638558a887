"""Reports in Chromium: the dashboard and a report with its SVG chart, in Bangla, then print layout."""

import re

import pytest
from django.utils import timezone

from casework.models import Case, JusticeSeeker
from tests.casework.workflow_helpers import restore_migration_data
from tests.conftest import DEMO_PASSWORD
from tests.factories import CaseCategoryFactory, OrganizationFactory, make_case

BANGLA = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def report_cases(transactional_db):
    restore_migration_data()
    from home.demo import seed_people

    seed_people(DEMO_PASSWORD)
    org = OrganizationFactory()
    category = CaseCategoryFactory(name="Visa fraud")
    cases = [make_case(organization=org, categories=[category], status=s)
             for s in ["draft", "in_redress", "in_redress", "closed", "closed", "closed", "declined"] * 2]
    JusticeSeeker.objects.filter(case__in=cases).update(gender="female")
    Case.objects.filter(pk__in=[c.pk for c in cases], status="in_redress").update(channel="bmet")
    # 6 × 3,05,000 = 18,30,000 BDT: the figure that spilled out of its tile in Bangla.
    Case.objects.filter(pk__in=[c.pk for c in cases], status="closed").update(
        money_recovered=305_000, result_favours_worker="yes")
    return cases


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/bn/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/bn/staff/")


def test_dashboard_and_report_with_chart_in_bangla(page, live_server, report_cases):
    sign_in(page, live_server, "lead")
    page.click("nav.site-nav >> a[href='/bn/reports/']")
    page.wait_for_url(f"{live_server.url}/bn/reports/")
    assert page.locator("html").get_attribute("lang") == "bn"
    received = page.locator(".report-tile[data-key=received] .tile-value").inner_text()
    assert received == "১৪"  # 14 cases, in Bangla digits
    chart = page.locator("#section-by_status svg.report-chart")
    assert chart.get_attribute("role") == "img"
    assert chart.locator("desc").count() == 1
    assert chart.bounding_box()["width"] > 200  # drawn, not an empty box

    page.click("a[href^='/bn/reports/gender/']")
    page.wait_for_url(f"{live_server.url}/bn/reports/gender/")
    svg = page.locator("#section-by_gender svg.report-chart")
    assert svg.is_visible()
    assert svg.locator("rect").count() >= 1  # at least one bar
    assert "নারী" in page.locator("#section-by_gender table").inner_text()
    # No request left the server: charts need no CDN and no script.
    assert page.evaluate("document.querySelectorAll('script[src^=\"http\"]').length") == 0

    # Printing hides the filters and the menu and keeps the chart.
    page.emulate_media(media="print")
    assert not page.locator(".report-filters").is_visible()
    assert not page.locator("header.site-header").is_visible()
    assert svg.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF"


def test_meal_analyst_sees_anonymised_dashboard(page, live_server, report_cases):
    sign_in(page, live_server, "meal")
    page.goto(f"{live_server.url}/bn/reports/")
    assert page.locator("#suppression-legend").is_visible()
    text = page.locator("#section-by_status table").inner_text()
    assert "<৫" in text  # draft: 2 cases, shown as "fewer than 5"


# --- Phone layout and print (issue 6) --------------------------------------------------------
# Measured in the page: the widest the page gets, and every chart <text> as drawn (its box and
# its font size times the SVG's scale), against the drawing's own box.
CHART_AND_WIDTH = """() => {
  const texts = [...document.querySelectorAll('svg.report-chart text')].map(t => {
    const svg = t.closest('svg'), box = svg.getBoundingClientRect(), r = t.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    return {text: t.textContent, height: r.height, px: parseFloat(getComputedStyle(t).fontSize) * scale,
            left: r.left - box.left, right: box.right - r.right};
  });
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, texts};
}"""


@pytest.mark.parametrize("username", ["meal", "lead"])  # meal_analyst (anonymised), programme_lead
@pytest.mark.parametrize("path", ["/bn/reports/", "/bn/reports/status/"])
def test_reports_fit_a_360_px_phone_with_legible_charts(phone_page, live_server, report_cases, username, path):
    page = phone_page
    sign_in(page, live_server, username)
    page.goto(f"{live_server.url}{path}")
    measured = page.evaluate(CHART_AND_WIDTH)
    # A mobile viewport widens to the content, so check it stayed 360 as well as the page within it.
    assert measured["innerWidth"] == 360
    assert measured["scrollWidth"] <= measured["innerWidth"], measured["scrollWidth"]
    assert len(measured["texts"]) > 5
    for t in measured["texts"]:
        assert t["height"] >= 11 and t["px"] >= 11, t
        assert t["left"] >= -1 and t["right"] >= -1, t  # nothing cut at the drawing's edges
    # Wide tables scroll in their own box, their row labels stay put.
    wrap = page.locator(".table-wrap").first
    assert page.evaluate("el => getComputedStyle(el).overflowX", wrap.element_handle()) == "auto"
    label = page.locator(".report-table tbody th[scope=row]").first
    assert page.evaluate("el => getComputedStyle(el).position", label.element_handle()) == "sticky"


def test_periodic_report_prints_a_cover_with_its_date_and_one_theme_a_page(page, live_server, report_cases):
    sign_in(page, live_server, "lead")
    page.goto(f"{live_server.url}/bn/reports/periodic/")
    page.emulate_media(media="print")
    made = page.locator(".report-made")
    assert made.is_visible()
    today = timezone.localdate()
    assert made.locator("time").get_attribute("datetime") == today.isoformat()
    assert str(today.day).translate(BANGLA) in made.inner_text() and not re.search("[0-9]", made.inner_text())
    tiles = page.evaluate("""() => [...document.querySelectorAll('.report-tile')].map(t => {
        const v = t.querySelector('.tile-value');
        return {text: v.textContent, fits: v.scrollWidth <= v.clientWidth && v.getBoundingClientRect().right
                <= t.getBoundingClientRect().right};
    })""")
    money = [t for t in tiles if t["text"] == "১৮,৩০,০০০"]
    assert money, tiles
    assert all(t["fits"] for t in tiles), tiles
    pdf = page.pdf(format="A4")
    sections = page.locator("section.report-section").count()
    # The cover on a page of its own, then each theme on one page.
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1 + sections


def test_a_lead_pages_through_case_studies_on_a_phone_in_bangla(phone_page, live_server, report_cases):
    from casework.models import PostAnalysis
    from casework.reports.texts import PAGE_SIZE

    for n, case in enumerate(report_cases[: PAGE_SIZE + 2]):
        Case.objects.filter(pk=case.pk).update(consent_case_study=True)
        PostAnalysis.objects.create(case=case, analysis=f"গল্প {n}: সালিশে টাকা ফেরত পাওয়া গেল।", case_study=True,
                                    author=case.entered_by)
    page = phone_page
    sign_in(page, live_server, "lead")
    page.goto(f"{live_server.url}/bn/reports/case-studies/")
    assert page.locator("article.report-text-item").count() == PAGE_SIZE
    assert "এটি ১ নম্বর পাতা" in page.locator(".report-texts").inner_text()
    page.click("text=আরও পুরোনোগুলো →")
    page.wait_for_url(f"{live_server.url}/bn/reports/case-studies/?page=2")
    assert page.locator("article.report-text-item").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("text=আরও পুরোনোগুলো →").count() == 0
    page.click("text=← আরও নতুনগুলো")
    page.wait_for_url(f"{live_server.url}/bn/reports/case-studies/")
    assert page.locator("article.report-text-item").count() == PAGE_SIZE
