from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock
from .routing import FallbackIndexMixin
from .search import normalised


class HomePage(FallbackIndexMixin, Page):
    """The portal's front page, one per language (Bangla is the source tree).

    A top-level page missing in this language (say /en/helplines/ not yet published) is served from
    the other language under a notice (home/routing.py), not a 404.
    """

    intro = models.TextField(_("introduction"), help_text=_("Two or three short sentences: who this helps and how."))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    # Indexed as normalised text (home/search.py), so Bangla words are not cut at vowel signs.
    search_fields = normalised(Page.search_fields + [index.SearchField("intro"), index.SearchField("body")])
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
