"""The workflow end to end through HTTP, its special cases, forged POSTs, audit and query counts."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation

from casework import workflow
from casework.models import (
    Case,
    Comment,
    FollowUp,
    GapTag,
    Intervention,
    InterventionType,
    Organization,
    PostAnalysis,
    Referral,
    ResultType,
    Transition,
)
from casework.states import Channel, Status
from tests.factories import staff_user

from .workflow_helpers import World, put_in, transition_url

pytestmark = pytest.mark.django_db


def url(name, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(f"casework:{name}", kwargs=kwargs)


@pytest.fixture
def world():
    return World()


def post_as(client, user, case, action, note="", lang="en", **extra):
    client.force_login(user)
    return client.post(transition_url(case, lang), {"action": action, "note": note, **extra})


def test_journey_from_input_to_approved_closure(client, world, django_capture_on_commit_callbacks):
    """Coordinator submits → primary returns → coordinator fixes and resubmits → primary forwards →
    legal advisor refers to BMET → follow-ups → result → post-analysis → closure approved."""
    coordinator, primary, legal, lead = (world.person(k) for k in ("coordinator", "primary", "legal", "lead"))
    case = world.case(consent_case_study=True)
    detail = url("case_detail", pk=case.pk)

    with django_capture_on_commit_callbacks(execute=True):
        assert post_as(client, coordinator, case, "submit", "All papers collected.").status_code == 302
        note = "Please collect the money receipt and the sub-agent's NID number."
        assert post_as(client, primary, case, "return", note).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.RETURNED

    # The coordinator sees the note on top of the decision panel, and may correct the case again.
    client.force_login(coordinator)
    page = client.get(detail).content.decode()
    assert "return-note" in page and "money receipt" in page
    assert page.index("return-note") < page.index('id="details"')
    assert client.get(url("case_edit", pk=case.pk)).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        assert post_as(client, coordinator, case, "submit", "Receipt and NID added.").status_code == 302
        # Two legal-aid NGOs exist and no legal advisor was sought: the reviewer chooses one.
        response = post_as(client, primary, case, "forward", "Strong documents.", organization=world.legal_org.pk)
        assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.legal_aid_org) == (Status.FINAL_REVIEW, world.legal_org)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_as(client, legal, case, "refer_bmet", "Complaint filed at the BMET arbitration cell.",
                           reference_number="BMET-2026-0415")
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.channel) == (Status.IN_REDRESS, Channel.BMET)
    referral = Referral.objects.get(case=case)
    assert (referral.channel, referral.reference_number, referral.escalated_from) == ("bmet", "BMET-2026-0415", "")

    # Follow-ups, by the coordinator; the next date is a BMET hearing.
    client.force_login(coordinator)
    hearing = timezone.localdate() + timedelta(days=5)
    response = client.post(url("follow_up_add", pk=case.pk), {
        "fu-date": timezone.localdate().isoformat(), "fu-update": "Hearing date fixed by BMET.",
        "fu-next_action": "Go to the BMET hearing with the worker", "fu-next_date": hearing.isoformat()})
    assert response.status_code == 302
    assert FollowUp.objects.get(case=case).next_date == hearing
    response = client.post(url("intervention_add", pk=case.pk), {
        "iv-type": InterventionType.objects.get(code="complaint_bmet").pk, "iv-date": timezone.localdate().isoformat(),
        "iv-note": "Complaint form submitted."})
    assert response.status_code == 302

    # The result, by the legal advisor (moves the case to result_recorded).
    client.force_login(legal)
    response = client.post(url("result_save", pk=case.pk), {
        "res-result": ResultType.objects.get(code="brought_home_compensated").pk, "res-favours": "yes",
        "res-money_recovered": "১২০০০০", "res-result_date": timezone.localdate().isoformat()})
    assert response.status_code == 302, response.content[:500]
    case.refresh_from_db()
    assert (case.status, case.money_recovered, case.result_favours_worker) == (Status.RESULT_RECORDED, 120000, "yes")

    response = client.post(url("post_analysis_save", pk=case.pk), {
        "pa-analysis": "The agency repaid once BMET called it.", "pa-gaps": [GapTag.objects.get(code="bmet_delay").pk],
        "pa-went_well": "The family kept every receipt.", "pa-went_wrong": "Two hearings were moved.",
        "pa-case_study": "on"})
    assert response.status_code == 302, response.content[:500]
    analysis = PostAnalysis.objects.get(case=case)
    assert analysis.case_study and [g.code for g in analysis.gaps.all()] == ["bmet_delay"]

    with django_capture_on_commit_callbacks(execute=True):
        assert post_as(client, legal, case, "request_close", "Money paid back.").status_code == 302
        assert post_as(client, lead, case, "approve_close", "Approved.").status_code == 302
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.closed_at and case.close_requested_by == legal
    steps = list(Transition.objects.filter(case=case).values_list("action", "from_status", "to_status"))
    assert steps == [
        ("submit", "draft", "primary_review"), ("return", "primary_review", "returned"),
        ("submit", "returned", "primary_review"), ("forward", "primary_review", "final_review"),
        ("refer_bmet", "final_review", "in_redress"), ("record_result", "in_redress", "result_recorded"),
        ("request_close", "result_recorded", "result_recorded"), ("approve_close", "result_recorded", "closed"),
    ]
    # Everyone on the case sees the whole history on the case page.
    client.force_login(lead)
    page = client.get(detail).content.decode()
    for text in ("Complaint filed at the BMET arbitration cell.", "BMET-2026-0415", "Hearing date fixed by BMET.",
                 "The agency repaid once BMET called it."):
        assert text in page


def test_forward_picks_the_advisor_sought_then_the_only_one_else_asks(client, world):
    primary = world.person("primary")
    legal = world.person("legal")
    # Two active legal-aid NGOs and no advisor sought: the reviewer must choose.
    case = world.case(Status.PRIMARY_REVIEW)
    response = post_as(client, primary, case, "forward")
    assert response.status_code == 400
    assert "choose the legal-aid organisation" in response.content.decode()
    # The advisor sought is a legal advisor: their organisation gets the case.
    Case.objects.filter(pk=case.pk).update(advisor_sought=legal)
    assert post_as(client, primary, case, "forward").status_code == 302
    case.refresh_from_db()
    assert case.legal_aid_org == world.legal_org
    # Only one active legal-aid NGO left: it gets the case without a choice.
    Organization.objects.filter(pk=world.legal_org.pk).update(is_active=False)
    case2 = world.case(Status.PRIMARY_REVIEW)
    assert post_as(client, primary, case2, "forward").status_code == 302
    case2.refresh_from_db()
    assert case2.legal_aid_org == world.other_legal_org
    # An inactive (or not legal-aid) organisation cannot be chosen.
    case3 = world.case(Status.PRIMARY_REVIEW)
    assert post_as(client, primary, case3, "forward", organization=world.legal_org.pk).status_code == 400
    assert post_as(client, primary, case3, "forward", organization=world.mngo.pk).status_code == 400
    case3.refresh_from_db()
    assert case3.status == Status.PRIMARY_REVIEW and case3.legal_aid_org is None


def test_forwarding_gives_the_legal_aid_ngo_scope(client, world):
    legal = world.person("legal")
    case = world.case(Status.PRIMARY_REVIEW)
    assert not legal.has_perm("casework.view_case", case)
    workflow.case_forward(case=case, user=world.person("primary"), organization=world.legal_org)
    legal = type(legal).objects.get(pk=legal.pk)
    assert legal.has_perm("casework.view_case", Case.objects.get(pk=case.pk))


@pytest.mark.parametrize("path, allowed", [
    ((Channel.GMC, Channel.BMET), True), ((Channel.GMC, Channel.COURT), True), ((Channel.BMET, Channel.COURT), True),
    ((Channel.BMET, Channel.WEWB), False), ((Channel.COURT, Channel.BMET), False), ((Channel.GMC, Channel.WEWB), False),
])
def test_escalations_follow_the_concept_note(world, path, allowed):
    old, new = path
    case = world.case()
    put_in(case, Status.IN_REDRESS, channel=old, legal_aid_org=world.legal_org)
    legal = world.person("legal")
    if allowed:
        workflow.case_refer(case=case, user=legal, channel=new, reference_number="C-12/2026")
        referral = Referral.objects.get(case=case)
        assert (referral.channel, referral.escalated_from) == (new, old)
        assert Case.objects.get(pk=case.pk).channel == new
    else:
        with pytest.raises(workflow.TransitionImpossible):
            workflow.case_refer(case=case, user=legal, channel=new)
        assert not Referral.objects.filter(case=case).exists()


def test_notes_are_required_to_return_decline_and_reopen(client, world):
    case = world.case(Status.PRIMARY_REVIEW)
    response = post_as(client, world.person("primary"), case, "return", "   ")
    assert response.status_code == 400
    assert "Please write a note" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.PRIMARY_REVIEW


def test_closure_needs_a_result_and_a_request(world):
    legal, lead = world.person("legal"), world.person("lead")
    case = world.case()
    put_in(case, Status.IN_REDRESS, legal_aid_org=world.legal_org)
    with pytest.raises(workflow.TransitionImpossible):
        workflow.case_request_close(case=case, user=legal)
    put_in(case, Status.RESULT_RECORDED, legal_aid_org=world.legal_org)
    with pytest.raises(workflow.TransitionImpossible, match="Nobody has asked"):
        workflow.case_approve_close(case=case, user=lead)
    workflow.case_request_close(case=case, user=world.person("primary"))
    with pytest.raises(workflow.TransitionImpossible, match="already been requested"):
        workflow.case_request_close(case=case, user=legal)
    workflow.case_approve_close(case=case, user=lead)
    assert Case.objects.get(pk=case.pk).status == Status.CLOSED
    # Reopening needs a reason, clears the closure and keeps the old result until a new one.
    with pytest.raises(workflow.TransitionImpossible):
        workflow.case_reopen(case=case, user=legal, note="")
    workflow.case_reopen(case=case, user=legal, note="The agent stopped paying the instalments.")
    case.refresh_from_db()
    assert (case.status, case.closed_at, case.close_requested_at) == (Status.REOPENED, None, None)
    assert case.result_id is not None


def test_post_analysis_case_study_needs_consent_and_its_own_permission(client, world):
    legal, primary, coordinator = world.person("legal"), world.person("primary"), world.person("coordinator")
    case = world.case(consent_case_study=False)
    put_in(case, Status.RESULT_RECORDED, legal_aid_org=world.legal_org)
    with pytest.raises(workflow.TransitionImpossible, match="case study"):
        workflow.post_analysis_save(case=case, user=legal, analysis="Text", case_study=True)
    workflow.post_analysis_save(case=case, user=legal, analysis="Mediation worked because the family knew the agent.",
                                strategic_litigation=True)
    # The primary advisor sees it but may not change it; the coordinator does not even see it.
    client.force_login(primary)
    page = client.get(url("case_detail", pk=case.pk)).content.decode()
    assert "Mediation worked" in page and 'action="' + url("post_analysis_save", pk=case.pk) not in page
    assert client.post(url("post_analysis_save", pk=case.pk), {"pa-analysis": "Changed"}).status_code == 403
    client.force_login(coordinator)
    page = client.get(url("case_detail", pk=case.pk)).content.decode()
    assert "Mediation worked" not in page
    assert client.post(url("post_analysis_save", pk=case.pk), {"pa-analysis": "Changed"}).status_code == 403
    assert PostAnalysis.objects.get(case=case).analysis.startswith("Mediation worked")


def test_comments_are_for_the_people_on_the_case_only(client, world):
    case = world.case(Status.PRIMARY_REVIEW)
    client.force_login(world.person("primary"))
    assert client.post(url("comment_add", pk=case.pk), {"cm-body": "Is the receipt signed?"}).status_code == 302
    client.force_login(world.person("coordinator"))
    assert "Is the receipt signed?" in client.get(url("case_detail", pk=case.pk)).content.decode()
    for outsider in ("other_primary", "other_coordinator", "meal"):
        client.force_login(world.person(outsider))
        assert client.post(url("comment_add", pk=case.pk), {"cm-body": "Spam"}).status_code == 404
    assert list(Comment.objects.filter(case=case).values_list("body", flat=True)) == ["Is the receipt signed?"]


def test_reassignment_by_the_primary_advisor(client, world, mailoutbox):
    case = world.case(Status.PRIMARY_REVIEW)
    new_coordinator = staff_user(roles=["field_coordinator"], organization=world.mngo, email="new@example.org")
    outsider = world.person("other_coordinator")
    client.force_login(world.person("coordinator"))
    assert client.post(url("case_assign", pk=case.pk), {"as-assignee": new_coordinator.pk}).status_code == 403
    client.force_login(world.person("primary"))
    # Only a coordinator of the owning organisation can be chosen.
    assert client.post(url("case_assign", pk=case.pk), {"as-assignee": outsider.pk}).status_code == 400
    assert client.post(url("case_assign", pk=case.pk), {"as-assignee": new_coordinator.pk}).status_code == 302
    case.refresh_from_db()
    assert case.assigned_to == new_coordinator
    assert new_coordinator.notifications.filter(kind="assigned", case=case).count() == 1
    assert Transition.objects.filter(case=case, action="assign").count() == 1


def test_actions_are_closed_when_the_case_has_ended(client, world):
    case = world.case()
    put_in(case, Status.DECLINED, legal_aid_org=world.legal_org)
    client.force_login(world.person("legal"))
    kind = InterventionType.objects.first()
    response = client.post(url("intervention_add", pk=case.pk), {"iv-type": kind.pk, "iv-date": timezone.localdate().isoformat()})
    assert response.status_code == 403
    assert not Intervention.objects.filter(case=case).exists()


def test_invalid_action_forms_answer_400_with_the_form_again(client, world):
    case = world.case(Status.IN_REDRESS)
    client.force_login(world.person("coordinator"))
    response = client.post(url("follow_up_add", pk=case.pk), {"fu-date": "not a date", "fu-update": ""})
    assert response.status_code == 400
    assert 'name="fu-update"' in response.content.decode()
    response = client.post(url("follow_up_add", pk=case.pk), {
        "fu-date": timezone.localdate().isoformat(), "fu-update": "Called the family.",
        "fu-next_date": (timezone.localdate() - timedelta(days=3)).isoformat(), "fu-next_action": "Visit"})
    assert response.status_code == 400
    assert not FollowUp.objects.filter(case=case).exists()


# --- Forged POSTs change nothing ------------------------------------------------------------
def _state(case):
    return (Case.objects.filter(pk=case.pk).values_list("status", "legal_aid_org", "channel", "updated_at").get(),
            Transition.objects.filter(case=case).count())


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_forged_posts_change_nothing(client, world, lang):
    mine = world.case(Status.PRIMARY_REVIEW)
    theirs = world.case(Status.PRIMARY_REVIEW, organization=world.other_mngo, upazila=None)
    primary = world.person("primary")
    client.force_login(primary)
    before = [_state(mine), _state(theirs)]
    cases = [
        (theirs, {"action": "forward", "organization": world.legal_org.pk}, 404),  # wrong case: out of scope
        (mine, {"action": "decline", "note": "x"}, 400),                            # wrong state
        (mine, {"action": "delete_everything"}, 400),                               # unknown action
        (mine, {"note": "no action"}, 400),                                         # no action at all
        (mine, {"action": "forward", "organization": "99999"}, 400),                # no such organisation
        (mine, {"action": "submit"}, 400),                                          # wrong state for submit
    ]
    for case, data, status in cases:
        response = client.post(transition_url(case, lang), data)
        assert response.status_code == status, (data, response.content[:300])
        if status == 400:
            assert "refused" in response.content.decode()
    # Wrong role: the coordinator in scope tries the reviewer's decision.
    client.force_login(world.person("coordinator"))
    assert client.post(transition_url(mine, lang), {"action": "forward"}).status_code == 403
    assert client.get(transition_url(mine, lang)).status_code == 405
    client.logout()
    assert client.post(transition_url(mine, lang), {"action": "forward"}).status_code == 302  # to sign in
    assert [_state(mine), _state(theirs)] == before


def test_unknown_action_message_is_shown_in_the_readers_language(client, world):
    case = world.case(Status.PRIMARY_REVIEW)
    response = post_as(client, world.person("primary"), case, "fly", lang="en")
    assert response.status_code == 400 and "Unknown action" in response.content.decode()
    response = post_as(client, world.person("primary"), case, "fly", lang="bn")
    assert response.status_code == 400 and '<html lang="bn"' in response.content.decode()


def test_each_step_is_in_the_audit_log_with_its_actor(world):
    case = world.case()
    coordinator = world.person("coordinator")
    workflow.case_submit(case=case, user=coordinator, note="Please advise.")
    step = Transition.objects.get(case=case)
    entry = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(Transition), object_pk=str(step.pk))
    assert entry.actor == coordinator and entry.additional_data == {"case_id": case.pk}
    case_entry = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Case),
                                         object_pk=str(case.pk)).latest("pk")
    assert case_entry.actor == coordinator and "status" in case_entry.changes_dict


def _fill(case, world, n):
    legal = world.person("legal")
    kind = InterventionType.objects.first()
    for i in range(n):
        Intervention.objects.create(case=case, type=kind, date=timezone.localdate(), note=f"n{i}", recorded_by=legal)
        Comment.objects.create(case=case, author=legal, body=f"c{i}")
        FollowUp.objects.create(case=case, update=f"u{i}", next_action="call", next_date=timezone.localdate(),
                                recorded_by=legal)
        Referral.objects.create(case=case, channel=Channel.GMC, created_by=legal)
        Transition.objects.create(case=case, action="submit", from_status="draft", to_status="primary_review", actor=legal)


def test_case_page_queries_do_not_grow_with_the_history(client, world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small, big = world.case(), world.case()
    for case in (small, big):
        put_in(case, Status.RESULT_RECORDED, legal_aid_org=world.legal_org)
    _fill(small, world, 1)
    _fill(big, world, 15)
    PostAnalysis.objects.create(case=big, analysis="a", author=world.person("legal"))
    PostAnalysis.objects.create(case=small, analysis="a", author=world.person("legal"))
    client.force_login(world.person("lead"))
    client.get(url("case_detail", pk=small.pk))  # warm caches (content types, site settings)
    counts = []
    for case in (small, big):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("case_detail", pk=case.pk)).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(counts[1]):
        client.get(url("case_detail", pk=big.pk))
