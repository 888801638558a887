"""Writes: each service is keyword-only, atomic, validates before saving and is audited
(django-auditlog records model changes; AccessLog records reads of personal data)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from casework.models import AccessLog, Case, CaseNumberSequence, ChecklistItem, JusticeSeeker, Perpetrator, Recruitment
from casework.states import Status

CASE_NUMBER_PREFIX = "PRK"


def case_number_next(*, year: int | None = None) -> str:
    """The next case number of the year, e.g. PRK-2026-00042.

    The sequence row is locked (SELECT … FOR UPDATE) so two people saving at the same moment get
    different numbers; the caller's transaction holds the lock until the case is saved.
    """
    year = year or timezone.localdate().year
    with transaction.atomic():
        CaseNumberSequence.objects.get_or_create(year=year)
        seq = CaseNumberSequence.objects.select_for_update().get(year=year)
        seq.last += 1
        seq.save(update_fields=["last"])
    return f"{CASE_NUMBER_PREFIX}-{year}-{seq.last:05d}"


@transaction.atomic
def case_create(
    *,
    user,
    case: Case,
    categories=(),
    sub_categories=(),
    expected_remedies=(),
    justice_seeker: JusticeSeeker | None = None,
    recruitment: Recruitment | None = None,
    perpetrators: list[Perpetrator] = (),
    checklist: list[ChecklistItem] = (),
) -> Case:
    """Save a new case with its parts, all or nothing. `case` and the parts are unsaved instances."""
    case.entered_by = user
    if not case.organization_id:
        case.organization = user.profile.organization
    if case.division_id is None and case.district_id is not None:
        case.division_id = case.district.division_id
    case.status = Status.DRAFT
    case.case_number = case_number_next()
    case.status_changed_at = timezone.now()
    case.full_clean(exclude=["categories"])
    case.save()
    case.categories.set(categories)
    case.sub_categories.set(sub_categories)
    case.expected_remedies.set(expected_remedies)
    for part in (justice_seeker, recruitment):
        if part is not None:
            part.case = case
            part.full_clean()
            part.save()
    for perpetrator in perpetrators:
        perpetrator.case = case
        perpetrator.full_clean()
        perpetrator.save()
    for item in checklist:
        item.case = case
        item.save()
    return case


def access_log_record(*, user, action: str, case: Case | None = None, detail: str = "") -> None:
    """Record that `user` saw or exported personal data. `detail` must never hold personal values."""
    AccessLog.objects.create(user=user, case=case, action=action, detail=detail[:300])
