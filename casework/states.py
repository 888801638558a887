"""Workflow states (code, not data: transitions and permissions depend on them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PRIMARY_REVIEW = "primary_review", _("Primary review")
    RETURNED = "returned", _("Returned for more information")
    FINAL_REVIEW = "final_review", _("Final review")
    IN_REDRESS = "in_redress", _("In redress")
    RESULT_RECORDED = "result_recorded", _("Result recorded")
    CLOSED = "closed", _("Closed")
    DECLINED = "declined", _("Declined")
    REOPENED = "reopened", _("Reopened")


# States in which the person who entered the case may still correct justice-seeker and perpetrator data.
EDITABLE_BY_COORDINATOR = {Status.DRAFT, Status.RETURNED}
# A case in these states has ended.
ENDED = {Status.CLOSED, Status.DECLINED}


class Channel(models.TextChoices):
    """Redress channels a case is referred to (the workflow's refer_* actions)."""

    GMC = "gmc", _("Grievance management committee (local mediation)")
    BMET = "bmet", _("BMET arbitration")
    WEWB = "wewb", _("Wage Earners' Welfare Board")
    COURT = "court", _("Court")
