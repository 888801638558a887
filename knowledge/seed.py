"""Initial knowledge-base content in Bangla with real wagtail-localize English translations.

`seed_knowledge()` is idempotent and never overwrites what editors changed: a Bangla row or page
that exists (matched by `code`, or by slug under its parent) is left alone, and an English
translation is only made when none exists. The English rows are made the way an editor would make
them in wagtail-localize: a TranslationSource of the Bangla object, a StringTranslation for each of
its strings, then `create_or_update_translation`. So they share the Bangla row's translation_key,
and wagtail-localize's "sync" later shows editors exactly which Bangla strings changed.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from portal import roles

from .content import pages as page_content
from .content import snippets as snippet_content
from .models import (
    CaseCategory,
    CategoryChannel,
    CategoryDocument,
    ChannelIndexPage,
    ChannelPage,
    DocumentType,
    ExpectedRemedy,
    FindHelpPage,
    FocalPoint,
    GuideIndexPage,
    GuidePage,
    HelplinesPage,
    MatrixPage,
    RedressChannel,
    SubCategory,
)

logger = logging.getLogger(__name__)

SNIPPET_MODELS = [DocumentType, ExpectedRemedy, RedressChannel, CaseCategory, FocalPoint]
# The reference lists the case system stores (or that categories point at).
CASE_REFERENCE_MODELS = [DocumentType, ExpectedRemedy, RedressChannel, CaseCategory]
PAGE_MODELS = [ChannelIndexPage, ChannelPage, GuideIndexPage, GuidePage, MatrixPage, FindHelpPage, HelplinesPage]
ID_NAMESPACE = uuid.UUID("5b0d1f5e-5a0e-4d4b-9f55-0d2f6b1c9a11")


class SeedTranslationError(Exception):
    """The English text given does not line up with the Bangla source (an editor changed it)."""


# --- translations through wagtail-localize -------------------------------------------------------


def _english_strings(shadow) -> dict[str, list[str]]:
    strings: dict[str, list[str]] = defaultdict(list)
    for segment in extract_segments(shadow):
        if isinstance(segment, StringSegmentValue):
            strings[segment.path].append(segment.string.data)
    return strings


def translate(source_obj, shadow, locale: Locale):
    """Translate `source_obj` into `locale` with the strings of `shadow` (same shape, other text).

    Strings line up by segment path (field, child translation_key, block id) and order within it.
    """
    source, created = TranslationSource.get_or_create_from_instance(source_obj)
    if not created:
        source.update_from_db()
    english = _english_strings(shadow)
    seen: dict[str, int] = defaultdict(int)
    pending = []
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context").order_by("order"):
        path = segment.context.path
        index = seen[path]
        seen[path] += 1
        try:
            data = english[path][index]
        except (KeyError, IndexError) as exc:
            raise SeedTranslationError(f"{source_obj!r}: no English text for {path}") from exc
        pending.append((segment, data))
    for segment, data in pending:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string, locale=locale, context=segment.context,
            defaults={"data": data, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
    Translation.objects.get_or_create(source=source, target_locale=locale)
    is_page = isinstance(source_obj, Page)
    # Pages: save a draft and publish it here, because wagtail-localize publishes on transaction
    # commit, which never comes inside a test's transaction.
    translated, _created = source.create_or_update_translation(locale, publish=not is_page)
    if is_page:
        translated = translated.specific
        translated.get_latest_revision().publish()
    return translated


def _translate_safely(source_obj, shadow, locale):
    try:
        with transaction.atomic():
            return translate(source_obj, shadow, locale)
    except SeedTranslationError as exc:
        # The Bangla source was edited before it was ever translated: leave it to the translators.
        logger.warning("Not translating %s: %s", source_obj, exc)
        return None


# --- snippets -----------------------------------------------------------------------------------


def _set_texts(obj, texts: dict, lang: int):
    for name, pair in texts.items():
        setattr(obj, name, pair[lang])


def _seed_simple(model, specs, bn: Locale, en: Locale) -> dict[str, object]:
    """Rows keyed by code: Bangla created if missing, English translated if missing."""
    rows = {}
    for order, spec in enumerate(specs):
        row = model.objects.filter(locale=bn, code=spec["code"]).first()
        if row is None:
            plain = {"sort_order": (order + 1) * 10, **spec.get("plain", {})}
            row = model(locale=bn, code=spec["code"], **plain)
            _set_texts(row, spec["text"], 0)
            row.full_clean()
            row.save()
        if row.get_translation_or_none(en) is None:
            shadow = row.copy_for_translation(en)
            _set_texts(shadow, spec["text"], 1)
            _translate_safely(row, shadow, en)
        rows[spec["code"]] = row
    return rows


def _seed_categories(specs, bn, en, channels, documents, remedies):
    for order, spec in enumerate(specs):
        row = CaseCategory.objects.filter(locale=bn, code=spec["code"]).first()
        if row is None:
            row = CaseCategory(
                locale=bn, code=spec["code"], migration_stage=spec["stage"], bmet_accepts=spec["bmet"],
                any_stage=spec.get("any_stage", False), sort_order=(order + 1) * 10,
            )
            _set_texts(row, spec["text"], 0)
            row.sub_categories = [
                SubCategory(locale=bn, code=code, name=pair[0], sort_order=i)
                for i, (code, pair) in enumerate(spec["subs"])
            ]
            row.channels = [
                # sort_order is the recommended order: set it, modelcluster does not number children
                CategoryChannel(locale=bn, channel=channels[code], note=(note[0] if note else ""), sort_order=i)
                for i, (code, note) in enumerate(spec["channels"])
            ]
            row.documents = [
                CategoryDocument(locale=bn, document_type=documents[code], required=required, sort_order=i)
                for i, (code, required) in enumerate(spec["documents"])
            ]
            row.remedies = [remedies[code] for code in spec["remedies"]]
            row.save()
        if row.get_translation_or_none(en) is None:
            shadow = row.copy_for_translation(en)
            _set_texts(shadow, spec["text"], 1)
            sub_names = {code: pair[1] for code, pair in spec["subs"]}
            for sub in shadow.sub_categories.all():
                sub.name = sub_names.get(sub.code, sub.name)
            notes = {code: (note[1] if note else "") for code, note in spec["channels"]}
            for link in shadow.channels.all():
                link.note = notes.get(link.channel.code, link.note)
            _translate_safely(row, shadow, en)


def _seed_focal_points(specs, bn, en):
    from casework.geography import find_district

    for spec in specs:
        district = find_district(spec["district"])
        if district is None:
            continue
        row = FocalPoint.objects.filter(locale=bn, district=district, phone=spec["phone"]).first()
        if row is None:
            row = FocalPoint(locale=bn, district=district, gender=spec["gender"], phone=spec["phone"])
            _set_texts(row, spec["text"], 0)
            row.save()
        if row.get_translation_or_none(en) is None:
            shadow = row.copy_for_translation(en)
            _set_texts(shadow, spec["text"], 1)
            _translate_safely(row, shadow, en)


# --- pages --------------------------------------------------------------------------------------


def _block_id(*parts) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(p) for p in parts)))


def _stream(body, lang: int, key: str) -> list[dict]:
    """Raw StreamField data with ids that are the same in both languages (segment paths use them)."""
    out = []
    for i, (block_type, value) in enumerate(body):
        bid = _block_id(key, i)
        if block_type in ("heading", "text", "paragraph"):
            raw = value[lang]
        elif block_type == "callout":
            raw = {"title": value["title"][lang], "text": value["text"][lang], "tone": value.get("tone", "info")}
        elif block_type == "steps":
            raw = {
                "title": value["title"][lang] if value.get("title") else "",
                "steps": [{"type": "item", "value": s[lang], "id": _block_id(key, i, j)} for j, s in enumerate(value["steps"])],
            }
        elif block_type == "checklist":
            raw = {
                "title": value["title"][lang],
                "items": [
                    {"type": "item", "value": {"text": text[lang], "required": required}, "id": _block_id(key, i, j)}
                    for j, (text, required) in enumerate(value["items"])
                ],
            }
        elif block_type == "phones":
            raw = {
                "title": value["title"][lang],
                "numbers": [
                    {"type": "item", "value": {"number": number, "label": label[lang], "free": free},
                     "id": _block_id(key, i, j)}
                    for j, (number, label, free) in enumerate(value["numbers"])
                ],
            }
        elif block_type == "faq":
            raw = {
                "title": value["title"][lang] if value.get("title") else "",
                "questions": [
                    {"type": "item", "value": {"question": q[lang], "answer": a[lang]}, "id": _block_id(key, i, j)}
                    for j, (q, a) in enumerate(value["questions"])
                ],
            }
        else:  # pragma: no cover - a typo in the content modules
            raise ValueError(f"unknown block type {block_type}")
        out.append({"type": block_type, "value": raw, "id": bid})
    return out


def _page_fields(model, spec, lang: int, extra=None) -> dict:
    fields = {"title": spec["title"][lang], "slug": spec["slug"], "intro": spec["intro"][lang]}
    if spec.get("seo_title"):
        fields["seo_title"] = spec["seo_title"][lang]
    if spec.get("search_description"):
        fields["search_description"] = spec["search_description"][lang]
    if "body" in spec and hasattr(model, "body"):
        fields["body"] = _stream(spec["body"], lang, f"{model.__name__}/{spec['slug']}")
    fields.update(extra or {})
    return fields


def _seed_page(parent, model, spec, en, extra=None):
    """The Bangla page under `parent` (created if missing) and its English translation."""
    page = model.objects.child_of(parent).filter(slug=spec["slug"]).first()
    if page is None:
        page = model(**_page_fields(model, spec, 0, extra))
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
    if page.get_translation_or_none(en) is None and parent.get_translation_or_none(en) is not None:
        shadow = model(locale=en, **_page_fields(model, spec, 1, extra))
        _translate_safely(page, shadow, en)
    return page


def _link_home_cards(home, targets: list[Page]):
    """Point the home page's link cards that have no link yet at the knowledge pages, in order."""
    changed = False
    stream = home.body
    for block in stream:
        if block.block_type != "cards":
            continue
        for card, target in zip(block.value, targets):
            if target is not None and not card["page"] and not card["url"]:
                card["page"] = target
                changed = True
    if changed:
        home.body = stream
        home.save_revision().publish()


