"""In-app notifications (and an email when the person has an address) when a case is sent to them.

Who is told, per step: submit → the primary advisor sought (else every primary advisor of the
owning organisation, else the programme leads); return, refer, decline, reopen → the case's
coordinator (assigned, else whoever entered it); forward → the legal advisor sought at the
legal-aid NGO (else all its legal advisors); request_close → the legal advisors of the case's
legal-aid NGO (else the programme leads); approve_close → who asked to close it and the
coordinator; assign → the new coordinator. Never the person who acted.

Messages are keys translated when shown, so each reader sees their own language; emails carry
both languages and no personal data (only the case number and a link behind the sign-in).
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from casework.models import Case, Notification, Transition
from portal import roles

MESSAGES = {
    "submitted": _("Case %(number)s was sent to you for advice."),
    "returned": _("Case %(number)s was returned to you for more information."),
    "forwarded": _("Case %(number)s was forwarded to you for final advice."),
    "referred": _("Case %(number)s was referred to a redress channel. Please follow it up."),
    "declined": _("Case %(number)s was declined."),
    "close_requested": _("Closing case %(number)s is waiting for your approval."),
    "closed": _("Case %(number)s was closed."),
    "reopened": _("Case %(number)s was reopened."),
    "assigned": _("Case %(number)s was assigned to you."),
}
KIND_BY_ACTION = {
    "submit": "submitted", "return": "returned", "forward": "forwarded", "refer_gmc": "referred",
    "refer_bmet": "referred", "refer_wewb": "referred", "refer_court": "referred", "decline": "declined",
    "request_close": "close_requested", "approve_close": "closed", "reopen": "reopened",
}


# seed_demo builds believable histories through the services: in-app notifications yes, mail no.
_emails_off: ContextVar[bool] = ContextVar("protikar_notification_emails_off", default=False)


@contextlib.contextmanager
def emails_suppressed():
    token = _emails_off.set(True)
    try:
        yield
    finally:
        _emails_off.reset(token)


def message(kind: str, case_number: str) -> str:
    text = MESSAGES.get(kind)
    return str(text % {"number": case_number}) if text else case_number


def _active(qs):
    return list(qs.filter(is_active=True).order_by("pk").distinct())


def _with_role(role: str, **filters):
    return _active(get_user_model().objects.filter(groups__name=role, **filters))


def _coordinator(case: Case):
    return [case.assigned_to or case.entered_by]


def _sought_among(case: Case, people):
    """The advisor the coordinator asked for, if they are among `people`; else all of them."""
    chosen = [p for p in people if p.pk == case.advisor_sought_id]
    return chosen or people


def recipients_for(case: Case, action: str) -> list:
    kind = KIND_BY_ACTION.get(action)
    if kind == "submitted":
        primaries = _with_role(roles.PRIMARY_ADVISOR, profile__organization_id=case.organization_id)
        return _sought_among(case, primaries) or _with_role(roles.PROGRAMME_LEAD)
    if kind == "forwarded":
        return _sought_among(case, _with_role(roles.LEGAL_ADVISOR, profile__organization_id=case.legal_aid_org_id))
    if kind == "close_requested":
        legal = _with_role(roles.LEGAL_ADVISOR, profile__organization_id=case.legal_aid_org_id) if case.legal_aid_org_id else []
        return legal or _with_role(roles.PROGRAMME_LEAD)
    if kind == "closed":
        return [p for p in (case.close_requested_by, *_coordinator(case)) if p is not None]
    if kind in {"returned", "referred", "declined", "reopened"}:
        return _coordinator(case)
    return []


def notify(*, case: Case, kind: str, actor, recipients) -> list[Notification]:
    """Create the notifications (never to the actor) and send the emails after the commit."""
    seen = set()
    people = []
    for person in recipients:
        if person is None or not person.is_active or person.pk == getattr(actor, "pk", None) or person.pk in seen:
            continue
        seen.add(person.pk)
        people.append(person)
    rows = Notification.objects.bulk_create(
        [Notification(user=p, case=case, kind=kind, actor=actor) for p in people]
    )
    addressed = [p.email for p in people if p.email]
    if addressed and not _emails_off.get():
        number, case_pk = case.case_number, case.pk
        transaction.on_commit(lambda: _send_emails(addressed, kind, number, case_pk))
    return rows


def notify_transition(*, case: Case, step: Transition) -> list[Notification]:
    kind = KIND_BY_ACTION.get(step.action)
    if kind is None:
        return []
    return notify(case=case, kind=kind, actor=step.actor, recipients=recipients_for(case, step.action))


def _send_emails(addresses: list[str], kind: str, number: str, case_pk: int) -> None:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    parts = []
    for lang in ("bn", "en"):
        with translation.override(lang):
            link = base + reverse("casework:case_detail", kwargs={"pk": case_pk})
            parts.append((message(kind, number), link))
    subject = f"Protikar · {parts[0][0]} / {parts[1][0]}"[:200]
    body = "\n\n".join(f"{text}\n{link}" for text, link in parts)
    # One mail per person: addresses are not shown to each other.
    for address in addresses:
        send_mail(subject, body, None, [address], fail_silently=True)


# --- Reading -----------------------------------------------------------------------------------
def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    loaded = getattr(user, "_unread_notifications", None)  # casework.auth.StaffModelBackend counted them
    if loaded is not None:
        return loaded
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_list(user, limit: int = 50) -> list[Notification]:
    rows = list(Notification.objects.filter(user=user).select_related("case", "actor")[:limit])
    for row in rows:
        row.text = message(row.kind, row.case.case_number)
    return rows
