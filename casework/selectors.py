"""Reads: querysets already scoped to what the user may see.

`case_scope_q(user)` is the queryset twin of `rules.in_scope`: keep the two in step
(tests/casework/test_scope_parity.py checks every role against every demo case).
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q, QuerySet

from casework.models import Case, Upazila
from casework.rules import _profile_org_id, assigned_upazila_ids
from portal import roles

NOTHING = Q(pk__in=[])
# A person search term (name, phone or passport) lives in the session, never in a URL or a log;
# `?person=1` on the case list or the export applies it.
PERSON_SEARCH_KEY = "casework_person_search"


def person_search_term(request) -> str | None:
    """The active person search of this request (case list or export), or None."""
    if request.GET.get("person") != "1":
        return None
    return request.session.get(PERSON_SEARCH_KEY) or None


def person_q(term: str) -> Q:
    """Cases whose worker matches the term: name (part of it), any of their phones, or passport."""
    from casework.fields import ascii_digits, normalise_bd_mobile

    term = term.strip()
    phone = normalise_bd_mobile(term)
    compact = ascii_digits(term).replace(" ", "").upper()
    q = Q(justice_seeker__name__icontains=term)
    if phone:
        q |= Q(justice_seeker__phone=phone) | Q(justice_seeker__last_used_phone=phone) | Q(justice_seeker__family_phone=phone)
    if compact.isalnum() and any(ch.isdigit() for ch in compact):
        q |= Q(justice_seeker__passport_number=compact)
    return q


def case_scope_q(user) -> Q:
    """A Q object for the cases `user` may see (SPEC §1 scopes), OR-ed over the user's roles."""
    if not user.is_authenticated or not user.is_active:
        return NOTHING
    if user.is_superuser:
        return Q()  # emergencies only; every case page they open is still access-logged
    mine = roles.user_roles(user)
    if roles.PROGRAMME_LEAD in mine:
        return Q()
    org_id = _profile_org_id(user)
    q = NOTHING
    if roles.FIELD_COORDINATOR in mine:
        q |= Q(assigned_to_id=user.pk)
        if org_id is not None:
            q |= Q(organization_id=org_id, upazila_id__in=list(assigned_upazila_ids(user)))
    if roles.PRIMARY_ADVISOR in mine and org_id is not None:
        q |= Q(organization_id=org_id)
    if roles.LEGAL_ADVISOR in mine:
        q |= Q(entered_by_id=user.pk)
        if org_id is not None:
            q |= Q(legal_aid_org_id=org_id)
    return q


def case_list(user) -> QuerySet[Case]:
    """Cases visible to the user, with what the list page shows (one query, no personal data)."""
    return (
        Case.objects.filter(case_scope_q(user))
        .select_related("district", "district__division", "organization", "destination_country")
        .prefetch_related("categories")
    )


def case_get(user, pk) -> Case | None:
    """The case if it exists and is in the user's scope, else None (the view answers 404)."""
    return Case.objects.filter(case_scope_q(user), pk=pk).first()


def case_entry_upazilas(user, *, keep_id: int | None = None) -> QuerySet[Upazila]:
    """The upazilas `user` may enter a case in: the queryset twin of the rule
    `casework.enter_case_in_upazila` (coordinators: their assigned upazilas; advisors, the
    programme lead and the emergency superuser: all). `keep_id` keeps a case's current upazila
    choosable when it is corrected (an assigned coordinator may work on a case elsewhere)."""
    everything = Upazila.objects.all()
    if user.is_superuser:
        return everything
    mine = roles.user_roles(user)
    if mine & {roles.PRIMARY_ADVISOR, roles.LEGAL_ADVISOR, roles.PROGRAMME_LEAD}:
        return everything
    q = Q(pk__in=list(assigned_upazila_ids(user))) if roles.FIELD_COORDINATOR in mine else NOTHING
    if keep_id is not None:
        q |= Q(pk=keep_id)
    return everything.filter(q)


# Case fields the workflow changes (transitions, results, assignment): their audit entries are
# already in the history as workflow steps, so they are not "edits".
WORKFLOW_FIELDS = frozenset({
    "status", "status_changed_at", "channel", "legal_aid_org", "assigned_to", "result", "result_detail",
    "result_favours_worker", "money_recovered", "result_date", "close_requested_by", "close_requested_at",
    "closed_at", "updated_at", "prior_complaint_copy_kept",
})
CREATION_BURST = timedelta(minutes=1)  # the parts written with the case itself are not edits


def case_history_extra(case: Case, *, attachments=None) -> list[dict]:
    """History entries the workflow's timeline lacks: edits of the case record (from django-auditlog,
    one entry per request, naming the changed fields but never their values) and, when `attachments`
    is given (the reader may see documents), uploads and removals of documents. Two queries.
    """
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.utils.translation import gettext as _

    from casework.models import Attachment, ChecklistItem, JusticeSeeker, Perpetrator, Recruitment

    models = (Case, JusticeSeeker, Recruitment, Perpetrator, ChecklistItem, Attachment)
    types = ContentType.objects.get_for_models(*models)
    model_of = {types[m].pk: m for m in models}
    parts = [types[m].pk for m in models if m is not Case]
    entries = list(
        LogEntry.objects.filter(Q(content_type=types[Case], object_pk=str(case.pk))
                                | Q(content_type__in=parts, additional_data__case_id=case.pk))
        .select_related("actor").order_by("timestamp", "pk")[:500]
    )
    created = next((e.timestamp for e in entries if e.action == LogEntry.Action.CREATE
                    and e.content_type_id == types[Case].pk), case.created_at)
    edits: dict = {}
    out = []
    for entry in entries:
        model = model_of[entry.content_type_id]
        if entry.timestamp <= created + CREATION_BURST:
            continue
        if model is Attachment:
            if entry.action == LogEntry.Action.DELETE and attachments is not None:
                out.append({"at": entry.timestamp, "kind": "upload", "who": entry.actor, "title": _("Document removed"),
                            "text": ""})
            continue  # uploads come from the attachments themselves (below)
        fields = [name for name in (entry.changes_dict or {}) if not (model is Case and name in WORKFLOW_FIELDS)]
        if not fields:
            continue
        # One entry per request (auditlog's correlation id), or per person and minute without one.
        key = entry.cid or (entry.actor_id, entry.timestamp.replace(second=0, microsecond=0))
        edit = edits.get(key)
        if edit is None:
            edit = edits[key] = {"at": entry.timestamp, "kind": "edit", "who": entry.actor,
                                 "title": _("Case record changed"), "labels": []}
            out.append(edit)
        for name in fields:
            label = _field_label(model, name)
            if label not in edit["labels"]:
                edit["labels"].append(label)
    for edit in edits.values():
        edit["text"] = _("Changed: %(fields)s") % {"fields": ", ".join(edit.pop("labels"))}
    for attachment in attachments or ():
        name = getattr(attachment.document_type, "local_name", None) if attachment.document_type_id else None
        out.append({"at": attachment.uploaded_at, "kind": "upload", "who": attachment.uploaded_by,
                    "title": _("Document attached"), "text": name or _("Other document")})
    return out


def _field_label(model, name: str) -> str:
    """"passport number" for the case's fields' owner, "perpetrator: name" for a part's."""
    from django.core.exceptions import FieldDoesNotExist

    try:
        label = str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field removed since the entry was written
        label = name
    return label if model is Case else f"{model._meta.verbose_name}: {label}"