def _seed_pages(bn, en):
    from home.content import ensure_home_pages

    home = ensure_home_pages()
    pc = page_content
    find_help = _seed_page(home, FindHelpPage, pc.FIND_HELP, en)
    channel_index = _seed_page(home, ChannelIndexPage, pc.CHANNEL_INDEX, en)
    for spec in pc.CHANNEL_PAGES:
        channel = RedressChannel.objects.filter(locale=bn, code=spec["channel"]).first()
        if channel is not None:
            _seed_page(channel_index, ChannelPage, spec, en, extra={"channel": channel})
    guide_index = _seed_page(home, GuideIndexPage, pc.GUIDE_INDEX, en)
    for spec in pc.GUIDES:
        _seed_page(guide_index, GuidePage, spec, en)
    matrix = _seed_page(home, MatrixPage, pc.MATRIX, en)
    helplines = _seed_page(home, HelplinesPage, pc.HELPLINES, en)

    # Home cards, in the order of home/content.py: find help, which path, which papers, helplines.
    keep_papers = GuidePage.objects.child_of(guide_index).filter(slug="keep-your-documents").first()
    bn_targets = [find_help, channel_index, keep_papers, helplines]
    _link_home_cards(home.specific, bn_targets)
    home_en = home.get_translation_or_none(en)
    if home_en is not None:
        _link_home_cards(home_en.specific, [p.get_translation_or_none(en) for p in bn_targets])
    return {"find_help": find_help, "channels": channel_index, "guides": guide_index,
            "matrix": matrix, "helplines": helplines}


