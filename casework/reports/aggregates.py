"""Database aggregation for reports: one GROUP BY query per table, with conditional counts.

Nothing here loops over cases in Python: each table is `values(row=…).annotate(Count(filter=…))`
over the already scoped and filtered case queryset, and Python only adds up the few dozen grouped
rows for the margins (when the rows partition the cases) and looks up their labels.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Case as CaseWhen
from django.db.models import (
    CharField, Count, Exists, F, Max, Min, OuterRef, Q, Subquery, Sum, Value, When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext  # not "as _gettext": makemessages would miss those strings

from casework.models import Attachment, Case, ChecklistItem, PostAnalysis
# Overdue is decided once, by casework.timeliness (SPEC §2.5); the dashboard counts it in the database.
from casework.timeliness import overdue_q  # noqa: F401 (re-exported for views)

from . import definitions as d
from .suppression import anonymise
from .tables import TOTAL, Column, Row, Table


def _count(q: Q):
    # An empty Q means "every row": Count with an empty filter would render an invalid FILTER ().
    return Count("pk", filter=q) if q else Count("pk")


def _aggregations(columns: d.ColumnSet, *, money: bool, prefix: str = "") -> dict:
    aggs = {f"c_{key}": _count(q) for key, _label, q in columns.columns}
    aggs["c_total"] = Count("pk")
    if money:
        aggs["m_money"] = Sum(f"{prefix}money_recovered")
        aggs["m_n"] = Count("pk", filter=Q(**{f"{prefix}money_recovered__gt": 0}))
        # The largest single settlement: anonymised views hide a sum one case dominates.
        aggs["m_max"] = Max(f"{prefix}money_recovered")
    return aggs


def _has_money(columns: d.ColumnSet) -> bool:
    return any(x.kind == "money" for x in columns.derived)


def _order(dimension: d.Dimension, grouped: list[dict]) -> list:
    keys = [g["row"] for g in grouped]
    order = dimension.order
    if isinstance(order, list):
        rank = {k: i for i, k in enumerate(order)}
        return sorted(keys, key=lambda k: (rank.get(k, len(rank)), str(k)))
    if order == "count":
        totals = {g["row"]: g["c_total"] for g in grouped}
        return sorted(keys, key=lambda k: (k is None, -totals[k], str(k)))
    if order == "key":
        return sorted(keys, key=lambda k: (k is None, k if k is not None else 0))
    return keys  # "label": sorted after the labels are known


def _fill(table: Table, grouped: list[dict], columns: d.ColumnSet, dimension: d.Dimension | None,
          totals_row: dict | None) -> Table:
    """Put grouped rows (and, for overlapping rows, the database's distinct totals) into the table."""
    col_keys = [key for key, _label, _q in columns.columns]
    for g in grouped:
        rk = g["row"]
        for ck in col_keys:
            table.counts[(rk, ck)] = g[f"c_{ck}"]
        table.counts[(rk, TOTAL)] = g["c_total"]
        if "m_money" in g:
            table.money[(rk, "money")] = g["m_money"] or 0
            table.money[(rk, "money_n")] = g["m_n"]
            table.money[(rk, "money_max")] = g["m_max"] or 0
    if table.show_col_totals:
        if totals_row is None:  # the rows partition the units: the totals are their sums
            totals_row = {k: sum(g[k] or 0 for g in grouped) for k in (grouped[0] if grouped else {}) if k != "row"}
        for ck in col_keys:
            table.counts[(TOTAL, ck)] = totals_row.get(f"c_{ck}", 0) or 0
        table.counts[(TOTAL, TOTAL)] = totals_row.get("c_total", 0) or 0
        if "m_money" in totals_row:
            table.money[(TOTAL, "money")] = totals_row["m_money"] or 0
            table.money[(TOTAL, "money_n")] = totals_row["m_n"]
            table.money[(TOTAL, "money_max")] = max([g["m_max"] or 0 for g in grouped] + [0])
    return table


def _rows(dimension: d.Dimension, grouped: list[dict], none_label=None) -> list[Row]:
    keys = _order(dimension, grouped)
    labels = dimension.labels(keys)
    rows = [Row(k, str(labels.get(k) or (none_label or d.NOT_RECORDED))) for k in keys]
    if dimension.order == "label":
        rows.sort(key=lambda r: (r.key is None, r.label.casefold()))
    return rows


def _table(section: d.Section, *, dimension: d.Dimension | None, rows_partition: bool, title=None) -> Table:
    columns = section.columns
    multi = len(columns.columns) > 1
    return Table(
        key=section.key,
        title=str(title or section.title),
        row_header=str(dimension.header) if dimension else "",
        rows=[],
        columns=[Column(key, str(label)) for key, label, _q in columns.columns],
        counts={},
        derived=list(columns.derived),
        rows_partition=rows_partition,
        show_row_totals=multi,
        show_col_totals=True,
        unit_note=str(section.note) if section.note else "",
        chart=dimension.chart if dimension else "none",
        total_label=str(columns.total_label),
    )


def grouped_table(section: d.Section, base, dimension: d.Dimension, *, money_prefix: str = "", none_label=None) -> Table:
    """`base` grouped by `dimension`, counted by the section's columns: one query, two if rows overlap."""
    columns = section.columns
    money = _has_money(columns)
    aggs = _aggregations(columns, money=money, prefix=money_prefix)
    grouped = list(base.order_by().values(row=dimension.expr).annotate(**aggs).order_by())
    totals_row = None if dimension.partition else base.order_by().aggregate(**aggs)
    table = _table(section, dimension=dimension, rows_partition=dimension.partition)
    table.rows = _rows(dimension, grouped, none_label)
    if not grouped:
        table.show_col_totals = False  # nothing to add up: the page says "no cases match" instead
    if not columns.columns[1:]:
        # One count column: the "Total" column would repeat it; the single column is the total.
        for g in grouped:
            g["c_total"] = g[f"c_{columns.columns[0][0]}"]
    return _fill(table, grouped, columns, dimension, totals_row)


def summary_table(section: d.Section, cases, *, extra: dict | None = None) -> tuple[Table, dict]:
    """One row for all the cases (key figures); `extra` aggregates ride along in the same query."""
    columns = section.columns
    aggs = _aggregations(columns, money=_has_money(columns))
    aggs.update(extra or {})
    result = cases.order_by().aggregate(**aggs)
    table = _table(section, dimension=None, rows_partition=True)
    table.show_col_totals = False
    table.rows = [Row("all", gettext("All cases"))]
    grouped = [{"row": "all", **result}]
    _fill(table, grouped, columns, None, None)
    return table, {k: result[k] for k in (extra or {})}


def checklist_table(section: d.Section, cases) -> Table:
    """Suggested documents of the cases (checklist items), by whether the worker has them."""
    uploads = Attachment.objects.filter(case_id=OuterRef("case_id"), document_type_id=OuterRef("document_type_id"))
    items = ChecklistItem.objects.filter(case__in=cases.order_by().values("pk")).annotate(has_upload=Exists(uploads))
    return grouped_table(section, items, d.EXTRA_DIMENSIONS["document"])


def completeness_table(section: d.Section, cases) -> Table:
    """Cases by how complete their suggested documents are: one correlated subquery per case that
    counts its checklist items and the available ones and names the state (no row: no checklist).
    Two counts in four CASE branches were four subqueries per case (317 ms at 100,000 cases)."""
    state = (
        ChecklistItem.objects.filter(case_id=OuterRef("pk")).order_by().values("case_id")
        .annotate(n=Count("pk"), n_available=Count("pk", filter=Q(available=True)))
        .annotate(state=CaseWhen(
            When(n_available=F("n"), then=Value("all")),
            When(n_available=0, then=Value("none")),
            default=Value("some"),
            output_field=CharField(),
        ))
        .values("state")
    )
    bucket = Coalesce(Subquery(state), Value("no_list"), output_field=CharField())
    dimension = d.Dimension("completeness", d.COMPLETENESS_DIMENSION.header, bucket, d.COMPLETENESS_DIMENSION.labels,
                            order=d.COMPLETENESS_DIMENSION.order)
    return grouped_table(section, cases, dimension)


def gaps_table(section: d.Section, cases) -> Table:
    analyses = PostAnalysis.objects.filter(case__in=cases.order_by().values("pk"))
    return grouped_table(section, analyses, d.EXTRA_DIMENSIONS["gap"], none_label=gettext("No gap named"))


def case_study_cases(cases):
    """Cases usable as case studies: flagged in the post-analysis AND the worker consented."""
    return cases.filter(consent_case_study=True, post_analysis__case_study=True)


def case_date_range() -> tuple[date, date]:
    """The first and last day of input over all cases (one query), today at the latest.

    Period choices go back to the first case; anonymised month rows cover this whole range, so
    which months have a row says nothing. Over all cases, not the reader's scope: the start of
    the programme is no secret.
    """
    found = Case.objects.order_by().aggregate(first=Min("created_at"), last=Max("created_at"))
    today = timezone.localdate()
    first = timezone.localdate(found["first"]) if found["first"] else today
    last = timezone.localdate(found["last"]) if found["last"] else today
    return min(first, today), max(last, today)


def _dimension(section: d.Section):
    if section.kind == "summary":
        return None
    if section.kind == "checklist":
        return d.EXTRA_DIMENSIONS["document"]
    if section.kind == "completeness":
        return d.COMPLETENESS_DIMENSION
    if section.kind == "gaps":
        return d.EXTRA_DIMENSIONS["gap"]
    return d.DIMENSIONS[section.dimension]


def build_tables(sections, cases, *, anonymised: bool, extra: dict | None = None, money: bool = True,
                 months: tuple[date, date] | None = None) -> tuple[list[Table], dict]:
    """Every table of a report (or the dashboard), prepared for an anonymised view when it is one.

    `money` False (anonymised views with filters) drops the money columns; `months` is the range
    the anonymised month and quarter rows cover (the chosen period, else case_date_range()).
    """
    tables, extras = [], {}
    for section in sections:
        if section.kind == "summary":
            table, extras = summary_table(section, cases, extra=extra)
        elif section.kind == "checklist":
            table = checklist_table(section, cases)
        elif section.kind == "completeness":
            table = completeness_table(section, cases)
        elif section.kind == "gaps":
            table = gaps_table(section, cases)
        elif section.kind == "case_studies":
            table = grouped_table(section, case_study_cases(cases), d.DIMENSIONS[section.dimension])
        else:
            table = grouped_table(section, cases, d.DIMENSIONS[section.dimension])
        if anonymised:
            dimension = _dimension(section)
            if months is None and dimension is not None and dimension.order == "key":
                months = case_date_range()
            anonymise(table, dimension, months=months, money=money)
        tables.append(table)
    return tables, extras


def report_cases(scope, filterset) -> "Case.objects":
    """The scoped and filtered cases a report counts (a lazy queryset, never evaluated here)."""
    return filterset.qs if filterset is not None else Case.objects.filter(scope.q)
