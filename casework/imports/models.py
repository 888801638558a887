import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models.documents import private_storage


def import_file_path(instance, filename):
    # Never the uploaded name on disk (it can name a person or a partner): the job's id.
    return f"imports/{instance.pk}.upload"


class ImportJob(models.Model):
    """One uploaded register, from mapping through dry run to commit. Survives a page reload:
    the progress page reads this row, which the background task updates as it goes."""

    class Status(models.TextChoices):
        MAPPING = "mapping", _("Waiting for the column mapping")
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        CHECKED = "checked", _("Checked (nothing saved yet)")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    # `failure` of a job that stopped showing progress (the worker died or never started).
    STALLED = "stalled"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "casework.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("organisation that owns the rows"),
    )
    file = models.FileField(storage=private_storage, upload_to=import_file_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(default=0)
    headers = models.JSONField(default=list)
    header_row = models.PositiveIntegerField(default=1)
    # {"column index": "field name"} as saved from the mapping screen.
    mapping = models.JSONField(default=dict)
    dry_run = models.BooleanField(default=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MAPPING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    # Rows with an error or warning: [{"row": 7, "action": "error", "errors": [...], "warnings": [...]}]
    report = models.JSONField(default=list, blank=True)
    failure = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    # The uploader's language when they started it: a background run reports in it, whatever
    # the worker's own language (settings.LANGUAGE_CODE).
    language = models.CharField(max_length=10, blank=True)
    # Last sign of life of a queued or running job; one that has shown none for STALL_AFTER is
    # marked failed (services.job_mark_stalled), so a dead worker never leaves it "running".
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # Counts the starts: a task started for an earlier attempt finds it superseded and does nothing.
    attempt = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.original_name

    @property
    def percent(self) -> int:
        if self.status in (self.Status.CHECKED, self.Status.DONE):
            return 100
        if not self.total_rows:
            return 0
        return min(100, int(100 * self.processed_rows / self.total_rows))

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def file_removed(self) -> bool:
        """The register was deleted by retention (casework.retention): it cannot be run again."""
        return not self.file


class ColumnMapping(models.Model):
    """A header a person mapped by hand, remembered for their organisation's next register."""

    organization = models.ForeignKey("casework.Organization", on_delete=models.CASCADE, related_name="+")
    header_key = models.CharField(max_length=200)
    header = models.CharField(max_length=200)
    field = models.CharField(max_length=40)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "header_key"], name="one_mapping_per_header")]
        verbose_name = _("saved column mapping")
        verbose_name_plural = _("saved column mappings")


class ImportedRecord(models.Model):
    """Which case a register row became, and a fingerprint of the row as last imported.

    The same row imported again is skipped (fingerprint unchanged) or updates its case: never a
    second case. Also the trail of who imported what, and when.
    """

    case = models.OneToOneField("casework.Case", on_delete=models.CASCADE, related_name="import_record")
    organization = models.ForeignKey("casework.Organization", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=80)
    fingerprint = models.CharField(max_length=64)
    job = models.ForeignKey(ImportJob, on_delete=models.SET_NULL, null=True, blank=True, related_name="records")
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "key"], name="one_case_per_import_key")]
