"""Idle timeout (configurable) with a warning script, absolute limit, sign out everywhere."""

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from portal.accounts.models import UserSession
from tests.portal.security_helpers import sign_in, user

pytestmark = pytest.mark.django_db


def later(minutes):
    return time_machine.travel(timezone.now() + timezone.timedelta(minutes=minutes))


def test_idle_session_ends_after_30_minutes(client, demo_people):
    sign_in(client, "coord.okup1")
    with later(29):
        assert client.get("/en/staff/").status_code == 200  # activity restarts the clock
    with later(29 + 29):
        assert client.get("/en/staff/").status_code == 200
    with later(29 + 29 + 31):
        response = client.get("/en/staff/")
        assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/")
        page = client.get(response["Location"])
        assert "You were signed out because you did nothing for a while" in page.content.decode()


def _session_writes(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum(1 for q in captured.captured_queries if q["sql"].startswith('UPDATE "django_session"'))


def test_the_idle_clock_is_written_at_most_every_30_seconds(client, demo_people):
    """Each page used to rewrite the session row; now a page within 30 s of the last write does not."""
    sign_in(client, "coord.okup1")
    t0 = timezone.now()
    with time_machine.travel(t0 + timezone.timedelta(seconds=40), tick=False):
        assert _session_writes(client, "/en/staff/") == 1
    with time_machine.travel(t0 + timezone.timedelta(seconds=60), tick=False):
        assert _session_writes(client, "/en/staff/") == 0
    with time_machine.travel(t0 + timezone.timedelta(seconds=71), tick=False):
        assert _session_writes(client, "/en/staff/") == 1
    # The clock starts from the last write: 30 minutes after it, the session has ended.
    with time_machine.travel(t0 + timezone.timedelta(seconds=71 + 30 * 60 + 1), tick=False):
        assert client.get("/en/staff/").status_code == 302


def test_idle_timeout_is_configurable(client, demo_people, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 10
    sign_in(client, "coord.okup1")
    with later(11):
        assert client.get("/en/staff/").status_code == 302


def test_polling_for_the_warning_does_not_keep_the_session_alive(client, demo_people):
    sign_in(client, "coord.okup1")
    with later(20):
        status = client.get("/en/accounts/session/", HTTP_X_PROTIKAR_SESSION_POLL="1").json()
        assert status["signed_in"] and 9 * 60 <= status["remaining"] <= 10 * 60
    with later(31):
        status = client.get("/en/accounts/session/", HTTP_X_PROTIKAR_SESSION_POLL="1").json()
        assert status == {"remaining": 0, "signed_in": False}


def test_stay_signed_in_extends_the_session(client, demo_people):
    sign_in(client, "coord.okup1")
    with later(28):
        status = client.post("/en/accounts/session/").json()
        assert status["signed_in"] and status["remaining"] >= 29 * 60
    with later(28 + 29):
        assert client.get("/en/staff/").status_code == 200


def test_warning_script_is_on_staff_pages_without_inline_code(client, demo_people):
    sign_in(client, "coord.okup1")
    html = client.get("/bn/staff/").content.decode()
    assert 'src="/static/accounts/session-timeout.js"' in html
    assert 'data-timeout="1800"' in html and 'data-warn="120"' in html
    public = Client().get("/bn/accounts/login/").content.decode()
    assert "session-timeout.js" not in public


def test_absolute_limit(client, demo_people, settings):
    settings.SESSION_ABSOLUTE_TIMEOUT_HOURS = 1
    sign_in(client, "coord.okup1")
    for minutes in (20, 40, 59):
        with later(minutes):
            assert client.get("/en/staff/").status_code == 200
    with later(61):
        assert client.get("/en/staff/").status_code == 302


def test_sign_out_everywhere(client, demo_people):
    phone, laptop = Client(), Client()
    sign_in(phone, "advisor.okup")
    sign_in(laptop, "advisor.okup")
    sign_in(client, "advisor.okup")
    assert UserSession.objects.filter(user=user("advisor.okup")).count() == 3
    response = client.post("/en/accounts/logout/everywhere/")
    assert response.status_code == 302
    for browser in (phone, laptop, client):
        assert browser.get("/en/staff/").status_code == 302
    assert not UserSession.objects.filter(user=user("advisor.okup")).exists()


def test_sign_out_everywhere_is_post_only(client, demo_people):
    sign_in(client, "advisor.okup")
    assert client.get("/en/accounts/logout/everywhere/").status_code == 405
    assert client.get("/en/staff/").status_code == 200


def test_logging_in_again_does_not_keep_a_second_factor(client, demo_people):
    from django_otp import DEVICE_ID_SESSION_KEY

    sign_in(client, "advisor.okup")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = "otp_totp.totpdevice/1"
    session.save()
    client.force_login(user("advisor.okup"))
    assert DEVICE_ID_SESSION_KEY not in client.session
