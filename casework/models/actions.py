"""What happens to a case after input: advisory steps, comments, interventions, referrals,
follow-ups, post-analysis and notifications."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.states import Channel, Status

from .case import Case
from .mixins import CasePartMixin
from .reference import GapTag, InterventionType


class Transition(CasePartMixin, models.Model):
    """One step of the workflow: who did what, when, from which state to which, and why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")


class Comment(CasePartMixin, models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")


class Intervention(CasePartMixin, models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="interventions")
    type = models.ForeignKey(InterventionType, on_delete=models.PROTECT, verbose_name=_("intervention"))
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")


class Referral(CasePartMixin, models.Model):
    """A referral to a redress channel; an escalation names the channel it came from."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    channel = models.CharField(_("redress channel"), max_length=10, choices=Channel.choices, db_index=True)
    escalated_from = models.CharField(_("escalated from"), max_length=10, choices=Channel.choices, blank=True)
    reference_number = models.CharField(
        _("reference number"), max_length=60, blank=True,
        help_text=_("BMET complaint tracking number or court case number."),
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")


class ExternalReferral(CasePartMixin, models.Model):
    class ToKind(models.TextChoices):
        NGO = "ngo", _("An NGO")
        GOVERNMENT = "government", _("A government office")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="external_referrals")
    to_kind = models.CharField(_("referred to"), max_length=12, choices=ToKind.choices)
    to_name = models.CharField(_("name of the office or NGO"), max_length=200)
    purpose = models.CharField(_("for what"), max_length=300)
    date = models.DateField(_("date"), default=timezone.localdate)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("external referral")
        verbose_name_plural = _("external referrals")


class FollowUp(CasePartMixin, models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_ups")
    date = models.DateField(_("date"), default=timezone.localdate)
    update = models.TextField(_("update"))
    next_action = models.CharField(_("next action"), max_length=300, blank=True)
    next_date = models.DateField(_("next date"), null=True, blank=True, db_index=True,
                                 help_text=_("Hearing, BMET appointment or next contact."))
    done = models.BooleanField(_("next action done"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")


class PostAnalysis(CasePartMixin, models.Model):
    """The analysis of facts, law, procedure and gaps (its own permission group)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="post_analysis")
    analysis = models.TextField(_("facts and result in the light of procedure, law and policy"))
    external_factors = models.TextField(_("outside factors that helped or hurt"), blank=True)
    gaps = models.ManyToManyField(GapTag, blank=True, verbose_name=_("procedural and policy gaps"))
    went_well = models.TextField(_("what went well and why"), blank=True)
    went_wrong = models.TextField(_("what went wrong"), blank=True)
    case_study = models.BooleanField(_("use as an anonymised case study"), default=False)
    strategic_litigation = models.BooleanField(_("candidate for strategic litigation"), default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("post-analysis")
        verbose_name_plural = _("post-analyses")


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    # A message key, translated when shown (the reader's language may differ from the sender's).
    kind = models.CharField(max_length=30)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]


class StateDuration(models.Model):
    """How many days a case should stay in a state before it is overdue (editable by system_admin)."""

    status = models.CharField(_("state"), max_length=20, choices=Status.choices, unique=True)
    expected_days = models.PositiveSmallIntegerField(_("expected days"))

    class Meta:
        ordering = ["status"]
        verbose_name = _("expected duration")
        verbose_name_plural = _("expected durations")

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.expected_days}"
