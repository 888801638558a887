"""Every workflow action × every role × every state, through the HTTP contract of SPEC §7.

For each (action, role) the case is put in each state in turn and the action POSTed: out of scope
→ 404, impossible in that state → 400, possible but not this role's → 403, else a redirect and the
case in the action's target state. Every refusal must leave the case exactly as it was.
"""

import pytest

from casework.models import Case, Transition
from casework.states import Status
from casework.workflow import ACTIONS

from .workflow_helpers import OUT_OF_SCOPE, ROLES, World, put_in, transition_url

pytestmark = pytest.mark.django_db

# Who may take each action where it is possible (SPEC §2.2, §7 and the brief), by state where it matters.
PRIMARY_REVIEWERS = {"primary", "lead"}
FINAL_REVIEWERS = {"legal", "lead"}
ALLOWED = {
    "submit": {"*": {"coordinator"}},
    "return": {Status.PRIMARY_REVIEW: PRIMARY_REVIEWERS, Status.FINAL_REVIEW: FINAL_REVIEWERS},
    "forward": {"*": PRIMARY_REVIEWERS},
    "refer_gmc": {Status.PRIMARY_REVIEW: PRIMARY_REVIEWERS, Status.FINAL_REVIEW: FINAL_REVIEWERS},
    "refer_bmet": {"*": FINAL_REVIEWERS},
    "refer_wewb": {"*": FINAL_REVIEWERS},
    "refer_court": {"*": FINAL_REVIEWERS},
    "decline": {"*": FINAL_REVIEWERS},
    "request_close": {"*": {"primary", "legal", "lead"}},
    "approve_close": {"*": FINAL_REVIEWERS},
    "reopen": {"*": FINAL_REVIEWERS},
}
# States where each action is possible (with the preconditions put_in sets: a GMC channel in redress,
# a pending closure request for approve_close). refer_wewb from GMC is not an escalation path.
POSSIBLE = {
    "submit": {Status.DRAFT, Status.RETURNED},
    "return": {Status.PRIMARY_REVIEW, Status.FINAL_REVIEW},
    "forward": {Status.PRIMARY_REVIEW},
    "refer_gmc": {Status.PRIMARY_REVIEW, Status.FINAL_REVIEW},
    "refer_bmet": {Status.FINAL_REVIEW, Status.IN_REDRESS, Status.REOPENED},
    "refer_wewb": {Status.FINAL_REVIEW, Status.REOPENED},
    "refer_court": {Status.FINAL_REVIEW, Status.IN_REDRESS, Status.REOPENED},
    "decline": {Status.FINAL_REVIEW},
    "request_close": {Status.RESULT_RECORDED},
    "approve_close": {Status.RESULT_RECORDED},
    "reopen": {Status.CLOSED},
}
TARGET = {
    "submit": Status.PRIMARY_REVIEW, "return": Status.RETURNED, "forward": Status.FINAL_REVIEW,
    "refer_gmc": Status.IN_REDRESS, "refer_bmet": Status.IN_REDRESS, "refer_wewb": Status.IN_REDRESS,
    "refer_court": Status.IN_REDRESS, "decline": Status.DECLINED, "request_close": Status.RESULT_RECORDED,
    "approve_close": Status.CLOSED, "reopen": Status.REOPENED,
}


def test_the_matrix_covers_every_action():
    assert set(ALLOWED) == set(ACTIONS) == set(POSSIBLE) == set(TARGET)


def expected(action, role, state):
    if role in OUT_OF_SCOPE:
        return 404
    if state not in POSSIBLE[action]:
        return 400
    allowed = ALLOWED[action].get(state, ALLOWED[action].get("*", set()))
    return 302 if role in allowed else 403


def snapshot(case):
    row = Case.objects.filter(pk=case.pk).values(
        "status", "status_changed_at", "legal_aid_org", "channel", "close_requested_at", "closed_at").get()
    return row, Transition.objects.filter(case=case).count()


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_action_by_role_in_every_state(client, action, role, django_capture_on_commit_callbacks):
    world = World()
    case = world.case(legal_aid_org=None)
    user = world.person(role)
    client.force_login(user)
    for state in Status.values:
        # The legal-aid NGO has the case in every state, so its legal advisor's answers are about the
        # rules, not about scope (forwarding sets it in real life).
        put_in(case, state, close_requested=(action == "approve_close"), legal_aid_org=world.legal_org)
        before = snapshot(case)
        data = {"action": action, "note": "Checked the papers."}
        if action == "forward":
            data["organization"] = world.legal_org.pk
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(transition_url(case), data)
        want = expected(action, role, state)
        assert response.status_code == want, (action, role, state, response.content[:300])
        if want == 302:
            case.refresh_from_db()
            assert case.status == TARGET[action]
            step = Transition.objects.filter(case=case).latest("pk")
            assert (step.action, step.from_status, step.actor_id) == (action, state, user.pk)
            assert step.note == "Checked the papers."
        else:
            assert snapshot(case) == before, (action, role, state)
