"""Disclosure control for anonymised views (MEAL analysts, organisation admins).

The reader of an anonymised view must not be able to work out exactly any number of cases under
5, from any table, from several tables together, or from the difference between two filtered
views. Hiding small cells and their "partners" (the usual secondary suppression) only stops exact
linear algebra within one table: with free filters, the bounds 0 ≤ x ≤ 4 of "<5" and a second
table of the same cases, hidden cells come back. So anonymised views follow the rules below,
the usual standard for query systems with free filters (threshold rule plus rounding):

1. Counts: every count below 5 (zero too) is shown as "<5"; every other count is rounded down to a
   multiple of 5 ("5" means 5 to 9). Totals and sums are rounded from their own true value, never
   added up from rounded cells; a rate is computed from the two rounded figures, or hidden when
   one of them is "<5" (tables.anonymised_count says why rounding is *down*).
2. Rows say nothing by being there or not. A row of a fixed list (statuses, genders, channels,
   age groups…) is always shown, with "<5" when empty; months and quarters run over the whole
   period asked for, empty or not; in open lists (districts, countries, categories…) the rows
   with fewer than 5 units are merged into one "Others" row that is always there. Rows are in
   the list's own order or by name, never by a count the reader cannot see.
3. Filters: nothing narrower than a district (no upazila) and no free date range (periods are
   whole months, quarters and years), so two views cannot differ by one small group of cases
   (filters.py).
4. Money (a sum can be close to one person's settlement): shown only without filters, only when at
   least 5 cases have money and no one case is more than half of the sum, rounded to the nearest
   10,000 BDT; and in a table whose rows share out the total, the hidden rows together must pass
   the same test, else more rows are hidden (total less shown rows = the hidden ones).
5. Texts: listed only without filters, in a number rounded down to a multiple of 5, without the
   facts the count tables break down by, and naming a place, country, year, category or gap only
   when at least 5 cases have it (texts.py).

Identified views (advisors, programme lead, coordinators) keep exact figures: they are staff
with case access in their scope. docs/threat-model.md ("Reports") describes what is left.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext  # not "as _gettext": makemessages would miss those strings

from .definitions import NOT_RECORDED
from .tables import OTHER, THRESHOLD, TOTAL, Row, Table, money_is_safe

__all__ = ["OTHER", "THRESHOLD", "TOTAL", "anonymise", "month_keys", "protect_money", "quarter_keys"]


def month_keys(first: date, last: date) -> list[date]:
    """The first day of every month from `first`'s month to `last`'s."""
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def quarter_keys(first: date, last: date) -> list[date]:
    """The first day of every quarter from `first`'s quarter to `last`'s."""
    start = date(first.year, (first.month - 1) // 3 * 3 + 1, 1)
    return [k for k in month_keys(start, last) if k.month in (1, 4, 7, 10)]


def _month_of(key) -> date | None:
    return date(key.year, key.month, 1) if key is not None and hasattr(key, "month") else None


def _rekey(table: Table, key_of) -> None:
    """Move the table's counts and money to new row keys (`key_of(old)` → new); sums if two meet."""
    counts, money = {}, {}
    for (rk, ck), n in table.counts.items():
        new = rk if rk == TOTAL else key_of(rk)
        counts[(new, ck)] = counts.get((new, ck), 0) + (n or 0)
    for (rk, mk), v in table.money.items():
        new = rk if rk == TOTAL else key_of(rk)
        if mk.endswith("_max"):
            money[(new, mk)] = max(money.get((new, mk), 0) or 0, v or 0)
        else:
            money[(new, mk)] = (money.get((new, mk)) or 0) + (v or 0)
    table.counts, table.money = counts, money


