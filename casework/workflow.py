"""The case workflow: states, the allowed transitions (SPEC §2.2 and §7) and one service per step.

Who may take an action is decided in casework/rules.py (`casework.transition_<action>`); whether the
action is possible in the case's current state is decided here. The two answer differently on
purpose: an impossible action is a 400 (`TransitionImpossible`, e.g. the page was stale), a refused
one a 403 (`TransitionDenied`).

Every service is keyword-only and atomic, locks the case row (SELECT … FOR UPDATE) and re-reads
its state under the lock, so two people acting at once cannot both succeed: the second sees the
state the first left and is told the action is no longer possible. Each step writes a `Transition`
(who, when, from, to, action, note: the case timeline), is recorded by django-auditlog (the models
are registered in casework/audit.py) and notifies the people the case now waits on.

Decisions the SPEC leaves open (documented in docs/ and the report to the lead):
- `request_close` is possible only once a result is recorded (state `result_recorded`), so every
  closed case has a result for the reports; `approve_close` needs a pending request.
- Escalations while in redress follow the concept note: GMC→BMET, GMC→court, BMET→court.
  A reopened case may be referred to BMET, WEWB or court afresh, or get a new result.
- `return`, `decline` and `reopen` need a note (the coordinator must know what to fix; a decline
  and a reopening need a reason).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from casework.models import (
    Case,
    Comment,
    ExternalReferral,
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
from casework.states import ENDED, Channel, Status
from portal import roles

NOTE_MAX_LENGTH = 4000


class WorkflowError(Exception):
    """Base of the workflow's refusals; `message` is translated for the reader."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class TransitionImpossible(WorkflowError):
    """The action does not exist, or is not possible in the case's state (HTTP 400)."""


class TransitionDenied(WorkflowError, PermissionDenied):
    """The user may not take this action on this case (HTTP 403)."""


@dataclass(frozen=True)
class Action:
    name: str
    label: Promise
    sources: frozenset
    target: str | None  # None: the state does not change (request_close)
    needs_note: bool = False
    channel: str = ""
    style: str = ""  # "danger" for the buttons that end or send back

    @property
    def perm(self) -> str:
        return f"casework.transition_{self.name}"


_REDRESS = frozenset({Status.IN_REDRESS, Status.REOPENED})

ACTIONS: dict[str, Action] = {a.name: a for a in [
    Action("submit", _("Send for advice"), frozenset({Status.DRAFT, Status.RETURNED}), Status.PRIMARY_REVIEW),
    Action("return", _("Return for more information"), frozenset({Status.PRIMARY_REVIEW, Status.FINAL_REVIEW}),
           Status.RETURNED, needs_note=True, style="danger"),
    Action("forward", _("Forward to the legal-aid NGO for final advice"), frozenset({Status.PRIMARY_REVIEW}),
           Status.FINAL_REVIEW),
    Action("refer_gmc", _("Refer to GMC (local mediation)"), frozenset({Status.PRIMARY_REVIEW, Status.FINAL_REVIEW}),
           Status.IN_REDRESS, channel=Channel.GMC),
    Action("refer_bmet", _("Refer to BMET"), frozenset({Status.FINAL_REVIEW}) | _REDRESS, Status.IN_REDRESS,
           channel=Channel.BMET),
    Action("refer_wewb", _("Refer to the Wage Earners' Welfare Board"), frozenset({Status.FINAL_REVIEW}) | _REDRESS,
           Status.IN_REDRESS, channel=Channel.WEWB),
    Action("refer_court", _("Refer to court"), frozenset({Status.FINAL_REVIEW}) | _REDRESS, Status.IN_REDRESS,
           channel=Channel.COURT),
    Action("decline", _("Decline the case"), frozenset({Status.FINAL_REVIEW}), Status.DECLINED, needs_note=True,
           style="danger"),
    Action("request_close", _("Ask to close the case"), frozenset({Status.RESULT_RECORDED}), None),
    Action("approve_close", _("Approve closing the case"), frozenset({Status.RESULT_RECORDED}), Status.CLOSED),
    Action("reopen", _("Reopen the case"), frozenset({Status.CLOSED}), Status.REOPENED, needs_note=True),
]}

# Escalations while a case is in redress (concept note §3.2 A): from the current channel to these.
ESCALATIONS = {Channel.GMC: {Channel.BMET, Channel.COURT}, Channel.BMET: {Channel.COURT}}
RESULT_SOURCES = frozenset({Status.IN_REDRESS, Status.REOPENED, Status.RESULT_RECORDED})

