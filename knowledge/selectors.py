"""Reads of the knowledge snippets, in the reader's language with a fallback to Bangla.

The Bangla (default-locale) rows are canonical: the case system stores them. Every function here
returns rows of the active locale where a translation exists and the Bangla row otherwise, with a
fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from wagtail.models import Locale

from .models import (
    CaseCategory,
    ChannelCode,
    CategoryChannel,
    CategoryDocument,
    ChannelPage,
    DocumentType,
    ExpectedRemedy,
    FocalPoint,
    MigrationStage,
    RedressChannel,
    SubCategory,
)


def current_language_codes() -> tuple[str, str]:
    """(active, default) content language codes, without a query: filter on `locale__language_code`
    with them instead of fetching Locale rows first."""
    from django.conf import settings
    from django.utils.translation import get_language
    from wagtail.coreutils import get_content_languages, get_supported_content_language_variant

    default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    try:
        active_code = get_supported_content_language_variant(get_language())
    except LookupError:
        active_code = default_code
    if active_code not in get_content_languages():
        active_code = default_code
    return active_code, default_code


def current_locales() -> tuple[Locale, Locale]:
    """(active, default) locales in one query; the same row twice when the reader reads Bangla."""
    active_code, default_code = current_language_codes()
    by_code = {loc.language_code: loc for loc in Locale.objects.filter(language_code__in={default_code, active_code})}
    default = by_code.get(default_code) or Locale.get_default()
    return by_code.get(active_code, default), default


def localized_rows(model, queryset=None, locales=None):
    """Rows of `model` in the active locale, plus Bangla rows that have no translation yet."""
    active, default = locales or current_locales()
    qs = queryset if queryset is not None else model.objects.all()
    if active.pk == default.pk:
        return qs.filter(locale=default)
    translated_keys = model.objects.filter(locale=active).values("translation_key")
    return qs.filter(Q(locale=active) | Q(locale=default) & ~Q(translation_key__in=translated_keys))


def localize_many(objects, locales=None) -> dict:
    """Map translation_key → the object in the active locale (or itself) for a list of rows.

    Used for relations that wagtail-localize copies unchanged from the source (ParentalManyToMany),
    which therefore point at Bangla rows even from an English category. One query.
    """
    objects = list(objects)
    result = {obj.translation_key: obj for obj in objects}
    if not objects:
        return result
    active, _default = locales or current_locales()
    model = type(objects[0])
    for obj in model.objects.filter(locale=active, translation_key__in=list(result)):
        result[obj.translation_key] = obj
    return result


def category_queryset():
    """The canonical (Bangla) categories: what the case system stores."""
    return CaseCategory.objects.filter(locale=Locale.get_default()).order_by("sort_order", "id")


def category_choices() -> list[tuple[int, str]]:
    """(pk of the Bangla category, name in the reader's language, falling back to the Bangla name),
    in category order, for choice lists such as the report filters. One query over both locales' rows."""
    active_code, default_code = current_language_codes()
    rows = list(CaseCategory.objects.filter(locale__language_code__in={active_code, default_code})
                .order_by("sort_order", "id").values_list("pk", "translation_key", "locale__language_code", "name"))
    translated = {key: name for _pk, key, code, name in rows if code == active_code}
    return [(pk, translated.get(key, name)) for pk, key, code, name in rows if code == default_code]


def cached_category_choices() -> tuple[tuple[int, str], ...]:
    """category_choices() from the cache (portal.widgets.cached_rows), dropped when a category or a
    translation of one is saved or deleted: every report page offers them and names them."""
    from portal.widgets import cached_rows

    active_code, _default = current_language_codes()
    return cached_rows(CaseCategory, active_code, lambda: tuple(category_choices()))


def categories(locales=None):
    """Categories in the reader's language with everything the matrices and find-help show.

    Retired categories are left out: cases keep them, the public pages no longer offer them.
    """
    locales = locales or current_locales()
    # Children are ordered by sort_order then pk: rows saved without an order keep creation order.
    qs = localized_rows(CaseCategory, locales=locales).filter(retired=False).order_by("sort_order", "id").prefetch_related(
        Prefetch("sub_categories", queryset=SubCategory.objects.order_by("sort_order", "pk")),
        Prefetch("channels", queryset=CategoryChannel.objects.select_related("channel").order_by("sort_order", "pk")),
        Prefetch("documents", queryset=CategoryDocument.objects.select_related("document_type").order_by("sort_order", "pk")),
        "remedies",
    )
    rows = list(qs)
    remedies = localize_many({r for row in rows for r in row.remedies.all()}, locales)
    for row in rows:
        row.localized_remedies = sorted(
            (remedies[r.translation_key] for r in row.remedies.all()), key=lambda r: (r.sort_order, r.pk)
        )
    return rows


def channel_pages(locales=None) -> dict[str, ChannelPage]:
    """channel code → live channel page in the reader's language (for links). One query."""
    active, _default = locales or current_locales()
    pages = ChannelPage.objects.live().public().filter(locale=active).select_related("channel")
    return {page.channel.code: page for page in pages}


def matrix() -> dict:
    """Context for the matrix page: the category matrix and the documentation matrix."""
    locales = current_locales()
    rows = categories(locales)
    doc_types = list(localized_rows(DocumentType, locales=locales).order_by("sort_order", "id"))
    by_key = {}
    for row in rows:
        for link in row.documents.all():
            by_key.setdefault(link.document_type.translation_key, {})[row.pk] = link.required
    document_rows = []
    for doc in doc_types:
        marks = by_key.get(doc.translation_key, {})
        if not marks:
            continue
        document_rows.append({"document": doc, "cells": [marks.get(row.pk) for row in rows]})
    return {
        "categories": rows,
        "stages": MigrationStage,
        "document_rows": document_rows,
        "pages_by_channel": channel_pages(locales),
    }


# Channels for someone in danger now: always listed first, whatever else was chosen.
URGENT_CHANNEL_CODES = (ChannelCode.POLICE_HELPLINE,)


def stage_categories(rows, stage: str | None) -> list:
    """The categories offered for a stage: those of the stage and those that happen at any time."""
    if not stage:
        return list(rows)
    return [r for r in rows if r.migration_stage == stage or r.any_stage]


@dataclass
class Recommendation:
    categories: list = field(default_factory=list)
    channels: list = field(default_factory=list)  # RedressChannel, urgent first, then in recommended order
    # channel code → [(category, note)]: when and why each chosen problem sends the reader there
    notes: dict = field(default_factory=dict)
    required_documents: list = field(default_factory=list)
    recommended_documents: list = field(default_factory=list)
    remedies: list = field(default_factory=list)

    @property
    def channel_codes(self) -> list[str]:
        return [c.code for c in self.channels]


def recommend(*, stage: str | None, problems: list[str], rows=None) -> Recommendation:
    """Channels and documents for what happened.

    `problems` are category codes; without any, every category of the stage counts. Channels keep
    each category's recommended order (local ADR first, then BMET, then court), merged across
    categories in category order, except that channels for someone in danger (police, 999) come
    first; each channel keeps the notes of the categories that recommend it. A document required by
    any chosen category is required.
    """
    rows = categories() if rows is None else rows
    offered = stage_categories(rows, stage)
    chosen = [r for r in offered if r.code in problems] if problems else offered
    result = Recommendation(categories=chosen)
    seen_channels, docs, seen_remedies = set(), {}, set()
    for row in chosen:
        for link in row.channels.all():
            code = link.channel.code
            if code not in seen_channels:
                seen_channels.add(code)
                result.channels.append(link.channel)
            if link.note:
                result.notes.setdefault(code, []).append((row, link.note))
        for link in row.documents.all():
            key = link.document_type.code
            doc, required = docs.get(key, (link.document_type, False))
            docs[key] = (doc, required or link.required)
        for remedy in row.localized_remedies:
            if remedy.code not in seen_remedies:
                seen_remedies.add(remedy.code)
                result.remedies.append(remedy)
    result.channels.sort(key=lambda c: c.code not in URGENT_CHANNEL_CODES)  # stable: the rest keep their order
    ordered = sorted(docs.values(), key=lambda pair: (pair[0].sort_order, pair[0].pk))
    result.required_documents = [doc for doc, required in ordered if required]
    result.recommended_documents = [doc for doc, required in ordered if not required]
    return result


def district_name_field() -> str:
    """The district column to sort by: its name in the reader's language (Bangla sorts by the
    Bangla alphabet, which Unicode's order follows)."""
    from django.utils.translation import get_language

    return "name_bn" if (get_language() or "bn").startswith("bn") else "name_en"


def focal_points(district=None, locales=None):
    """Focal points in the reader's language, by district (sorted in that language); women first
    within a district."""
    qs = localized_rows(FocalPoint, locales=locales).select_related("district", "district__division")
    if district is not None:
        qs = qs.filter(district=district)
    return qs.order_by(f"district__{district_name_field()}", "gender", "organisation", "id")


def channels():
    return localized_rows(RedressChannel).order_by("sort_order", "id")


def remedies():
    return localized_rows(ExpectedRemedy).order_by("sort_order", "id")