def anonymise(table: Table, dimension=None, *, months: tuple[date, date] | None = None, money: bool = True) -> Table:
    """Prepare `table` for an anonymised view (rules 2 and 4 of the module docstring), in place.

    `dimension` is the table's rows (definitions.Dimension, None for a one-row summary); `months`
    the first and last day the month and quarter rows must cover; `money` False drops the money
    column (anonymised views with filters).
    """
    table.anonymised = True
    table.hidden = {}
    table.show_col_totals = table.show_col_totals or bool(dimension)
    if not money and any(x.kind == "money" for x in table.derived):
        table.derived = [x for x in table.derived if x.kind != "money"]
        note = gettext("In this view, money recovered is shown only for all cases, without filters.")
        table.unit_note = f"{table.unit_note} {note}".strip()
    if dimension is not None:
        if dimension.order == "key" and months is not None:
            _fixed_months(table, dimension, months)
        elif isinstance(dimension.order, list):
            _fixed_list(table, dimension)
        else:
            _merge_small_rows(table)
    protect_money(table)
    return table


def _fixed_list(table: Table, dimension) -> None:
    present = {r.key: r.label for r in table.rows}
    missing = [k for k in dimension.order if k not in present]
    labels = dimension.labels(missing) if missing else {}
    rows = [Row(k, present.get(k) or str(labels.get(k) or NOT_RECORDED)) for k in dimension.order]
    # A key outside the list (e.g. a status added later) keeps its row after the listed ones.
    rows += [r for r in table.rows if r.key not in dimension.order]
    table.rows = rows


def _fixed_months(table: Table, dimension, months: tuple[date, date]) -> None:
    first, last = months
    keys = quarter_keys(first, last) if dimension.key == "quarter" else month_keys(first, last)
    if dimension.key == "quarter":
        def key_of(k):
            m = _month_of(k)
            return date(m.year, (m.month - 1) // 3 * 3 + 1, 1) if m else None
    else:
        key_of = _month_of
    _rekey(table, key_of)
    extra = sorted({key_of(r.key) for r in table.rows} - set(keys) - {None})
    keys = sorted(set(keys) | set(extra))
    labels = dimension.labels(keys)
    table.rows = [Row(k, str(labels.get(k, ""))) for k in keys]


def _merge_small_rows(table: Table) -> None:
    small = {r.key for r in table.rows if table.count(r.key, TOTAL) < THRESHOLD}
    named = [r for r in table.rows if r.key not in small]
    _rekey(table, lambda k: OTHER if k in small else k)
    named.sort(key=lambda r: (r.key is None, r.label.casefold()))
    table.rows = named + [Row(OTHER, gettext("Others, each fewer than 5"))]


def protect_money(table: Table) -> Table:
    """Rule 4: in a table whose rows share out the total, the rows whose money is hidden must
    together pass the money test too, or the total less the shown rows would give them away;
    so hide more rows (smallest sums first) until they do, or until every row is hidden."""
    table.money_hidden = set()
    if not table.anonymised or not any(x.kind == "money" for x in table.derived):
        return table
    keys = [r.key for r in table.rows]
    hidden = {k for k in keys if not money_is_safe(table, k)}
    group = (None, "__hidden__")  # a scratch row for the hidden rows' combined money

    def hidden_safe() -> bool:
        table.money[(group[1], "money")] = sum(int(table.money.get((k, "money")) or 0) for k in hidden)
        table.money[(group[1], "money_n")] = sum(int(table.money.get((k, "money_n")) or 0) for k in hidden)
        table.money[(group[1], "money_max")] = max([int(table.money.get((k, "money_max")) or 0) for k in hidden] + [0])
        return money_is_safe(table, group[1])

    def money_of(k):
        return int(table.money.get((k, "money")) or 0)

    while hidden and len(hidden) < len(keys) and not (_no_money(table, hidden) or hidden_safe()):
        hidden.add(min((k for k in keys if k not in hidden), key=lambda k: (money_of(k), str(k))))
    for k in ("money", "money_n", "money_max"):
        table.money.pop((group[1], k), None)
    table.money_hidden = hidden
    return table


def _no_money(table: Table, keys) -> bool:
    # Hidden rows with no money at all give nothing away when subtracted.
    return all(int(table.money.get((k, "money_n")) or 0) == 0 for k in keys)