# Labels of the timeline's steps that are not POSTed actions (recorded by their own services).
OTHER_STEP_LABELS = {
    "record_result": _("Result recorded"),
    "assign": _("Coordinator assigned"),
}


def action_label(name: str):
    if name in ACTIONS:
        return ACTIONS[name].label
    return OTHER_STEP_LABELS.get(name, name)


# --- Questions (no writes) -------------------------------------------------------------------
def impossibility(case: Case, action: Action) -> str | None:
    """Why `action` is not possible for the case in its current state, or None if it is."""
    if case.status not in action.sources:
        return _("This case is now “%(state)s”, so “%(action)s” is not possible. Please reload the page.") % {
            "state": case.get_status_display(), "action": action.label}
    if action.channel and case.status == Status.IN_REDRESS:
        # A case put in redress without a channel (old imports) may be referred anywhere once.
        allowed = ESCALATIONS.get(case.channel, set()) if case.channel else set(Channel.values)
        if action.channel not in allowed:
            return _("A case with %(current)s cannot be escalated to %(new)s. Escalations: GMC to BMET, "
                     "GMC to court, BMET to court.") % {
                "current": Channel(case.channel).label if case.channel in Channel.values else "—",
                "new": Channel(action.channel).label}
    if action.name == "request_close" and case.close_requested_at:
        return _("Closing this case has already been requested.")
    if action.name == "approve_close" and not case.close_requested_at:
        return _("Nobody has asked to close this case yet.")
    return None


def available_actions(user, case: Case) -> list[Action]:
    """The actions this user may take on this case now (for the decision panel)."""
    return [a for a in ACTIONS.values() if impossibility(case, a) is None and user.has_perm(a.perm, case)]


def legal_aid_organisations():
    return Organization.objects.filter(type=Organization.Type.LEGAL_AID_NGO, is_active=True).order_by("name")


# --- Internals -------------------------------------------------------------------------------
@contextlib.contextmanager
def _audit_actor(user):
    """Name the acting user in django-auditlog entries, inside or outside a request.

    auditlog's context variable is not reset when a context ends (a stale one may linger in the
    thread), so a service always sets its own and then puts back whatever was there, which keeps
    the request middleware's context working for the rest of the request.
    """
    from auditlog.context import auditlog_value, set_actor

    previous = auditlog_value.get(None)
    try:
        with set_actor(user):
            yield
    finally:
        if previous is not None:
            auditlog_value.set(previous)


def _lock(case: Case) -> Case:
    """The case row, locked until the transaction ends, with its current state."""
    locked = Case.objects.select_for_update().filter(pk=case.pk).first()
    if locked is None:
        raise TransitionImpossible(_("This case no longer exists."))
    return locked


def _clean_note(note: str, *, required: bool) -> str:
    note = (note or "").strip()
    if required and not note:
        raise TransitionImpossible(_("Please write a note: say why, and what should happen next."))
    if len(note) > NOTE_MAX_LENGTH:
        raise TransitionImpossible(_("The note is too long (at most %(n)s characters).") % {"n": NOTE_MAX_LENGTH})
    return note


def _require(user, perm: str, case: Case) -> None:
    if not user.has_perm(perm, case):
        raise TransitionDenied(_("Your role may not do this on this case."))


def _save_case(case: Case, fields: list[str]) -> None:
    # Only the workflow's own fields change; uniqueness of the case number is untouched by a step.
    case.full_clean(exclude=["categories"], validate_unique=False, validate_constraints=False)
    case.save(update_fields=[*fields, "updated_at"])


def _record(case: Case, *, user, action: str, from_status: str, note: str, when=None) -> Transition:
    step = Transition(case=case, action=action, from_status=from_status, to_status=case.status, actor=user,
                      note=note, created_at=when or timezone.now())
    step.full_clean()
    step.save()
    return step


def _write_back(original: Case, locked: Case, fields) -> None:
    """Let the caller's instance reflect what was saved (views and tests keep using it)."""
    for name in {*fields, "status", "status_changed_at"}:
        setattr(original, name, getattr(locked, name))


