"""Template helpers for both languages: the switcher, hreflang links and Bangla digits."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()

BANGLA_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def _page_url_in(page, lang, request):
    """The URL of `page` in `lang`: its translation when one exists, else that language's home."""
    from wagtail.models import Locale, Page

    try:
        locale = Locale.objects.get(language_code=lang)
    except Locale.DoesNotExist:
        return None
    translation = page.get_translation_or_none(locale)
    if translation is not None and translation.live:
        return translation.get_url(request)
    site_root = page.get_site().root_page if page.get_site() else None
    root = site_root.get_translation_or_none(locale) if site_root else None
    return root.get_url(request) if root is not None else f"/{lang}/"


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: code, native name, URL of the same page in it, and whether current."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None and hasattr(page, "get_translation_or_none"):
            url = _page_url_in(page, code, request)
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = f"/{code}/"
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


@register.filter
def local_digits(value):
    """Digits in the reader's script: Bangla numerals in the Bangla interface."""
    text = "" if value is None else str(value)
    if (get_language() or "").startswith("bn"):
        return text.translate(BANGLA_DIGITS)
    return text
