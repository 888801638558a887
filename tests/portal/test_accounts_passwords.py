"""Password rules (SOP + Django's), history of 5, 90-day expiry forcing a change, bilingual messages."""

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from portal.accounts.models import PasswordHistory
from tests.conftest import DEMO_PASSWORD
from tests.portal.security_helpers import STRONG, sign_in, user

pytestmark = pytest.mark.django_db


def codes(password, who=None):
    try:
        validate_password(password, who)
    except ValidationError as exc:
        return {e.code for e in exc.error_list}
    return set()


@pytest.mark.parametrize(
    "password,code",
    [
        ("Ab1!xyz", "password_too_short"),          # 7 characters
        ("nodi-jol-2026!", "password_no_upper"),
        ("NODI-JOL-2026!", "password_no_lower"),
        ("Nodi-Jol-Dhaka!", "password_no_digit"),
        ("NodiJol2026abc", "password_no_symbol"),
        ("Password1!", None),                        # passes the SOP rules...
    ],
)
def test_each_sop_rule(password, code):
    found = codes(password)
    if code is None:
        assert not found & {"password_no_upper", "password_no_lower", "password_no_digit", "password_no_symbol",
                            "password_too_short"}
    else:
        assert code in found


def test_sop_example_and_bangla_digits_pass():
    assert codes("Ch1ldProt8tion!") == set()
    assert codes("Nodi-Jol-২০২৬") == set()  # Bangla digits count as digits


def test_common_and_similar_passwords_are_refused(demo_people):
    assert "password_too_common" in codes("Password1!")  # in Django's list of common passwords
    assert "password_too_similar" in codes("Mahmuda1!", user("advisor.okup"))


def test_last_five_passwords_cannot_be_reused(demo_people):
    advisor = user("advisor.okup")
    used = [f"Nodi-Jol-{n}!A" for n in range(1, 7)]
    for pw in used:
        validate_password(pw, advisor)
        advisor.set_password(pw)
        advisor.save()
    assert PasswordHistory.objects.filter(user=advisor).count() == 5  # only what the rule needs is kept
    for recent in used[-5:]:
        assert "password_reused" in codes(recent, advisor)
    assert "password_reused" not in codes(used[0], advisor)  # the sixth-last is allowed again


@pytest.mark.parametrize("lang", ["bn", "en"])
def test_messages_are_bilingual(client, demo_people, lang):
    client.force_login(user("legal1"))
    response = client.post(f"/{lang}/accounts/password/change/", {
        "old_password": DEMO_PASSWORD, "new_password1": "nodijol2026", "new_password2": "nodijol2026"})
    assert response.status_code == 200
    with translation.override(lang):
        expected = [gettext("The password needs at least one capital letter (A–Z)."),
                    gettext("The password needs at least one symbol, for example %(examples)s.")
                    % {"examples": "! @ # $ % &amp; *"}]
    html = response.content.decode()
    for message in expected:
        assert message in html


def test_password_change_records_history_and_date(client, demo_people):
    client.force_login(user("legal1"))
    before = PasswordHistory.objects.filter(user=user("legal1")).count()
    response = client.post("/en/accounts/password/change/", {
        "old_password": DEMO_PASSWORD, "new_password1": STRONG, "new_password2": STRONG})
    assert response.status_code == 302
    assert PasswordHistory.objects.filter(user=user("legal1")).count() == before + 1
    again = client.post("/en/accounts/password/change/", {
        "old_password": STRONG, "new_password1": DEMO_PASSWORD, "new_password2": DEMO_PASSWORD})
    assert again.status_code == 200 and "password_reused" in {e.code for e in again.context["form"].errors.as_data()["new_password2"]}


def test_expired_password_forces_a_change(client, demo_people, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    with time_machine.travel(timezone.now() + timezone.timedelta(days=89)):
        assert sign_in(client, "legal1")["Location"] == "/en/staff/"
        assert client.get("/en/staff/").status_code == 200
        client.post("/en/accounts/logout/")
    with time_machine.travel(timezone.now() + timezone.timedelta(days=91)):
        sign_in(client, "legal1")
        blocked = client.get("/en/staff/")
        assert blocked.status_code == 302
        assert blocked["Location"].startswith("/en/accounts/password/expired/")
        # Nothing else is reachable either.
        assert client.get("/en/accounts/me/").status_code == 302
        page = client.get(blocked["Location"])
        assert page.status_code == 200
        same = client.post("/en/accounts/password/expired/?next=/en/staff/", {
            "old_password": DEMO_PASSWORD, "new_password1": DEMO_PASSWORD, "new_password2": DEMO_PASSWORD})
        assert same.status_code == 200  # the old password is not a new one
        changed = client.post("/en/accounts/password/expired/", {
            "old_password": DEMO_PASSWORD, "new_password1": STRONG, "new_password2": STRONG, "next": "/en/staff/"})
        assert changed.status_code == 302 and changed["Location"] == "/en/staff/"
        assert client.get("/en/staff/").status_code == 200


def test_expiry_is_configurable(client, demo_people, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 30
    with time_machine.travel(timezone.now() + timezone.timedelta(days=31)):
        sign_in(client, "legal1")
        assert client.get("/en/staff/")["Location"].startswith("/en/accounts/password/expired/")
