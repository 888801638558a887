"""Template helpers of the knowledge base: dict lookup and the public navigation."""

from django import template
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def knowledge_nav(context):
    """Links to the knowledge pages of the reader's language, in a fixed order. One query.

    Looked up by page type so that editors may rename pages or change slugs freely.
    """
    from django.contrib.contenttypes.models import ContentType

    from knowledge.models import ChannelIndexPage, FindHelpPage, GuideIndexPage, HelplinesPage, MatrixPage

    # Short labels for the menu; the pages' own titles are longer.
    order = [FindHelpPage, ChannelIndexPage, GuideIndexPage, MatrixPage, HelplinesPage]
    labels = [_("Find help"), _("Ways to a remedy"), _("Guides"), _("Problems and papers"), _("Helplines")]
    request = context.get("request")
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return []
    types = ContentType.objects.get_for_models(*order)  # cached by Django after the first call
    type_ids = [types[m].pk for m in order]
    pages = Page.objects.live().public().filter(locale=locale, content_type_id__in=type_ids).only(
        "id", "title", "url_path", "content_type_id", "path", "depth", "locale_id"
    )
    by_type = {}
    for page in pages:
        by_type.setdefault(page.content_type_id, page)
    links = []
    current = getattr(request, "path", "") if request else ""
    for type_id, label in zip(type_ids, labels):
        page = by_type.get(type_id)
        if page is None:
            continue
        url = page.get_url(request)
        if url:
            links.append({"title": label, "url": url, "current": current.startswith(url)})
    return links
