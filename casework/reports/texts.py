"""The qualitative parts of reports: case studies and what post-analyses say about gaps.

A fixed number of queries whatever the number of items (the list is capped at LIMIT): the items,
their categories, their gap tags and the personal values to redact.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.templatetags.portal_tags import local_digits

from casework.models import Case, PostAnalysis
from casework.states import Channel

from . import definitions as d
from .aggregates import case_study_cases
from .formatting import number
from .redaction import personal_values, redact

LIMIT = 30


def _categories(case_ids) -> dict[int, list[str]]:
    through = Case.categories.through
    pairs = list(through.objects.filter(case_id__in=case_ids).values_list("case_id", "casecategory_id"))
    labels = d._category_labels([c for _case, c in pairs])
    out = defaultdict(list)
    for case_id, category_id in pairs:
        out[case_id].append(labels.get(category_id, ""))
    return out


def _year(moment) -> str:
    return local_digits(str(timezone.localtime(moment).year))


def _favours_label(value: str) -> str:
    return str(dict(Case.Favours.choices).get(value, _("No result recorded")))


def _channel_label(value: str) -> str:
    return str(dict(Channel.choices).get(value, _("Not referred yet")))


def _place(case: Case, identified: bool) -> str:
    # In anonymised views a district, with category, year and country, can point at one person.
    place = case.district if identified and case.district_id else case.division
    return place.name if place else str(d.NOT_RECORDED)


def case_study_items(cases, *, identified: bool) -> list[dict]:
    studies = list(
        case_study_cases(cases)
        .select_related("post_analysis", "district", "division", "destination_country", "result")
        .order_by("-created_at", "-id")[:LIMIT]
    )
    ids = [c.pk for c in studies]
    categories = _categories(ids)
    personal = personal_values(ids)
    items = []
    for n, case in enumerate(studies, start=1):
        pa = case.post_analysis
        values = personal.get(case.pk, set())
        if not identified:
            values = values | {case.case_number}
        facts = [
            (_("Year received"), _year(case.created_at)),
            (_("Place"), _place(case, identified)),
            (_("Case categories"), ", ".join(sorted(categories.get(case.pk, [])))),
            (_("Destination country"), case.destination_country.name if case.destination_country else str(d.NOT_RECORDED)),
            (_("Redress channel"), _channel_label(case.channel)),
            (_("Result"), case.result.name if case.result else _("No result recorded")),
            (_("Result favours the worker"), _favours_label(case.result_favours_worker)),
        ]
        if case.money_recovered:
            facts.append((_("Money recovered (BDT)"), number(case.money_recovered)))
        paragraphs = [
            (_("What happened and why"), redact(pa.analysis, values)),
            (_("Outside factors"), redact(pa.external_factors, values)),
            (_("What went well and why"), redact(pa.went_well, values)),
            (_("What went wrong"), redact(pa.went_wrong, values)),
        ]
        items.append({
            "heading": case.case_number if identified else _("Case study %(n)s") % {"n": number(n)},
            "case_pk": case.pk if identified else None,
            "facts": facts,
            "paragraphs": [(label, text) for label, text in paragraphs if text],
        })
    return items


def gap_text_items(cases, *, identified: bool) -> list[dict]:
    analyses = list(
        PostAnalysis.objects.filter(case__in=cases.order_by().values("pk"))
        .exclude(went_well="", went_wrong="", external_factors="")
        .select_related("case")
        .order_by("-updated_at", "-id")[:LIMIT]
    )
    ids = [pa.case_id for pa in analyses]
    categories = _categories(ids)
    personal = personal_values(ids)
    gap_pairs = list(PostAnalysis.gaps.through.objects.filter(postanalysis__in=[pa.pk for pa in analyses])
                     .values_list("postanalysis_id", "gaptag_id"))
    gap_labels = d._gap_labels([g for _pa, g in gap_pairs])
    gaps = defaultdict(list)
    for pa_id, tag_id in gap_pairs:
        gaps[pa_id].append(gap_labels.get(tag_id, ""))
    items = []
    for n, pa in enumerate(analyses, start=1):
        values = personal.get(pa.case_id, set())
        if not identified:
            values = values | {pa.case.case_number}
        items.append({
            "heading": pa.case.case_number if identified else _("Post-analysis %(n)s") % {"n": number(n)},
            "case_pk": pa.case_id if identified else None,
            "facts": [
                (_("Year received"), _year(pa.case.created_at)),
                (_("Case categories"), ", ".join(sorted(categories.get(pa.case_id, [])))),
                (_("Redress channel"), _channel_label(pa.case.channel)),
                (_("Result favours the worker"), _favours_label(pa.case.result_favours_worker)),
                (_("Gaps"), ", ".join(sorted(gaps.get(pa.pk, []))) or _("No gap named")),
            ],
            "paragraphs": [(label, text) for label, text in [
                (_("What went well and why"), redact(pa.went_well, values)),
                (_("What went wrong"), redact(pa.went_wrong, values)),
                (_("Outside factors"), redact(pa.external_factors, values)),
            ] if text],
        })
    return items
