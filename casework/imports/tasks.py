"""Background imports (django-tasks, database backend; `manage.py db_worker` runs them)."""

from django_tasks import task


@task()
def run_import_job(job_id: str, dry_run: bool, attempt: int | None = None) -> dict:
    """Run a queued job in the language of the person who started it (services.job_run)."""
    from .services import job_run

    job = job_run(job_id=job_id, dry_run=dry_run, attempt=attempt)
    return {"imported": job.imported, "updated": job.updated, "skipped": job.skipped, "errors": job.errors}