# --- Transitions -----------------------------------------------------------------------------
def transition_apply(*, case: Case, user, action: str, note: str = "", organization: Organization | None = None,
                     reference_number: str = "", when=None) -> Transition:
    """Take a workflow action by name (the transition view's entry point). See the services below."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise TransitionImpossible(_("Unknown action “%(action)s”.") % {"action": str(action)[:40]})
    if spec.name == "forward":
        return case_forward(case=case, user=user, note=note, organization=organization, when=when)
    if spec.channel:
        return case_refer(case=case, user=user, channel=spec.channel, note=note, reference_number=reference_number,
                          when=when)
    return _SIMPLE[spec.name](case=case, user=user, note=note, when=when)


@transaction.atomic
def _transition(*, case: Case, user, action: str, note: str, when=None, prepare=None) -> Transition:
    """The common path of every step: lock, check possible, check allowed, change, record, notify."""
    spec = ACTIONS[action]
    with _audit_actor(user):
        locked = _lock(case)
        reason = impossibility(locked, spec)
        if reason:
            raise TransitionImpossible(reason)
        _require(user, spec.perm, locked)
        note = _clean_note(note, required=spec.needs_note)
        now = when or timezone.now()
        from_status = locked.status
        fields = ["status", "status_changed_at"]
        if prepare is not None:
            fields += prepare(locked, now)
        if spec.target is not None and spec.target != from_status:
            locked.status = spec.target
            locked.status_changed_at = now
        elif "status_changed_at" in fields:
            fields.remove("status_changed_at")
        _save_case(locked, fields)
        step = _record(locked, user=user, action=action, from_status=from_status, note=note, when=now)
        from casework.notifications import notify_transition

        notify_transition(case=locked, step=step)
        _write_back(case, locked, fields)
        return step


def case_submit(*, case: Case, user, note: str = "", when=None) -> Transition:
    """Draft or returned → primary review: the coordinator (or whoever entered it) asks for advice."""
    return _transition(case=case, user=user, action="submit", note=note, when=when)


def case_return(*, case: Case, user, note: str, when=None) -> Transition:
    """Primary or final review → returned: back to the coordinator with specific notes."""
    return _transition(case=case, user=user, action="return", note=note, when=when)


def _forward_org(case: Case, chosen: Organization | None) -> Organization:
    """The legal-aid NGO for a forwarded case: the one chosen, else the advisor sought's, else the only one."""
    candidates = list(legal_aid_organisations())
    if chosen is not None:
        if chosen.pk not in {o.pk for o in candidates}:
            raise TransitionImpossible(_("Please choose an active legal-aid organisation."))
        return chosen
    sought = case.advisor_sought
    sought_org = getattr(getattr(sought, "profile", None), "organization", None) if sought else None
    if sought_org is not None and sought_org.pk in {o.pk for o in candidates}:
        return sought_org
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise TransitionImpossible(_("There is no active legal-aid organisation to forward the case to."))
    raise TransitionImpossible(_("Please choose the legal-aid organisation to forward the case to."))


def case_forward(*, case: Case, user, note: str = "", organization: Organization | None = None,
                 when=None) -> Transition:
    """Primary review → final review; the legal-aid NGO's legal advisors get the case in scope (SPEC §1)."""

    def prepare(locked, now):
        locked.legal_aid_org = _forward_org(locked, organization)
        return ["legal_aid_org"]

    return _transition(case=case, user=user, action="forward", note=note, when=when, prepare=prepare)


def case_refer(*, case: Case, user, channel: str, note: str = "", reference_number: str = "",
               when=None) -> Transition:
    """Refer to a redress channel (→ in redress); in redress, an escalation along ESCALATIONS.

    Writes a Referral (with the channel it escalated from, and the BMET tracking or court case
    number if known) and sets the case's current channel.
    """
    if channel not in Channel.values:
        raise TransitionImpossible(_("Unknown redress channel."))
    reference_number = (reference_number or "").strip()[:60]

    def prepare(locked, now):
        previous = locked.channel if locked.status in _REDRESS else ""
        referral = Referral(case=locked, channel=channel, escalated_from=previous if previous != channel else "",
                            reference_number=reference_number, date=timezone.localdate(now), note=note.strip(),
                            created_by=user)
        referral.full_clean()
        referral.save()
        locked.channel = channel
        return ["channel"]

    return _transition(case=case, user=user, action=f"refer_{channel}", note=note, when=when, prepare=prepare)


def case_decline(*, case: Case, user, note: str, when=None) -> Transition:
    """Final review → declined, with the reason."""
    return _transition(case=case, user=user, action="decline", note=note, when=when)


