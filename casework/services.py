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


@transaction.atomic
def case_update(*, user, case: Case, forms: dict) -> Case:
    """Save the section forms the user was allowed to change (the view built only those)."""
    if "case" in forms:
        updated = forms["case"].save(commit=False)
        if updated.district_id:
            updated.division_id = updated.district.division_id
        updated.full_clean(exclude=["categories"])
        updated.save()
        forms["case"].save_m2m()
    if "justice_seeker" in forms:
        seeker = forms["justice_seeker"].save(commit=False)
        seeker.case = case
        seeker.save()
    if "recruitment" in forms:
        recruitment = forms["recruitment"].save(commit=False)
        recruitment.case = case
        recruitment.save()
    if "perpetrators" in forms:
        formset = forms["perpetrators"]
        formset.instance = case
        for form in formset.forms:
            if not form.has_changed():
                continue
            if form.cleaned_data.get("DELETE"):
                if form.instance.pk:
                    form.instance.delete()
                continue
            if form.instance.name:
                form.instance.case = case
                form.instance.save()
    return case


def find_duplicates(*, user, passport: str = "", phone: str = "", name: str = "", district=None) -> list[dict]:
    """Cases that may be the same person: same passport, same phone, or a similar name in the district.

    Looks across all organisations (one person must not become two cases) but tells the user only
    the case number of cases in their own scope; for the others, only that one exists.
    """
    from django.db.models import Q
    from rapidfuzz import fuzz

    from casework.selectors import case_scope_q

    q = Q()
    if passport:
        q |= Q(justice_seeker__passport_number=passport)
    if phone:
        q |= Q(justice_seeker__phone=phone) | Q(justice_seeker__last_used_phone=phone) | Q(justice_seeker__family_phone=phone)
    candidates = list(Case.objects.filter(q).select_related("justice_seeker")[:20]) if q else []
    if name and district is not None:
        first_word = name.split()[0] if name.split() else name
        for case in Case.objects.filter(district=district, justice_seeker__name__icontains=first_word[:20]).select_related("justice_seeker")[:200]:
            if fuzz.token_sort_ratio(case.justice_seeker.name.lower(), name.lower()) >= 85 and case not in candidates:
                candidates.append(case)
    visible = set(Case.objects.filter(case_scope_q(user), pk__in=[c.pk for c in candidates]).values_list("pk", flat=True))
    out = []
    for case in candidates:
        seeker = case.justice_seeker
        reasons = []
        if passport and seeker.passport_number == passport:
            reasons.append("passport")
        if phone and phone in (seeker.phone, seeker.last_used_phone, seeker.family_phone):
            reasons.append("phone")
        if not reasons:
            reasons.append("name")
        out.append({"case": case if case.pk in visible else None, "reasons": reasons})
    return out
