"""Two people acting on the same case at once: exactly one succeeds (PostgreSQL row lock).

Both threads hold a stale copy of the case in primary review; a barrier lets them call the service
together. Without the SELECT … FOR UPDATE and the re-check under the lock, both would succeed.
"""

import threading

import pytest
from django.db import connection, connections

from casework import workflow
from casework.models import Case, Transition
from casework.states import Status

from .workflow_helpers import World, restore_migration_data

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (set DATABASE_URL)"),
]


@pytest.fixture(autouse=True)
def migration_data(transactional_db):
    restore_migration_data()


def _race(calls):
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=10)
            call()
            outcomes[i] = "ok"
        except workflow.WorkflowError as exc:
            outcomes[i] = type(exc).__name__
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return outcomes


@pytest.mark.parametrize("repeat", range(5))
def test_two_reviewers_deciding_at_once_cannot_both_succeed(repeat):
    world = World()
    case = world.case(Status.PRIMARY_REVIEW)
    primary, lead = world.person("primary"), world.person("lead")
    stale_a, stale_b = Case.objects.get(pk=case.pk), Case.objects.get(pk=case.pk)
    outcomes = _race([
        lambda: workflow.case_return(case=stale_a, user=primary, note="Need the receipt."),
        lambda: workflow.case_forward(case=stale_b, user=lead, organization=world.legal_org),
    ])
    # The loser is refused either way: if the forward won, "return" is now the legal advisor's
    # (TransitionDenied); if the return won, "forward" is impossible from returned.
    assert outcomes.count("ok") == 1, outcomes
    assert set(outcomes) - {"ok"} <= {"TransitionImpossible", "TransitionDenied"}, outcomes
    steps = list(Transition.objects.filter(case=case).values_list("action", flat=True))
    assert len(steps) == 1
    assert Case.objects.get(pk=case.pk).status == {"return": Status.RETURNED, "forward": Status.FINAL_REVIEW}[steps[0]]


def test_the_same_action_twice_at_once_happens_once():
    world = World()
    case = world.case()
    coordinator = world.person("coordinator")
    copies = [Case.objects.get(pk=case.pk) for _ in range(4)]
    outcomes = _race([lambda c=c: workflow.case_submit(case=c, user=coordinator) for c in copies])
    assert outcomes.count("ok") == 1 and outcomes.count("TransitionImpossible") == 3
    assert Transition.objects.filter(case=case).count() == 1
