"""Code of conduct and two-factor gates: nothing is reachable until they are passed."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal import roles
from portal.accounts.models import CodeOfConduct, CodeOfConductAcceptance
from tests.portal.security_helpers import add_totp, sign_in, totp_token, user

pytestmark = pytest.mark.django_db

DEFAULT_2FA_ROLES = ["programme_lead", "legal_advisor", "primary_advisor", "system_admin"]


@pytest.fixture
def conduct_on(settings):
    settings.CODE_OF_CONDUCT_REQUIRED = True
    from django.core.cache import cache

    cache.clear()


def test_the_first_code_is_real_and_bilingual():
    code = CodeOfConduct.current()
    assert code.version == 1
    assert "need to know" in code.text_en.lower() and "dalal" in code.text_en
    assert "দালাল" in code.text_bn and "পাসওয়ার্ড" in code.text_bn
    assert code.text_bn.count("\n\n") == code.text_en.count("\n\n")  # same sections in both


def test_code_of_conduct_gate(client, demo_people, conduct_on):
    sign_in(client, "coord.okup1")
    blocked = client.get("/en/staff/")
    assert blocked.status_code == 302
    assert blocked["Location"] == "/en/accounts/code-of-conduct/?next=%2Fen%2Fstaff%2F"
    assert client.get("/en/accounts/me/").status_code == 302
    assert client.get("/bn/accounts/users/").status_code == 302
    page = client.get(blocked["Location"])
    assert "Need to know" in page.content.decode()
    bn_page = client.get("/bn/accounts/code-of-conduct/")
    assert "যতটুকু দরকার" in bn_page.content.decode()
    not_ticked = client.post("/en/accounts/code-of-conduct/", {"next": "/en/staff/"})
    assert not_ticked.status_code == 200
    accepted = client.post("/en/accounts/code-of-conduct/", {"agree": "on", "next": "/en/staff/"})
    assert accepted["Location"] == "/en/staff/"
    record = CodeOfConductAcceptance.objects.get(user=user("coord.okup1"))
    assert record.version == 1 and record.accepted_at is not None
    assert client.get("/en/staff/").status_code == 200
    # Accepted once: the next sign-in goes straight through.
    client.post("/en/accounts/logout/")
    sign_in(client, "coord.okup1")
    assert client.get("/en/staff/").status_code == 200


def test_a_new_version_must_be_accepted_again(client, demo_people, conduct_on):
    coordinator = user("coord.okup1")
    CodeOfConductAcceptance.objects.create(user=coordinator, code=CodeOfConduct.current(), version=1)
    client.force_login(coordinator)
    assert client.get("/en/staff/").status_code == 200

    admin = Client()
    admin.force_login(user("sysadmin"))
    CodeOfConductAcceptance.objects.create(user=user("sysadmin"), code=CodeOfConduct.current(), version=1)
    published = admin.post("/en/accounts/code-of-conduct/edit/", {
        "title_en": "Confidentiality code", "title_bn": "গোপনীয়তা নীতিমালা",
        "text_en": "1. Need to know, and a new rule on photographs.", "text_bn": "১. যতটুকু দরকার, আর ছবির নতুন নিয়ম।"})
    assert published.status_code == 302
    assert CodeOfConduct.current().version == 2
    # Already signed-in users are stopped at their next page.
    assert client.get("/en/staff/")["Location"].startswith("/en/accounts/code-of-conduct/")
    client.post("/en/accounts/code-of-conduct/", {"agree": "on"})
    assert client.get("/en/staff/").status_code == 200
    assert set(CodeOfConductAcceptance.objects.filter(user=coordinator).values_list("version", flat=True)) == {1, 2}


def test_only_the_system_admin_edits_the_code(client, demo_people):
    for username in ("admin.okup", "lead", "editor"):
        client.force_login(user(username))
        assert client.get("/en/accounts/code-of-conduct/edit/").status_code == 403
        assert client.post("/en/accounts/code-of-conduct/edit/", {
            "title_en": "x", "title_bn": "x", "text_en": "x", "text_bn": "x"}).status_code == 403
    assert CodeOfConduct.objects.count() == 1


@pytest.mark.parametrize("role", DEFAULT_2FA_ROLES)
def test_two_factor_is_required_for_the_configured_roles(client, demo_people, settings, user_in_role, role):
    settings.TWO_FACTOR_REQUIRED_ROLES = DEFAULT_2FA_ROLES
    person = user_in_role(role)
    sign_in(client, person.username)
    response = client.get("/en/staff/")
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/two-factor/setup/")


@pytest.mark.parametrize("role", ["field_coordinator", "meal_analyst", "org_admin", "content_editor"])
def test_two_factor_is_not_required_for_other_roles(client, demo_people, settings, user_in_role, role):
    settings.TWO_FACTOR_REQUIRED_ROLES = DEFAULT_2FA_ROLES
    sign_in(client, user_in_role(role).username)
    assert client.get("/en/staff/").status_code == 200


def test_default_setting_is_the_four_roles():
    from portal.settings import base

    assert base.TWO_FACTOR_REQUIRED_ROLES == DEFAULT_2FA_ROLES


def test_setup_then_verify_with_app_code_and_backup_code(client, demo_people, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = [roles.LEGAL_ADVISOR]
    sign_in(client, "legal1")
    setup = client.get("/en/accounts/two-factor/setup/")
    assert setup.status_code == 200 and "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=user("legal1"), confirmed=False)
    wrong = client.post("/en/accounts/two-factor/setup/", {"token": "000000"})
    assert wrong.status_code == 200 and not TOTPDevice.objects.get(pk=device.pk).confirmed
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # django-otp slows guessing down
    device.throttle_reset()  # the person waits a second before the next try
    done = client.post("/en/accounts/two-factor/setup/", {"token": totp_token(device)})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10 and all(c in done.content.decode() for c in codes)
    assert client.get("/en/staff/").status_code == 200

    # Next sign-in: the password alone gets nowhere.
    client.post("/en/accounts/logout/")
    sign_in(client, "legal1")
    assert client.get("/en/staff/")["Location"].startswith("/en/accounts/two-factor/verify/")
    assert client.get("/en/cases/").status_code == 302
    bad = client.post("/en/accounts/two-factor/verify/", {"token": "123456"})
    assert bad.status_code == 200 and bad.context["form"].errors
    device.refresh_from_db()
    device.throttle_reset()
    ok = client.post("/en/accounts/two-factor/verify/", {"token": totp_token(device, offset_steps=1), "next": "/en/staff/"})
    assert ok["Location"] == "/en/staff/"
    assert client.get("/en/staff/").status_code == 200

    # A backup code works once.
    for d in (*TOTPDevice.objects.filter(user=user("legal1")), *StaticDevice.objects.filter(user=user("legal1"))):
        d.throttle_reset()
    client.post("/en/accounts/logout/")
    sign_in(client, "legal1")
    assert client.post("/en/accounts/two-factor/verify/", {"token": codes[0]}).status_code == 302
    assert client.get("/en/staff/").status_code == 200
    client.post("/en/accounts/logout/")
    sign_in(client, "legal1")
    reused = client.post("/en/accounts/two-factor/verify/", {"token": codes[0]})
    assert reused.status_code == 200
    assert not StaticToken.objects.filter(token=codes[0]).exists()


def test_a_user_with_a_device_is_asked_even_when_not_required(client, demo_people, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    add_totp(user("coord.okup1"))
    sign_in(client, "coord.okup1")
    assert client.get("/en/staff/")["Location"].startswith("/en/accounts/two-factor/verify/")


def test_a_stolen_password_cannot_replace_the_device(client, demo_people):
    add_totp(user("coord.okup1"))
    sign_in(client, "coord.okup1")
    assert client.get("/en/accounts/two-factor/setup/")["Location"].startswith("/en/accounts/two-factor/verify/")
    assert TOTPDevice.objects.filter(user=user("coord.okup1")).count() == 1


def test_wagtail_admin_login_goes_through_the_portal_login(client, demo_people):
    response = client.post("/cms/login/", {"username": "editor", "password": "whatever"})
    assert response.status_code == 302 and response["Location"].startswith("/bn/accounts/login/")
    assert get_user_model().objects.get(username="editor").last_login is None


def test_gates_add_no_query_to_an_ordinary_page(client, demo_people, settings, conduct_on):
    """The gate state lives in the session: with every gate on, a page costs the same queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.CODE_OF_CONDUCT_REQUIRED = False
    client.force_login(user("meal"))
    client.get("/en/staff/")
    with CaptureQueriesContext(connection) as off:
        assert client.get(reverse("staff_home")).status_code == 200
    settings.CODE_OF_CONDUCT_REQUIRED = True
    settings.PASSWORD_MAX_AGE_DAYS = 90
    settings.TWO_FACTOR_REQUIRED_ROLES = DEFAULT_2FA_ROLES
    CodeOfConductAcceptance.objects.create(user=user("meal"), code=CodeOfConduct.current(), version=1)
    client.force_login(user("meal"))
    client.get("/en/staff/")
    with CaptureQueriesContext(connection) as on:
        assert client.get(reverse("staff_home")).status_code == 200
    assert len(off.captured_queries) > 0
    assert len(on.captured_queries) == len(off.captured_queries)
