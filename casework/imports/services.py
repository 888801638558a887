"""Writes for the import screens: saved mappings, jobs, and starting a run."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from casework.models import Organization

from .headers import FIELDS_BY_NAME, IGNORE, header_key
from .models import ColumnMapping, ImportJob
from .pipeline import ImportRun
from .reader import read_sheet

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
    """Keep the job's mapping and remember, for the organisation, every header mapped by hand."""
    from .headers import recognise

    job.mapping = {str(k): v for k, v in mapping.items() if v}
    job.save(update_fields=["mapping"])
    owner = mapping_owner(job)
    if owner is None:
        return
    for index, field in mapping.items():
        header = job.headers[index] if index < len(job.headers) else ""
        key = header_key(header)
        if not key or not field or (field != IGNORE and field not in FIELDS_BY_NAME):
            continue
        if recognise(header) == field:
            continue  # recognised anyway; nothing to remember
        ColumnMapping.objects.update_or_create(
            organization=owner, header_key=key, defaults={"header": header[:200], "field": field, "updated_by": user}
        )


def job_sheet(job: ImportJob):
    with job.file.open("rb") as fh:
        return read_sheet(fh.read(), job.original_name)


def job_start(*, job: ImportJob, dry_run: bool) -> None:
    """Check (dry run) or import the job's file: at once when short, else in the background."""
    ImportJob.objects.filter(pk=job.pk).update(
        dry_run=dry_run, status=ImportJob.Status.QUEUED, processed_rows=0, imported=0, updated=0, skipped=0,
        errors=0, report=[], failure="", finished_at=None,
    )
    job.refresh_from_db()
    if job.total_rows > background_rows():
        from .tasks import run_import_job

        result = run_import_job.enqueue(str(job.pk), dry_run)
        ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    else:
        job_run(job_id=job.pk, dry_run=dry_run)


def job_run(*, job_id, dry_run: bool) -> ImportJob:
    """Run a job to the end, recording progress and the outcome on the job row."""
    job = ImportJob.objects.select_related("organization", "created_by").get(pk=job_id)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    try:
        sheet = job_sheet(job)

        def progress(done: int, total: int) -> None:
            ImportJob.objects.filter(pk=job.pk).update(processed_rows=done, total_rows=total)

        run = ImportRun(
            user=job.created_by, sheet=sheet, mapping={int(k): v for k, v in job.mapping.items()},
            organization=job.organization, dry_run=dry_run, job=None if dry_run else job, progress=progress,
        )
        result = run.run()
    except Exception as exc:  # a worker must record the failure, not die silently
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED, failure=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.CHECKED if dry_run else ImportJob.Status.DONE,
        processed_rows=len(sheet.rows), total_rows=len(sheet.rows),
        imported=result.imported, updated=result.updated, skipped=result.skipped, errors=result.errors,
        report=[o.as_dict() for o in result.reported], finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job
