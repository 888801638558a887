"""The qualitative parts of reports: case studies and what post-analyses say about gaps.

Two forms (views.ReportView.texts decides who gets which):
- identified (`user` given): the case number, district, channel, result and exact money, for the
  cases whose post-analysis the user may open, asked of casework/rules.py per case
  (`view_post_analysis`); the rest of the report's cases are left out, not anonymised, because
  the SPEC §1 matrix gives advisors post-analysis text in their scope only.
- anonymised (`user` None, MEAL): no case number, and one fact only that the count tables also
  break down by: the case categories of a case study, the gaps of a post-analysis, each named
  only when at least 5 of the listed kind (case studies, post-analyses) in the scope have it.
  Every item is one case that the reader can count; with two such facts (say division and
  category) the items of a pair would be a lower bound on a cell that a filtered table shows
  as "<5", and when every case of that cell is listed the "<5" is undone. Money is a band. The
  number of items is rounded down to a multiple of 5, like every count.

Identified lists come a page of PAGE_SIZE at a time, newest first, every text reachable page by page
(the next page is known by reading one row more, not by counting: a count of the case studies costs as
much as the report's own table). Anonymised lists are one page of at most LIMIT, as below.
A fixed number of queries whatever the number of items.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.sql import IdQuery
from portal.templatetags.portal_tags import local_digits
from portal.widgets import cached_names, name_in_language

from casework.models import Case, Country, District, Division, PostAnalysis, ResultType, Upazila
from casework.selectors import case_scope_q
from casework.states import Channel

from . import definitions as d
from .aggregates import case_study_cases
from .formatting import number
from .redaction import personal_values, redactor
from .tables import ROUND_TO, THRESHOLD

LIMIT = 30  # anonymised lists: a multiple of ROUND_TO, so a full list says nothing more than "at least 30"
PAGE_SIZE = 10  # identified lists, on screen: a page a phone scrolls through, older ones a link away
EXPORT_SIZE = 100  # identified lists in the xlsx export: the newest 100
MONEY_BANDS = (50_000, 100_000, 500_000)


_CATEGORIES = IdQuery(lambda ids: Case.categories.through.objects.filter(case_id__in=ids).order_by()
                      .values_list("case_id", "casecategory_id"))


def _categories(case_ids) -> dict[int, list[int]]:
    out = defaultdict(list)
    for case_id, category_id in _CATEGORIES.rows(case_ids):
        out[case_id].append(category_id)
    return out


def _not_named() -> str:
    return _("not named here (fewer than 5)")


def _category_text(ids: list[int], labels: dict, named: set | None) -> str:
    shown = sorted(labels.get(i, "") for i in ids if named is None or i in named)
    if named is not None and any(i not in named for i in ids):
        shown.append(_not_named())
    return ", ".join(shown)


def _year(moment) -> int:
    return timezone.localtime(moment).year


class _Words:
    """The words that every listed item repeats, translated once per list instead of once per item
    (a page lists 30 items of up to 11 labelled parts)."""

    def __init__(self):
        self.year, self.place, self.categories = _("Year received"), _("Place"), _("Case categories")
        self.country, self.channel, self.result = _("Destination country"), _("Redress channel"), _("Result")
        self.favours, self.money, self.gaps = _("Result favours the worker"), _("Money recovered (BDT)"), _("Gaps")
        self.no_result, self.no_gap = _("No result recorded"), _("No gap named")
        self.happened, self.outside = _("What happened and why"), _("Outside factors")
        self.went_well, self.went_wrong = _("What went well and why"), _("What went wrong")
        self.not_recorded = str(d.NOT_RECORDED)
        self._channels = {value: str(label) for value, label in Channel.choices}
        self._favours = {value: str(label) for value, label in Case.Favours.choices}
        self._not_referred = _("Not referred yet")

    def channel_label(self, value: str) -> str:
        return self._channels.get(value, self._not_referred)

    def favours_label(self, value: str) -> str:
        return self._favours.get(value, self.no_result)


def money_band(value) -> str:
    """An amount as a band (anonymised case studies): close enough to tell the story, not exact."""
    value = int(value)
    if value < MONEY_BANDS[0]:
        return _("less than %(amount)s") % {"amount": number(MONEY_BANDS[0])}
    for low, high in zip(MONEY_BANDS, MONEY_BANDS[1:]):
        if value < high:
            return _("%(low)s to %(high)s") % {"low": number(low), "high": number(high)}
    return _("%(amount)s or more") % {"amount": number(MONEY_BANDS[-1])}


def _named(queryset, field: str, keep_none: bool = False) -> set:
    """Values of `field` that at least THRESHOLD rows of `queryset` have (one grouped query)."""
    rows = queryset.order_by().values(v=F(field)).annotate(n=Count("pk", distinct=True)).filter(n__gte=THRESHOLD)
    return {r["v"] for r in rows if keep_none or r["v"] is not None}


def _rounded(items: list) -> list:
    return items[: len(items) - len(items) % ROUND_TO]


def _limited_scope(user):
    """The Q of the cases `user` may see, or None when that is every case (or no user is given).

    An empty Q() is the programme lead's "everything": excluding it excludes nothing (Django drops
    an empty condition), so "are some cases outside the scope?" must not be asked with it."""
    if user is None:
        return None
    scope = case_scope_q(user)
    return scope if scope else None


@dataclass
class TextPage:
    """One page of a text list: its items, whether the reader's role left some texts of the report
    out, the page's number and whether an older page follows (identified lists only)."""

    items: list[dict] = field(default_factory=list)
    left_out: bool = False
    number: int = 1
    has_next: bool = False


