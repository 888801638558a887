"""A field coordinator adds a case in the Bangla interface, in Chromium, on a phone-sized screen."""

import re

import pytest

from tests.conftest import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_adds_a_case_in_bangla(phone_page, live_server, demo_people, home_pages):
    from casework.models import Case
    from tests.factories import CaseCategoryFactory

    category = CaseCategoryFactory(name="দালালের প্রতারণা")
    page = phone_page
    page.goto(f"{live_server.url}/bn/accounts/login/")
    page.fill("#id_username", "coord.okup1")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/bn/(staff|accounts).*"))
    _pass_security_gates(page, live_server)

    page.goto(f"{live_server.url}/bn/cases/new/")
    assert page.locator("html").get_attribute("lang") == "bn"
    page.check(f"input[name='case-categories'][value='{category.pk}']")
    page.fill("#id_case-description", "২০২৪ সালে দালালকে চার লাখ টাকা দিয়েছেন। ভিসা আসেনি, দালাল ফোন ধরে না।")
    page.select_option("#id_case-source", label="কমিউনিটি থেকে")
    page.select_option("#id_case-division", label="চট্টগ্রাম")
    page.select_option("#id_case-district", label="কুমিল্লা")
    page.select_option("#id_case-upazila", label="দেবিদ্বার")
    page.fill("#id_js-name", "রহিমা খাতুন")
    page.check("input[name='js-gender'][value='female']")
    page.fill("#id_js-age", "৩২")
    page.fill("#id_js-phone", "০১৭১১২২৩৩৪৪")
    page.fill("#id_js-passport_number", "EB1234567")
    # the union list is filled from the chosen upazila (JavaScript) 
    page.wait_for_function("document.querySelectorAll('#id_js-union option').length > 2")
    page.fill("#id_perp-0-name", "কাশেম দালাল")
    page.click("button[name=save]")
    page.wait_for_url(re.compile(r".*/bn/cases/\d+/$"))
    assert "PRK-" in page.locator("h1").inner_text()
    assert "রহিমা খাতুন" in page.content()
    case = Case.objects.get()
    assert case.justice_seeker.phone == "+8801711223344"
    assert case.justice_seeker.age == 32
    # usable on a 360-pixel screen: nothing wider than the viewport
    assert page.evaluate("document.documentElement.scrollWidth") <= 360 + 1


def _pass_security_gates(page, live_server):
    """Accept the code of conduct if the security module asks for it (first sign-in)."""
    if "conduct" in page.url:
        box = page.locator("input[type=checkbox]")
        if box.count():
            box.first.check()
        page.locator("button[type=submit]").first.click()
        page.wait_for_load_state()
