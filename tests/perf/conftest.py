"""Benchmarks run on PostgreSQL with 100,000 cases, seeded once per session (make bench).

    createdb -h 127.0.0.1 -U postgres reports_perf
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/reports_perf make bench

pytest-django creates its own test database from that URL; the seed goes in once, outside the
per-test transactions, and every benchmark reads it.
"""

import os

import pytest

BENCH_CASES = int(os.environ.get("BENCH_CASES", "100000"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("benchmarks need PostgreSQL: set DATABASE_URL (see tests/perf/conftest.py)")
    from tests.perf.bulk import bulk_seed_cases

    with django_db_blocker.unblock():
        from casework.models import Case

        if Case.objects.count() < BENCH_CASES:
            bulk_seed_cases(BENCH_CASES - Case.objects.count(), seed=0)
    yield
