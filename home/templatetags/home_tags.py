"""Template helpers of the home page."""

from django import template
from wagtail.models import Locale

register = template.Library()


@register.simple_tag(takes_context=True)
def reader_link(context, page):
    """Where a link to `page` leads a reader of the active language: its translation, or the
    page itself under the reader's address (shown with a notice), or None: no link to a missing page."""
    from home.routing import reader_url

    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return None
    return reader_url(page, locale, context.get("request"))
