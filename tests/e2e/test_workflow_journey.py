"""The whole advisory journey in the Bangla UI, in Chromium, each person in their own browser session:
coordinator submits → primary advisor returns → coordinator sees the note and resubmits → primary
advisor forwards → legal advisor refers to BMET → coordinator follows up → legal advisor records the
result and the post-analysis and asks to close → programme lead approves."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from casework.models import Case, FollowUp, Organization, PostAnalysis, Referral, Transition
from casework.states import Status
from tests.casework.workflow_helpers import restore_migration_data
from tests.conftest import DEMO_PASSWORD
from tests.factories import CaseCategoryFactory, make_case

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def journey_case(transactional_db):
    restore_migration_data()
    from home.demo import seed_people

    seed_people(DEMO_PASSWORD)
    coordinator = get_user_model().objects.get(username="coord.okup1")
    upazila = coordinator.profile.upazilas.first()
    case = make_case(organization=coordinator.profile.organization, upazila=upazila, entered_by=coordinator,
                     categories=[CaseCategoryFactory()], consent_case_study=True)
    Case.objects.filter(pk=case.pk).update(assigned_to=coordinator)
    return case


def open_as(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1024, "height": 900}, locale="bn-BD")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/bn/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/bn/staff/")
    return page


def decide(page, live_server, case, action, note="", **fields):
    page.goto(f"{live_server.url}/bn/cases/{case.pk}/")
    assert page.locator("html").get_attribute("lang") == "bn"
    if note:
        page.fill("#decision-note", note)
    for selector, value in fields.items():
        page.fill(selector, value)
    page.click(f"button[data-action={action}]")
    page.wait_for_url(f"{live_server.url}/bn/cases/{case.pk}/")


def status(case):
    return Case.objects.get(pk=case.pk).status


def test_advisory_journey_in_bangla(browser, live_server, journey_case):
    case = journey_case
    coordinator = open_as(browser, live_server, "coord.okup1")
    decide(coordinator, live_server, case, "submit", "সব কাগজ জমা হয়েছে। পরামর্শ দিন।")
    assert status(case) == Status.PRIMARY_REVIEW
    # The coordinator may not take the reviewer's decisions: those buttons are not shown.
    coordinator.goto(f"{live_server.url}/bn/cases/{case.pk}/")
    assert coordinator.locator("button[data-action=forward]").count() == 0

    advisor = open_as(browser, live_server, "advisor.okup")
    decide(advisor, live_server, case, "return", "টাকার রসিদ আর দালালের এনআইডি নম্বর সংগ্রহ করুন।")
    assert status(case) == Status.RETURNED

    # The note is on top of the coordinator's case page; they fix and resubmit.
    coordinator.goto(f"{live_server.url}/bn/cases/{case.pk}/")
    assert "টাকার রসিদ" in coordinator.locator(".return-note").inner_text()
    decide(coordinator, live_server, case, "submit", "রসিদ ও এনআইডি যোগ করা হয়েছে।")
    assert status(case) == Status.PRIMARY_REVIEW

    decide(advisor, live_server, case, "forward", "কাগজপত্র শক্ত। চূড়ান্ত পরামর্শের জন্য পাঠানো হলো।")
    case.refresh_from_db()
    assert case.status == Status.FINAL_REVIEW
    assert case.legal_aid_org == Organization.objects.get(short_name="BNWLA")

    legal = open_as(browser, live_server, "legal1")
    decide(legal, live_server, case, "refer_bmet", "বিএমইটিতে অভিযোগ করা হয়েছে।", **{"#decision-ref": "BMET-2026-0415"})
    assert status(case) == Status.IN_REDRESS
    assert Referral.objects.get(case=case).reference_number == "BMET-2026-0415"

    # Follow-up by the coordinator, with the hearing date.
    coordinator.goto(f"{live_server.url}/bn/cases/{case.pk}/#follow-ups")
    coordinator.click("#actions details.add:has(#id_fu-update) summary")
    hearing = timezone.localdate() + timedelta(days=6)
    coordinator.fill("#id_fu-update", "বিএমইটি শুনানির তারিখ দিয়েছে।")
    coordinator.fill("#id_fu-next_action", "কর্মীকে নিয়ে শুনানিতে যাওয়া")
    coordinator.fill("#id_fu-next_date", hearing.isoformat())
    coordinator.click("form:has(#id_fu-update) button[type=submit]")
    coordinator.wait_for_url(f"{live_server.url}/bn/cases/{case.pk}/#follow-ups")
    assert FollowUp.objects.get(case=case).next_date == hearing
    assert "বিএমইটি শুনানির তারিখ দিয়েছে।" in coordinator.locator("#timeline").inner_text()
    # It appears in the coordinator's tasks.
    coordinator.goto(f"{live_server.url}/bn/cases/tasks/")
    assert case.case_number in coordinator.locator("#follow-ups-due").inner_text()

    # The result, typed with Bangla digits, and the post-analysis, by the legal advisor.
    legal.goto(f"{live_server.url}/bn/cases/{case.pk}/#result")
    legal.select_option("#id_res-result", index=4)
    legal.check("#id_res-favours_0")
    legal.fill("#id_res-money_recovered", "১২০০০০")
    legal.click("form:has(#id_res-result) button[type=submit]")
    legal.wait_for_url(f"{live_server.url}/bn/cases/{case.pk}/#result")
    case.refresh_from_db()
    assert (case.status, case.money_recovered) == (Status.RESULT_RECORDED, 120000)
    legal.fill("#id_pa-analysis", "বিএমইটি ডাকার পর এজেন্সি টাকা ফেরত দিয়েছে।")
    legal.check("#id_pa-gaps_0")
    legal.check("#id_pa-case_study")
    legal.click("form:has(#id_pa-analysis) button[type=submit]")
    legal.wait_for_url(f"{live_server.url}/bn/cases/{case.pk}/#post-analysis")
    assert PostAnalysis.objects.get(case=case).case_study
    decide(legal, live_server, case, "request_close", "টাকা ফেরত পাওয়া গেছে। কেস বন্ধ করতে চাই।")

    lead = open_as(browser, live_server, "lead")
    # The header shows the lead nothing unread yet: closing waits on the legal-aid NGO's advisors first.
    decide(lead, live_server, case, "approve_close", "অনুমোদন দেওয়া হলো।")
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.closed_at is not None
    assert list(Transition.objects.filter(case=case).values_list("action", flat=True)) == [
        "submit", "return", "submit", "forward", "refer_bmet", "record_result", "request_close", "approve_close"]
    # After closure, no decision but reopening is offered to the lead.
    lead.goto(f"{live_server.url}/bn/cases/{case.pk}/")
    assert [b.get_attribute("data-action") for b in lead.locator(".decision-buttons button").all()] == ["reopen"]
    for p in (coordinator, advisor, legal, lead):
        p.context.close()
