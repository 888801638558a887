from django.db import models
from django.utils.translation import gettext_lazy as _

from .bilingual import BilingualName


class Country(BilingualName):
    """A destination country; names come from Babel's CLDR data (see load_countries)."""

    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    # Lower numbers first: the common destinations of Bangladeshi workers lead every choice list.
    priority = models.PositiveSmallIntegerField(_("order in lists"), default=1000)

    class Meta:
        ordering = ["priority", "name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
