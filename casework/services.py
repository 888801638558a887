"""Writes: each service is keyword-only, atomic, validates before saving and is audited
(django-auditlog records model changes; AccessLog records reads of personal data)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import (
    AccessLog,
    Attachment,
    Case,
    CaseNumberSequence,
    ChecklistItem,
    JusticeSeeker,
    Perpetrator,
    Recruitment,
)
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
    """Save a new case with its parts, all or nothing. `case` and the parts are unsaved instances.

    Who entered it is kept as they are today (designation and assigned upazilas from their profile):
    the case page shows the entrant at the time of entry even after they change jobs.
    """
    profile = staff_profile(user)
    case.entered_by = user
    if not case.organization_id:
        if profile is None:
            raise ValidationError(_("Your account belongs to no organisation, so a case cannot be saved under it. "
                                    "Ask the system administrator to add you to your organisation."))
        case.organization = profile.organization
    if profile is not None and not case.entered_by_designation:
        case.entered_by_designation = profile.designation[:120]
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
    if profile is not None:
        case.entered_by_upazilas.set(profile.upazilas.all())
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


def staff_profile(user):
    """The user's StaffProfile, or None (the emergency superuser may have none)."""
    from django.core.exceptions import ObjectDoesNotExist

    try:
        return user.profile
    except (ObjectDoesNotExist, AttributeError):
        return None


def access_log_record(*, user, action: str, case: Case | None = None, detail: str = "") -> None:
    """Record that `user` saw or exported personal data. `detail` must never hold personal values."""
    AccessLog.objects.create(user=user, case=case, action=action, detail=detail[:300])


def access_log_record_many(*, user, entries, detail: str = "") -> None:
    """Several access-log rows in one INSERT: `entries` are (action, case) pairs (a list page shows
    the names of up to a page of cases; each case whose person was shown gets its row)."""
    rows = [AccessLog(user=user, case=case, action=action, detail=detail[:300]) for action, case in entries]
    if rows:
        AccessLog.objects.bulk_create(rows)


@transaction.atomic
def checklist_sync(*, case: Case, documents, ticked_ids) -> None:
    """Make the case's document checklist fit its categories, after they were chosen or corrected.

    `documents` are the (document type, required) pairs the category matrix suggests now and
    `ticked_ids` the document type ids ticked "the worker has it". Every suggested document gets an
    item; an item kept from before takes the tick (an attached file of it counts as a tick); an item
    no longer suggested stays while it is ticked or has a file (nothing the worker gave us
    disappears), and goes otherwise.
    """
    ticked = {int(pk) for pk in ticked_ids}
    existing = {item.document_type_id: item for item in ChecklistItem.objects.filter(case=case)}
    attached = set(Attachment.objects.filter(case=case, document_type__isnull=False)
                   .values_list("document_type_id", flat=True))
    suggested = {doc.pk for doc, _required in documents}
    for doc, _required in documents:
        item = existing.get(doc.pk)
        if item is None:
            ChecklistItem.objects.create(case=case, document_type=doc, available=doc.pk in ticked or doc.pk in attached)
    for doc_id, item in existing.items():
        available = doc_id in ticked or doc_id in attached  # a file of it is proof the worker has it
        if doc_id not in suggested and not available:
            item.delete()
        elif item.available != available:
            item.available = available
            item.save(update_fields=["available"])


def attachment_add(*, case: Case, user, upload, detected, document_type_id=None, title: str = "",
                   is_prior_complaint_copy: bool = False) -> Attachment:
    """Store a checked upload (casework.uploads.validate_upload) in private storage as the case's
    document; a suggested document gets its checklist tick, a copy of an earlier complaint marks the
    copy as kept. If the database write fails, the file is removed again."""
    attachment = Attachment(
        case=case, document_type_id=document_type_id, title=title, original_name=upload.name[:200],
        content_type=detected.content_type, size=detected.size, sha256=detected.sha256, uploaded_by=user,
        is_prior_complaint_copy=is_prior_complaint_copy,
    )
    attachment.file.save(upload.name, upload, save=False)
    try:
        with transaction.atomic():
            attachment.save()
            if document_type_id:
                ChecklistItem.objects.update_or_create(case=case, document_type_id=document_type_id,
                                                       defaults={"available": True})
            if is_prior_complaint_copy and not case.prior_complaint_copy_kept:
                case.prior_complaint_copy_kept = True
                case.save(update_fields=["prior_complaint_copy_kept", "updated_at"])
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, user, attachment: Attachment) -> None:
    """Remove a wrongly attached document: the row (django-auditlog records the deletion with the
    case id) and, once that is committed, its file in private storage."""
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def case_update(*, user, case: Case, forms: dict, checklist=None) -> Case:
    """Save the section forms the user was allowed to change (the view built only those), and the
    document checklist when given as (suggested documents, ticked document type ids)."""
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
    if checklist is not None:
        documents, ticked_ids = checklist
        checklist_sync(case=case, documents=documents, ticked_ids=ticked_ids)
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
