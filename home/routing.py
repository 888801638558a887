"""Pages missing in the reader's language: served from the other language, under a notice.

SPEC §4: "a page missing a translation says so rather than failing". /en/helplines/ when the
English helplines page is not published, or /en/guides/<slug>/ for a guide written only in Bangla,
serve the page of the other language inside the reader's interface, marked with its own language,
instead of a 404. Links to such pages (menu, home cards, indexes) use the same addresses.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Locale, Page
from wagtail.url_routing import RouteResult

# Set on the request when a page of another language is shown in place of a missing translation.
FALLBACK_ATTR = "knowledge_shown_in_place_of"


class FallbackIndexMixin:
    """A page whose children missing in this language are served from another language's tree."""

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
            child = self.untranslated_children().filter(slug=path_components[0]).first()
            if child is None:
                raise
            setattr(request, FALLBACK_ATTR, self.locale)
            # The rest of the path is routed inside the other language's page (its own children).
            return child.specific.route(request, path_components[1:])

    def untranslated_children(self):
        """Live children of this page's translations that have no live page in this language."""
        own_keys = Page.objects.child_of(self).live().values("translation_key")
        other_parents = Page.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk)
        qs = Page.objects.none()
        for other in other_parents:
            qs = qs | Page.objects.child_of(other)
        return qs.live().public().exclude(translation_key__in=own_keys).select_related("locale")


def reader_url(page: Page | None, locale: Locale, request=None) -> str | None:
    """Where a link to `page` should go for a reader of `locale`, or None when there is nowhere.

    The live translation in `locale` if there is one; else the page itself at the address under the
    reader's own tree that FallbackIndexMixin serves (nearest translated ancestor + the rest of the
    path); else None, so that no link leads to a missing page.
    """
    if page is None:
        return None
    translation = page.get_translation_or_none(locale)
    if translation is not None and translation.live:
        return translation.get_url(request)
    if not page.live:
        live = Page.objects.filter(translation_key=page.translation_key).live().first()
        if live is None:
            return None
        page = live
    slugs = []
    for ancestor in reversed(list(page.get_ancestors(inclusive=True).specific())):
        own = ancestor.get_translation_or_none(locale)
        if own is not None and own.live and own.pk != ancestor.pk:
            base = own.get_url(request)
            if base is None or not isinstance(own.specific, FallbackIndexMixin):
                return None
            return base + "".join(f"{slug}/" for slug in reversed(slugs))
        slugs.append(ancestor.slug)
    return None


def translation_progress(page) -> tuple[int, int] | None:
    """(strings, translated strings) of the wagtail-localize translation that made `page`, or None
    when `page` is not a translation (a source page, or a copy made without wagtail-localize).

    wagtail-localize publishes a translation even when strings are missing ("Translate", or a sync
    after the source changed): the missing strings show the source text. Its `Translation.get_progress()`
    says how many are missing. Two queries.
    """
    from wagtail_localize.models import Translation

    translation = (
        Translation.objects.filter(source__object_id=page.translation_key, target_locale_id=page.locale_id)
        .exclude(source__locale_id=page.locale_id).first()
    )
    return translation.get_progress() if translation is not None else None


def language_name(code: str) -> str:
    """The language's name in the reader's language ("Bangla", "English", "বাংলা", "ইংরেজি")."""
    from django.utils.translation import gettext

    names = {"bn": gettext("Bangla"), "en": gettext("English")}
    return names.get(code, code)


def language_status(page, request) -> dict:
    """What the page template needs to say about the page's language.

    `shown_in_place_of`: the reader's locale when the page is another language's page (a fallback);
    `content_lang`: the language of the text when it is not the reader's, for `lang` attributes;
    `translation_notice`: "missing", "untranslated" (published with no string translated) or
    "partial" (some strings still in the source language), or "".
    """
    reader_locale = getattr(request, FALLBACK_ATTR, None)
    status = {"shown_in_place_of": reader_locale, "content_lang": "", "content_language_name": "",
              "translation_notice": "", "source_lang": ""}
    if reader_locale is not None:
        status.update(translation_notice="missing", content_lang=page.locale.language_code)
    elif _reader_language() != settings.LANGUAGE_CODE:
        # Bangla pages are the sources here: only a page of another language can be a translation
        # with strings missing, so Bangla readers' pages cost no query for this.
        progress = translation_progress(page)
        if progress is not None and progress[1] < progress[0]:
            source_code = _source_language(page)
            status["source_lang"] = source_code
            if progress[1] == 0:
                status.update(translation_notice="untranslated", content_lang=source_code)
            else:
                status["translation_notice"] = "partial"
    shown = status["content_lang"] or status["source_lang"]
    status["content_language_name"] = language_name(shown) if shown else ""
    return status


def _reader_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _source_language(page) -> str:
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.filter(object_id=page.translation_key).exclude(locale_id=page.locale_id).select_related("locale").first()
    return source.locale.language_code if source is not None else Locale.get_default().language_code
