"""A reader walks find-help in Bangla on a 360-pixel-wide phone, without JavaScript help."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded_site(transactional_db):
    from home.content import ensure_home_pages
    from knowledge.seed import seed_knowledge

    ensure_home_pages()
    seed_knowledge(demo_focal_points=True)


def test_find_help_in_bangla_on_a_phone(live_server, seeded_site, phone_page):
    page = phone_page
    page.goto(f"{live_server.url}/bn/")
    # The menu link leads to find-help (visible, in the public navigation).
    page.locator('nav.site-nav a[href="/bn/find-help/"]').click()
    page.wait_for_url("**/bn/find-help/")
    assert page.locator("h1").inner_text() == "কোথায় সাহায্য পাবেন"

    # Question 1: when did it happen? The choices are big enough to tap and fit the screen.
    choice = page.locator('label:has(input[name="stage"][value="abroad"])')
    box = choice.bounding_box()
    assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 360
    choice.click()
    page.locator('form.find-help-form button[type="submit"]').click()
    page.wait_for_url("**stage=abroad**")

    # Question 2: what happened? Only problems abroad are offered.
    assert page.locator('input[name="problem"][value="predeparture_fraud"]').count() == 0
    page.locator('label:has(input[name="problem"][value="wage_theft"])').click()
    page.locator('form.find-help-form button[type="submit"]').click()
    page.wait_for_url("**problem=wage_theft**")

    # The result: channels in order, in Bangla, with links to their pages, and the papers to collect.
    channels = page.locator(".recommended-channels li")
    assert channels.first.get_attribute("data-channel") == "mission_labour_wing"
    assert "শ্রম উইং" in channels.first.inner_text()
    assert page.locator('[data-document="pay_records"]').is_visible()
    # Nothing overflows the 360px screen sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path="/tmp/find-help-phone.png", full_page=True)

    channels.first.locator("a").click()
    page.wait_for_url("**/bn/redress-channels/embassy-labour-wing/")
    assert "দূতাবাস" in page.locator("h1").inner_text()
