from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BilingualName(models.Model):
    """A reference row with an English and a Bangla name; `name` shows the reader's language.

    Used for rows that are not Wagtail snippets (geography, countries, short lists): they are
    data that a system admin edits, not editorial content to translate with wagtail-localize.
    """

    name_en = models.CharField(_("name in English"), max_length=200)
    name_bn = models.CharField(_("name in Bangla"), max_length=200)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        if (get_language() or "bn").startswith("bn"):
            return self.name_bn or self.name_en
        return self.name_en or self.name_bn

    def __str__(self) -> str:
        return self.name
