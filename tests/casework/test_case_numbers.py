"""Case numbers are unique and human-friendly, also when two people save at the same moment."""

import re
import threading

import pytest
from django.db import connection, connections

from casework.services import case_number_next

pytestmark = pytest.mark.django_db(transaction=True)


def test_format_and_sequence():
    first = case_number_next(year=2026)
    second = case_number_next(year=2026)
    assert re.fullmatch(r"PRK-2026-\d{5}", first)
    assert int(second[-5:]) == int(first[-5:]) + 1
    assert case_number_next(year=2027) == "PRK-2027-00001"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)")
def test_two_threads_saving_at_once_get_different_numbers():
    from django.db import transaction

    from casework.models import CaseNumberSequence

    CaseNumberSequence.objects.create(year=2031, last=0)
    barrier = threading.Barrier(2)
    numbers, errors = [], []

    def worker():
        try:
            with transaction.atomic():
                barrier.wait(timeout=10)
                for _ in range(20):
                    numbers.append(case_number_next(year=2031))
        except Exception as exc:  # surface failures from the thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert len(numbers) == 40
    assert len(set(numbers)) == 40
    assert CaseNumberSequence.objects.get(year=2031).last == 40


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)")
def test_two_threads_creating_cases_at_once(demo_people):
    """Two coordinators press Save together: both cases are saved, with different numbers."""
    from casework.models import Case
    from tests.factories import make_case

    barrier = threading.Barrier(2)
    made, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            made.append(make_case().case_number)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    assert len(set(made)) == 2
    assert Case.objects.filter(case_number__in=made).count() == 2
