import pytest
from wagtail.models import Page

from knowledge.models import (
    CaseCategory,
    ChannelPage,
    DocumentType,
    ExpectedRemedy,
    GuidePage,
    HelplinesPage,
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


# --- corrections reach installs seeded by an earlier version ------------------------------------


def _as_seeded_before(bn, en):
    """Put back what the previous version of the seed wrote, as an existing install still has it."""
    from knowledge.content import revisions
    from knowledge.seed import _stream

    bmet = RedressChannel.objects.get(locale=bn, code="bmet")
    bmet.what_to_expect = revisions.SNIPPETS[("RedressChannel", "bmet")]["what_to_expect"][0]
    bmet.save()
    bmet_en = bmet.get_translation(en)
    bmet_en.what_to_expect = revisions.SNIPPETS[("RedressChannel", "bmet")]["what_to_expect"][1]
    bmet_en.save()
    wing = RedressChannel.objects.get(locale=bn, code="mission_labour_wing")
    wing.phone = "+8809654333333"
    wing.save()
    threats = CaseCategory.objects.get(locale=bn, code="threats_harassment")
    threats.legal_references = revisions.CATEGORIES["threats_harassment"]["legal_references"][0]
    threats.save()
    injury = CaseCategory.objects.get(locale=bn, code="injury_illness")
    injury.bmet_accepts = False
    injury.save()
    old_helplines = revisions.PAGES[("HelplinesPage", "helplines")]
    helplines = HelplinesPage.objects.get(locale=bn)
    helplines.body = _stream(old_helplines["body"], 0, "HelplinesPage/helplines")
    helplines.intro = old_helplines["intro"][0]
    helplines.save_revision().publish()
    helplines_en = helplines.get_translation(en).specific
    helplines_en.body = _stream(old_helplines["body"], 1, "HelplinesPage/helplines")
    helplines_en.intro = old_helplines["intro"][1]
    helplines_en.save_revision().publish()
    return bmet, helplines


def test_seed_corrects_content_an_earlier_version_seeded(knowledge, bn, en):
    from knowledge.seed import seed_knowledge

    bmet, helplines = _as_seeded_before(bn, en)
    seed_knowledge(demo_focal_points=True)
    bmet.refresh_from_db()
    assert bmet.what_to_expect.startswith("তদন্তের পর বিএমইটি শুনানিতে ডাকতে পারে")
    assert "Not every complaint gets a hearing" in bmet.get_translation(en).what_to_expect
    assert RedressChannel.objects.get(locale=bn, code="mission_labour_wing").phone == ""
    assert RedressChannel.objects.get(locale=en, code="mission_labour_wing").phone == ""  # synchronised
    assert "৫০৬" in CaseCategory.objects.get(locale=bn, code="threats_harassment").legal_references
    assert "506" in CaseCategory.objects.get(locale=en, code="threats_harassment").legal_references
    injury = CaseCategory.objects.get(locale=bn, code="injury_illness")
    assert injury.bmet_accepts and injury.get_translation(en).bmet_accepts
    helplines = HelplinesPage.objects.get(pk=helplines.pk)
    assert [b.block_type for b in helplines.body] == ["heading", "phones", "callout"]
    english = helplines.get_translation(en).specific
    assert [b.block_type for b in english.body] == ["heading", "phones", "callout"]
    assert "Calls to 999, 109 and 16430 are free." in english.intro


def test_seed_corrections_leave_editors_changes_alone(knowledge, bn, en):
    from knowledge.seed import seed_knowledge

    bmet, helplines = _as_seeded_before(bn, en)
    bmet.what_to_expect = "সম্পাদকের লেখা"
    bmet.save()
    helplines.intro = "সম্পাদকের ভূমিকা"
    helplines.save_revision().publish()
    seed_knowledge(demo_focal_points=True)
    assert RedressChannel.objects.get(pk=bmet.pk).what_to_expect == "সম্পাদকের লেখা"
    page = HelplinesPage.objects.get(pk=helplines.pk)
    assert page.intro == "সম্পাদকের ভূমিকা"
    assert [b.block_type for b in page.body] == ["heading", "phones", "callout"]  # the body was still as seeded


def test_seeded_content_uses_the_plain_and_correct_words(knowledge, bn):
    gmc = RedressChannel.objects.get(locale=bn, code="gmc")
    assert gmc.name == "এলাকার অভিযোগ নিষ্পত্তি কমিটি (জিএমসি)"
    assert ChannelPage.objects.get(locale=bn, channel=gmc).title == "এলাকার অভিযোগ নিষ্পত্তি কমিটি (জিএমসি)"
    texts = []
    for model in (RedressChannel, CaseCategory):
        for row in model.objects.filter(locale=bn):
            texts.extend(str(v) for v in vars(row).values() if isinstance(v, str))
    for page in Page.objects.filter(locale=bn).specific():
        texts.extend([page.title, getattr(page, "intro", ""), page.search_description, str(getattr(page, "body", ""))])
    text = "\n".join(texts)
    for wrong in ("গ্রামের সালিশ", "কেস ক্যাটাগরি", "ম্যাট্রিক্স", "অবৈধভাবে গিয়েছিলেন", "সব নম্বরে ফোন করা বিনা খরচে",
                  "বিপদে বা প্রশ্ন", "তারা বিএমইটিতে", "ক্ষতিপূরণের আপস"):
        assert wrong not in text, wrong
