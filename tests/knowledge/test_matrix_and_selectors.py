import re

import pytest
from django.db.models import Q
from django.utils import translation

from knowledge.models import CaseCategory, CategoryChannel, RedressChannel, SubCategory
from knowledge.selectors import category_choices, recommend

pytestmark = pytest.mark.django_db


def test_editing_a_category_changes_the_matrix_page(client, knowledge, bn):
    category = CaseCategory.objects.get(locale=bn, code="overcharging")
    category.name = "এজেন্সি বেশি টাকা নিয়েছে"
    category.bmet_accepts = False
    category.sub_categories.add(SubCategory(locale=bn, code="visa_trading", name="ভিসা কেনাবেচা"))
    category.save()
    html = client.get("/bn/problems-and-papers/").content.decode()
    row = html.split('id="category-overcharging"', 1)[1].split("</tr>", 1)[0]
    assert "এজেন্সি বেশি টাকা নিয়েছে" in row
    assert "ভিসা কেনাবেচা" in row
    assert _bmet_cell(row) == _in("bn", "No")
    assert html.count('<tr id="category-') == CaseCategory.objects.filter(locale=bn).count()
    # the synchronised fact (BMET no longer accepts) reaches the English matrix on sync
    from wagtail_localize.models import Translation, TranslationSource

    source = TranslationSource.objects.get_for_instance(category)
    source.update_from_db()
    Translation.objects.get(source=source, target_locale__language_code="en").save_target(publish=True)
    row_en = client.get("/en/problems-and-papers/").content.decode().split('id="category-overcharging"', 1)[1].split("</tr>", 1)[0]
    assert _bmet_cell(row_en) == "No"


def _in(lang, text):
    with translation.override(lang):
        return translation.gettext(text)


def _bmet_cell(row: str) -> str:
    import re

    return re.search(r'data-label="[^"]*"[^>]*>([^<]*)</td>', row.split("<ol", 1)[1].split("</ol>", 1)[1]).group(1)


@pytest.mark.parametrize("lang", ["bn", "en"])
def test_matrix_says_which_problems_bmet_takes(client, knowledge, bn, lang):
    html = client.get(f"/{lang}/problems-and-papers/").content.decode()
    categories = list(CaseCategory.objects.filter(locale=bn))
    assert {c.bmet_accepts for c in categories} == {True, False}  # both answers are on the page
    for category in categories:
        row = html.split(f'id="category-{category.code}"', 1)[1].split("</tr>", 1)[0]
        assert _bmet_cell(row) == _in(lang, "Yes" if category.bmet_accepts else "No"), category.code


def test_bmet_flag_agrees_with_the_recommended_channels_for_every_category(knowledge):
    # injury_illness said "BMET takes the complaint? No" and listed BMET as its third channel.
    categories = list(CaseCategory.objects.prefetch_related("channels__channel"))
    assert len(categories) >= 20  # both languages
    for category in categories:
        codes = [link.channel.code for link in category.channels.all()]
        assert category.bmet_accepts == ("bmet" in codes), (category.locale_id, category.code, codes)
        assert len(codes) == len(set(codes)), category.code


def test_threats_cite_criminal_intimidation_not_cheating(knowledge, bn, en):
    threats = CaseCategory.objects.get(locale=bn, code="threats_harassment")
    assert "৫০৬" in threats.legal_references and "২১১" in threats.legal_references
    assert "৪০৬" not in threats.legal_references and "৪২০" not in threats.legal_references
    english = threats.get_translation(en)
    assert "506" in english.legal_references and "211" in english.legal_references
    assert "420" not in english.legal_references


def test_matrix_lists_channels_in_recommended_order_and_documents(client, knowledge):
    html = client.get("/en/problems-and-papers/").content.decode()
    row = html.split('id="category-predeparture_fraud"', 1)[1].split("</tr>", 1)[0]
    order = [row.index(name) for name in ("Local mediation", "Complaint to BMET", "District legal aid office", "A case in court")]
    assert order == sorted(order)
    assert 'href="/en/redress-channels/local-mediation/"' in row
    documents = html.split('id="document-matrix"', 1)[1]
    assert "Receipts for money paid" in documents and "Death certificate" in documents
    assert documents.count('class="req"') >= 10


def test_category_without_translation_falls_back_to_bangla_on_the_english_matrix(client, knowledge, bn):
    new = CaseCategory(locale=bn, code="new_issue", name="নতুন সমস্যা", migration_stage="abroad", sort_order=999)
    new.save()
    html = client.get("/en/problems-and-papers/").content.decode()
    assert "নতুন সমস্যা" in html


def test_category_choices_returns_bangla_rows_with_localized_names(knowledge, bn, en):
    bn_rows = list(CaseCategory.objects.filter(locale=bn).order_by("sort_order", "id"))
    with translation.override("bn"):
        choices = category_choices()
    assert [pk for pk, _name in choices] == [row.pk for row in bn_rows]
    assert choices[0][1] == bn_rows[0].name
    with translation.override("en"):
        choices_en = category_choices()
    assert [pk for pk, _name in choices_en] == [row.pk for row in bn_rows]  # still the canonical rows
    assert choices_en[0][1] == bn_rows[0].get_translation(en).name
    # a category not yet translated shows its Bangla name in English
    untranslated = CaseCategory.objects.create(locale=bn, code="zz_new", name="অনুবাদ হয়নি", migration_stage="abroad", sort_order=10_000)
    with translation.override("en"):
        assert (untranslated.pk, "অনুবাদ হয়নি") in category_choices()


