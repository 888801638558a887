"""Writes for the import screens: saved mappings, jobs, and starting a run."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from casework.models import Organization
from portal.templatetags.portal_tags import local_digits

from .headers import FIELDS_BY_NAME, IGNORE, analyse_headers, header_key, is_generic
from .models import ColumnMapping, ImportJob
from .pipeline import ImportRun
from .reader import FileRefused, read_sheet

logger = logging.getLogger("protikar.imports")

# A queued or running job that shows no progress for this long has lost its worker. A chunk of
# 500 rows takes about a second, so a live job reports many times a minute.
STALL_AFTER = timedelta(minutes=15)

def background_rows() -> int:
    """Registers longer than this run in the background (a django-tasks task) with a progress page."""
    return getattr(settings, "IMPORT_BACKGROUND_ROWS", 300)


def saved_mapping(organization: Organization | None) -> dict[str, str]:
    """header key → field, as the organisation's people mapped them before."""
    if organization is None:
        return {}
    return dict(ColumnMapping.objects.filter(organization=organization).values_list("header_key", "field"))


def mapping_owner(job: ImportJob) -> Organization | None:
    """Whose register format this is: the chosen organisation, else the uploader's."""
    if job.organization_id:
        return job.organization
    profile = getattr(job.created_by, "profile", None)
    return profile.organization if profile else None


@transaction.atomic
def mapping_save(*, job: ImportJob, mapping: dict[int, str], user) -> None:
    """Keep the job's mapping and remember, for the organisation, every header mapped by hand.

    Not remembered: what the headers say anyway, and generic words ("Name", "NID"), whose
    meaning depends on the columns around them (one register's "Name" is another's applicant).
    """
    job.mapping = {str(k): v for k, v in mapping.items() if v}
    job.save(update_fields=["mapping"])
    owner = mapping_owner(job)
    if owner is None:
        return
    automatic = analyse_headers(job.headers).mapping
    for index, field in mapping.items():
        header = job.headers[index] if index < len(job.headers) else ""
        key = header_key(header)
        if not key or not field or (field != IGNORE and field not in FIELDS_BY_NAME):
            continue
        if automatic.get(index) == field or is_generic(header):
            continue  # recognised anyway, or only meaningful where it stands: nothing to remember
        ColumnMapping.objects.update_or_create(
            organization=owner, header_key=key, defaults={"header": header[:200], "field": field, "updated_by": user}
        )


def job_require_file(job: ImportJob) -> None:
    """Refuse a job whose uploaded register retention has deleted (it cannot be read again)."""
    if job.file_removed:
        raise FileRefused(_(
            "This file was deleted %(days)s days after its import, to protect the people in it. "
            "To import it again, upload it again."
        ) % {"days": local_digits(settings.IMPORT_RETENTION_DAYS)})


def job_sheet(job: ImportJob):
    job_require_file(job)
    with job.file.open("rb") as fh:
        return read_sheet(fh.read(), job.original_name)


def job_start(*, job: ImportJob, dry_run: bool, language: str | None = None) -> None:
    """Check (dry run) or import the job's file: at once when short, else in the background.

    The run reports in `language` (the person's, from the request), kept on the job for a worker.
    """
    job_require_file(job)  # before the job is marked queued: a refused start changes nothing
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    attempt = job.attempt + 1
    ImportJob.objects.filter(pk=job.pk).update(
        dry_run=dry_run, status=ImportJob.Status.QUEUED, processed_rows=0, imported=0, updated=0, skipped=0,
        errors=0, report=[], failure="", finished_at=None, language=language, attempt=attempt,
        heartbeat_at=timezone.now(),
    )
    job.refresh_from_db()
    if job.total_rows > background_rows():
        from .tasks import run_import_job

        result = run_import_job.enqueue(str(job.pk), dry_run, attempt)
        ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    else:
        job_run(job_id=job.pk, dry_run=dry_run, attempt=attempt)


def job_mark_stalled(job: ImportJob) -> ImportJob:
    """Mark a queued or running job failed when it has shown no progress for STALL_AFTER (its
    worker died, or none is running). A late task for it then finds it superseded (job_run)."""
    if job.is_running and job.heartbeat_at and job.heartbeat_at < timezone.now() - STALL_AFTER:
        ImportJob.objects.filter(
            pk=job.pk, status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING], heartbeat_at=job.heartbeat_at,
        ).update(status=ImportJob.Status.FAILED, failure=ImportJob.STALLED, finished_at=timezone.now())
        job.refresh_from_db()
    return job


def job_run(*, job_id, dry_run: bool, attempt: int | None = None) -> ImportJob:
    """Run a job to the end, recording progress and the outcome on the job row, in the language
    of the person who started it.

    Does nothing when the job is no longer waiting for this run (`attempt` is the start it was
    queued for): it was started again, or marked stalled, in the meantime.
    """
    waiting = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED)
    if attempt is not None:
        waiting = waiting.filter(attempt=attempt)
    if not waiting.update(status=ImportJob.Status.RUNNING, heartbeat_at=timezone.now()):
        return ImportJob.objects.get(pk=job_id)
    job = ImportJob.objects.select_related("organization", "created_by").get(pk=job_id)
    with translation.override(job.language or settings.LANGUAGE_CODE):
        return _run(job, dry_run)


def _run(job: ImportJob, dry_run: bool) -> ImportJob:
    try:
        sheet = job_sheet(job)

        def progress(done: int, total: int) -> None:
            ImportJob.objects.filter(pk=job.pk).update(processed_rows=done, total_rows=total, heartbeat_at=timezone.now())

        run = ImportRun(
            user=job.created_by, sheet=sheet, mapping={int(k): v for k, v in job.mapping.items()},
            organization=job.organization, dry_run=dry_run, job=None if dry_run else job, progress=progress,
        )
        result = run.run()
    except Exception as exc:  # a worker must record the failure, not die silently
        # The kind of error only: its text can quote cells (personal data); the log has the trace.
        logger.exception("Import job %s failed", job.pk)
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED, failure=type(exc).__name__, finished_at=timezone.now()
        )
        raise
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.CHECKED if dry_run else ImportJob.Status.DONE,
        processed_rows=len(sheet.rows), total_rows=len(sheet.rows),
        imported=result.imported, updated=result.updated, skipped=result.skipped, errors=result.errors,
        report=[o.as_dict() for o in result.reported], finished_at=timezone.now(), heartbeat_at=timezone.now(),
    )
    job.refresh_from_db()
    return job