# --- corrections to content seeded by earlier versions -----------------------------------------
# Content ships through this seed. A correction (content/revisions.py holds the old values) is
# applied only where an install still has the old seeded value, so editors' changes are kept. The
# English row or page is re-translated through wagtail-localize only while its text is still the
# old seeded English; otherwise the new Bangla reaches it on the translators' next sync.


def _retranslate(source_obj, en: Locale, strings: dict[str, str]):
    """Re-make the English translation of `source_obj` from wagtail-localize's strings, giving the
    English for the Bangla `strings` that changed; other strings keep their translations."""
    source, created = TranslationSource.get_or_create_from_instance(source_obj)
    if not created:
        source.update_from_db()
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        english = strings.get(segment.string.data)
        if english is not None:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string, locale=en, context=segment.context,
                defaults={"data": english, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
    is_page = isinstance(source_obj, Page)
    translated, _created = source.create_or_update_translation(en, publish=not is_page, fallback=True)
    if is_page:
        translated.specific.get_latest_revision().publish()


def _spec_by(specs, key):
    return {spec[key]: spec for spec in specs}


def _revise_snippets(bn, en):
    from .content import revisions

    models = {"RedressChannel": (RedressChannel, snippet_content.CHANNELS),
              "DocumentType": (DocumentType, snippet_content.DOCUMENT_TYPES),
              "ExpectedRemedy": (ExpectedRemedy, snippet_content.REMEDIES)}
    for (model_name, code), fields in revisions.SNIPPETS.items():
        model, specs = models[model_name]
        spec = _spec_by(specs, "code").get(code)
        row = model.objects.filter(locale=bn, code=code).first()
        if spec is None or row is None:
            continue
        english_row = row.get_translation_or_none(en)
        changed, strings, english_current = False, {}, True
        for name, old in fields.items():
            if name in spec["text"]:
                new = spec["text"][name]
                if getattr(row, name) != old[0]:
                    continue
                setattr(row, name, new[0])
                changed = True
                if english_row is not None and getattr(english_row, name) == old[1]:
                    strings[new[0]] = new[1]
                else:
                    english_current = False
            elif getattr(row, name) == old:
                setattr(row, name, spec["plain"][name])
                changed = True
        if changed:
            row.save()
            if english_row is not None and english_current:
                _retranslate(row, en, strings)


def _revise_categories(bn, en):
    from .content import revisions

    specs = _spec_by(snippet_content.CATEGORIES, "code")
    for code, fields in revisions.CATEGORIES.items():
        spec, row = specs.get(code), CaseCategory.objects.filter(locale=bn, code=code).first()
        if spec is None or row is None:
            continue
        english_row = row.get_translation_or_none(en)
        changed, strings = False, {}
        for name, old in fields.items():
            if name == "bmet_accepts":
                if row.bmet_accepts == old:
                    row.bmet_accepts, changed = spec["bmet"], True
            elif name == "channel_notes":
                new_notes = {c: (note or ("", "")) for c, note in spec["channels"]}
                english_links = {link.translation_key: link for link in english_row.channels.all()} if english_row else {}
                for link in row.channels.all():
                    old_note = old.get(link.channel.code)
                    if old_note is not None and link.note == old_note[0]:
                        link.note = new_notes[link.channel.code][0]
                        link.save()
                        changed = True
                        english_link = english_links.get(link.translation_key)
                        if english_link is not None and english_link.note == old_note[1]:
                            strings[link.note] = new_notes[link.channel.code][1]
            elif getattr(row, name) == old[0]:
                setattr(row, name, spec["text"][name][0])
                changed = True
                if english_row is not None and getattr(english_row, name) == old[1]:
                    strings[spec["text"][name][0]] = spec["text"][name][1]
        if changed:
            row.save()
            if english_row is not None:
                _retranslate(row, en, strings)


def _raw_body(page) -> list:
    return [{"type": b["type"], "value": b["value"], "id": b.get("id")} for b in page.body.raw_data]


def _revise_pages(bn, en):
    from .content import revisions

    pc = page_content
    specs = {("FindHelpPage", pc.FIND_HELP["slug"]): pc.FIND_HELP, ("ChannelIndexPage", pc.CHANNEL_INDEX["slug"]): pc.CHANNEL_INDEX,
             ("GuideIndexPage", pc.GUIDE_INDEX["slug"]): pc.GUIDE_INDEX, ("MatrixPage", pc.MATRIX["slug"]): pc.MATRIX,
             ("HelplinesPage", pc.HELPLINES["slug"]): pc.HELPLINES}
    specs.update({("ChannelPage", spec["slug"]): spec for spec in pc.CHANNEL_PAGES})
    specs.update({("GuidePage", spec["slug"]): spec for spec in pc.GUIDES})
    models = {m.__name__: m for m in PAGE_MODELS}
    for (model_name, slug), fields in revisions.PAGES.items():
        model, spec = models[model_name], specs.get((model_name, slug))
        page = model.objects.filter(locale=bn, slug=slug).first()
        if spec is None or page is None:
            continue
        english = page.get_translation_or_none(en)
        english = english.specific if english is not None else None
        key = f"{model.__name__}/{slug}"
        changed, english_current = False, english is not None
        for name, old in fields.items():
            if name == "body":
                if _raw_body(page) != _stream(old, 0, key):
                    continue
                page.body = _stream(spec["body"], 0, key)
                changed = True
                english_current = english_current and _raw_body(english) == _stream(old, 1, key)
            else:
                if getattr(page, name) != old[0]:
                    continue
                setattr(page, name, spec[name][0])
                changed = True
                english_current = english_current and getattr(english, name) == old[1]
        if not changed:
            continue
        page.save_revision().publish()
        if english_current:
            extra = {"channel": page.channel} if model is ChannelPage else None
            shadow = model(locale=en, **_page_fields(model, spec, 1, extra))
            for name in ("title", "intro", "search_description", "seo_title"):
                if name not in fields and hasattr(english, name):
                    setattr(shadow, name, getattr(english, name))
            _translate_safely(page, shadow, en)


def _revise_home(bn, en):
    """The home page's steps and link cards (home/content.py), in each language, where unchanged."""
    from home.content import HOME
    from home.models import HomePage

    from .content import revisions

    for locale in (bn, en):
        lang = locale.language_code
        home = HomePage.objects.filter(locale=locale).first()
        old = revisions.HOME.get(lang)
        if home is None or old is None:
            continue
        new_body = dict(HOME[lang]["body"])
        raw, changed = [dict(item) for item in home.body.raw_data], False
        for i, item in enumerate(raw):
            value = item["value"]
            steps = [st["value"] if isinstance(st, dict) else st for st in value["steps"]] if item["type"] == "steps" else None
            if steps == old["steps"]:
                raw[i]["value"] = {**value, "steps": list(new_body["steps"]["steps"])}
                changed = True
            elif item["type"] == "cards" and [(c["value"]["title"], c["value"]["text"]) for c in value] == old["cards"]:
                # The new cards get their links below (_link_home_cards), find-help first.
                raw[i]["value"] = [
                    {"type": "item", "value": {"title": c["title"], "text": c["text"], "page": None, "url": c["url"]}}
                    for c in new_body["cards"]]
                changed = True
        if changed:
            home.body = raw
            home.save_revision().publish()


# --- permissions --------------------------------------------------------------------------------


def ensure_editor_permissions():
    """content_editor: Wagtail admin, pages, knowledge snippets (no deleting the rows cases use),
    images, documents, translation.
    system_admin: Wagtail admin and the knowledge snippets (the reference lists the case system uses).
    Neither gets any casework permission. Idempotent."""
    editor, _ = Group.objects.get_or_create(name=roles.CONTENT_EDITOR)
    sysadmin, _ = Group.objects.get_or_create(name=roles.SYSTEM_ADMIN)
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    snippet_perms = list(Permission.objects.filter(
        content_type__in=ContentType.objects.get_for_models(*SNIPPET_MODELS).values(),
        codename__regex=r"^(add|change|delete|view)_",
    ))
    # Editors must not delete the rows cases use (they retire a category instead); the models refuse
    # too (knowledge/protection.py). Focal points are not used by cases: editors may delete them.
    protected = {f"delete_{m._meta.model_name}" for m in CASE_REFERENCE_MODELS}
    editor_snippet_perms = [p for p in snippet_perms if p.codename not in protected]
    editor_extra = list(Permission.objects.filter(content_type__app_label="wagtail_localize", codename="submit_translation"))
    editor.permissions.add(access_admin, *editor_snippet_perms, *editor_extra)
    editor.permissions.remove(*[p for p in snippet_perms if p.codename in protected])
    sysadmin.permissions.add(access_admin, *snippet_perms)

    root = Page.get_first_root_node()
    if root is not None:
        page_ct = ContentType.objects.get_for_model(Page)
        for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
            permission = Permission.objects.get(content_type=page_ct, codename=codename)
            GroupPagePermission.objects.get_or_create(group=editor, page=root, permission=permission)
    collection = Collection.get_first_root_node()
    if collection is not None:
        for app_label, codenames in (("wagtailimages", ("add_image", "change_image", "choose_image")),
                                     ("wagtaildocs", ("add_document", "change_document", "choose_document"))):
            for permission in Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames):
                GroupCollectionPermission.objects.get_or_create(group=editor, collection=collection, permission=permission)


