"""wagtail-localize sync: an edited Bangla source reaches the English translation on sync."""

import pytest
from django.utils import translation
from wagtail_localize.models import Translation, TranslationSource

from knowledge.models import CaseCategory, GuidePage, RedressChannel

pytestmark = pytest.mark.django_db


def _sync(obj, en):
    source = TranslationSource.objects.get_for_instance(obj)
    source.update_from_db()
    Translation.objects.get(source=source, target_locale=en).save_target(publish=True)


def test_synced_snippet_shows_new_bangla_text_until_translated(knowledge, bn, en):
    channel = RedressChannel.objects.get(locale=bn, code="gmc")
    channel.cost = "এখন ২০ টাকার ফরম লাগে।"
    channel.phone = "01000-000999"
    channel.save()
    _sync(channel, en)
    english = channel.get_translation(en)
    assert english.cost == "এখন ২০ টাকার ফরম লাগে।"  # new string not yet translated: Bangla shows
    assert english.name == "Local mediation: the Grievance Management Committee (GMC)"  # unchanged strings keep English
    assert english.phone == "01000-000999"  # synchronised field copied


def test_synced_page_shows_new_bangla_text(client, knowledge, bn, en):
    guide = GuidePage.objects.get(locale=bn, slug="returning-home")
    guide.intro = "নতুন ভূমিকা: দেশে ফিরে কী করবেন।"
    guide.save_revision().publish()
    _sync(guide, en)
    html = client.get("/en/guides/returning-home/").content.decode()
    assert "নতুন ভূমিকা: দেশে ফিরে কী করবেন।" in html
    assert "After you come home" in html


def test_synced_category_keeps_children_and_channel_links(knowledge, bn, en):
    category = CaseCategory.objects.get(locale=bn, code="wage_theft")
    category.bmet_accepts = False
    category.save()
    _sync(category, en)
    english = CaseCategory.objects.get(locale=en, code="wage_theft")
    assert english.bmet_accepts is False
    assert english.sub_categories.count() == category.sub_categories.count()
    assert english.sub_categories.first().name == "Several months' wages unpaid"
    assert {link.channel.locale_id for link in english.channels.all()} == {en.pk}
    with translation.override("en"):
        assert category.localized.name == "Wages not paid or cut abroad"
