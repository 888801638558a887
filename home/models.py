from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock


class HomePage(Page):
    """The portal's front page, one per language (Bangla is the source tree)."""

    intro = models.TextField(_("introduction"), help_text=_("Two or three short sentences: who this helps and how."))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
