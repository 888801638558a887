"""Reports in Chromium: the dashboard and a report with its SVG chart, in Bangla, then print layout."""

import pytest

from casework.models import Case, JusticeSeeker
from tests.casework.workflow_helpers import restore_migration_data
from tests.conftest import DEMO_PASSWORD
from tests.factories import CaseCategoryFactory, OrganizationFactory, make_case

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
