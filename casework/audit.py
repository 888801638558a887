"""django-auditlog on every casework model: who changed what, when (SPEC §6)."""

from auditlog.registry import auditlog


def register_models() -> None:
    from casework import models as m

    auditlog.register(m.Case, m2m_fields={"categories", "sub_categories", "expected_remedies", "entered_by_upazilas"})
    # Which gaps a post-analysis names is what the gap reports count: changes to them are audited too.
    auditlog.register(m.PostAnalysis, m2m_fields={"gaps"})
    for model in (m.JusticeSeeker, m.Recruitment, m.Perpetrator, m.ChecklistItem, m.Attachment, m.Transition,
                  m.Comment, m.Intervention, m.Referral, m.ExternalReferral, m.FollowUp,
                  m.StateDuration, m.Organization, m.StaffProfile, m.CaseSource, m.RecruitmentProcess,
                  m.DepartureRoute, m.EducationLevel, m.Religion, m.MaritalStatus, m.InterventionType,
                  m.ResultType, m.GapTag, m.RecruitingAgency):
        auditlog.register(model)


def log_created(model, rows: list[dict], ids: list, *, repr_field: str, actor, extra: dict | None = None) -> None:
    """Audit-log entries for rows written in bulk (casework.bulk.insert_rows sends no signals).

    One "create" entry per row, shaped like django-auditlog's own: the fields given, as
    ["None", value] pairs by field name; a many-to-many value (a dict) is kept as it is.
    `additional_data` carries the case id, so the audit page finds the entries by case.
    """
    from auditlog.cid import get_cid
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone

    from casework.bulk import copy_rows, insert_rows

    if not rows:
        return
    names = {f.attname: f.name for f in model._meta.concrete_fields}
    is_case = model._meta.model_name == "case"
    content_type_id = ContentType.objects.get_for_model(model).pk
    action, actor_id, cid, now = int(LogEntry.Action.CREATE), actor.pk if actor else None, get_cid(), timezone.now()
    extra = extra or {}
    entries = []  # the columns of ENTRY_COLUMNS (40,000 entries for a 10,000-row import: this loop is hot)
    for pk, row in zip(ids, rows):
        changes = {}
        for attname, value in row.items():
            if value is None or value == "":
                continue
            if value.__class__ is dict:
                changes[attname] = value
            elif attname in names:
                changes[names[attname]] = ["None", value if value.__class__ is str else str(value)]
        entries.append((content_type_id, str(pk), pk, str(row.get(repr_field) or "")[:200], action, "", changes,
                        actor_id, cid, now, {"case_id": pk if is_case else row.get("case_id"), **extra}))
    if connection.vendor == "postgresql":
        copy_rows(LogEntry, ENTRY_COLUMNS, entries)  # the other columns (id, remote address…) take their defaults
    else:
        insert_rows(LogEntry, [dict(zip(ENTRY_COLUMNS, entry)) for entry in entries], returning=False)


ENTRY_COLUMNS = ("content_type_id", "object_pk", "object_id", "object_repr", "action", "changes_text", "changes",
                 "actor_id", "cid", "timestamp", "additional_data")
