"""The case and its summary data (no personal data here: see people.py for the gated groups)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.states import Status

from .countries import Country
from .geography import District, Division, Upazila
from .organisations import Organization
from .reference import CaseSource, DepartureRoute, RecruitmentProcess, ResultType


class CaseNumberSequence(models.Model):
    """One row per year; incremented under a row lock so two saves never get the same number."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)


class Case(models.Model):
    class FiledBy(models.TextChoices):
        VICTIM = "victim", _("The worker (victim) themself")
        ON_BEHALF = "on_behalf", _("Someone on their behalf")

    class Favours(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No")

    # 1. Case details
    case_number = models.CharField(_("case number"), max_length=20, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="cases", verbose_name=_("organisation")
    )
    categories = models.ManyToManyField(
        "knowledge.CaseCategory", related_name="cases", verbose_name=_("case categories")
    )
    sub_categories = models.ManyToManyField(
        "knowledge.SubCategory", blank=True, related_name="cases", verbose_name=_("sub-categories")
    )
    other_category = models.CharField(_("other problem (specify)"), max_length=300, blank=True)
    description = models.TextField(
        _("description of the case"),
        help_text=_("What happened, who did it, when, where, why and how (5W1H)."),
    )
    source = models.ForeignKey(CaseSource, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("source of the case"))
    source_detail = models.CharField(_("source details"), max_length=200, blank=True)
    expected_remedies = models.ManyToManyField(
        "knowledge.ExpectedRemedy", blank=True, related_name="cases", verbose_name=_("expected remedies")
    )
    filed_by = models.CharField(_("complaint filed by"), max_length=10, choices=FiledBy.choices, default=FiledBy.VICTIM)
    applicants_count = models.PositiveSmallIntegerField(_("number of applicants"), default=1)
    prior_complaint = models.BooleanField(_("complained before to a government or NGO office"), default=False)
    prior_complaint_where = models.CharField(_("where"), max_length=200, blank=True)
    prior_complaint_date = models.DateField(_("when"), null=True, blank=True)
    prior_complaint_number = models.CharField(_("complaint or case number"), max_length=60, blank=True)
    prior_complaint_copy_kept = models.BooleanField(_("a copy of the earlier complaint is kept"), default=False)

    # Where the worker's permanent address is, to district level (below that is personal data).
    division = models.ForeignKey(Division, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("division"))
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("district"))
    # Kept on the case for scoping and aggregate reports; shown only with justice-seeker permission.
    upazila = models.ForeignKey(Upazila, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("upazila"))

    # 3. Recruitment (the agency and sub-agent identities are perpetrator data: see Recruitment)
    destination_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("destination country")
    )
    recruitment_process = models.ForeignKey(
        RecruitmentProcess, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("recruitment process")
    )
    migration_cost = models.DecimalField(
        _("migration cost (BDT)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    departure_date = models.DateField(_("departure date"), null=True, blank=True)
    departure_route = models.ForeignKey(
        DepartureRoute, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("departure route")
    )
    departure_route_detail = models.CharField(_("route details"), max_length=200, blank=True)

    # 6. Consent
    consent_given = models.BooleanField(_("informed consent given"), default=False)
    consent_date = models.DateField(_("date of consent"), null=True, blank=True)
    consent_taken_by = models.CharField(_("consent taken by"), max_length=120, blank=True)
    consent_store = models.BooleanField(_("agrees that we store the information"), default=False)
    consent_share = models.BooleanField(
        _("agrees that we share it with legal aid, BMET or court for the case"), default=False
    )
    consent_case_study = models.BooleanField(_("agrees to anonymised use as a case study"), default=False)

    # 7. Last step
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="entered_cases", verbose_name=_("entered by")
    )
    # Who entered the case as they were then (SPEC §2.1 "last step"): a snapshot of their profile at
    # entry, because people change jobs and areas; the name and organisation come from entered_by.
    entered_by_designation = models.CharField(_("designation of the person entering"), max_length=120, blank=True)
    entered_by_upazilas = models.ManyToManyField(
        Upazila, blank=True, related_name="+", verbose_name=_("area of the person entering")
    )
    created_at = models.DateTimeField(_("date of input"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    advisor_sought = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="advisory_cases",
        verbose_name=_("advisor whose advice is sought"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="assigned_cases",
        verbose_name=_("assigned coordinator"),
    )
    # Set when forwarded to, or referred by, a legal-aid NGO: its legal advisors get scope.
    legal_aid_org = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="legal_aid_cases",
        verbose_name=_("legal-aid organisation"),
    )
    status_changed_at = models.DateTimeField(_("in this state since"), default=timezone.now, db_index=True)
    channel = models.CharField(_("current redress channel"), max_length=10, blank=True, db_index=True)

    # 4. Result
    result = models.ForeignKey(ResultType, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("result"))
    result_detail = models.CharField(_("result details"), max_length=300, blank=True)
    result_favours_worker = models.CharField(
        _("result favours the worker"), max_length=10, choices=Favours.choices, blank=True
    )
    money_recovered = models.DecimalField(_("money recovered (BDT)"), max_digits=12, decimal_places=0, null=True, blank=True)
    result_date = models.DateField(_("date of result"), null=True, blank=True)
    close_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("closure requested by"),
    )
    close_requested_at = models.DateTimeField(_("closure requested at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, db_index=True)

    # The partner's own register number (imports): with the organisation, a stable key for re-imports.
    register_number = models.CharField(_("register number"), max_length=60, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [
            ("view_justice_seeker", "Can see the justice seeker's personal data"),
            ("change_justice_seeker", "Can change the justice seeker's personal data"),
            ("view_perpetrator", "Can see perpetrator data"),
            ("change_perpetrator", "Can change perpetrator data"),
            ("view_post_analysis", "Can see the post-analysis"),
            ("change_post_analysis", "Can change the post-analysis"),
            ("review_case", "Can give advisory on a case"),
            ("close_case", "Can approve the closure of a case"),
            ("export_identified", "Can export identified case data"),
            ("import_cases", "Can import cases"),
            ("view_reports", "Can see reports"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "register_number"],
                condition=~models.Q(register_number=""),
                name="unique_register_number_per_org",
            )
        ]
        indexes = [
            models.Index(fields=["organization", "status"]),
            models.Index(fields=["district", "status"]),
        ]

    def __str__(self) -> str:
        return self.case_number

    @property
    def may_be_shared(self) -> bool:
        """The worker gave informed consent and agreed that we share their information (BMET packet)."""
        return self.consent_given and self.consent_share

    def get_additional_data(self):
        return {"case_id": self.pk}