def _page_of(queryset, number: int, size: int) -> tuple[list, bool]:
    """Rows of page `number` (from 1), and whether another page follows: one query of size + 1 rows."""
    start = (number - 1) * size
    rows = list(queryset[start:start + size + 1])
    return rows[:size], len(rows) > size


def _permitted(user, cases: list) -> list:
    return [c for c in cases if user.has_perm("casework.view_post_analysis", c)]


def case_study_items(cases, *, user=None, page: int = 1, size: int = PAGE_SIZE) -> TextPage:
    """Case-study items, identified for `user` (page `page` of `size`) or anonymised when `user` is
    None (one list of at most LIMIT); and whether some case studies of the report were left out
    because the user may not read them."""
    identified = user is not None
    scope = _limited_scope(user)
    studies = case_study_cases(cases)
    if scope is not None:
        # The scope query only keeps the pages full; rules.py decides, case by case, below.
        studies = studies.filter(scope)
    # Cases and post-analyses only: places, countries and results are named from the cached lists
    # (portal.widgets.cached_names), categories from the cached options (d._category_labels). With
    # every reference table joined or prefetched, the list cost 10 ms in Python and SQL; now 5.
    listed = studies.select_related("post_analysis").order_by("-created_at", "-id")
    left_out = has_next = False
    if identified:
        found, has_next = _page_of(listed, page, size)
        kept = _permitted(user, found)
        left_out = len(kept) < len(found) or (scope is not None and case_study_cases(cases).exclude(scope).exists())
        found = kept
    else:
        found = _rounded(list(listed[:LIMIT]))
        if not found:
            return TextPage()
        named_categories = _named(case_study_cases(cases), "categories")
    categories = _categories([c.pk for c in found])
    category_labels = d._category_labels({c for ids in categories.values() for c in ids})
    personal = personal_values(found)
    places = _Places()
    w = _Words()
    items = []
    for n, case in enumerate(found, start=1):
        pa = case.post_analysis
        values = personal.get(case.pk, set())
        if identified:
            facts = [
                (w.year, local_digits(_year(case.created_at))),
                (w.place, places.district_or_division(case) or w.not_recorded),
                (w.categories, _category_text(categories.get(case.pk, []), category_labels, None)),
                (w.country, places.country(case) or w.not_recorded),
                (w.channel, w.channel_label(case.channel)),
                (w.result, places.result(case) or w.no_result),
                (w.favours, w.favours_label(case.result_favours_worker)),
            ]
            if case.money_recovered:
                facts.append((w.money, number(case.money_recovered)))
        else:
            # No place is named in this view: remove the district and upazila from the text too.
            values = values | {case.case_number} | places.all_names(case)
            categories_text = _category_text(categories.get(case.pk, []), category_labels, named_categories)
            facts = [(w.categories, categories_text)]
            if case.money_recovered:
                facts.append((w.money, money_band(case.money_recovered)))
        redact_text = redactor(values)
        paragraphs = [
            (w.happened, redact_text(pa.analysis)),
            (w.outside, redact_text(pa.external_factors)),
            (w.went_well, redact_text(pa.went_well)),
            (w.went_wrong, redact_text(pa.went_wrong)),
        ]
        items.append({
            "heading": case.case_number if identified else _("Case study %(n)s") % {"n": number(n)},
            "case_pk": case.pk if identified else None,
            "facts": facts,
            "paragraphs": [(label, text) for label, text in paragraphs if text],
        })
    return TextPage(items, left_out, page if identified else 1, has_next)


