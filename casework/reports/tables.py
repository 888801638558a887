"""The one shape every report figure takes: a table of counts with its margins, plus derived columns.

Counts come from the database (aggregates.py); suppression.py hides cells for anonymised views;
charts.py, xlsx.py and the templates read the finished table. Keeping one shape means the page,
the chart and the export cannot disagree, and suppression has one place to get right.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

TOTAL = "__total__"
MONEY_THRESHOLD = 5


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
    state: str = ""  # "" shown; "primary" (<5); "secondary" (hidden so <5 cells cannot be worked out); "na"

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
        return Cell(self.count(row_key, col_key))

    def derived_cell(self, row_key, d: Derived) -> Cell:
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
        if d.kind == "money":
            return self._money_cell(row_key, d)
        raise ValueError(d.kind)

    def _money_hidden(self, row_key, d: Derived) -> str:
        if any(self.cell(row_key, p).hidden for p in d.parts):
            return "secondary"
        # A sum of money over fewer than 5 cases is close to one person's settlement.
        if self.anonymised and int(self.money.get((row_key, f"{d.key}_n"), 0) or 0) < MONEY_THRESHOLD:
            return "primary"
        return ""

    def _money_cell(self, row_key, d: Derived) -> Cell:
        state = self._money_hidden(row_key, d)
        if state:
            return Cell(None, state)
        if row_key == TOTAL and any(self._money_hidden(r.key, d) for r in self.rows):
            # The total less the shown rows would give the hidden row's money.
            return Cell(None, "secondary")
        return Cell(self.money.get((row_key, d.key)) or Decimal(0))

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
        return not self.rows
