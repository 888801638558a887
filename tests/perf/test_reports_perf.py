"""Dashboard and every report at 100,000 cases on PostgreSQL, against the bare SQL they run.

For each page we capture the SQL it ran (on its second request, in-process: the first fills the cached
reference lists, portal.widgets.cached_rows, as the first request after an edit does in use), then
time the whole page as production serves it and the report's aggregate statements alone through a raw
cursor ("bare SQL": the GROUP BY queries over cases, checklist items and post-analyses) in turns, RUNS
times after one warm-up, and take the median of each. The aim is a page within twice its bare SQL.

The page is fetched over loopback HTTP from a real gunicorn (portal/gunicorn_conf.py, one sync worker,
the production entry point) with the browser's gzip, so its time holds everything a user waits for on
the server: HTTP parsing, middleware, session, view, template, compression. It is not timed through
the in-process test client: pytest's own call stack puts the request at a depth where CPython 3.11
frees and maps again a 16 KB frame-stack chunk on every call that crosses it (gh-142183, fixed in
3.13 and 3.14 only), which added about 1,000 page faults and 7 ms of kernel time to each request here
and moved with the depth of the caller (docs/performance.md). The gunicorn worker, measured on the
lead's case studies, maps 8 such chunks a request.

Taking the page and its SQL in turns, not one after the other, matters on a shared machine: its speed
drifts by a third within minutes (2026-12-03: the same aggregate took 29 and 54 ms in two runs a few
minutes apart), and that drift would otherwise land on one side of the ratio only. The figures are
written to the Reports section of docs/performance.md.
"""

from __future__ import annotations

import gzip
import http.client
import re
import statistics
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from casework.models import Case
from casework.reports.definitions import REPORTS
from tests.factories import staff_user
from tests.ops.servers import AppServer, database_url

pytestmark = [pytest.mark.perf, pytest.mark.django_db]

RUNS = 9
ROLES = ["programme_lead", "meal_analyst"]
PAGES = ["dashboard"] + [r.slug for r in REPORTS]
DOC = Path(__file__).resolve().parents[2] / "docs" / "performance.md"
START, END = "<!-- reports-bench:start -->", "<!-- reports-bench:end -->"
RESULTS: dict = {}
AGGREGATE = re.compile(r"\b(GROUP BY|COUNT\(|SUM\()", re.I)
# The text reports (case studies, gaps) also fetch the listed cases or post-analyses (LIMIT 30): that
# fetch is their main work, so it counts as their SQL too (reported in its own column).
TEXT_LIST = re.compile(r'FROM "casework_(case|postanalysis)"\s.*\bLIMIT\b', re.S)


def _url(page):
    return reverse("reports:dashboard") if page == "dashboard" else reverse("reports:report", kwargs={"slug": page})


def _medians(*fns, runs=RUNS) -> list[float]:
    """The median time of each function, called in turns (one warm-up round first: connection,
    templates, plan cache)."""
    times = [[] for _ in fns]
    for round_ in range(runs + 1):
        for fn, spent in zip(fns, times):
            t0 = time.perf_counter()
            fn()
            if round_:
                spent.append(time.perf_counter() - t0)
    return [statistics.median(spent) for spent in times]


@pytest.fixture(scope="module")
def served(django_db_setup, django_db_blocker, tmp_path_factory):
    """A gunicorn serving the bench database, and a signed-in session per role for it.

    The users and sessions are committed (the server cannot see a test's open transaction). The
    in-process capture signs in with a session of its own: both update their session row on every
    request, and a row the test's transaction had touched would make the server wait for the test."""
    sessions = {}
    with django_db_blocker.unblock():
        for role in ROLES:
            user = (get_user_model().objects.filter(username=f"bench-{role}").first()
                    or staff_user(roles=[role], username=f"bench-{role}"))
            signed_in = Client()
            signed_in.force_login(user)
            sessions[role] = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
        server = AppServer(database_url(connection.settings_dict), tmp_path_factory.mktemp("bench-gunicorn"), "bench")
    try:
        server.wait_ready()
        yield server, sessions
    finally:
        server.stop()
        with django_db_blocker.unblock():
            Session.objects.filter(session_key__in=sessions.values()).delete()


