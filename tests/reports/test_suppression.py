"""Secondary suppression on hand-made and random tables, checked by exact linear algebra."""

import random

import pytest

from casework.reports.suppression import recoverable_cells, suppress
from casework.reports.tables import TOTAL, Column, Derived, Row, Table

from .test_reports import assert_not_recoverable_by_linear_algebra


def make_table(grid, *, partition=True, distinct_totals=None, derived=()):
    rows = [Row(i, f"row {i}") for i in range(len(grid))]
    columns = [Column(f"c{j}", f"col {j}") for j in range(len(grid[0]))]
    counts = {}
    for i, line in enumerate(grid):
        for j, v in enumerate(line):
            counts[(i, f"c{j}")] = v
        counts[(i, TOTAL)] = sum(line)
    totals = distinct_totals or [sum(line[j] for line in grid) for j in range(len(grid[0]))]
    for j, v in enumerate(totals):
        counts[(TOTAL, f"c{j}")] = v
    counts[(TOTAL, TOTAL)] = sum(totals)
    return Table(key="t", title="t", row_header="r", rows=rows, columns=columns, counts=counts,
                 rows_partition=partition, derived=list(derived), anonymised=True)


def test_a_single_small_cell_in_a_row_gets_a_partner():
    table = suppress(make_table([[3, 20, 30], [12, 15, 40], [25, 9, 8]]))
    assert table.hidden[(0, "c0")] == "primary"
    assert len([c for c in table.hidden if c[0] == 0]) >= 2  # row 0 cannot be solved
    assert len([c for c in table.hidden if c[1] == "c0"]) >= 2  # nor column 0
    assert recoverable_cells(table) == []
    assert_not_recoverable_by_linear_algebra(table)


def test_nothing_hidden_when_every_count_is_large():
    table = suppress(make_table([[30, 20], [12, 15]]))
    assert table.hidden == {}


def test_zero_counts_are_below_five_too():
    table = suppress(make_table([[0, 20, 9], [12, 15, 40]]))
    assert table.hidden[(0, "c0")] == "primary"
    assert table.cell(0, "c0").value is None


def test_overlapping_rows_protect_each_row_on_its_own():
    # Categories: a case counts in several rows, so the totals row holds distinct counts.
    table = suppress(make_table([[2, 30], [7, 40]], partition=False, distinct_totals=[8, 60]))
    assert len([c for c in table.hidden if c[0] == 0]) >= 2
    assert recoverable_cells(table) == []
    assert_not_recoverable_by_linear_algebra(table)


def test_derived_figures_next_to_hidden_cells_are_hidden():
    table = suppress(make_table([[3, 20, 30], [12, 15, 40]], derived=[
        Derived("s", "sum", "sum", ("c0", "c1")), Derived("r", "rate", "rate", ("c1",), ("c1", "c2"))]))
    assert table.derived_cell(0, table.derived[0]).hidden
    for rk in table.row_keys:
        for derived in table.derived:
            parts_hidden = any(table.cell(rk, p).hidden for p in derived.parts + derived.over)
            assert table.derived_cell(rk, derived).hidden == parts_hidden


@pytest.mark.parametrize("seed", range(60))
def test_random_tables_leave_no_cell_recoverable(seed):
    rng = random.Random(seed)
    n_rows, n_cols = rng.randint(1, 7), rng.randint(1, 5)
    grid = [[rng.choice([0, 1, 2, 3, 4, 5, 6, 9, 14, 30]) for _c in range(n_cols)] for _r in range(n_rows)]
    partition = rng.random() < 0.7
    distinct = None if partition else [max([line[j] for line in grid] + [0]) + rng.randint(0, 3) for j in range(n_cols)]
    table = make_table(grid, partition=partition, distinct_totals=distinct)
    table.show_row_totals = n_cols > 1 or rng.random() < 0.5
    suppress(table)
    for rk in table.row_keys:
        for ck in table.col_keys:
            cell = table.cell(rk, ck)
            assert cell.hidden or cell.value >= 5
    assert recoverable_cells(table) == []
    assert_not_recoverable_by_linear_algebra(table)
