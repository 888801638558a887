"""The three gated data groups' personal data: justice seeker, recruitment parties, perpetrators.

Each lives in its own table so a query for the case list never touches personal data, and so
that a form, export or page includes a group only when its permission holds for the case.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Case
from .mixins import CasePartMixin
from .geography import Union
from .reference import EducationLevel, MaritalStatus, RecruitingAgency, Religion


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")


class JusticeSeeker(CasePartMixin, models.Model):
    """The worker who seeks justice. No field for immigration status, ever (seed 001: firewall)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="justice_seeker")
    name = models.CharField(_("name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, db_index=True)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    address_communication = models.TextField(_("address for communication"), blank=True)
    union = models.ForeignKey(Union, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("union"))
    police_station = models.CharField(_("police station"), max_length=100, blank=True)
    ward = models.CharField(_("ward"), max_length=50, blank=True)
    village = models.CharField(_("village"), max_length=100, blank=True)
    phone = models.CharField(_("contact number"), max_length=20, blank=True, db_index=True)
    last_used_phone = models.CharField(_("number last used to talk to us"), max_length=20, blank=True)
    family_phone = models.CharField(_("family or other number"), max_length=20, blank=True)
    passport_number = models.CharField(_("passport number"), max_length=20, blank=True, db_index=True)
    passport_issue_place = models.CharField(_("passport issue place"), max_length=100, blank=True)
    marital_status = models.ForeignKey(
        MaritalStatus, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("marital status")
    )
    family_size = models.PositiveSmallIntegerField(_("family members"), null=True, blank=True)
    family_details = models.CharField(_("who is in the family"), max_length=300, blank=True)
    education = models.ForeignKey(EducationLevel, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("education"))
    religion = models.ForeignKey(Religion, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("religion"))
    is_minority = models.BooleanField(_("from a minority or disadvantaged group"), default=False)
    minority_detail = models.CharField(_("which group"), max_length=120, blank=True)
    has_disability = models.BooleanField(_("has a disability"), default=False)
    disability_detail = models.CharField(_("disability details"), max_length=120, blank=True)
    # Applicant on behalf (SPEC §1 puts it in the justice-seeker group)
    applicant_name = models.CharField(_("applicant's name"), max_length=200, blank=True)
    applicant_address = models.CharField(_("applicant's address"), max_length=300, blank=True)
    applicant_phone = models.CharField(_("applicant's contact number"), max_length=20, blank=True)
    applicant_relation = models.CharField(_("relation to the worker"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("justice seeker")
        verbose_name_plural = _("justice seekers")
        # The duplicate check (find_duplicates, and the import's per-chunk look-up) asks for a phone
        # in any of the three numbers; without these, the OR scanned every justice seeker.
        indexes = [
            models.Index(fields=["last_used_phone"], name="casework_js_last_phone", condition=~models.Q(last_used_phone="")),
            models.Index(fields=["family_phone"], name="casework_js_family_phone", condition=~models.Q(family_phone="")),
        ]

    def __str__(self) -> str:
        return self.name


class Recruitment(CasePartMixin, models.Model):
    """Who recruited the worker: agency and sub-agent identities (perpetrator data group)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="recruitment")
    agency = models.ForeignKey(
        RecruitingAgency, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("recruiting agency")
    )
    agency_name = models.CharField(_("agency name, if not in the list"), max_length=200, blank=True)
    agency_address = models.CharField(_("agency address"), max_length=300, blank=True)
    agency_phone = models.CharField(_("agency contact number"), max_length=20, blank=True)
    agent_name = models.CharField(_("agent or sub-agent (dalal) name"), max_length=200, blank=True)
    agent_address = models.CharField(_("agent address"), max_length=300, blank=True)
    agent_phone = models.CharField(_("agent contact number"), max_length=20, blank=True)
    agent_nid = models.CharField(_("agent NID"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("recruitment parties")
        verbose_name_plural = _("recruitment parties")

    def __str__(self) -> str:
        return self.agent_name or self.agency_name or str(self.agency or "")


class Perpetrator(CasePartMixin, models.Model):
    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        COMPANY = "company", _("Company")

    class SameAs(models.TextChoices):
        NONE = "", _("Someone else")
        AGENCY = "agency", _("Same as the recruiting agency")
        AGENT = "agent", _("Same as the agent or sub-agent")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="perpetrators")
    kind = models.CharField(_("complaint against"), max_length=10, choices=Kind.choices, default=Kind.INDIVIDUAL)
    same_as = models.CharField(_("same as"), max_length=10, choices=SameAs.choices, blank=True)
    is_relative = models.BooleanField(_("a relative of the worker"), default=False)
    relation = models.CharField(_("which relation"), max_length=60, blank=True)
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("contact number"), max_length=20, blank=True)
    nid = models.CharField(_("NID (for an individual)"), max_length=20, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("perpetrator")
        verbose_name_plural = _("perpetrators")

    def __str__(self) -> str:
        return self.name
