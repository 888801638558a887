"""Thin views: scope → filters → aggregates → suppression → page, chart or xlsx."""

from __future__ import annotations

import html

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from casework.models import Case

from . import charts
from . import definitions as d
from .aggregates import build_tables, overdue_q
from .filters import ReportFilter
from .formatting import anonymised_note, cell_text, cell_title
from .scope import report_scope
from .tables import TOTAL, Cell, Table, anonymised_count
from .texts import EXPORT_SIZE, PAGE_SIZE, TextPage, case_study_items, gap_text_items
from .xlsx import workbook


class ReportAccessMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "casework.view_reports"
    raise_exception = False  # signed-out people go to the login page; signed-in ones get 403

    def setup_report(self):
        self.scope = report_scope(self.request.user)
        base = Case.objects.filter(self.scope.q)
        # The page of a text list is not a filter: links to other reports and the export leave it out.
        self.filter_data = self.request.GET.copy()
        self.filter_data.pop("page", None)
        self.filterset = ReportFilter(self.filter_data or None, queryset=base, request=self.request,
                                      anonymised=self.scope.anonymised)
        # Bad filter values are shown as form errors and ignored, never a 500.
        self.cases = self.filterset.qs

    def tables(self, sections, **kwargs):
        # Anonymised money only without filters (suppression.py, rule 4).
        return build_tables(sections, self.cases, anonymised=self.scope.anonymised,
                            money=not self.filterset.is_filtered, months=self.filterset.months(), **kwargs)


def present(table: Table) -> dict:
    """A table with its display strings and chart, for the template."""
    rows = []
    for line in table.body():
        cells = [{"text": cell_text(c), "title": cell_title(c), "hidden": c.hidden} for c in line["cells"]]
        derived = [{"text": cell_text(c), "title": cell_title(c), "hidden": c.hidden} for c in line["derived"]]
        rows.append({"label": _("Total") if line["is_total"] else line["label"], "is_total": line["is_total"],
                     "cells": cells, "derived": derived})
    headers = [c.label for c in table.columns]
    if table.show_row_totals:
        headers.append(table.total_label)
    headers += [x.label for x in table.derived]
    return {"table": table, "headers": headers, "rows": rows, "chart": charts.render(table)}


def key_figures(table: Table, overdue: int | None, anonymised: bool) -> list[dict]:
    """Tiles from a one-row summary table: received, in progress, resolved, declined (and overdue)."""
    row = table.body()[0]
    by_key = dict(zip([c.key for c in table.columns] + ([TOTAL] if table.show_row_totals else []), row["cells"]))
    derived = {x.key: c for x, c in zip(table.derived, row["derived"])}
    tiles = [
        {"key": "received", "label": table.total_label, "text": cell_text(by_key[TOTAL])},
        {"key": "resolved", "label": _("Resolved"), "text": cell_text(derived["resolved"])},
        {"key": "unresolved", "label": _("Unresolved (in progress)"), "text": cell_text(by_key["open"])},
        {"key": "declined", "label": _("Declined"), "text": cell_text(by_key["declined"])},
    ]
    if "rate" in derived:
        rate = derived["rate"]
        tiles.append({"key": "rate", "label": _("Success rate"),
                      "text": cell_text(rate) + ("%" if not rate.hidden and rate.value is not None else "")})
    if "money" in derived:
        tiles.append({"key": "money", "label": _("Money recovered (BDT)"), "text": cell_text(derived["money"])})
    if overdue is not None:
        cell = anonymised_count(overdue) if anonymised else Cell(overdue)
        tiles.append({"key": "overdue", "label": _("Overdue"), "text": cell_text(cell)})
    return tiles


def _escape(value) -> str:
    """conditional_escape without its lazy-string wrapper (called about 400 times a page)."""
    return value if isinstance(value, SafeData) else html.escape(str(value))


def _lines(text: str) -> str:
    """The linebreaksbr filter: escaped, each line break a <br>."""
    return _escape(text.replace("\r\n", "\n").replace("\r", "\n")).replace("\n", "<br>")


def text_item_html(item: dict) -> str:
    """One case study or post-analysis as an <article>, joined in Python: 30 items of eleven parts
    each cost the template engine about 14 ms a page, and format_html about 2 ms; every part is
    escaped here."""
    heading = _escape(item["heading"])
    if item.get("url"):
        heading = f'<a href="{_escape(item["url"])}">{heading}</a>'
    facts = "".join(f"<dt>{_escape(label)}</dt><dd>{_escape(value)}</dd>" for label, value in item["facts"])
    paragraphs = "".join(f"<h4>{_escape(label)}</h4><p>{_lines(text)}</p>" for label, text in item["paragraphs"])
    return mark_safe(  # noqa: S308 - every part is escaped above
        f'<article class="report-text-item"><h3>{heading}</h3><dl class="report-facts">{facts}</dl>{paragraphs}</article>'
    )


MAX_PAGE = 100_000


def page_number(value) -> int:
    """?page=…, in ASCII or Bangla digits; anything else (a typo, "0", letters) is the first page."""
    value = (value or "").strip()
    if not value.isdecimal() or len(value) > 6:
        return 1
    return min(max(int(value), 1), MAX_PAGE)  # int() reads "২" as 2


