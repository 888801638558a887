"""seed_demo's cases walk through the workflow services: every state, a consistent history."""

import pytest

from casework.demo import STATE_PLAN, seed_cases
from casework.models import Case, FollowUp, Intervention, PostAnalysis, Referral, Transition
from casework.states import Status
from tests.factories import CaseCategoryFactory

pytestmark = pytest.mark.django_db


def test_demo_cases_have_believable_histories_in_every_state(demo_people, mailoutbox):
    CaseCategoryFactory()
    n = 2 * len(STATE_PLAN)
    assert seed_cases(n) == n
    cases = list(Case.objects.filter(register_number__startswith="DEMO-"))
    assert {c.status for c in cases} == set(Status.values)
    for case in cases:
        steps = list(Transition.objects.filter(case=case).order_by("created_at", "pk"))
        if case.status == Status.DRAFT:
            assert steps == []
            continue
        # The history is a chain: each step starts where the previous one ended, and ends in the case's state.
        state = Status.DRAFT
        for step in steps:
            assert step.from_status == state, (case.status, [(s.action, s.from_status) for s in steps])
            state = step.to_status
            assert case.created_at <= step.created_at
        assert state == case.status
        assert Intervention.objects.filter(case=case).exists()
        if case.status in (Status.IN_REDRESS, Status.RESULT_RECORDED, Status.CLOSED, Status.REOPENED):
            assert Referral.objects.filter(case=case).exists() and FollowUp.objects.filter(case=case).exists()
        if case.status == Status.CLOSED:
            assert PostAnalysis.objects.filter(case=case).exists() and case.result_id and case.closed_at
    assert Referral.objects.exclude(escalated_from="").exists()  # a GMC→BMET escalation
    assert mailoutbox == []  # seeding notifies in the app, never by mail
    assert seed_cases(n) == 0  # idempotent