def case_request_close(*, case: Case, user, note: str = "", when=None) -> Transition:
    """An advisor asks to close a case whose result is recorded (the state stays until approved)."""

    def prepare(locked, now):
        locked.close_requested_by = user
        locked.close_requested_at = now
        return ["close_requested_by", "close_requested_at"]

    return _transition(case=case, user=user, action="request_close", note=note, when=when, prepare=prepare)


def case_approve_close(*, case: Case, user, note: str = "", when=None) -> Transition:
    """Result recorded, closure requested → closed (legal advisor in scope or programme lead)."""

    def prepare(locked, now):
        locked.closed_at = now
        return ["closed_at"]

    return _transition(case=case, user=user, action="approve_close", note=note, when=when, prepare=prepare)


def case_reopen(*, case: Case, user, note: str, when=None) -> Transition:
    """Closed → reopened, with the reason; the old result stays until a new one is recorded."""

    def prepare(locked, now):
        locked.closed_at = None
        locked.close_requested_by = None
        locked.close_requested_at = None
        return ["closed_at", "close_requested_by", "close_requested_at"]

    return _transition(case=case, user=user, action="reopen", note=note, when=when, prepare=prepare)


_SIMPLE = {
    "submit": case_submit, "return": case_return, "decline": case_decline, "request_close": case_request_close,
    "approve_close": case_approve_close, "reopen": case_reopen,
}


# --- Result, assignment ----------------------------------------------------------------------
@transaction.atomic
def case_record_result(*, case: Case, user, result: ResultType, favours: str, result_date: date,
                       money_recovered: Decimal | None = None, detail: str = "", note: str = "",
                       when=None) -> Case:
    """Record (or correct) the result of the redress channel; in redress or reopened → result recorded."""
    with _audit_actor(user):
        locked = _lock(case)
        if locked.status not in RESULT_SOURCES:
            raise TransitionImpossible(_("A result can be recorded only while the case is in redress."))
        _require(user, "casework.record_result", locked)
        if not result.is_active:
            raise TransitionImpossible(_("This result is no longer in the list."))
        if result.needs_detail and not detail.strip():
            raise TransitionImpossible(_("Please describe the result."))
        if favours not in Case.Favours.values:
            raise TransitionImpossible(_("Please say whether the result favours the worker."))
        now = when or timezone.now()
        from_status = locked.status
        locked.result = result
        locked.result_detail = detail.strip()
        locked.result_favours_worker = favours
        locked.money_recovered = money_recovered
        locked.result_date = result_date
        fields = ["result", "result_detail", "result_favours_worker", "money_recovered", "result_date"]
        if locked.status != Status.RESULT_RECORDED:
            locked.status = Status.RESULT_RECORDED
            locked.status_changed_at = now
            fields += ["status", "status_changed_at"]
        try:
            _save_case(locked, fields)
        except ValidationError as exc:
            raise TransitionImpossible(" ".join(exc.messages)) from exc
        _record(locked, user=user, action="record_result", from_status=from_status, note=_clean_note(note, required=False),
                when=now)
        _write_back(case, locked, fields)
        return locked


def assignable_coordinators(case: Case):
    """Active field coordinators of the organisation that owns the case."""
    return (get_user_model().objects.filter(is_active=True, groups__name=roles.FIELD_COORDINATOR,
                                            profile__organization_id=case.organization_id)
            .order_by("first_name", "last_name", "username").distinct())


@transaction.atomic
def case_assign(*, case: Case, user, assignee, note: str = "", when=None) -> Transition:
    """(Re)assign the case to a coordinator of its organisation (primary advisor or programme lead)."""
    with _audit_actor(user):
        locked = _lock(case)
        _require(user, "casework.assign_case", locked)
        if not assignable_coordinators(locked).filter(pk=assignee.pk).exists():
            raise TransitionImpossible(_("Choose a field coordinator of the organisation that owns the case."))
        if locked.assigned_to_id == assignee.pk:
            raise TransitionImpossible(_("The case is already assigned to this coordinator."))
        locked.assigned_to = assignee
        _save_case(locked, ["assigned_to"])
        step = _record(locked, user=user, action="assign", from_status=locked.status,
                       note=_clean_note(note, required=False), when=when)
        from casework.notifications import notify

        notify(case=locked, kind="assigned", actor=user, recipients=[assignee])
        _write_back(case, locked, ["assigned_to"])
        return step