def _http_get(server, session_key, path):
    """GET path from the server as a signed-in browser would (session cookie, gzip), reading the whole
    body; returns the body as sent."""
    def get():
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        try:
            conn.request("GET", path, headers={
                "Cookie": f"{settings.SESSION_COOKIE_NAME}={session_key}",
                "Accept-Encoding": "gzip", "Accept-Language": "en",
            })
            response = conn.getresponse()
            body = response.read()
        finally:
            conn.close()
        assert response.status == 200, (path, response.status, response.getheader("Location"))
        return body
    return get


def _title(html: str) -> str:
    return html.split("<title>", 1)[1].split("</title>", 1)[0]


def _run_sql(statements):
    def run():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
    return run


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_report_page_speed(client, served, role, page):
    server, sessions = served
    client.force_login(get_user_model().objects.get(username=f"bench-{role}"))
    with translation.override("en"):
        url = _url(page)
        assert client.get(url).status_code == 200  # fills the cached option lists: count a steady page
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        sql = [q["sql"] for q in captured.captured_queries
               if not q["sql"].lstrip().upper().startswith(("SAVEPOINT", "RELEASE"))]
        # The signed-in user's query counts their unread notifications (casework.auth): not report SQL.
        statements = [s for s in sql if AGGREGATE.search(s) and not s.lstrip().startswith('SELECT "auth_user"')]
        lists = [s for s in sql if not AGGREGATE.search(s) and TEXT_LIST.search(s)]
        assert statements, "the page ran no aggregate query"
        n_queries = len(captured.captured_queries)  # read now: the next request resets the query log
        served_page = _http_get(server, sessions[role], url)
        # The server answers with the same report (not a sign-in page): its charts and its title.
        served_html, local_html = gzip.decompress(served_page()).decode(), response.content.decode()
        assert _title(served_html) == _title(local_html) and served_html.count("<svg") == local_html.count("<svg")
        page_time, bare, listed = _medians(served_page, _run_sql(statements), _run_sql(lists))
        listed = listed if lists else 0.0
    RESULTS[(page, role)] = (page_time, bare, listed, n_queries, len(statements))
    # A hard ceiling that catches a regression to per-case Python work (seconds, not milliseconds).
    assert page_time < 10


@pytest.fixture(scope="module", autouse=True)
def write_results(django_db_blocker):
    yield
    if not RESULTS:
        return
    with django_db_blocker.unblock():
        n_cases = Case.objects.count()
        version = connection.cursor().connection.info.server_version
    lines = [
        START,
        f"Measured by `make bench` (tests/perf/test_reports_perf.py) on PostgreSQL {version // 10000}.{version % 10000}"
        f" with {n_cases:,} cases (tests/perf/bulk.py, seed 0), no filters. Page: served by gunicorn (portal/gunicorn_conf.py,"
        f" one sync worker) over loopback HTTP with gzip; page and SQL timed in turns, median of {RUNS} runs after a warm-up.",
        "",
        "| page | role | page (ms) | bare SQL: aggregates (ms) | + text list (ms) | ratio | queries (aggregates) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for (page, role), (page_time, bare, listed, queries, aggregates) in sorted(RESULTS.items()):
        ratio = page_time / (bare + listed) if bare + listed else float("inf")
        listed_ms = f"{listed * 1000:.0f}" if listed else "–"
        lines.append(f"| {page} | {role} | {page_time * 1000:.0f} | {bare * 1000:.0f} | {listed_ms} | {ratio:.2f} | "
                     f"{queries} ({aggregates}) |")
    lines.append(END)
    block = "\n".join(lines)
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n"
    if START in text and END in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END):]
    elif "## Reports" in text:
        head, tail = text.split("## Reports", 1)
        text = head + "## Reports\n\n" + block + "\n" + tail
    else:
        text = text.rstrip() + "\n\n## Reports\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")
