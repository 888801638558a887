"""Timeliness (SPEC §2.5): the expected days per state, overdue cases, and each person's tasks.

A case is overdue when it has stayed in its state longer than the state's expected days
(StateDuration rows, edited by system admins in the Wagtail admin; the defaults in
casework/reference_data.py fill any row that is missing). Closed and declined cases have no
expected duration and are never overdue.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from casework.models import Case, FollowUp, StateDuration
from casework.reference_data import STATE_DURATIONS
from casework.selectors import case_scope_q
from casework.states import ENDED, Status
from portal import roles

NOTHING = Q(pk__in=[])
FOLLOW_UP_HORIZON_DAYS = 7


def expected_days() -> dict[str, int]:
    """Expected days per state: the admin's rows over the defaults (one query)."""
    days = {status: d for status, d in STATE_DURATIONS.items() if status not in ENDED}
    days.update({row.status: row.expected_days for row in StateDuration.objects.all() if row.status not in ENDED})
    return days


def overdue_q(now=None, durations: dict[str, int] | None = None) -> Q:
    """A Q for cases that have stayed in their state longer than expected (usable in any queryset)."""
    now = now or timezone.now()
    durations = expected_days() if durations is None else durations
    q = NOTHING
    for status, days in durations.items():
        q |= Q(status=status, status_changed_at__lt=now - timedelta(days=days))
    return q


def is_overdue(case: Case, now=None, durations: dict[str, int] | None = None) -> bool:
    durations = expected_days() if durations is None else durations
    days = durations.get(case.status)
    if days is None:
        return False
    return case.status_changed_at < (now or timezone.now()) - timedelta(days=days)


def due_date(case: Case, durations: dict[str, int] | None = None):
    """When the case becomes overdue in its current state (None for ended cases)."""
    durations = expected_days() if durations is None else durations
    days = durations.get(case.status)
    return case.status_changed_at + timedelta(days=days) if days is not None else None


def waiting_on_q(user) -> Q:
    """Cases whose next step is this user's (SPEC §2.5 "my tasks"), before scoping."""
    mine = roles.user_roles(user)
    profile = getattr(user, "profile", None)
    org_id = profile.organization_id if profile else None
    # Draft or returned: with the coordinator it is assigned to, or whoever entered it if nobody is.
    q = Q(status__in=[Status.DRAFT, Status.RETURNED]) & (
        Q(assigned_to=user) | Q(assigned_to__isnull=True, entered_by=user))
    pending_close = Q(status=Status.RESULT_RECORDED, close_requested_at__isnull=False)
    if roles.PRIMARY_ADVISOR in mine and org_id:
        q |= Q(status=Status.PRIMARY_REVIEW, organization_id=org_id)
    if roles.LEGAL_ADVISOR in mine and org_id:
        q |= Q(legal_aid_org_id=org_id) & (Q(status=Status.FINAL_REVIEW) | pending_close)
    if roles.PROGRAMME_LEAD in mine:
        q |= pending_close
    return q


def my_tasks(user, now=None, limit: int = 100) -> dict:
    """Cases waiting on the user, their follow-ups due soon (or late), and overdue cases in scope."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    durations = expected_days()
    scope = case_scope_q(user)
    base = Case.objects.filter(scope).select_related("organization", "district").order_by("status_changed_at", "pk")
    waiting = list(base.filter(waiting_on_q(user))[:limit])
    overdue = list(base.filter(overdue_q(now, durations))[:limit])
    for case in {*waiting, *overdue}:
        case.is_overdue = is_overdue(case, now, durations)
        case.due_at = due_date(case, durations)
    follow_ups = list(
        FollowUp.objects.filter(case__in=Case.objects.filter(scope).exclude(status__in=ENDED), done=False,
                                next_date__isnull=False, next_date__lte=today + timedelta(days=FOLLOW_UP_HORIZON_DAYS))
        .filter(Q(recorded_by=user) | Q(case__assigned_to=user))
        .select_related("case").order_by("next_date", "pk")[:limit]
    )
    for item in follow_ups:
        item.is_late = item.next_date < today
    return {"waiting": waiting, "follow_ups": follow_ups, "overdue": overdue, "today": today}


def caseload(user, now=None) -> list[dict]:
    """Open cases and overdue cases per coordinator, for supervisors (primary advisors, the lead)."""
    from django.db.models import Count

    mine = roles.user_roles(user)
    if not (mine & {roles.PRIMARY_ADVISOR, roles.PROGRAMME_LEAD}):
        return []
    now = now or timezone.now()
    qs = (Case.objects.filter(case_scope_q(user), assigned_to__isnull=False).exclude(status__in=ENDED)
          .values("assigned_to", "assigned_to__first_name", "assigned_to__last_name", "assigned_to__username")
          .annotate(open=Count("pk"), overdue=Count("pk", filter=overdue_q(now)))
          .order_by("-open", "assigned_to__username"))
    return [{"name": f"{r['assigned_to__first_name']} {r['assigned_to__last_name']}".strip() or r["assigned_to__username"],
             "open": r["open"], "overdue": r["overdue"]} for r in qs]


def staff_home_widget(user) -> dict | None:
    """The "my tasks" summary for the staff home page (StaffHomeView appends it to its widgets)."""
    if not (roles.user_roles(user) & roles.CASE_ROLES):
        return None
    now = timezone.now()
    today = timezone.localdate(now)
    durations = expected_days()
    scope = Case.objects.filter(case_scope_q(user))
    data = {
        "waiting": scope.filter(waiting_on_q(user)).count(),
        "overdue": scope.filter(overdue_q(now, durations)).count(),
        "follow_ups": FollowUp.objects.filter(
            case__in=scope.exclude(status__in=ENDED), done=False, next_date__isnull=False,
            next_date__lte=today + timedelta(days=FOLLOW_UP_HORIZON_DAYS),
        ).filter(Q(recorded_by=user) | Q(case__assigned_to=user)).count(),
    }
    return {"template": "casework/workflow/home_widget.html", "data": data}
