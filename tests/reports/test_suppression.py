"""Anonymised tables on hand-made data: rounding, rows, rates and money (casework/reports/suppression.py)."""

import random
from datetime import date, datetime
from decimal import Decimal

import pytest

from casework.reports import definitions as d
from casework.reports.suppression import anonymise, month_keys, protect_money, quarter_keys
from casework.reports.tables import OTHER, TOTAL, Column, Derived, Row, Table, anonymised_count, money_is_safe


def make_table(grid, *, labels=None, keys=None, anonymised=True, derived=()):
    keys = keys or list(range(len(grid)))
    rows = [Row(k, (labels or {}).get(k, f"row {k}")) for k in keys]
    columns = [Column(f"c{j}", f"col {j}") for j in range(len(grid[0]))]
    counts = {}
    for k, line in zip(keys, grid):
        for j, v in enumerate(line):
            counts[(k, f"c{j}")] = v
        counts[(k, TOTAL)] = sum(line)
    for j in range(len(grid[0])):
        counts[(TOTAL, f"c{j}")] = sum(line[j] for line in grid)
    counts[(TOTAL, TOTAL)] = sum(map(sum, grid))
    return Table(key="t", title="t", row_header="r", rows=rows, columns=columns, counts=counts,
                 derived=list(derived), anonymised=anonymised)


def shown(cell):
    return "<5" if cell.state == "primary" else "x" if cell.hidden else cell.value


@pytest.mark.parametrize(("true", "expected"), [(0, "<5"), (1, "<5"), (4, "<5"), (5, 5), (9, 5), (10, 10), (14, 10),
                                                (138, 135)])
def test_counts_under_5_say_less_than_5_and_the_rest_are_rounded_down(true, expected):
    assert shown(anonymised_count(true)) == expected


def test_totals_are_rounded_from_their_own_value_not_added_up():
    table = make_table([[7, 7], [0, 3]])
    assert [shown(table.cell(0, c)) for c in table.col_keys] == [5, 5, 10]  # 7, 7 and 14
    assert [shown(table.cell(1, c)) for c in table.col_keys] == ["<5", "<5", "<5"]  # 0, 3 and 3: zero says "<5" too
    assert shown(table.cell(TOTAL, TOTAL)) == 15  # 17
    identified = make_table([[7, 7], [0, 3]], anonymised=False)
    assert identified.cell(TOTAL, TOTAL).value == 17 and identified.cell(1, "c0").value == 0


def test_the_auditors_status_by_gender_recipe_no_longer_works():
    # Shown exactly, Female 40 + Male 60 = 100 told that Other and Not recorded were 0.
    table = make_table([[9, 30, 0, 0], [31, 30, 0, 0]])  # columns: female, male, other, not recorded
    female, male, grand = (shown(table.cell(TOTAL, c)) for c in ("c0", "c1", TOTAL))
    assert (female, male, grand) == (40, 60, 100)
    # Now each means "that much to 4 more": other + not recorded lies anywhere in 0..4.
    low, high = max(0, grand - (female + 4) - (male + 4)), grand + 4 - female - male
    assert (low, high) == (0, 4)


def test_a_rate_is_computed_from_the_rounded_figures_or_hidden():
    derived = [Derived("resolved", "Resolved", "sum", ("c1", "c2")),
               Derived("rate", "Rate", "rate", ("c1",), ("c1", "c2"))]
    table = make_table([[3, 12, 9], [3, 3, 30]], derived=derived)
    resolved, rate = (table.derived_cell(0, x) for x in derived)
    assert resolved.value == 20  # 21 rounded, not 10 + 5
    assert rate.value == round(100 * 10 / 20, 1)  # from what is shown: 10 of 20
    assert table.derived_cell(1, derived[1]).hidden  # 3 won: a share of "<5" would say how small


def test_a_sum_of_shown_lower_bounds_never_reaches_the_shown_upper_bound_of_its_total():
    """Rounded down, a shown v means v..v+4: the parts' lowest values add up to a multiple of 5,
    the total's highest is 4 more than one, so non-negativity never pins a "<5" cell to 0 from
    one sum (rounded to the nearest 5, four cells of 8 shown as 10 beside a total of 32 shown as 30
    would pin every "<5" of that sum to 0)."""
    rng = random.Random(6)

    def low(cell):
        return 0 if cell.hidden else cell.value

    for _ in range(500):
        n_cols = rng.randint(1, 6)
        grid = [[rng.choice([0, 0, 1, 2, 3, 4, 5, 7, 9, 12, 30, 41]) for _c in range(n_cols)]
                for _r in range(rng.randint(1, 6))]
        table = make_table(grid)
        for rk in table.row_keys:
            for ck in table.col_keys:
                assert low(table.cell(rk, ck)) <= table.count(rk, ck) <= low(table.cell(rk, ck)) + 4
        sums = [([(r, c.key) for c in table.columns], (r, TOTAL)) for r in table.row_keys]
        sums += [([(r.key, c) for r in table.rows], (TOTAL, c)) for c in table.col_keys]
        for parts, total in sums:
            assert sum(low(table.cell(*k)) for k in parts) < low(table.cell(*total)) + 4


