import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Case
from .mixins import CasePartMixin


def private_storage():
    return storages["private"]


def attachment_path(instance, filename):
    # Never the uploaded name on disk: it can hold a person's name. A random name, by case id.
    return f"cases/{instance.case_id}/{uuid.uuid4().hex}"


class ChecklistItem(CasePartMixin, models.Model):
    """A document the category matrix suggests for this case, and whether the worker has it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="checklist")
    document_type = models.ForeignKey("knowledge.DocumentType", on_delete=models.PROTECT, verbose_name=_("document"))
    available = models.BooleanField(_("the worker has it"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [models.UniqueConstraint(fields=["case", "document_type"], name="one_checklist_item_per_document")]


class Attachment(CasePartMixin, models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    document_type = models.ForeignKey(
        "knowledge.DocumentType", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("document")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    # The copy of a complaint made before to a government or NGO office (SPEC §2.1 "earlier complaint").
    is_prior_complaint_copy = models.BooleanField(_("copy of the earlier complaint"), default=False)
    file = models.FileField(_("file"), storage=private_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title or self.original_name
