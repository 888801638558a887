"""Bangladesh's administrative geography: division → district → upazila → union.

Loaded from the vendored bd-geocode data (casework/data, MIT licence) by `load_geography`,
which keeps the source ids so a reload updates rows instead of duplicating them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .bilingual import BilingualName


class Division(BilingualName):
    class Meta:
        ordering = ["name_en"]
        verbose_name = _("division")
        verbose_name_plural = _("divisions")


class District(BilingualName):
    division = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="districts", verbose_name=_("division"))

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class Upazila(BilingualName):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="upazilas", verbose_name=_("district"))

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("upazila")
        verbose_name_plural = _("upazilas")


class Union(BilingualName):
    upazila = models.ForeignKey(Upazila, on_delete=models.PROTECT, related_name="unions", verbose_name=_("upazila"))

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("union")
        verbose_name_plural = _("unions")


class PlaceAlias(models.Model):
    """Another spelling people use for a place (old names, transliterations, Bangla variants)."""

    class Level(models.TextChoices):
        DIVISION = "division", _("division")
        DISTRICT = "district", _("district")
        UPAZILA = "upazila", _("upazila")

    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    alias = models.CharField(_("spelling"), max_length=200)
    # The normalised key that lookups compare against (see casework.geography.normalise_place).
    key = models.CharField(max_length=200, db_index=True, editable=False)
    division = models.ForeignKey(Division, null=True, blank=True, on_delete=models.CASCADE)
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.CASCADE)
    upazila = models.ForeignKey(Upazila, null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("place alias")
        verbose_name_plural = _("place aliases")
        constraints = [models.UniqueConstraint(fields=["level", "key"], name="unique_alias_per_level")]

    def __str__(self) -> str:
        return self.alias

    def save(self, *args, **kwargs):
        from casework.geography import normalise_place

        self.key = normalise_place(self.alias)
        super().save(*args, **kwargs)

    @property
    def place(self):
        return self.division or self.district or self.upazila
