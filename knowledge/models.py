"""Reference knowledge about Bangladesh's migration redress system.

Every snippet here is a `TranslatableMixin` model translated with wagtail-localize. The Bangla
row (default locale) is canonical: the case system stores foreign keys to the bn rows and shows
`obj.localized`, which is the row in the active locale when it exists and the bn row otherwise.

Why `translatable_fields` is spelled out on each model: wagtail-localize's automatic guess treats
every CharField as text to translate, which would let a translator change a `code` or a phone
number in one language only. Codes, numbers, choices and order are synchronised instead (copied
from the Bangla source on every sync), so the two languages cannot drift on facts.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField
from .protection import ProtectedWhileInUse


class MigrationStage(models.TextChoices):
    BEFORE_DEPARTURE = "before_departure", _("Before going abroad")
    ABROAD = "abroad", _("While abroad")
    AFTER_RETURN = "after_return", _("After coming home")


class ChannelCode(models.TextChoices):
    GMC = "gmc", _("Local grievance committee (GMC)")
    BMET = "bmet", _("BMET complaint")
    WEWB = "wewb", _("Wage Earners' Welfare Board")
    COURT = "court", _("Court case")
    LEGAL_AID_OFFICE = "legal_aid_office", _("District legal aid office")
    MISSION_LABOUR_WING = "mission_labour_wing", _("Labour wing at the embassy")
    POLICE_HELPLINE = "police_helpline", _("Police and helplines")


# The channels the case workflow can refer a case to (issue 3 / SPEC): local ADR, BMET, WEWB, court.
REFERRAL_CHANNEL_CODES = (ChannelCode.GMC, ChannelCode.BMET, ChannelCode.WEWB, ChannelCode.COURT)


class Gender(models.TextChoices):
    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")


class KnowledgeSnippet(TranslatableMixin, models.Model):
    """Shared behaviour: a `code` unique per locale, and str() showing the name."""

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def __str__(self) -> str:
        return getattr(self, "name", "") or getattr(self, "code", "") or super().__str__()


class DocumentType(KnowledgeSnippet):
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("code"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "id"]
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="knowledge_documenttype_code_locale"),
        ]


class ExpectedRemedy(ProtectedWhileInUse, KnowledgeSnippet):
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("code"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "id"]
        verbose_name = _("expected remedy")
        verbose_name_plural = _("expected remedies")
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="knowledge_expectedremedy_code_locale"),
        ]


class RedressChannel(KnowledgeSnippet):
    code = models.SlugField(_("code"), max_length=40, choices=ChannelCode.choices)
    name = models.CharField(_("name"), max_length=200)
    summary = models.CharField(_("one-line summary"), max_length=300, blank=True)
    handles = models.TextField(_("what it handles"), blank=True)
    who_can_use = models.TextField(_("who may use it"), blank=True)
    where_to_file = models.TextField(_("where to file"), blank=True)
    how_to_file = models.TextField(_("how to file"), blank=True, help_text=_("One step per line."))
    documents_needed = models.TextField(_("documents needed"), blank=True, help_text=_("One document per line."))
    cost = models.TextField(_("cost"), blank=True)
    usual_time = models.TextField(_("usual time"), blank=True)
    what_to_expect = models.TextField(_("what to expect"), blank=True)
    contacts = models.TextField(_("contacts"), blank=True, help_text=_("Addresses and opening hours, one per line."))
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    website = models.URLField(_("website"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("summary"),
        TranslatableField("handles"),
        TranslatableField("who_can_use"),
        TranslatableField("where_to_file"),
        TranslatableField("how_to_file"),
        TranslatableField("documents_needed"),
        TranslatableField("cost"),
        TranslatableField("usual_time"),
        TranslatableField("what_to_expect"),
        TranslatableField("contacts"),
        SynchronizedField("code"),
        SynchronizedField("phone"),
        SynchronizedField("website"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "id"]
        verbose_name = _("redress channel")
        verbose_name_plural = _("redress channels")
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="knowledge_redresschannel_code_locale"),
        ]

    @property
    def is_referral_target(self) -> bool:
        return self.code in REFERRAL_CHANNEL_CODES


class CaseCategory(ProtectedWhileInUse, TranslatableMixin, ClusterableModel):
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    migration_stage = models.CharField(_("stage of migration"), max_length=20, choices=MigrationStage.choices)
    any_stage = models.BooleanField(
        _("can happen at any stage"), default=False,
        help_text=_("Also offered in find-help for the other stages (threats, trafficking…)."),
    )
    bmet_accepts = models.BooleanField(_("BMET accepts complaints of this kind"), default=False)
    retired = models.BooleanField(
        _("retired"), default=False,
        help_text=_("No longer shown on the public pages or offered for new cases; old cases keep it. "
                    "A category that cases use cannot be deleted."),
    )
    legal_references = models.TextField(_("legal references"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    # Remedies are synchronised as-is by wagtail-localize (it copies ParentalManyToMany values from
    # the source), so the English category points at the Bangla remedy rows: show `.localized`.
    remedies = ParentalManyToManyField(
        ExpectedRemedy, blank=True, related_name="categories", verbose_name=_("expected remedies")
    )

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("legal_references"),
        SynchronizedField("code"),
        SynchronizedField("migration_stage"),
        SynchronizedField("any_stage"),
        SynchronizedField("bmet_accepts"),
        SynchronizedField("retired"),
        SynchronizedField("sort_order"),
        SynchronizedField("remedies"),
        TranslatableField("sub_categories"),
        TranslatableField("channels"),
        TranslatableField("documents"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "id"]
        verbose_name = _("case category")
        verbose_name_plural = _("case categories")
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="knowledge_casecategory_code_locale"),
        ]

    def __str__(self) -> str:
        return self.name

    def stage_label(self) -> str:
        return _("At any time") if self.any_stage else self.get_migration_stage_display()


class SubCategory(ProtectedWhileInUse, TranslatableMixin, Orderable):
    category = ParentalKey(CaseCategory, on_delete=models.CASCADE, related_name="sub_categories")
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)

    translatable_fields = [TranslatableField("name"), SynchronizedField("code")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("sub-category")
        verbose_name_plural = _("sub-categories")

    def __str__(self) -> str:
        return self.name


class CategoryChannel(TranslatableMixin, Orderable):
    """A channel recommended for a category; the order is the recommended order of trying them."""

    category = ParentalKey(CaseCategory, on_delete=models.CASCADE, related_name="channels")
    # wagtail-localize translates this FK: the English category points at the English channel,
    # so a channel must be translated before the categories that use it.
    channel = models.ForeignKey(
        RedressChannel, on_delete=models.PROTECT, related_name="category_links", verbose_name=_("channel")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    translatable_fields = [TranslatableField("channel"), TranslatableField("note")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("recommended channel")
        verbose_name_plural = _("recommended channels")


class CategoryDocument(TranslatableMixin, Orderable):
    category = ParentalKey(CaseCategory, on_delete=models.CASCADE, related_name="documents")
    document_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="category_links", verbose_name=_("document type")
    )
    required = models.BooleanField(_("required"), default=False, help_text=_("Unticked means recommended."))

    translatable_fields = [TranslatableField("document_type"), SynchronizedField("required")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("suggested document")
        verbose_name_plural = _("suggested documents")


class FocalPoint(KnowledgeSnippet):
    district = models.ForeignKey(
        "casework.District", on_delete=models.PROTECT, related_name="focal_points", verbose_name=_("district")
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    person_name = models.CharField(_("person"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    phone = models.CharField(_("phone"), max_length=60)
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    translatable_fields = [
        TranslatableField("organisation"),
        TranslatableField("person_name"),
        TranslatableField("languages"),
        TranslatableField("notes"),
        SynchronizedField("district"),
        SynchronizedField("gender"),
        SynchronizedField("phone"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["district__name_en", "organisation", "id"]
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")

    def __str__(self) -> str:
        return f"{self.organisation} — {self.person_name}" if self.person_name else self.organisation

    @property
    def is_woman(self) -> bool:
        return self.gender == Gender.FEMALE


# --- Pages --------------------------------------------------------------------------------------
# Imported here (not at the top) only to keep the snippet half of this module readable on its own.
from wagtail.admin.panels import FieldPanel  # noqa: E402
from wagtail.fields import StreamField  # noqa: E402
from wagtail.models import Page  # noqa: E402
from wagtail.search import index  # noqa: E402

from home.routing import FALLBACK_ATTR, FallbackIndexMixin  # noqa: E402,F401 (FallbackIndexMixin: used below, kept importable here)
from home.search import normalised  # noqa: E402

from .blocks import GuideStreamBlock  # noqa: E402

class KnowledgePage(Page):
    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two short sentences."))

    # Indexed as normalised text (home/search.py), so Bangla words are not cut at vowel signs.
    search_fields = normalised(Page.search_fields + [index.SearchField("intro")])
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        from wagtail.models import Locale

        from home.routing import language_status, reader_url

        context = super().get_context(request, *args, **kwargs)
        # Whether this page is shown in place of a missing translation, or is a translation with
        # strings still in the source language, and so which `lang` its text gets (home/routing.py).
        context.update(language_status(self, request))
        # "All guides" and the like lead to the index in the reader's language, not the page's.
        parent = self.get_parent()
        if context["shown_in_place_of"] is None:
            context["parent_url"] = parent.get_url(request)
        else:
            context["parent_url"] = reader_url(parent, Locale.get_active(), request)
        return context


class ChannelIndexPage(FallbackIndexMixin, KnowledgePage):
    subpage_types = ["knowledge.ChannelPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("redress channel index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["channel_pages"] = (
            ChannelPage.objects.child_of(self).live().public().select_related("channel").order_by("channel__sort_order", "path")
        )
        context["untranslated"] = self.untranslated_children()
        return context


class ChannelPage(KnowledgePage):
    channel = models.ForeignKey(
        RedressChannel, on_delete=models.PROTECT, related_name="pages", verbose_name=_("redress channel"),
        help_text=_("The page shows this channel's facts; edit them in Snippets → Redress channels."),
    )
    body = StreamField(GuideStreamBlock(), blank=True, verbose_name=_("more about this channel"))

    search_fields = normalised(KnowledgePage.search_fields + [index.SearchField("body"), index.SearchField("channel_text")])
    content_panels = KnowledgePage.content_panels + [FieldPanel("channel"), FieldPanel("body")]
    parent_page_types = ["knowledge.ChannelIndexPage"]

    class Meta:
        verbose_name = _("redress channel page")

    def channel_text(self) -> str:
        """The snippet's text, so that search finds the page by words of the channel's facts."""
        channel = self.channel
        fields = ["name", "summary", "handles", "who_can_use", "where_to_file", "how_to_file",
                  "documents_needed", "cost", "usual_time", "what_to_expect", "contacts"]
        return "\n".join(getattr(channel, f) for f in fields)


class GuideIndexPage(FallbackIndexMixin, KnowledgePage):
    subpage_types = ["knowledge.GuidePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("guide index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = GuidePage.objects.child_of(self).live().public()
        context["untranslated"] = self.untranslated_children()
        return context


class GuidePage(KnowledgePage):
    body = StreamField(GuideStreamBlock(), blank=True, verbose_name=_("body"))

    search_fields = normalised(KnowledgePage.search_fields + [index.SearchField("body")])
    content_panels = KnowledgePage.content_panels + [FieldPanel("body")]
    parent_page_types = ["knowledge.GuideIndexPage"]

    class Meta:
        verbose_name = _("guide")


class MatrixPage(KnowledgePage):
    """The case category matrix and the documentation matrix, drawn from the snippets."""

    max_count_per_parent = 1
    subpage_types: list = []

    class Meta:
        verbose_name = _("matrix page")

    def get_context(self, request, *args, **kwargs):
        from .selectors import matrix

        context = super().get_context(request, *args, **kwargs)
        context.update(matrix())
        return context


class FindHelpPage(KnowledgePage):
    """A few questions (GET form, no JavaScript) that recommend channels and documents."""

    max_count_per_parent = 1
    subpage_types: list = []

    class Meta:
        verbose_name = _("find-help page")

    def get_context(self, request, *args, **kwargs):
        from .views import find_help_context

        context = super().get_context(request, *args, **kwargs)
        context.update(find_help_context(request))
        return context


class HelplinesPage(KnowledgePage):
    body = StreamField(GuideStreamBlock(), blank=True, verbose_name=_("national helplines"))

    search_fields = normalised(KnowledgePage.search_fields + [index.SearchField("body")])
    content_panels = KnowledgePage.content_panels + [FieldPanel("body")]
    max_count_per_parent = 1
    subpage_types: list = []

    class Meta:
        verbose_name = _("helplines page")

    def get_context(self, request, *args, **kwargs):
        from .views import helplines_context

        context = super().get_context(request, *args, **kwargs)
        context.update(helplines_context(request))
        return context
