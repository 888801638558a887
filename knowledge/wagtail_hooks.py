"""Knowledge snippets in the Wagtail admin (/cms/), grouped under one menu item."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .forms import CaseCategoryAdminForm
from .models import CaseCategory, DocumentType, ExpectedRemedy, FocalPoint, RedressChannel
from .protection import cases_using, in_use_message


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
    list_display = ["name", "code", "migration_stage", "bmet_accepts", "retired", "locale"]
    list_filter = ["locale", "migration_stage", "bmet_accepts", "retired"]
    search_fields = ["name", "description"]
    # The form refuses to remove a sub-category that cases use (knowledge/forms.py).
    edit_handler = ObjectList([
        FieldRowPanel([FieldPanel("code"), FieldPanel("sort_order")]),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("migration_stage"), FieldPanel("any_stage"), FieldPanel("bmet_accepts")]),
        FieldPanel("retired"),
        FieldPanel("legal_references"),
        FieldPanel("remedies"),
        InlinePanel("sub_categories", heading=_("Sub-categories"), label=_("Sub-category")),
        InlinePanel("channels", heading=_("Recommended channels, in the order to try them"), label=_("Channel")),
        InlinePanel("documents", heading=_("Documents (required or recommended)"), label=_("Document")),
    ], base_form_class=CaseCategoryAdminForm)


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


@hooks.register("before_delete_snippet")
def refuse_to_delete_rows_in_use(request, instances):
    """Stop the delete (single or bulk) with a message when cases use a row; the model refuses too
    (knowledge/protection.py), this only says why in the admin instead of an error page."""
    for obj in instances:
        cases = cases_using(obj)
        count = cases.count() if cases is not None else 0
        if count:
            messages.error(request, in_use_message(obj, count))
            return redirect(AdminURLFinder(request.user).get_edit_url(obj) or "wagtailadmin_home")
    return None
