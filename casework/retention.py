"""Retention: years after a case ends, remove everything that identifies people and keep the figures.

What goes (SPEC §1's three data groups and all free text): the justice seeker's name, contacts, passport,
addresses below district, family details and applicant; perpetrators' and recruiting agents' names,
addresses, phones and NIDs; every note, comment, follow-up, description and the post-analysis text;
attachments (files deleted from storage); and the old values kept in the audit log for these records.

What stays, so the reports still add up: the case number, status and dates, organisation, categories,
district and upazila, destination country, recruitment process and route, gender, age, marital status,
education, religion, minority and disability flags, family size, costs and money recovered, referrals'
channels and dates, the intervention types, the documentation checklist (yes/no), results and the
post-analysis gap tags. The licensed recruiting agency (a public register entry) stays too.

Imports: an uploaded register holds every row, the failed ones too, and an import's report holds row
messages. Both go N days after the import finished (settings.IMPORT_RETENTION_DAYS, default 30): the file
is deleted, the report, failure text and file name emptied; the counts stay. The register key of a case
whose personal data went ("passport:EB…", or the partner's register number) is replaced by one that
names no one, so a later import of that old row makes a new case instead of refilling this one.

Runs are dry by default (`apply_retention` prints what it would do); with --apply every case and every
import is changed in its own transaction and gets an audit-log entry saying who ran retention, when, and
under which rule.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from casework import models as m
from casework.imports.models import ImportedRecord, ImportJob
from casework.states import Status

logger = logging.getLogger("protikar.retention")

REMOVED = "[removed]"  # for required text fields; optional ones become ""
# ImportedRecord.key after retention: "retained:<case id>" can never equal a key an import computes.
RETAINED_KEY_PREFIX = "retained:"

# model -> {field: replacement}. Required (non-blank) text fields get REMOVED so the record stays valid.
REDACT = {
    m.JusticeSeeker: {
        "name": REMOVED, "address_communication": "", "police_station": "", "ward": "", "village": "",
        "phone": "", "last_used_phone": "", "family_phone": "", "passport_number": "", "passport_issue_place": "",
        "family_details": "", "minority_detail": "", "disability_detail": "", "applicant_name": "",
        "applicant_address": "", "applicant_phone": "", "applicant_relation": "", "union": None,
    },
    m.Recruitment: {
        "agency_name": "", "agency_address": "", "agency_phone": "", "agent_name": "", "agent_address": "",
        "agent_phone": "", "agent_nid": "",
    },
    m.Perpetrator: {"name": REMOVED, "address": "", "phone": "", "nid": "", "relation": ""},
    m.Transition: {"note": ""},
    m.Comment: {"body": REMOVED},
    m.Intervention: {"note": ""},
    m.Referral: {"note": "", "reference_number": ""},
    m.ExternalReferral: {"purpose": REMOVED},
    m.FollowUp: {"update": REMOVED, "next_action": ""},
    m.ChecklistItem: {"note": ""},
    m.PostAnalysis: {"analysis": REMOVED, "external_factors": "", "went_well": "", "went_wrong": ""},
}
CASE_FIELDS = {
    "description": "", "other_category": "", "source_detail": "", "prior_complaint_where": "",
    "prior_complaint_number": "", "departure_route_detail": "", "consent_taken_by": "", "result_detail": "",
    "register_number": "",
}


def retention_years() -> int:
    return int(getattr(settings, "RETENTION_YEARS_AFTER_CLOSURE", 5))


def import_retention_days() -> int:
    return int(settings.IMPORT_RETENTION_DAYS)


def cutoff_for(years: int, now=None):
    now = now or timezone.now()
    # 365.25 days a year: leap days do not shift the limit by a day every fourth year.
    return now - timedelta(days=round(365.25 * years))


def due_cases(years: int | None = None, now=None):
    """Ended cases (closed, or declined) whose end is at least `years` ago and that still hold personal data."""
    years = retention_years() if years is None else years
    cutoff = cutoff_for(years, now)
    ended = Q(status=Status.CLOSED, closed_at__isnull=False, closed_at__lte=cutoff) | Q(
        status=Status.DECLINED, status_changed_at__lte=cutoff)
    # Idempotent: a case that has its retention audit entry is done (entry and removal share a transaction).
    return m.Case.objects.filter(ended).exclude(pk__in=_retained_case_ids()).order_by("closed_at", "pk")


def _retained_case_ids():
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(m.Case), changes__has_key="retention",
    ).values("object_id")


def due_imports(days: int | None = None, now=None):
    """Imports that finished (or were left unfinished) at least `days` ago and still hold their upload."""
    days = import_retention_days() if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    ended = Q(finished_at__lte=cutoff) | Q(finished_at__isnull=True, created_at__lte=cutoff)
    # Never under a run in progress (an old upload can be run again). Idempotent: the file name is
    # emptied in the same update as the report.
    running = [ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]
    return ImportJob.objects.filter(ended).exclude(status__in=running).exclude(file="").order_by("created_at", "pk")


def stale_import_keys():
    """Register keys of cases that retention already anonymised (before keys were replaced too)."""
    return ImportedRecord.objects.filter(case_id__in=_retained_case_ids()).exclude(key__startswith=RETAINED_KEY_PREFIX)


@dataclass
class Summary:
    years: int
    cutoff: object
    applied: bool
    cases: list[str] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=dict)
    files: int = 0
    import_days: int = 30
    imports: int = 0  # uploads and reports removed
    import_keys: int = 0  # register keys replaced

    def add(self, name, count):
        self.records[name] = self.records.get(name, 0) + count


def _redact_case(case: m.Case, summary: Summary, actor, years: int) -> None:
    ids = [case.pk]
    for model, values in REDACT.items():
        qs = model.objects.filter(case_id__in=ids)
        count = qs.count()
        if count:
            summary.add(model._meta.verbose_name_plural, count)
            if summary.applied:
                # QuerySet.update: no auditlog entry with the old values (that would defeat the purpose).
                qs.update(**values)
    attachments = list(m.Attachment.objects.filter(case_id__in=ids))
    if attachments:
        summary.add(m.Attachment._meta.verbose_name_plural, len(attachments))
        summary.files += len(attachments)
        if summary.applied:
            for attachment in attachments:
                name = attachment.file.name
                if name:
                    # Remove the row first: if deleting the file then fails, nothing points at it any more.
                    storage = attachment.file.storage
                    m.Attachment.objects.filter(pk=attachment.pk).delete()
                    transaction.on_commit(lambda s=storage, n=name: s.delete(n))
                else:
                    m.Attachment.objects.filter(pk=attachment.pk).delete()
    summary.import_keys += ImportedRecord.objects.filter(case_id__in=ids).count()
    if summary.applied:
        m.Case.objects.filter(pk=case.pk).update(**CASE_FIELDS)
        _replace_import_keys(ids)
        _scrub_audit_history(ids)
        LogEntry.objects.log_create(
            case, force_log=True, action=LogEntry.Action.UPDATE, actor=actor,
            changes={"retention": ["personal data", f"removed {years} years after the case ended"]},
        )


def _replace_import_keys(case_ids) -> None:
    # The fingerprint is a hash of the whole row, personal data included: it goes too.
    ImportedRecord.objects.filter(case_id__in=case_ids).update(
        key=Concat(Value(RETAINED_KEY_PREFIX), Cast("case_id", CharField())), fingerprint="",
    )


def _remove_import(job: ImportJob, actor, days: int) -> None:
    name = job.file.name
    ImportJob.objects.filter(pk=job.pk).update(file="", report=[], failure="", original_name=REMOVED)
    LogEntry.objects.log_create(
        job, force_log=True, action=LogEntry.Action.UPDATE, actor=actor, serialized_data=None,
        object_repr=f"import {str(job.pk)[:8]}",  # not the file name: it can name a person
        changes={"retention": ["import upload and report", f"removed {days} days after the import"]},
    )
    storage = job.file.storage
    transaction.on_commit(lambda: storage.delete(name))  # only once the row no longer points at it


def _scrub_audit_history(case_ids: list[int]) -> None:
    """Old values in django-auditlog for these cases and their parts: keep who and when, drop what."""
    case_type = ContentType.objects.get_for_model(m.Case)
    part_types = [ContentType.objects.get_for_model(model) for model in [*REDACT, m.Attachment]]
    entries = LogEntry.objects.filter(
        Q(content_type=case_type, object_id__in=case_ids)
        | Q(content_type__in=part_types, additional_data__case_id__in=case_ids)
    ).exclude(changes__has_key="retention")
    entries.update(changes={"redacted": ["values", "removed by retention"]}, changes_text="", serialized_data=None,
                   object_repr=REMOVED)
    # Case entries keep the case number as their label: it identifies no one and the audit page needs it.
    for case in m.Case.objects.filter(pk__in=case_ids).only("case_number"):
        LogEntry.objects.filter(content_type=case_type, object_id=case.pk).update(object_repr=case.case_number)


def apply_retention(years: int | None = None, *, apply: bool = False, actor=None, now=None, limit=None,
                    import_days: int | None = None) -> Summary:
    years = retention_years() if years is None else years
    import_days = import_retention_days() if import_days is None else import_days
    if years < 1:
        raise ValueError("retention needs at least one year after a case ends")
    if import_days < 1:
        raise ValueError("import uploads are kept at least one day")
    summary = Summary(years=years, cutoff=cutoff_for(years, now), applied=apply, import_days=import_days)
    cases = list(due_cases(years, now)[:limit] if limit else due_cases(years, now))
    for case in cases:
        with transaction.atomic():
            _redact_case(case, summary, actor, years)
        summary.cases.append(case.case_number)
    stale = list(stale_import_keys().values_list("case_id", flat=True))
    summary.import_keys += len(stale)
    if apply and stale:
        with transaction.atomic():
            _replace_import_keys(stale)
            for case in m.Case.objects.filter(pk__in=stale):
                LogEntry.objects.log_create(
                    case, force_log=True, action=LogEntry.Action.UPDATE, actor=actor,
                    changes={"import_key": ["register key", "removed by retention"]},
                )
    jobs = list(due_imports(import_days, now))
    summary.imports = len(jobs)
    if apply:
        for job in jobs:
            with transaction.atomic():
                _remove_import(job, actor, import_days)
        logger.info("retention applied to %d cases (%d years) and %d imports (%d days)",
                    len(cases), years, len(jobs), import_days)
    return summary