# --- Actions surface -------------------------------------------------------------------------
def _open_for_actions(user, case: Case) -> None:
    if case.status in ENDED:
        raise TransitionImpossible(_("This case has ended; reopen it first."))
    _require(user, "casework.record_action", case)


@transaction.atomic
def comment_add(*, case: Case, user, body: str) -> Comment:
    """A comment in the case's thread (only the people on the case see it)."""
    _require(user, "casework.comment_case", case)
    body = (body or "").strip()
    if not body:
        raise TransitionImpossible(_("The comment is empty."))
    with _audit_actor(user):
        comment = Comment(case=case, author=user, body=body[:NOTE_MAX_LENGTH])
        comment.full_clean()
        comment.save()
    return comment


@transaction.atomic
def intervention_add(*, case: Case, user, type: InterventionType, date: date, note: str = "") -> Intervention:
    _open_for_actions(user, case)
    if not type.is_active:
        raise TransitionImpossible(_("This intervention is no longer in the list."))
    if type.needs_detail and not note.strip():
        raise TransitionImpossible(_("Please say what was done."))
    with _audit_actor(user):
        item = Intervention(case=case, type=type, date=date, note=note.strip(), recorded_by=user)
        item.full_clean()
        item.save()
    return item


@transaction.atomic
def referral_set_reference(*, referral: Referral, user, reference_number: str) -> Referral:
    """Record the BMET complaint tracking number or the court case number once it is known."""
    _open_for_actions(user, referral.case)
    with _audit_actor(user):
        referral.reference_number = (reference_number or "").strip()
        referral.full_clean()
        referral.save(update_fields=["reference_number"])
    return referral


@transaction.atomic
def external_referral_add(*, case: Case, user, to_kind: str, to_name: str, purpose: str,
                          date: date) -> ExternalReferral:
    _open_for_actions(user, case)
    with _audit_actor(user):
        item = ExternalReferral(case=case, to_kind=to_kind, to_name=to_name.strip(), purpose=purpose.strip(), date=date,
                                created_by=user)
        item.full_clean()
        item.save()
    return item


@transaction.atomic
def follow_up_add(*, case: Case, user, date: date, update: str, next_action: str = "",
                  next_date: date | None = None) -> FollowUp:
    """A dated update, with the next action and its date (hearing, BMET appointment) if known."""
    _open_for_actions(user, case)
    if next_date and next_date < date:
        raise TransitionImpossible(_("The next date cannot be before the date of this update."))
    with _audit_actor(user):
        # The earlier follow-ups' next actions are now reported on: they leave the task lists.
        FollowUp.objects.filter(case=case, done=False, next_date__isnull=False, next_date__lte=date).update(done=True)
        item = FollowUp(case=case, date=date, update=update.strip(), next_action=next_action.strip(),
                        next_date=next_date, recorded_by=user)
        item.full_clean()
        item.save()
    return item


@transaction.atomic
def follow_up_mark_done(*, follow_up: FollowUp, user) -> FollowUp:
    _open_for_actions(user, follow_up.case)
    with _audit_actor(user):
        follow_up.done = True
        follow_up.save(update_fields=["done"])
    return follow_up


@transaction.atomic
def post_analysis_save(*, case: Case, user, analysis: str, external_factors: str = "", gaps=(),
                       went_well: str = "", went_wrong: str = "", case_study: bool = False,
                       strategic_litigation: bool = False) -> PostAnalysis:
    """Write or update the post-analysis (its own permission group); needs a recorded result."""
    _require(user, "casework.change_post_analysis", case)
    if not case.result_id:
        raise TransitionImpossible(_("Record the result first; the post-analysis looks back on it."))
    if case_study and not case.consent_case_study:
        raise TransitionImpossible(_("The worker has not agreed to the use of their case as a case study."))
    gaps = list(gaps)
    if any(not g.is_active for g in gaps if isinstance(g, GapTag)):
        raise TransitionImpossible(_("A chosen gap is no longer in the list."))
    with _audit_actor(user):
        item = PostAnalysis.objects.filter(case=case).first() or PostAnalysis(case=case, author=user)
        item.analysis = analysis.strip()
        item.external_factors = external_factors.strip()
        item.went_well = went_well.strip()
        item.went_wrong = went_wrong.strip()
        item.case_study = case_study
        item.strategic_litigation = strategic_litigation
        item.author = user
        item.full_clean()
        item.save()
        item.gaps.set(gaps)
    return item