# --- entry point --------------------------------------------------------------------------------


def seed_knowledge(*, demo_focal_points: bool | None = None) -> dict:
    """Create the knowledge base content (both languages). Safe to run again at any time.

    Demo focal points (people in districts, with phone numbers that cannot be dialled) are only
    added outside production: real focal points are entered by editors.
    """
    if demo_focal_points is None:
        demo_focal_points = getattr(settings, "PROTIKAR_ENV", "") != "production"
    bn, _ = Locale.objects.get_or_create(language_code="bn")
    en, _ = Locale.objects.get_or_create(language_code="en")
    sc = snippet_content
    with transaction.atomic():
        ensure_editor_permissions()
        documents = _seed_simple(DocumentType, sc.DOCUMENT_TYPES, bn, en)
        remedies = _seed_simple(ExpectedRemedy, sc.REMEDIES, bn, en)
        channels = _seed_simple(RedressChannel, sc.CHANNELS, bn, en)
        _seed_categories(sc.CATEGORIES, bn, en, channels, documents, remedies)
        if demo_focal_points:
            _seed_focal_points(sc.DEMO_FOCAL_POINTS, bn, en)
        _revise_snippets(bn, en)
        _revise_categories(bn, en)
        _revise_home(bn, en)
        pages = _seed_pages(bn, en)
        _revise_pages(bn, en)
    return pages
