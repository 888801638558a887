"""Production serving with real gunicorn processes: the access log carries no personal data, and two app
servers on one PostgreSQL database share sessions and records (nothing is kept on an app server)."""

from __future__ import annotations

import sqlite3

import pytest
from django.db import connection

from tests.conftest import DEMO_PASSWORD
from tests.ops.servers import AppServer, Browser, database_url

pytestmark = [pytest.mark.django_db(transaction=True)]

PERSONAL = ["Rahima", "01712345678", "EB1234567"]


@pytest.fixture
def db_for_servers(tmp_path, demo_people):
    """The URL of a database with the test data that a separate process can open.

    PostgreSQL: pytest-django's test database itself (the test is transactional, so its data is committed).
    SQLite: the test database is in memory, so it is copied to a file with SQLite's backup API.
    """
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "served.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}", False
    return database_url(settings_dict), True


@pytest.fixture
def servers(tmp_path):
    started = []

    def start(db_url, name):
        server = AppServer(db_url, tmp_path, name)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def test_no_personal_value_in_the_access_log_of_a_search(db_for_servers, servers):
    db_url, _shared = db_for_servers
    app = servers(db_url, "search")
    app.wait_ready()
    browser = Browser()
    status, _h, _body = browser.request(f"{app.base}/en/search/?query=Rahima+01712345678+EB1234567")
    assert status == 200
    status, _h, _body = browser.request(f"{app.base}/bn/search/?query=%E0%A6%B0%E0%A6%B9%E0%A6%BF%E0%A6%AE%E0%A6%BE")
    assert status == 200
    # A staff user's person search (POSTed by the case list) too.
    browser.csrf_post(app.base, "/en/accounts/login/", {"username": "advisor.okup", "password": DEMO_PASSWORD})
    browser.request(f"{app.base}/en/cases/?name=Rahima&phone=01712345678&passport=EB1234567")
    app.stop()
    log = app.access_log.read_text()
    assert "GET /en/search/ HTTP/1.1" in log and "GET /bn/search/ HTTP/1.1" in log
    everything = log + app.output()
    for value in PERSONAL + ["query=", "%E0%A6%B0"]:
        assert value not in everything, value


def test_two_app_servers_share_sessions_and_records(db_for_servers, servers, django_user_model):
    db_url, shared = db_for_servers
    if not shared:
        pytest.skip("needs PostgreSQL: the SQLite test database is in memory and cannot be shared by two "
                    "processes (set DATABASE_URL=postgres://...; CI always does)")
    a = servers(db_url, "a")
    b = servers(db_url, "b")
    a.wait_ready()
    b.wait_ready()
    assert a.port != b.port

    browser = Browser()
    status, headers, _ = browser.csrf_post(a.base, "/en/accounts/login/",
                                           {"username": "sysadmin", "password": DEMO_PASSWORD})
    assert status == 302 and headers["Location"] == "/en/staff/"
    # The session made on A is valid on B.
    status, _, html = browser.request(f"{b.base}/en/staff/")
    assert status == 200 and "Tanvir" in html

    # A record saved through B is seen through A (and in the database).
    from casework.models import Organization

    okup = Organization.objects.get(short_name="OKUP")
    status, headers, html = browser.csrf_post(b.base, "/en/accounts/users/invite/", {
        "username": "shared.check", "first_name": "Shared", "last_name": "Check", "email": "shared@example.org",
        "organization": okup.pk, "role": "primary_advisor", "designation": ""})
    assert status == 302, html[:2000]
    status, _, html = browser.request(f"{a.base}/en/accounts/users/")
    assert status == 200 and "shared.check" in html
    assert django_user_model.objects.filter(username="shared.check").exists()

    # Signing out on A ends the session on B too.
    status, _, html = browser.request(f"{a.base}/en/staff/")
    token = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    status, _, _ = browser.request(f"{a.base}/en/accounts/logout/", {"csrfmiddlewaretoken": token},
                                   headers={"Referer": f"{a.base}/en/staff/"})
    assert status == 302
    status, _, _ = browser.request(f"{b.base}/en/staff/")
    assert status == 302