class _Places:
    """Names of a case's places, destination and result, from the cached reference lists."""

    def __init__(self):
        self._tables = {}

    def _names(self, model, pk):
        if pk is None:
            return None
        if model not in self._tables:
            self._tables[model] = cached_names(model)
        return self._tables[model].get(pk)

    def district_or_division(self, case) -> str:
        if case.district_id:
            return name_in_language(self._names(District, case.district_id))
        return name_in_language(self._names(Division, case.division_id))

    def country(self, case) -> str:
        return name_in_language(self._names(Country, case.destination_country_id))

    def result(self, case) -> str:
        return name_in_language(self._names(ResultType, case.result_id))

    def all_names(self, case) -> set[str]:
        """The district's and upazila's names in both languages (to remove them from a text)."""
        out = set()
        for model, pk in ((District, case.district_id), (Upazila, case.upazila_id)):
            out.update(v for v in (self._names(model, pk) or ()) if v)
        return out


def gap_text_items(cases, *, user=None, page: int = 1, size: int = PAGE_SIZE) -> TextPage:
    """What post-analyses say about gaps, identified for `user` or anonymised (see case_study_items)."""
    identified = user is not None
    with_text = PostAnalysis.objects.filter(case__in=cases.order_by().values("pk")).exclude(
        went_well="", went_wrong="", external_factors="")
    analyses = with_text
    scope = _limited_scope(user)
    if scope is not None:
        in_case_scope = Case.objects.filter(scope).values("pk")
        analyses = analyses.filter(case__in=in_case_scope)
    listed = analyses.select_related("case").order_by("-updated_at", "-id")
    left_out = has_next = False
    if identified:
        found, has_next = _page_of(listed, page, size)
        kept = {c.pk for c in _permitted(user, [pa.case for pa in found])}
        left_out = len(kept) < len(found) or (scope is not None and with_text.exclude(case__in=in_case_scope).exists())
        found = [pa for pa in found if pa.case_id in kept]
    else:
        found = _rounded(list(listed[:LIMIT]))
        if not found:
            return TextPage()
        in_scope = PostAnalysis.objects.filter(case__in=cases.order_by().values("pk"))
        named_gaps = _named(in_scope, "gaps", keep_none=True)  # None: analyses that name no gap
    categories = _categories([pa.case_id for pa in found])
    category_labels = d._category_labels({c for ids in categories.values() for c in ids})
    personal = personal_values([pa.case for pa in found])
    places = _Places()
    gap_pairs = list(PostAnalysis.gaps.through.objects.filter(postanalysis__in=[pa.pk for pa in found])
                     .values_list("postanalysis_id", "gaptag_id"))
    gap_labels = d._gap_labels([g for _pa, g in gap_pairs])
    gaps = defaultdict(list)
    for pa_id, tag_id in gap_pairs:
        gaps[pa_id].append(tag_id)
    w = _Words()
    items = []
    for n, pa in enumerate(found, start=1):
        values = personal.get(pa.case_id, set())
        tags = gaps.get(pa.pk, [])
        if identified:
            gap_text = ", ".join(sorted(gap_labels.get(t, "") for t in tags)) or w.no_gap
            facts = [
                (w.year, local_digits(_year(pa.case.created_at))),
                (w.categories, _category_text(categories.get(pa.case_id, []), category_labels, None)),
                (w.channel, w.channel_label(pa.case.channel)),
                (w.favours, w.favours_label(pa.case.result_favours_worker)),
            ]
        else:
            values = values | {pa.case.case_number} | places.all_names(pa.case)
            shown = sorted(gap_labels.get(t, "") for t in tags if t in named_gaps)
            gap_text = ", ".join(shown + ([_not_named()] if any(t not in named_gaps for t in tags) else []))
            if not tags:
                gap_text = w.no_gap if None in named_gaps else _not_named()
            facts = []
        facts.append((w.gaps, gap_text))
        redact_text = redactor(values)
        items.append({
            "heading": pa.case.case_number if identified else _("Post-analysis %(n)s") % {"n": number(n)},
            "case_pk": pa.case_id if identified else None,
            "facts": facts,
            "paragraphs": [(label, text) for label, text in [
                (w.went_well, redact_text(pa.went_well)),
                (w.went_wrong, redact_text(pa.went_wrong)),
                (w.outside, redact_text(pa.external_factors)),
            ] if text],
        })
    return TextPage(items, left_out, page if identified else 1, has_next)