def test_fixed_lists_keep_every_row_and_open_lists_merge_small_rows_into_others(db):
    status = make_table([[6, 0], [2, 1]], keys=["draft", "closed"])
    anonymise(status, d.DIMENSIONS["status"])
    assert [r.key for r in status.rows] == list(d.DIMENSIONS["status"].order)  # every status, empty ones "<5"
    assert status.cell("declined", TOTAL).state == "primary" and shown(status.cell("draft", TOTAL)) == 5

    # Destinations were sorted by their true count, so two "<5" rows' order told their counts.
    countries = make_table([[3, 1], [20, 5], [4, 0], [2, 2]], labels={0: "Maldives", 1: "Saudi Arabia", 2: "Italy",
                                                                      3: "Oman"})
    anonymise(countries, d.DIMENSIONS["destination"])
    assert [r.label for r in countries.rows] == ["Saudi Arabia", "Others, each fewer than 5"]
    assert countries.count(OTHER, TOTAL) == 4 + 4 + 4 and shown(countries.cell(OTHER, TOTAL)) == 10

    # With nothing to show, the table still has its rows, all "<5": never "no cases match" (exactly 0).
    empty = Table(key="e", title="e", row_header="r", rows=[], columns=[Column("n", "n")], counts={},
                  show_row_totals=False, show_col_totals=False)
    anonymise(empty, d.DIMENSIONS["district"])
    assert [r.key for r in empty.rows] == [OTHER] and not empty.is_empty
    assert shown(empty.cell(OTHER, "n")) == "<5" and shown(empty.cell(TOTAL, "n")) == "<5"


def test_month_rows_cover_the_whole_period_whatever_the_data(db):
    table = Table(key="m", title="m", row_header="r", rows=[Row(datetime(2025, 2, 1), "Feb")],
                  columns=[Column("n", "n")], counts={(datetime(2025, 2, 1), "n"): 7, (TOTAL, "n"): 7},
                  show_row_totals=False)
    anonymise(table, d.DIMENSIONS["month"], months=(date(2024, 12, 5), date(2025, 3, 1)))
    assert [r.key for r in table.rows] == [date(2024, 12, 1), date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)]
    assert shown(table.cell(date(2025, 2, 1), "n")) == 5 and shown(table.cell(date(2025, 1, 1), "n")) == "<5"
    assert quarter_keys(date(2025, 2, 1), date(2025, 7, 1)) == [date(2025, 1, 1), date(2025, 4, 1), date(2025, 7, 1)]
    assert month_keys(date(2025, 12, 1), date(2026, 1, 31)) == [date(2025, 12, 1), date(2026, 1, 1)]


def _money_table(rows):
    """rows: {key: (money, n with money, largest)}, a table whose rows share out the total."""
    derived = [Derived("money", "Money", "money", ("__total__",))]
    table = Table(key="money", title="m", row_header="r", rows=[Row(k, str(k)) for k in rows],
                  columns=[Column("n", "n")],
                  counts={}, derived=derived, show_row_totals=False, anonymised=True)
    for k, (money, n, largest) in rows.items():
        table.counts[(k, "n")] = 20
        table.money.update({(k, "money"): Decimal(money), (k, "money_n"): n, (k, "money_max"): largest})
    table.counts[(TOTAL, "n")] = 20 * len(rows)
    table.money.update({(TOTAL, "money"): sum(v[0] for v in rows.values()),
                        (TOTAL, "money_n"): sum(v[1] for v in rows.values()),
                        (TOTAL, "money_max"): max(v[2] for v in rows.values())})
    return protect_money(table)


def test_money_needs_5_cases_and_no_dominant_case_and_is_rounded_to_10000():
    table = _money_table({"gmc": (812_345, 9, 150_000), "bmet": (600_000, 6, 90_000), "few": (40_000, 3, 20_000),
                          "court": (600_000, 5, 550_000)})
    money = table.derived[0]
    assert table.derived_cell("gmc", money).value == Decimal(810_000)
    assert table.derived_cell("few", money).hidden  # 3 cases
    assert table.derived_cell("court", money).hidden  # one settlement is most of it
    assert table.derived_cell(TOTAL, money).value == Decimal(2_050_000)  # 2,052,345; no case dominates
    # The total less the shown rows is what the hidden rows hold together, so they must pass the
    # same test: few + court alone (640,000 from 8 cases, 550,000 of it one case) would not, so
    # "bmet" is hidden too; then total less gmc is 1,240,000 from 14 cases, none more than half.
    hidden = {k for k in ("gmc", "bmet", "few", "court") if table.derived_cell(k, money).hidden}
    assert hidden == {"few", "court", "bmet"}


def test_a_total_one_settlement_dominates_is_hidden():
    table = _money_table({"a": (20_000, 3, 10_000), "b": (560_000, 3, 550_000)})
    assert table.derived_cell(TOTAL, table.derived[0]).hidden
    assert not money_is_safe(table, TOTAL)


def test_identified_money_stays_exact():
    table = _money_table({"gmc": (812_345, 9, 150_000), "court": (550_000, 1, 550_000)})
    table.anonymised = False
    assert table.derived_cell("court", table.derived[0]).value == Decimal(550_000)
