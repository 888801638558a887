"""The one shape every report figure takes: a table of counts with its margins, plus derived columns.

Counts come from the database (aggregates.py); suppression.py prepares tables for anonymised views;
charts.py, xlsx.py and the templates read the finished table through `cell()` and `derived_cell()`,
which give what the reader may see: exact counts in identified views, rounded ones in anonymised
views. Keeping one shape means the page, the chart and the export cannot disagree, and disclosure
control has one place to get right.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

TOTAL = "__total__"
OTHER = "__other__"  # anonymised views: the rows with fewer than THRESHOLD units, merged
THRESHOLD = 5  # anonymised views: a count below this is shown as "<5"
ROUND_TO = 5  # anonymised views: every other count is rounded down to a multiple of this
MONEY_THRESHOLD = 5  # anonymised money: at least this many cases with money in the sum
MONEY_ROUND_TO = 10_000  # anonymised money: rounded to the nearest this many BDT


def anonymised_count(n: int) -> "Cell":
    """What an anonymised view shows for a true count: "<5" below 5 (zero too), else rounded down.

    Rounded *down* ("5" means 5 to 9), not to the nearest: with every published figure known to
    lie in [shown, shown + 4], the parts of a sum can only all sit at the bottom of their ranges
    when the total sits at its bottom too, so non-negativity never pins a "<5" cell to 0 from one
    sum, and pinning "<5" cells to 4 needs five or more figures all at the top of their ranges.
    With rounding to the nearest 5, three figures suffice (12 + 12 + 4 = 28, shown 10 + 10 + <5 =
    30, gives the 4 away). Totals are rounded from their own true value, never added up from
    rounded cells.
    """
    n = int(n or 0)
    if n < THRESHOLD:
        return Cell(None, "primary")
    return Cell(n - n % ROUND_TO)


@dataclass(frozen=True)
class Column:
    key: str
    label: str


@dataclass(frozen=True)
class Derived:
    """A column computed from the count columns of its row.

    kind "sum": the sum of `parts`; "rate": sum(parts) / sum(over) as a percentage;
    "money": a sum of money (BDT) aggregated in the database, shown only where the counts in
    `parts` (the cases it belongs to, usually the total) are shown.
    In anonymised views a sum is a count like any other (rounded from its true value) and a rate
    is computed from the two rounded figures, so it tells nothing the rounded figures do not.
    """

    key: str
    label: str
    kind: str
    parts: tuple[str, ...]
    over: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    key: object
    label: str


@dataclass(frozen=True)
class Cell:
    value: object  # int, Decimal, float or None when hidden or not computable
    state: str = ""  # "" shown; "primary" (<5); "secondary" (hidden so small numbers cannot be worked out); "na"

    @property
    def hidden(self) -> bool:
        return self.state in ("primary", "secondary")


@dataclass
class Table:
    key: str
    title: str
    row_header: str
    rows: list[Row]
    columns: list[Column]  # count columns; together they partition each row's units
    counts: dict  # (row key, column key) -> int; TOTAL keys for the margins
    derived: list[Derived] = field(default_factory=list)
    money: dict = field(default_factory=dict)  # (row key, derived key) -> Decimal
    # Whether the rows partition the units (each case in exactly one row). When they do not (a case
    # has several categories), the totals row holds distinct counts from the database, not sums.
    rows_partition: bool = True
    show_row_totals: bool = True  # the "Total" column
    show_col_totals: bool = True  # the "Total" row
    unit_note: str = ""  # e.g. "A case with two categories is counted in both."
    chart: str = "hbar"  # hbar | columns | none
    hidden: dict = field(default_factory=dict)  # (row, col) -> "primary" | "secondary"
    total_label: str = ""
    anonymised: bool = False
    money_hidden: set = field(default_factory=set)  # anonymised: rows whose money is hidden (suppression.py)

    # --- reading -------------------------------------------------------------------------------
    @property
    def row_keys(self) -> list:
        keys = [r.key for r in self.rows]
        return keys + [TOTAL] if self.show_col_totals else keys

    @property
    def col_keys(self) -> list:
        keys = [c.key for c in self.columns]
        return keys + [TOTAL] if self.show_row_totals else keys

    def count(self, row_key, col_key) -> int:
        return int(self.counts.get((row_key, col_key), 0))

    def cell(self, row_key, col_key) -> Cell:
        state = self.hidden.get((row_key, col_key), "")
        if state:
            return Cell(None, state)
        if self.anonymised:
            return anonymised_count(self.count(row_key, col_key))
        return Cell(self.count(row_key, col_key))

    def _sum(self, row_key, keys) -> int:
        return sum(self.count(row_key, k) for k in keys)

    def derived_cell(self, row_key, d: Derived) -> Cell:
        if d.kind == "money":
            return self._money_cell(row_key, d)
        if self.anonymised:
            return self._anonymised_derived(row_key, d)
        parts = [self.cell(row_key, p) for p in d.parts]
        over = [self.cell(row_key, p) for p in d.over]
        if any(p.hidden for p in parts + over):
            # A derived figure next to a hidden one would let a reader work the hidden one out.
            return Cell(None, "secondary")
        if d.kind == "sum":
            return Cell(sum(p.value for p in parts))
        if d.kind == "rate":
            denominator = sum(p.value for p in over)
            if not denominator:
                return Cell(None, "na")
            return Cell(round(100.0 * sum(p.value for p in parts) / denominator, 1))
        raise ValueError(d.kind)

    def _anonymised_derived(self, row_key, d: Derived) -> Cell:
        part = anonymised_count(self._sum(row_key, d.parts))
        if d.kind == "sum":
            return part
        if d.kind == "rate":
            over = anonymised_count(self._sum(row_key, d.over))
            if part.hidden or over.hidden:
                return Cell(None, "secondary")  # a share of "<5" would say how small it is
            return Cell(round(100.0 * part.value / over.value, 1))
        raise ValueError(d.kind)

    def _money_state(self, row_key, d: Derived) -> str:
        if not self.anonymised:
            return ""
        # "x", not "<5": the sum may be hidden for one dominant case, not only for few cases.
        if row_key in self.money_hidden or not money_is_safe(self, row_key, d.key):
            return "secondary"
        return ""

    def _money_cell(self, row_key, d: Derived) -> Cell:
        state = self._money_state(row_key, d)
        if state:
            return Cell(None, state)
        value = self.money.get((row_key, d.key)) or Decimal(0)
        if self.anonymised:
            value = Decimal(int((int(value) + MONEY_ROUND_TO // 2) // MONEY_ROUND_TO * MONEY_ROUND_TO))
        return Cell(value)

    def body(self) -> list[dict]:
        """Rows for templates and exports: label, the count cells and the derived cells."""
        out = []
        labels = {r.key: r.label for r in self.rows}
        for rk in self.row_keys:
            out.append({
                "key": rk,
                "label": labels.get(rk, ""),
                "is_total": rk == TOTAL,
                "cells": [self.cell(rk, ck) for ck in self.col_keys],
                "derived": [self.derived_cell(rk, d) for d in self.derived],
            })
        return out

    @property
    def is_empty(self) -> bool:
        # Anonymised tables always keep their rows (all "<5" when nothing matches): an empty page
        # would say "exactly 0" where a table says "<5".
        return not self.rows and not self.anonymised


def money_is_safe(table: Table, row_key, key: str = "money") -> bool:
    """Money of a group may be shown in an anonymised view: at least 5 cases with money, and no
    one case more than half of the sum (else the sum is close to that one person's settlement)."""
    total = int(table.money.get((row_key, key)) or 0)
    n = int(table.money.get((row_key, f"{key}_n")) or 0)
    largest = int(table.money.get((row_key, f"{key}_max")) or 0)
    return n >= MONEY_THRESHOLD and total > 0 and 2 * largest <= total
