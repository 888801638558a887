"""Template helpers of the public portal: navigation, phone links, languages and headings."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
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
            # Not (yet) in this language: link to the other language's page at the reader's own
            # address, where it is shown with a notice (home/routing.py); no link if there is none.
            from home.routing import reader_url

            other = Page.objects.live().public().filter(content_type_id=type_id).exclude(locale=locale).first()
            url = reader_url(other, locale, request)
        else:
            url = page.get_url(request)
        if url:
            links.append({"title": label, "url": url, "current": current.startswith(url)})
    return links


# --- phone numbers ------------------------------------------------------------------------------

ASCII_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
_DIGIT = "[0-9০-৯]"
# National short codes, and full numbers: +880… or 01… (10 to 13 digits, hyphens or spaces allowed).
SHORT_CODES = {"999", "109", "16135", "16430", "333", "1098", "10921"}
PHONE = re.compile(
    rf"(?<![0-9০-৯/])(?<![0-9০-৯][,.])(\+?{_DIGIT}(?:[ \-]?{_DIGIT}){{9,13}}|{_DIGIT}{{3,5}})"
    rf"(?![0-9০-৯/]|[,.\- ]{_DIGIT})"
)
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


def tel_digits(number: str) -> str:
    """What a tel: link dials: ASCII digits, a leading + kept, nothing else."""
    number = str(number).translate(ASCII_DIGITS).strip()
    digits = re.sub(r"\D", "", number)
    return ("+" + digits) if number.startswith("+") else digits


@register.filter
def tel_href(number) -> str:
    return tel_digits(number)


def _link_numbers(text: str) -> str:
    def link(match):
        shown = match.group(1)
        digits = tel_digits(shown)
        if len(digits.lstrip("+")) <= 5 and digits not in SHORT_CODES:
            return shown  # a year, an amount or an address number, not a phone number
        return f'<a class="tel" href="tel:{digits}">{shown}</a>'

    return PHONE.sub(link, text)


@register.filter(needs_autoescape=True)
def phone_links(value, autoescape=True):
    """Every phone number in the text becomes a tel: link (digits shown as written, dialled in
    ASCII). Works on plain text (escaped first) and on HTML (only text outside tags and links)."""
    if value is None:
        return ""
    if hasattr(value, "__html__"):  # SafeString, and Wagtail's RichText from |richtext
        html = value.__html__()
    else:
        html = str(escape(value)) if autoescape else str(value)
    out, in_link = [], 0
    for part in _TAG_OR_TEXT.split(html):
        if part.startswith("<"):
            lowered = part[:3].lower()
            if lowered.startswith("<a ") or lowered == "<a>":
                in_link += 1
            elif lowered.startswith("</a"):
                in_link = max(0, in_link - 1)
            out.append(part)
        else:
            out.append(part if in_link else _link_numbers(part))
    return mark_safe("".join(out))  # noqa: S308 - built from escaped text and our own <a> tags


# --- languages ---------------------------------------------------------------------------------

_BANGLA_LETTER = re.compile(r"[\u0985-\u09B9\u09DC-\u09E1]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _text_of(value) -> str:
    block = getattr(value, "block", None)
    if block is not None:  # a StreamField block: its searchable text
        return " ".join(str(t) for t in block.get_searchable_content(value.value))
    return str(value or "")


@register.filter
def lang_attr(value):
    """` lang="bn"` for Bangla text on a page of another language, ` lang="en"` for English text on a
    Bangla page, else nothing: screen readers then read untranslated text in its own voice."""
    text = _text_of(value)
    interface = (get_language() or "bn")[:2]
    bangla, latin = len(_BANGLA_LETTER.findall(text)), len(_LATIN_LETTER.findall(text))
    if not bangla and not latin:
        return ""
    code = "bn" if bangla >= latin else "en"
    return mark_safe(f' lang="{code}"') if code != interface else ""  # noqa: S308 - fixed strings


@register.simple_tag
def heading_levels(stream):
    """(block, heading level) for a page's blocks: 2 until the stream's first heading block, then 3,
    so the page's headings never skip a level (h1 → h3)."""
    result, level = [], 2
    for block in stream or []:
        if block.block_type == "heading":
            result.append((block, 2))
            level = 3
        else:
            result.append((block, level))
    return result


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """hreflang alternates: only addresses where the page really exists in that language (a live
    translation, or a Django view, which has every language), plus x-default (Bangla first)."""
    from django.conf import settings
    from django.urls import translate_url

    request = context.get("request")
    page = context.get("page")
    if request is None:
        return []
    links = []
    if page is not None and hasattr(page, "get_translations"):
        # One query: the page and its translations, live ones only.
        same = Page.objects.filter(translation_key=page.translation_key).live().select_related("locale")
        for other in sorted(same, key=lambda p: p.locale.language_code != settings.LANGUAGE_CODE):
            links.append((other.locale.language_code, other.get_url(request)))
    else:
        path = request.get_full_path()
        links = [(code, translate_url(path, code)) for code, _name in settings.LANGUAGES]
    links = [(code, url) for code, url in links if url]
    by_code = dict(links)
    default = by_code.get(settings.LANGUAGE_CODE) or (links[0][1] if links else None)
    if default:
        links.append(("x-default", default))
    return [{"code": code, "url": url} for code, url in links]
