"""Case-study and post-analysis items (casework/reports/texts.py, views.text_item_html): the facts
they name in both languages, the places and personal values they remove, their HTML, and a fixed
number of queries however many items are listed, none of them for a reference list."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.template.defaultfilters import linebreaksbr
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from casework.models import Case, Country, District, PostAnalysis, ResultType, Upazila
from casework.reports import definitions as d
from casework.reports.views import text_item_html
from tests.factories import make_case, staff_user

pytestmark = pytest.mark.django_db
REMOVED = {"en": "[removed]", "bn": "[সরানো হয়েছে]"}


def _study(text="Mediation at the union parishad worked.", *, upazila=None, **fields):
    """A closed case flagged as a case study, with the worker's consent."""
    upazila = upazila or Upazila.objects.select_related("district").order_by("id").first()
    case = make_case(upazila=upazila)
    Case.objects.filter(pk=case.pk).update(status="closed", consent_case_study=True, **fields)
    PostAnalysis.objects.create(case=case, analysis=text, went_wrong="BMET took months.", case_study=True,
                                author=case.entered_by)
    return Case.objects.select_related("district", "division", "upazila", "destination_country").get(pk=case.pk)


def _page(client, lang, slug="case-studies"):
    with translation.override(lang):
        response = client.get(f"/{lang}/reports/{slug}/")
    assert response.status_code == 200
    return response


def _item(client, lang, case):
    return next(i for i in _page(client, lang).context["texts"] if i["case_pk"] == case.pk)


def test_an_identified_case_study_names_place_country_and_result_in_the_readers_language(client):
    result = ResultType.objects.create(code="test-repaid", name_en="Money repaid", name_bn="টাকা ফেরত")
    country = Country.objects.get(code="SA")
    named = _study(result=result, destination_country=country, money_recovered=Decimal(60000),
                   channel="gmc", result_favours_worker="yes")
    bare = _study(district=None, destination_country=None, result=None)
    client.force_login(staff_user(roles=["programme_lead"]))
    for lang, name in (("en", "name_en"), ("bn", "name_bn")):
        values = [v for _label, v in _item(client, lang, named)["facts"]]
        assert getattr(named.district, name) in values, (lang, values)
        assert getattr(country, name) in values and getattr(result, name) in values, (lang, values)
        values = [v for _label, v in _item(client, lang, bare)["facts"]]
        with translation.override(lang):
            not_recorded, no_result = str(d.NOT_RECORDED), translation.gettext("No result recorded")
        assert getattr(bare.division, name) in values, (lang, values)  # no district: the division
        assert not_recorded in values and no_result in values, (lang, values)
    with translation.override("bn"):
        assert str(d.NOT_RECORDED) != "Not recorded"


def test_a_renamed_result_district_or_country_is_shown_at_once(client):
    """The names come from cached lists (portal.widgets.cached_names); an edit drops them."""
    result = ResultType.objects.create(code="test-settled", name_en="Settled", name_bn="মীমাংসা")
    case = _study(result=result)
    client.force_login(staff_user(roles=["programme_lead"]))
    assert "Settled" in [v for _l, v in _item(client, "en", case)["facts"]]  # fills the cache
    result.name_en = "Settled in mediation"
    result.save()
    district = District.objects.get(pk=case.district_id)
    district.name_en = "Renamed district"
    district.save()
    country = Country.objects.get(pk=case.destination_country_id)
    country.name_bn = "নতুন দেশ"
    country.save()
    values = [v for _l, v in _item(client, "en", case)["facts"]]
    assert "Settled in mediation" in values and "Renamed district" in values
    assert "নতুন দেশ" in [v for _l, v in _item(client, "bn", case)["facts"]]


def test_personal_values_are_removed_from_an_identified_case_study(client):
    case = _study()
    Case.objects.filter(pk=case.pk).update(consent_taken_by="Nasrin Akter", register_number="REG-7731")
    PostAnalysis.objects.filter(case=case).update(
        analysis="Nasrin Akter took the consent; Kashem Dalal returned the money (REG-7731).")
    client.force_login(staff_user(roles=["programme_lead"]))
    for lang in ("en", "bn"):
        text = dict(_item(client, lang, case)["paragraphs"]).values()
        joined = " ".join(text)
        assert "Nasrin" not in joined and "Kashem" not in joined and "REG-7731" not in joined, joined
        assert REMOVED[lang] in joined


