import pytest

from tests.conftest import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_open_bangla_switch_to_english_and_sign_in(page, live_server, demo_people, home_pages):
    page.goto(f"{live_server.url}/bn/")
    assert page.locator("html").get_attribute("lang") == "bn"
    assert "প্রতিকার" in page.locator("h1").inner_text()
    # The Bangla font is self-hosted and actually used.
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Noto Sans Bengali" in font

    page.click(".lang-switch a[data-lang=en]")
    page.wait_for_url(f"{live_server.url}/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "migrant workers" in page.locator("h1").inner_text()

    page.click("text=Staff sign in")
    page.fill("#id_username", "coord.okup1")
    page.fill("#id_password", "wrong password")
    page.click("button[type=submit]")
    assert "not right" in page.locator("[role=alert]").inner_text()

    page.fill("#id_username", "coord.okup1")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/en/staff/")
    assert "Welcome, Shirin Begum" in page.locator("h1").inner_text()
    assert "Field coordinator" in page.content()
