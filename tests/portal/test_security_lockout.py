"""django-axes lockout (5 failures per user and address, 30 minutes) and the rate limits."""

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.conftest import DEMO_PASSWORD
from tests.portal.security_helpers import sign_in, user

pytestmark = pytest.mark.django_db


def fail(client, times, username="advisor.okup", **extra):
    return [sign_in(client, username, "Wrong-Pass-1!", **extra) for _ in range(times)]


@pytest.mark.parametrize("lang", ["bn", "en"])
def test_five_failures_lock_the_user_on_that_address_for_30_minutes(client, demo_people, lang):
    responses = [sign_in(client, "advisor.okup", "Wrong-Pass-1!", lang=lang) for _ in range(4)]
    assert all(r.status_code == 200 for r in responses)
    fifth = sign_in(client, "advisor.okup", "Wrong-Pass-1!", lang=lang)
    assert fifth.status_code == 429
    with translation.override(lang):
        assert gettext("Sign-in is blocked for now") in fifth.content.decode()
    # Even the right password is refused while locked.
    right = sign_in(client, "advisor.okup", lang=lang)
    assert right.status_code == 429
    assert client.get("/en/staff/").status_code == 302
    # Another address is not locked out (per user AND address: a stranger cannot lock staff out).
    assert sign_in(client, "advisor.okup", REMOTE_ADDR="10.9.8.7").status_code == 302


def test_lockout_ends_after_30_minutes(client, demo_people):
    fail(client, 5)
    assert sign_in(client, "advisor.okup").status_code == 429
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=29)):
        assert sign_in(client, "advisor.okup").status_code == 429
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=61)):
        ok = sign_in(client, "advisor.okup")
        assert ok.status_code == 302 and ok["Location"] == "/en/staff/"


def test_admin_unlocks_before_the_30_minutes(client, demo_people):
    from django.test import Client

    fail(client, 5)
    assert sign_in(client, "advisor.okup").status_code == 429
    admin = Client()
    admin.force_login(user("admin.okup"))
    response = admin.post(reverse("accounts:unlock", args=[user("advisor.okup").pk]))
    assert response.status_code == 302
    assert sign_in(client, "advisor.okup").status_code == 302


def test_lockout_message_does_not_reveal_whether_the_user_exists(client, demo_people):
    known = fail(client, 5, "advisor.okup")[-1]
    unknown = fail(client, 5, "nobody.here")[-1]
    assert known.status_code == unknown.status_code == 429
    assert known.content == unknown.content


def test_login_rate_limit_per_address(client, demo_people, settings):
    settings.RATE_LIMITS = {"login": (3, 60)}
    cache.clear()
    for _ in range(3):
        assert sign_in(client, "legal1").status_code == 302
        client.post("/en/accounts/logout/")
    assert sign_in(client, "legal1").status_code == 429
    assert sign_in(client, "legal1", REMOTE_ADDR="10.1.1.1").status_code == 302
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=61)):
        client.post("/en/accounts/logout/")
        assert sign_in(client, "legal1").status_code == 302


def test_password_reset_rate_limits_and_reveals_nothing(client, demo_people, settings):
    settings.RATE_LIMITS = {"password_reset": (3, 3600), "password_reset_email": (1, 3600)}
    cache.clear()
    first = client.post("/en/accounts/password/reset/", {"email": "legal1@example.org"})
    assert first.status_code == 302 and len(mail.outbox) == 1
    # Same e-mail again: the same answer, but no second mail (no mail-bombing a colleague).
    second = client.post("/en/accounts/password/reset/", {"email": "legal1@example.org"})
    assert second.status_code == 302 and second["Location"] == first["Location"] and len(mail.outbox) == 1
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert unknown["Location"] == first["Location"]
    assert client.post("/en/accounts/password/reset/", {"email": "x@example.org"}).status_code == 429


def test_password_reset_link_works_and_ends_other_sessions(client, demo_people):
    from django.test import Client

    other = Client()
    sign_in(other, "legal1")
    client.post("/en/accounts/password/reset/", {"email": "legal1@example.org"})
    link = [w for w in mail.outbox[0].body.split() if "/password/reset/" in w][0]
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    form_url = client.get(path)["Location"]
    done = client.post(form_url, {"new_password1": "Nodi-Jol-2026!", "new_password2": "Nodi-Jol-2026!"})
    assert done.status_code == 302
    assert other.get("/en/staff/").status_code == 302
    assert sign_in(client, "legal1", "Nodi-Jol-2026!").status_code == 302
    assert DEMO_PASSWORD  # the old one no longer works:
    client.post("/en/accounts/logout/")
    assert sign_in(client, "legal1").status_code == 200


@pytest.mark.parametrize("count,xff,expected", [
    (1, "203.0.113.9", "203.0.113.9"),                      # nginx appended the real client
    (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),             # a forged entry on the left is ignored
    (2, "6.6.6.6, 203.0.113.9, 10.0.0.5", "203.0.113.9"),   # load balancer + nginx
    (1, "", "127.0.0.1"),                                   # no proxy header: the socket address
])
def test_client_address_behind_proxies(settings, rf, count, xff, expected):
    from portal.accounts.ratelimit import client_ip_behind_proxies

    settings.PROTIKAR_PROXY_COUNT = count
    request = rf.get("/", HTTP_X_FORWARDED_FOR=xff, REMOTE_ADDR="127.0.0.1")
    assert client_ip_behind_proxies(request) == expected


def test_forged_forwarded_header_does_not_escape_the_lockout(client, demo_people, settings):
    settings.AXES_CLIENT_IP_CALLABLE = "portal.accounts.ratelimit.client_ip_behind_proxies"
    settings.PROTIKAR_PROXY_COUNT = 1
    for n in range(5):
        sign_in(client, "advisor.okup", "Wrong-Pass-1!", HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 203.0.113.9")
    assert sign_in(client, "advisor.okup", HTTP_X_FORWARDED_FOR="7.7.7.7, 203.0.113.9").status_code == 429
