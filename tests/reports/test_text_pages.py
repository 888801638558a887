"""Identified text lists come a page at a time (casework/reports/texts.py PAGE_SIZE), newest first,
every text reachable page by page; anonymised lists stay one page; the xlsx export holds the newest
EXPORT_SIZE and says when more match."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from casework.models import Case, PostAnalysis, Upazila
from casework.reports import texts as t
from casework.reports.views import ReportExportView, page_number
from tests.factories import make_case, staff_user

pytestmark = pytest.mark.django_db
N_STUDIES = 2 * t.PAGE_SIZE + 3  # three pages: full, full, three


def _studies(n=N_STUDIES, channel="gmc") -> list[int]:
    """`n` case studies with the worker's consent, in the order the list shows them (newest first)."""
    upazila = Upazila.objects.order_by("id").first()
    for i in range(n):
        case = make_case(upazila=upazila)
        Case.objects.filter(pk=case.pk).update(status="closed", consent_case_study=True, channel=channel)
        PostAnalysis.objects.create(case=case, analysis=f"Story {i}.", went_wrong="BMET took months.",
                                    case_study=True, author=case.entered_by)
    studies = Case.objects.filter(consent_case_study=True, post_analysis__case_study=True)
    return list(studies.order_by("-created_at", "-id").values_list("pk", flat=True))


def _newest_analyses() -> list[int]:
    return list(PostAnalysis.objects.order_by("-updated_at", "-id").values_list("case_id", flat=True))


def _get(client, slug, query="", lang="en"):
    with translation.override(lang):
        url = reverse("reports:report", kwargs={"slug": slug})
    response = client.get(url + query)
    assert response.status_code == 200, (slug, query)
    return response


def _listed(response) -> list[int]:
    return [item["case_pk"] for item in response.context["texts"]]


@pytest.mark.parametrize("slug", ["case-studies", "gaps"])
def test_identified_texts_come_a_page_at_a_time_and_every_one_is_reachable(client, slug):
    PostAnalysis.objects.all().delete()
    studies = _studies()
    order = studies if slug == "case-studies" else _newest_analyses()
    client.force_login(staff_user(roles=["programme_lead"]))
    pages = [_get(client, slug, f"?page={n}") for n in (1, 2, 3)]
    assert [_listed(p) for p in pages] == [order[:10], order[10:20], order[20:]]
    first, middle, last = (p.context["texts_pager"] for p in pages)
    assert first["older"] == "?page=2" and not first["newer"]
    assert middle["newer"] == f"/en/reports/{slug}/" and middle["older"] == "?page=3"
    assert last["newer"] == "?page=2" and not last["older"]
    html = pages[1].content.decode()
    assert 'href="?page=3" rel="next">Older ones →' in html and "This is page 2." in html
    assert _listed(_get(client, slug)) == order[:10]  # no page asked: the first


def test_the_pager_speaks_bangla_with_bangla_digits(client):
    PostAnalysis.objects.all().delete()
    _studies()
    client.force_login(staff_user(roles=["programme_lead"]))
    html = _get(client, "case-studies", "?page=2", lang="bn").content.decode()
    assert "নতুনগুলো আগে, এক পাতায় ১০টি। এটি ২ নম্বর পাতা।" in html
    assert "← আরও নতুনগুলো" in html and "আরও পুরোনোগুলো →" in html
    assert "Older ones" not in html and "This is page" not in html


def test_a_single_page_shows_no_pager(client):
    PostAnalysis.objects.all().delete()
    _studies(t.PAGE_SIZE)  # exactly one page: the row read beyond it is not there
    client.force_login(staff_user(roles=["programme_lead"]))
    response = _get(client, "case-studies")
    assert len(response.context["texts"]) == t.PAGE_SIZE and response.context["texts_pager"] is None
    assert "Older ones" not in response.content.decode()


@pytest.mark.parametrize("value, expected", [
    ("2", 2), ("২", 2), ("১২", 12), (" 3 ", 3), ("", 1), (None, 1), ("0", 1), ("-2", 1), ("abc", 1),
    ("2.5", 1), ("1e3", 1), ("99999999999999", 1), ("100000", 100_000),
])
def test_page_numbers_read_bangla_digits_and_anything_else_is_the_first_page(value, expected):
    assert page_number(value) == expected


def test_bad_or_past_the_end_page_numbers_give_a_page_not_an_error(client):
    PostAnalysis.objects.all().delete()
    studies = _studies()
    client.force_login(staff_user(roles=["programme_lead"]))
    assert _listed(_get(client, "case-studies", "?page=২")) == studies[10:20]
    for junk in ("abc", "0", "-1", "99999999999999", "%E0%A6%95"):
        assert _listed(_get(client, "case-studies", f"?page={junk}")) == studies[:10], junk
    for lang, words in (("en", ("Nothing more to show", "Go to the first page")),
                        ("bn", ("আর কিছু দেখানোর নেই", "প্রথম পাতায় যান"))):
        response = _get(client, "case-studies", "?page=9", lang=lang)
        html = response.content.decode()
        assert response.context["texts"] == [] and all(w in html for w in words), lang
        assert f'href="/{lang}/reports/case-studies/"' in html  # the first page
        assert not response.context["texts_pager"]["newer"] and 'rel="prev"' not in html  # not page 8


