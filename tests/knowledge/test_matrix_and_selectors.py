import pytest
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
    # the synchronised fact (BMET no longer accepts) shows on the English matrix too, through the
    # English row that wagtail-localize keeps in step with the Bangla one on sync
    assert html.count('<tr id="category-') == CaseCategory.objects.filter(locale=bn).count()


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
    assert result.channel_codes == ["mission_labour_wing", "bmet", "wewb", "court", "police_helpline"]
    # "messages" is recommended for wage theft but required for abuse: required wins
    assert "messages" in [d.code for d in result.required_documents]


def test_find_help_stage_only_lists_that_stage(knowledge):
    result = recommend(stage="before_departure", problems=[])
    assert {c.migration_stage for c in result.categories} == {"before_departure"}
    assert "mission_labour_wing" not in result.channel_codes


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
