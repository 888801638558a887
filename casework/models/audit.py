from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessLog(models.Model):
    """Who looked at or exported personal data, and when. Changes are in django-auditlog."""

    class Action(models.TextChoices):
        VIEW_JUSTICE_SEEKER = "view_justice_seeker", _("Viewed justice-seeker data")
        VIEW_PERPETRATOR = "view_perpetrator", _("Viewed perpetrator data")
        VIEW_POST_ANALYSIS = "view_post_analysis", _("Viewed post-analysis")
        DOWNLOAD = "download", _("Downloaded a document")
        EXPORT = "export", _("Exported cases")
        SEARCH = "search", _("Searched by personal data")
        PRINT = "print", _("Printed a complaint packet")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("casework.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    # Never personal values here: counts, filters by name only, ids.
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