def test_category_choices_query_count_is_constant(knowledge, bn, django_assert_max_num_queries):
    with translation.override("en"), django_assert_max_num_queries(4):
        assert len(category_choices()) >= 10
    for i in range(20):
        CaseCategory.objects.create(locale=bn, code=f"extra_{i}", name=f"অতিরিক্ত {i}", migration_stage="abroad")
    with translation.override("en"), django_assert_max_num_queries(4):
        assert len(category_choices()) >= 30


def test_localized_returns_english_row_for_the_case_system(knowledge, bn):
    channel = RedressChannel.objects.get(locale=bn, code="wewb")
    with translation.override("en"):
        assert channel.localized.name == "Wage Earners' Welfare Board (WEWB)"
    with translation.override("bn"):
        assert channel.localized.name == "ওয়েজ আর্নার্স কল্যাণ বোর্ড"


# --- find-help recommendations -------------------------------------------------------------------

SCENARIOS = [
    # (stage, problems, channels in order (prefix), a required document)
    ("before_departure", ["predeparture_fraud"], ["gmc", "bmet", "legal_aid_office", "court"], "money_receipt"),
    ("before_departure", ["overcharging"], ["gmc", "bmet", "court"], "money_receipt"),
    ("abroad", ["wage_theft"], ["mission_labour_wing", "bmet", "wewb", "court"], "pay_records"),
    ("abroad", ["abuse_confinement"], ["police_helpline", "mission_labour_wing", "bmet", "court"], "messages"),
    ("abroad", ["trafficking"], ["police_helpline", "mission_labour_wing", "legal_aid_office", "court"], "agent_details"),
    ("abroad", ["death_abroad"], ["wewb", "mission_labour_wing", "legal_aid_office"], "heir_certificate"),
    ("after_return", ["returnee_dues"], ["bmet", "mission_labour_wing", "wewb", "court"], "pay_records"),
    ("after_return", ["early_return_loss"], ["gmc", "bmet", "court"], "money_receipt"),
    ("after_return", ["threats_harassment"], ["police_helpline", "legal_aid_office", "gmc", "court"], "messages"),
]


@pytest.mark.parametrize("stage,problems,channels,document", SCENARIOS, ids=[s[1][0] for s in SCENARIOS])
def test_find_help_recommends_the_right_channels(knowledge, stage, problems, channels, document):
    result = recommend(stage=stage, problems=problems)
    assert result.channel_codes == channels
    assert document in [d.code for d in result.required_documents]
    assert not {d.code for d in result.required_documents} & {d.code for d in result.recommended_documents}


def test_find_help_merges_several_problems_without_duplicates(knowledge):
    result = recommend(stage=None, problems=["wage_theft", "abuse_confinement"])
    # the police and 999 first: someone abused now is in danger (they used to come last)
    assert result.channel_codes == ["police_helpline", "mission_labour_wing", "bmet", "wewb", "court"]
    # "messages" is recommended for wage theft but required for abuse: required wins
    assert "messages" in [d.code for d in result.required_documents]


def test_find_help_puts_urgent_channels_first_in_the_page(client, knowledge):
    html = client.get("/en/find-help/", {"problem": ["wage_theft", "abuse_confinement"]}).content.decode()
    channels = html.split('class="steps recommended-channels"', 1)[1].split("</ol>", 1)[0]
    assert channels.index('data-channel="police_helpline"') < channels.index('data-channel="mission_labour_wing"')


def test_find_help_shows_each_categorys_notes(client, knowledge):
    html = client.get("/bn/find-help/", {"stage": "abroad", "problem": "wage_theft"}).content.decode()
    channels = html.split('class="steps recommended-channels"', 1)[1].split("</ol>", 1)[0]
    wewb = channels.split('data-channel="wewb"', 1)[1].split("</li>\n", 1)[0]
    assert "কর্মী মারা গেলে পাওনা আদায়ে" in wewb  # the same note as on the problems-and-papers page
    labour = channels.split('data-channel="mission_labour_wing"', 1)[1].split('data-channel=', 1)[0]
    assert "বিদেশে থাকতেই" in labour
    # with several problems each note says which problem it is for
    html_en = client.get("/en/find-help/", {"problem": ["wage_theft", "death_abroad"]}).content.decode()
    wewb_en = html_en.split('data-channel="wewb"', 1)[1].split('data-channel=', 1)[0]
    assert "Wages not paid or cut abroad: To collect dues if the worker has died" in wewb_en


@pytest.mark.parametrize("stage", ["before_departure", "abroad", "after_return"])
def test_find_help_offers_threats_and_trafficking_at_every_stage(client, knowledge, stage):
    html = client.get("/en/find-help/", {"stage": stage}).content.decode()
    assert 'value="threats_harassment"' in html and 'value="trafficking"' in html