def test_anonymised_case_studies_remove_the_district_and_upazila_names(client):
    upazila = Upazila.objects.select_related("district").order_by("id").first()
    district = upazila.district
    text = f"The worker from {upazila.name_en} ({upazila.name_bn}), {district.name_en} district, was repaid."
    studies = [_study(text, upazila=upazila) for _ in range(5)]
    client.force_login(staff_user(roles=["meal_analyst"]))
    for lang in ("en", "bn"):
        response = _page(client, lang)
        items = response.context["texts"]
        assert len(items) == 5 and all(item["case_pk"] is None for item in items)
        html = response.content.decode()
        texts = html[html.index('class="report-section report-texts'):]  # the filters list every place
        for name in (upazila.name_en, upazila.name_bn, district.name_en):
            assert name not in texts, (lang, name)
        assert all(REMOVED[lang] in " ".join(t for _l, t in item["paragraphs"]) for item in items)
        assert not any(s.case_number in html for s in studies)


def _old_text_item_html(item):
    """text_item_html as it was written with format_html (commit c87c02c): the reference output."""
    heading = format_html('<a href="{}">{}</a>', item["url"], item["heading"]) if item.get("url") else item["heading"]
    facts = format_html_join("", "<dt>{}</dt><dd>{}</dd>", item["facts"])
    paragraphs = format_html_join("", "<h4>{}</h4><p>{}</p>", (
        (label, linebreaksbr(text, autoescape=True)) for label, text in item["paragraphs"]))
    return format_html('<article class="report-text-item"><h3>{}</h3><dl class="report-facts">{}</dl>{}</article>',
                       heading, facts, paragraphs)


@pytest.mark.parametrize("url", ["", "/en/cases/7/?a=1&b=<x>"])
def test_text_item_html_escapes_every_part_as_format_html_did(url):
    item = {
        "heading": 'PRK-2026-00007 <script>alert("x")</script>', "url": url,
        "facts": [("Place", "Dhaka & <b>Gazipur</b>"), ("Money recovered (BDT)", "৫০,০০০"), ("Note", mark_safe("<i>ok</i>"))],
        "paragraphs": [("What happened", "Line one\r\nline 'two'\rline <three>\n\nend"), ("Gaps", "")],
    }
    new = text_item_html(item)
    assert new == _old_text_item_html(item)
    assert "<script>" not in new and "&lt;script&gt;" in new and "<i>ok</i>" in new
    assert "Line one<br>line &#x27;two&#x27;<br>line &lt;three&gt;<br><br>end" in new


REFERENCE_TABLES = ("casework_resulttype", "casework_district", "casework_division", "casework_upazila",
                    "casework_country", "knowledge_casecategory", "casework_organization")


def _queries(client, lang, slug):
    _page(client, lang, slug)  # fills the cached lists
    with CaptureQueriesContext(connection) as captured:
        _page(client, lang, slug)
    return [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("role", ["programme_lead", "meal_analyst"])
@pytest.mark.parametrize("slug", ["case-studies", "gaps"])
def test_text_reports_run_the_same_queries_for_5_or_10_items_and_none_for_a_reference_list(client, role, slug):
    PostAnalysis.objects.all().delete()
    for n in range(5):
        _study(f"Story {n}.")
    client.force_login(staff_user(roles=[role]))
    five = _queries(client, "en", slug)
    assert len(_page(client, "en", slug).context["texts"]) == 5
    for n in range(5):
        _study(f"Story {5 + n}.", upazila=Upazila.objects.order_by("-id")[n])
    ten = _queries(client, "bn", slug)
    assert len(_page(client, "bn", slug).context["texts"]) == 10
    assert len(ten) == len(five), (len(five), len(ten))
    for sql in ten:
        assert not any(f'"{table}"' in sql for table in REFERENCE_TABLES), sql  # read, joined or not