def _case_url(pk):
    try:
        return reverse("casework:case_detail", kwargs={"pk": pk})
    except NoReverseMatch:
        return ""


class DashboardView(ReportAccessMixin, TemplateView):
    template_name = "reports/dashboard.html"

    def get_context_data(self, **kwargs):
        self.setup_report()
        tables, extras = self.tables(d.DASHBOARD_SECTIONS, extra={"overdue": Count("pk", filter=overdue_q())})
        return {
            **super().get_context_data(**kwargs),
            "scope": self.scope,
            "anonymised_note": anonymised_note() if self.scope.anonymised else "",
            "filter": self.filterset,
            "filters_in_force": self.filterset.describe(),
            "tiles": key_figures(tables[0], extras.get("overdue"), self.scope.anonymised),
            "sections": [present(t) for t in tables[1:]],
            "reports": d.REPORTS,
        }


class ReportView(ReportAccessMixin, TemplateView):
    template_name = "reports/report.html"
    text_page_size = PAGE_SIZE

    def get_report(self) -> d.Report:
        report = d.REPORTS_BY_SLUG.get(self.kwargs["slug"])
        if report is None:
            raise Http404(_("No such report."))
        return report

    def report_content(self):
        self.setup_report()
        report = self.get_report()
        tables, _extras = self.tables(report.sections)
        texts, withheld, note = self.texts(report)
        for item in texts.items if texts else []:
            item["url"] = _case_url(item["case_pk"]) if item.get("case_pk") else ""
        return report, tables, texts, withheld, note

    def text_page_number(self) -> int:
        return page_number(self.request.GET.get("page"))

    def texts(self, report) -> tuple[TextPage | None, str, str]:
        """The report's free text (case studies or gaps): (a page of items or None, why withheld, a note).

        Post-analysis text follows the SPEC §1 matrix: `view_report_texts` says who reads it in
        reports at all (never coordinators or org admins); identified items are the cases the
        reader may open the post-analysis of (`view_post_analysis`, asked per case in texts.py);
        anonymised ones (MEAL) come only without filters (suppression.py, rule 5).
        """
        if not report.texts:
            return None, "", ""
        user = self.request.user
        if not user.has_perm("casework.view_report_texts"):
            return None, _("What the post-analyses say in their own words is shown to advisors, the programme "
                           "lead and MEAL staff only; you see the counts."), ""
        build = case_study_items if report.texts == "case_studies" else gap_text_items
        if not self.scope.anonymised:
            found = build(self.cases, user=user, page=self.text_page_number(), size=self.text_page_size)
            return found, "", _("Only the post-analyses of cases you work on are listed.") if found.left_out else ""
        if self.filterset.is_filtered:
            return None, _("In this view the texts are listed only for all cases, without filters, so that a "
                           "filter cannot point at one person. Clear the filters to read them."), ""
        found = build(self.cases, user=None)
        if not found.items:
            return None, _("Fewer than 5 texts can be listed, so in this view none is shown."), ""
        return found, "", ""

    def pager(self, found: TextPage | None) -> dict | None:
        """Links to the newer and older pages of an identified text list (None when there is one page)."""
        if found is None or (found.number == 1 and not found.has_next):
            return None

        def url(number):
            query = self.filter_data.copy()
            if number > 1:
                query["page"] = str(number)
            return f"?{query.urlencode()}" if query else self.request.path

        return {
            "number": found.number,
            "size": self.text_page_size,
            # Past the last page the page before may be past it too: its message links to the first.
            "newer": url(found.number - 1) if found.number > 1 and found.items else "",
            "older": url(found.number + 1) if found.has_next else "",
            "first": url(1),
        }

    def get_context_data(self, **kwargs):
        report, tables, found, texts_withheld, texts_note = self.report_content()
        texts = found.items if found else None
        for item in texts or []:
            item["html"] = text_item_html(item)
        sections = [present(t) for t in tables]
        tiles = key_figures(tables[0], None, self.scope.anonymised) if report.sections[0].kind == "summary" else []
        return {
            **super().get_context_data(**kwargs),
            "report": report,
            "scope": self.scope,
            "anonymised_note": anonymised_note() if self.scope.anonymised else "",
            "filter": self.filterset,
            "filters_in_force": self.filterset.describe(),
            "period_label": self.filterset.period_label,
            "tiles": tiles,
            "sections": sections[1:] if tiles else sections,
            "texts": texts,
            "texts_pager": self.pager(found),
            "texts_withheld": texts_withheld,
            "texts_note": texts_note,
            "reports": d.REPORTS,
            "query_string": self.filter_data.urlencode(),
        }


class ReportExportView(ReportView):
    text_page_size = EXPORT_SIZE

    def text_page_number(self) -> int:
        return 1  # the export holds the newest texts, whichever page the reader was on

    def get(self, request, *args, **kwargs):
        report, tables, found, _withheld, _note = self.report_content()
        content = workbook(
            title=str(report.title), scope_label=str(self.scope.label), filters=self.filterset.describe(),
            tables=tables, texts=found.items if found else None, anonymised=self.scope.anonymised,
            more_texts=self.text_page_size if found and found.has_next else 0,
        )
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="protikar-{report.slug}-{stamp}.xlsx"'
        return response
