import pytest
from wagtail.models import Page

from knowledge.models import (
    CaseCategory,
    ChannelPage,
    DocumentType,
    ExpectedRemedy,
    GuidePage,
    RedressChannel,
)

pytestmark = pytest.mark.django_db


def test_seed_creates_bilingual_content(knowledge, bn, en):
    assert RedressChannel.objects.filter(locale=bn).count() >= 7
    assert set(RedressChannel.objects.filter(locale=bn).values_list("code", flat=True)) >= {
        "gmc", "bmet", "wewb", "court", "legal_aid_office", "mission_labour_wing", "police_helpline"}
    assert CaseCategory.objects.filter(locale=bn).count() >= 10
    assert GuidePage.objects.filter(locale=bn).live().count() >= 5
    for model in (RedressChannel, CaseCategory, DocumentType, ExpectedRemedy):
        for row in model.objects.filter(locale=bn):
            translation = row.get_translation_or_none(en)
            assert translation is not None, row
            assert translation.translation_key == row.translation_key
            assert translation.name != row.name
    for category in CaseCategory.objects.filter(locale=bn):
        assert category.sub_categories.count() >= 2
        assert category.documents.filter(required=True).exists()
        assert category.channels.exists()
        # the recommended order is stored, not left to the database's row order (PostgreSQL differs)
        orders = list(category.channels.values_list("sort_order", flat=True))
        assert None not in orders and len(set(orders)) == len(orders)


def test_english_is_a_wagtail_localize_translation(knowledge, bn, en):
    from wagtail_localize.models import Translation, TranslationSource

    for obj in [RedressChannel.objects.get(locale=bn, code="bmet"), GuidePage.objects.get(locale=bn, slug="returning-home")]:
        source = TranslationSource.objects.get_for_instance(obj)
        assert Translation.objects.filter(source=source, target_locale=en).exists()
    # the English category's channel links point at the English channels
    category = CaseCategory.objects.get(locale=en, code="wage_theft")
    assert {link.channel.locale_id for link in category.channels.all()} == {en.pk}


def test_seed_is_idempotent_and_keeps_editor_changes(knowledge, bn, en):
    from knowledge.seed import seed_knowledge

    counts = (RedressChannel.objects.count(), CaseCategory.objects.count(), Page.objects.count())
    channel = RedressChannel.objects.get(locale=bn, code="gmc")
    channel.summary = "সম্পাদকের লেখা"
    channel.save()
    guide = GuidePage.objects.get(locale=bn, slug="returning-home")
    guide.title = "সম্পাদকের শিরোনাম"
    guide.save_revision().publish()
    seed_knowledge(demo_focal_points=True)
    assert (RedressChannel.objects.count(), CaseCategory.objects.count(), Page.objects.count()) == counts
    assert RedressChannel.objects.get(pk=channel.pk).summary == "সম্পাদকের লেখা"
    assert GuidePage.objects.get(pk=guide.pk).title == "সম্পাদকের শিরোনাম"


def test_every_channel_has_a_page_in_both_languages(knowledge, bn, en):
    for channel in RedressChannel.objects.filter(locale=bn):
        page = ChannelPage.objects.get(channel=channel, locale=bn)
        assert page.live
        assert page.get_translation(en).specific.channel == channel.get_translation(en)
