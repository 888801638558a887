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
    from django.utils import timezone
    from django.utils.encoding import smart_str

    from casework.bulk import insert_rows

    if not rows:
        return
    content_type = ContentType.objects.get_for_model(model)
    names = {f.attname: f.name for f in model._meta.concrete_fields}
    now, cid = timezone.now(), get_cid()
    entries = []
    for pk, row in zip(ids, rows):
        changes = {}
        for attname, value in row.items():
            if isinstance(value, dict):
                changes[attname] = value
            elif value is not None and value != "" and attname in names:
                changes[names[attname]] = ["None", value if type(value) is str else str(value)]
        case_id = pk if model._meta.model_name == "case" else row.get("case_id")
        entries.append({
            "content_type_id": content_type.pk, "object_pk": str(pk), "object_id": pk,
            "object_repr": smart_str(row.get(repr_field) or "")[:200], "action": LogEntry.Action.CREATE,
            "changes": changes, "changes_text": "", "actor_id": actor.pk if actor else None, "cid": cid,
            "timestamp": now, "additional_data": {"case_id": case_id, **(extra or {})},
        })
    insert_rows(LogEntry, entries, returning=False)
