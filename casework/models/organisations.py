from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .geography import District, Upazila


class Organization(models.Model):
    """A partner organisation. Every staff user belongs to exactly one (their StaffProfile)."""

    class Type(models.TextChoices):
        PROGRAMME_LEAD = "programme_lead", _("Programme lead")
        MIGRATION_NGO = "migration_ngo", _("Migration NGO")
        LEGAL_AID_NGO = "legal_aid_ngo", _("Legal-aid NGO")
        GOVERNMENT = "government", _("Government body")

    name = models.CharField(_("name in English"), max_length=200, unique=True)
    name_bn = models.CharField(_("name in Bangla"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    districts = models.ManyToManyField(District, blank=True, related_name="organisations", verbose_name=_("districts served"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if (get_language() or "bn").startswith("bn") and self.name_bn:
            return self.name_bn
        return self.name


class StaffProfile(models.Model):
    """What the system needs to know about a staff user beyond Django's User."""

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="staff", verbose_name=_("organisation")
    )
    designation = models.CharField(_("designation"), max_length=120, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    upazilas = models.ManyToManyField(Upazila, blank=True, related_name="staff", verbose_name=_("assigned upazilas"))

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()
