"""Knowledge snippets in the Wagtail admin (/cms/), grouped under one menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CaseCategory, DocumentType, ExpectedRemedy, FocalPoint, RedressChannel


class RedressChannelViewSet(SnippetViewSet):
    model = RedressChannel
    icon = "site"
    list_display = ["name", "code", "phone", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "summary", "handles"]
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("sort_order")]),
        FieldPanel("name"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("handles"), FieldPanel("who_can_use")], heading=_("Who and what")),
        MultiFieldPanel([FieldPanel("where_to_file"), FieldPanel("how_to_file"), FieldPanel("documents_needed")],
                        heading=_("Where and how")),
        MultiFieldPanel([FieldPanel("cost"), FieldPanel("usual_time"), FieldPanel("what_to_expect")],
                        heading=_("Cost, time and outcome")),
        MultiFieldPanel([FieldPanel("contacts"), FieldPanel("phone"), FieldPanel("website")], heading=_("Contacts")),
    ]


class CaseCategoryViewSet(SnippetViewSet):
    model = CaseCategory
    icon = "list-ul"
    list_display = ["name", "code", "migration_stage", "bmet_accepts", "locale"]
    list_filter = ["locale", "migration_stage", "bmet_accepts"]
    search_fields = ["name", "description"]
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("sort_order")]),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("migration_stage"), FieldPanel("bmet_accepts")]),
        FieldPanel("legal_references"),
        FieldPanel("remedies"),
        InlinePanel("sub_categories", heading=_("Sub-categories"), label=_("Sub-category")),
        InlinePanel("channels", heading=_("Recommended channels, in the order to try them"), label=_("Channel")),
        InlinePanel("documents", heading=_("Documents (required or recommended)"), label=_("Document")),
    ]


class DocumentTypeViewSet(SnippetViewSet):
    model = DocumentType
    icon = "doc-full"
    list_display = ["name", "code", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class ExpectedRemedyViewSet(SnippetViewSet):
    model = ExpectedRemedy
    icon = "success"
    list_display = ["name", "code", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class FocalPointViewSet(SnippetViewSet):
    model = FocalPoint
    icon = "user"
    list_display = ["organisation", "person_name", "district", "gender", "phone", "locale"]
    list_filter = ["locale", "gender", "district"]
    search_fields = ["organisation", "person_name", "phone"]


class KnowledgeViewSetGroup(SnippetViewSetGroup):
    items = (RedressChannelViewSet, CaseCategoryViewSet, DocumentTypeViewSet, ExpectedRemedyViewSet, FocalPointViewSet)
    menu_icon = "help"
    menu_label = _("Knowledge base")
    menu_name = "knowledge"


register_snippet(KnowledgeViewSetGroup)