def test_find_help_stage_only_lists_that_stage(client, knowledge, bn):
    # through the page, as readers use it (the view never calls recommend() with a stage alone)
    html = client.get("/en/find-help/", {"stage": "before_departure"}).content.decode()
    offered = set(re.findall(r'name="problem" value="([^"]+)"', html))
    expected = set(CaseCategory.objects.filter(locale=bn).filter(
        Q(migration_stage="before_departure") | Q(any_stage=True)).values_list("code", flat=True))
    assert offered == expected
    assert "wage_theft" not in offered and "predeparture_fraud" in offered
    result = recommend(stage="before_departure", problems=[])
    assert {c.code for c in result.categories} == expected


def test_find_help_next_with_nothing_chosen_says_what_to_choose(client, knowledge):
    html = client.get("/en/find-help/", {"answered": "stage"}).content.decode()
    assert 'role="alert"' in html and "Choose one answer" in html
    assert 'name="stage"' in html  # the same question again, with the message
    html = client.get("/en/find-help/", {"answered": "problem", "stage": "abroad"}).content.decode()
    assert 'role="alert"' in html and "Tick at least one problem" in html
    assert 'value="wage_theft"' in html
    # the first visit has no message
    assert 'role="alert"' not in client.get("/en/find-help/").content.decode()


def test_find_help_next_button_reads_next_question_in_bangla(client, knowledge):
    html = client.get("/bn/find-help/").content.decode()
    with translation.override("bn"):
        label = translation.pgettext("find-help: go to the next question", "Next")
    assert f'<button type="submit">{label}</button>' in html
    assert "পরের কাজ" not in html  # "the next job"


def test_language_switcher_keeps_the_find_help_answers(client, knowledge):
    html = client.get("/bn/find-help/", {"stage": "abroad", "problem": "wage_theft"}).content.decode()
    switcher = html.split('class="lang-switch"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/en/find-help/?stage=abroad&amp;problem=wage_theft"' in switcher


def test_find_help_page_walks_two_steps_without_javascript(client, knowledge):
    step1 = client.get("/bn/find-help/").content.decode()
    assert 'name="stage"' in step1 and 'type="radio"' in step1 and "<script" not in step1.split("<main", 1)[1]
    step2 = client.get("/bn/find-help/", {"stage": "abroad"}).content.decode()
    assert 'type="hidden" name="stage" value="abroad"' in step2
    assert 'value="wage_theft"' in step2 and 'value="predeparture_fraud"' not in step2
    result = client.get("/bn/find-help/", {"stage": "abroad", "problem": "wage_theft"}).content.decode()
    channels = result.split('class="steps recommended-channels"', 1)[1].split("</ol>", 1)[0]
    assert channels.index('data-channel="mission_labour_wing"') < channels.index('data-channel="bmet"')
    assert 'href="/bn/redress-channels/embassy-labour-wing/"' in channels
    assert 'data-document="pay_records"' in result


def test_find_help_shows_focal_points_of_the_chosen_district(client, knowledge):
    from casework.geography import find_district

    cumilla = find_district("Cumilla")
    html = client.get("/en/find-help/", {"problem": "predeparture_fraud", "district": cumilla.pk}).content.decode()
    assert "Shirin Begum" in html and "Woman helper" in html


@pytest.mark.parametrize("query", [
    {"stage": "on_the_moon"}, {"problem": "nonexistent"}, {"district": "x"}, {"stage": ["abroad", "abroad"], "problem": ""},
    {"problem": "<script>alert(1)</script>"},
])
def test_find_help_bad_input_never_500(client, knowledge, query):
    response = client.get("/en/find-help/", query)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_cached_category_choices_are_read_once_per_language_and_follow_every_edit(knowledge, bn, en,
                                                                                   django_assert_num_queries):
    """Every report page offers and names the categories from the cache (knowledge.selectors.
    cached_category_choices); saving or deleting a category or its translation drops it."""
    from knowledge.selectors import cached_category_choices

    row = CaseCategory.objects.filter(locale=bn).order_by("sort_order", "id").first()
    english = row.get_translation(en)
    for language in ("bn", "en"):
        with translation.override(language):
            with django_assert_num_queries(1):
                first = cached_category_choices()
            with django_assert_num_queries(0):
                assert cached_category_choices() == first
            assert first == tuple(category_choices())
    english.name = "Renamed in English"
    english.save()
    with translation.override("en"):
        assert (row.pk, "Renamed in English") in cached_category_choices()
    with translation.override("bn"):
        assert (row.pk, row.name) in cached_category_choices()
    new = CaseCategory.objects.create(locale=bn, code="zz_cached", name="নতুন বিষয়", migration_stage="abroad")
    with translation.override("en"):
        assert (new.pk, "নতুন বিষয়") in cached_category_choices()  # untranslated: the Bangla name
    new.delete()
    with translation.override("en"):
        assert all(pk != new.pk for pk, _name in cached_category_choices())
