"""Short reference lists that staff pick from. Rows, not enums: a system admin edits them.

Categories, sub-categories, documents and expected remedies are editorial content and live in
`knowledge` as translatable snippets; these lists are plain bilingual rows.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .bilingual import BilingualName


class ReferenceItem(BilingualName):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)
    # "Other (specify)" rows make the form ask for a text.
    needs_detail = models.BooleanField(_("asks for details"), default=False)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name_en"]


class CaseSource(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("case source")
        verbose_name_plural = _("case sources")


class RecruitmentProcess(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("recruitment process")
        verbose_name_plural = _("recruitment processes")


class DepartureRoute(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("departure route")
        verbose_name_plural = _("departure routes")


class EducationLevel(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("education level")
        verbose_name_plural = _("education levels")


class Religion(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("religion")
        verbose_name_plural = _("religions")


class MaritalStatus(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("marital status")
        verbose_name_plural = _("marital statuses")


class InterventionType(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("intervention type")
        verbose_name_plural = _("intervention types")


class ResultType(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("result")
        verbose_name_plural = _("results")


class GapTag(ReferenceItem):
    """A procedural or policy gap named in post-analyses (reports count them)."""

    class Kind(models.TextChoices):
        PROCEDURE = "procedure", _("Procedure")
        POLICY = "policy", _("Policy or law")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PROCEDURE)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("gap tag")
        verbose_name_plural = _("gap tags")


class RecruitingAgency(models.Model):
    """A licensed recruiting agency (BMET licence number, "RL-1457")."""

    name = models.CharField(_("name in English"), max_length=200)
    name_bn = models.CharField(_("name in Bangla"), max_length=200)
    licence_number = models.CharField(_("licence number"), max_length=30, unique=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("licence valid"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("recruiting agency")
        verbose_name_plural = _("recruiting agencies")

    def __str__(self) -> str:
        return f"{self.display_name} ({self.licence_label})"

    @property
    def display_name(self) -> str:
        """The name in the reader's language; the English (legal) name where no Bangla one is known yet."""
        if (get_language() or "bn").startswith("bn") and self.name_bn:
            return self.name_bn
        return self.name or self.name_bn

    @property
    def licence_label(self) -> str:
        """"RL-1457" as written; a bare number ("1457") gets the "RL-" it lacks."""
        number = self.licence_number.strip()
        return number if number.upper().startswith("RL") else f"RL-{number}"
