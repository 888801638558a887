"""Dashboard and every report at 100,000 cases on PostgreSQL, against the bare SQL they run.

For each page we capture the SQL it ran (on its second request: the first fills the cached reference
lists, portal.widgets.cached_rows, as the first request after an edit does in use), then time the
whole request and the report's aggregate statements alone through a raw cursor ("bare SQL": the GROUP BY queries over cases, checklist
items and post-analyses) in turns, RUNS times after one warm-up, and take the median of each. The
aim is a page within twice its bare SQL. Taking the page and its SQL in turns, not one after the
other, matters on a shared machine: its speed drifts by a third within minutes (2026-12-03: the same
aggregate took 29 and 54 ms in two runs a few minutes apart), and that drift would otherwise land
on one side of the ratio only. The figures are written to the Reports section of docs/performance.md.
"""

from __future__ import annotations

import re
import statistics
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from casework.models import Case
from casework.reports.definitions import REPORTS
from tests.factories import staff_user

pytestmark = [pytest.mark.perf, pytest.mark.django_db]

RUNS = 9
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


def _run_sql(statements):
    def run():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
    return run


@pytest.mark.parametrize("role", ["programme_lead", "meal_analyst"])
@pytest.mark.parametrize("page", PAGES)
def test_report_page_speed(client, role, page):
    client.force_login(staff_user(roles=[role]))
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
        page_time, bare, listed = _medians(lambda: client.get(url), _run_sql(statements), _run_sql(lists))
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
        f" with {n_cases:,} cases (tests/perf/bulk.py, seed 0), page and SQL timed in turns, median of {RUNS} runs after a warm-up, no filters.",
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