def test_filters_stay_in_the_page_links_and_the_page_stays_out_of_every_other_link(client):
    PostAnalysis.objects.all().delete()
    studies = _studies()
    client.force_login(staff_user(roles=["programme_lead"]))
    response = _get(client, "case-studies", "?channel=gmc&page=2")
    assert _listed(response) == studies[10:20]  # the filter applied, the page kept
    pager = response.context["texts_pager"]
    assert pager["older"] == "?channel=gmc&page=3" and pager["newer"] == "?channel=gmc"
    assert response.context["query_string"] == "channel=gmc"
    html = response.content.decode()
    assert 'href="/en/reports/case-studies/xlsx/?channel=gmc"' in html  # the export: from the newest
    assert 'href="/en/reports/gender/?channel=gmc"' in html  # another report: its first page
    main = html[html.index('<main'):html.index('</main>')]  # the header's language links keep the page
    paged = re.findall(r'href="([^"]*page=[^"]*)"', main)
    assert paged == ["?channel=gmc&amp;page=3"], paged  # the pager alone names a page
    # A page alone is no filter: the form is not bound (its panel stays closed) and nothing is "in force".
    alone = _get(client, "case-studies", "?page=2")
    assert not alone.context["filter"].is_bound and not alone.context["filter"].is_filtered
    assert _get(client, "case-studies", "?channel=bmet&page=2").context["texts"] == []  # no such cases


def test_every_page_runs_the_same_queries(client):
    PostAnalysis.objects.all().delete()
    _studies()
    client.force_login(staff_user(roles=["programme_lead"]))
    counts = []
    for query in ("", "?page=2", "?page=3"):
        _get(client, "case-studies", query)  # fills the cached lists
        with CaptureQueriesContext(connection) as captured:
            _get(client, "case-studies", query)
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1] == counts[2], counts


def test_a_legal_advisor_pages_through_the_post_analyses_rules_let_them_open(client):
    from tests.factories import OrganizationFactory

    PostAnalysis.objects.all().delete()
    studies = _studies()
    legal_org = OrganizationFactory(name="Paging legal aid NGO")
    mine = studies[3:15]  # twelve: two pages
    Case.objects.filter(pk__in=mine).update(legal_aid_org=legal_org)
    advisor = staff_user(roles=["legal_advisor"], organization=legal_org)
    client.force_login(advisor)
    allowed = [pk for pk in studies if advisor.has_perm("casework.view_post_analysis", Case.objects.get(pk=pk))]
    assert allowed == mine
    first, second = _get(client, "case-studies"), _get(client, "case-studies", "?page=2")
    assert _listed(first) + _listed(second) == mine
    assert first.context["texts_pager"]["older"] == "?page=2" and not second.context["texts_pager"]["older"]
    assert "Only the post-analyses of cases you work on are listed." in second.content.decode()


def test_anonymised_lists_are_one_page_whatever_page_is_asked(client):
    PostAnalysis.objects.all().delete()
    _studies()
    client.force_login(staff_user(roles=["meal_analyst"]))
    first = _get(client, "case-studies")
    texts = first.context["texts"]
    assert len(texts) == 20 and first.context["texts_pager"] is None  # 23 rounded down to a multiple of 5
    again = _get(client, "case-studies", "?page=2")
    assert [i["heading"] for i in again.context["texts"]] == [i["heading"] for i in texts]
    assert not again.context["filter"].is_filtered and again.context["texts_withheld"] == ""
    assert "Older ones" not in again.content.decode()


def _texts_sheet(response):
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book[book.sheetnames[-1]]
    return [row for row in sheet.iter_rows(values_only=True)]


def test_the_export_holds_the_newest_texts_and_says_when_more_match(client, monkeypatch):
    PostAnalysis.objects.all().delete()
    studies = _studies()
    numbers = dict(Case.objects.values_list("pk", "case_number"))
    client.force_login(staff_user(roles=["programme_lead"]))

    def headings(rows):
        return [r[0] for r in rows if r[0] in numbers.values()]

    url = reverse("reports:report_xlsx", kwargs={"slug": "case-studies"})
    rows = _texts_sheet(client.get(url + "?page=3"))  # the page shown does not matter
    assert headings(rows) == [numbers[pk] for pk in studies]  # all 23, newest first
    assert not any("more match" in str(r[0]) for r in rows)
    monkeypatch.setattr(ReportExportView, "text_page_size", 15)
    for lang, note in (("en", "Only the newest 15 texts are in this file; more match."),
                       ("bn", "এই ফাইলে শুধু সবচেয়ে নতুন ১৫টি লেখা আছে; আরও আছে।")):
        with translation.override(lang):
            url = reverse("reports:report_xlsx", kwargs={"slug": "case-studies"})
        rows = _texts_sheet(client.get(url))
        assert str(rows[0][0]).startswith(note), (lang, rows[0])
        assert headings(rows) == [numbers[pk] for pk in studies[:15]], lang
