"""The SVG charts (casework/reports/charts.py), read as XML: legible on a 360-pixel phone, nothing drawn
outside the drawing, labels whole, anonymised bars drawn from displayed figures only, colours with
enough contrast, Bangla digits in Bangla."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from casework.reports import charts
from casework.reports.tables import TOTAL, Column, Row, Table

NS = {"s": "http://www.w3.org/2000/svg"}
LONG_BN = "অভিযোগ ব্যবস্থাপনা কমিটি (স্থানীয় মীমাংসা)"  # 43 characters, the longest channel name
MONTHS_BN = ["জানুয়ারি", "ফেব্রুয়ারি", "মার্চ", "এপ্রিল", "মে", "জুন", "জুলাই", "আগস্ট", "সেপ্টেম্বর", "অক্টোবর",
             "নভেম্বর", "ডিসেম্বর"]
PHONE_PX, MIN_PX = 328, 11  # drawing width on a 360-px phone (16-px page margins); smallest legible text


def table(rows, columns, counts, *, chart="hbar", anonymised=False, key="t"):
    """A Table from {(row, column): count}; each row's total is the sum of its columns."""
    cols = [Column(k, label) for k, label in columns]
    full = dict(counts)
    for rk, _label in rows:
        full[(rk, TOTAL)] = sum(counts.get((rk, ck), 0) for ck, _l in columns)
    return Table(key=key, title="Chart", row_header="Row", rows=[Row(k, label) for k, label in rows], columns=cols,
                 counts=full, show_row_totals=len(cols) > 1, chart=chart, anonymised=anonymised)


def channel_table(**kw):
    columns = [("open", "চলমান"), ("won", "কর্মীর পক্ষে নিষ্পত্তি"),
               ("lost", "নিষ্পত্তি, কিন্তু কর্মীর পক্ষে নয় বা ফলাফল নেই"), ("declined", "নেওয়া হয়নি")]
    rows = [("gmc", LONG_BN), ("bmet", "বিএমইটির সালিশ"), ("court", "আদালত")]
    counts = {("gmc", "open"): 31, ("gmc", "won"): 12, ("gmc", "lost"): 3, ("gmc", "declined"): 7,
              ("bmet", "open"): 25, ("bmet", "won"): 25, ("court", "open"): 2}
    return table(rows, columns, counts, **kw)


def month_table(n=24, english=False, **kw):
    columns = [("draft", "খসড়া"), ("closed", "বন্ধ"), ("declined", "নেওয়া হয়নি")]
    if english:
        rows = [(i, f"Month {i % 12 + 1} {2025 + i // 12}") for i in range(n)]
    else:
        rows = [(i, f"{MONTHS_BN[i % 12]} {'২০২৫' if i < 12 else '২০২৬'}") for i in range(n)]
    counts = {(i, c): (i * 7 + j * 3) % 11 for i in range(n) for j, (c, _l) in enumerate(columns)}
    return table(rows, columns, counts, chart="columns", **kw)


def svg_of(t):
    markup = str(charts.render(t))
    return ET.fromstring(markup)


def texts(svg):
    """Every drawn <text>: (x, anchor, font size, its lines)."""
    out = []
    for el in svg.iter("{%s}text" % NS["s"]):
        lines = [ts.text or "" for ts in el.findall("s:tspan", NS)] or [el.text or ""]
        out.append((float(el.get("x")), el.get("text-anchor", "start"), el.get("font-size"), lines, el.get("class")))
    return out


def view_width(svg):
    return float(svg.get("viewBox").split()[2])


ALL_CHARTS = [channel_table, lambda **kw: channel_table(anonymised=True, **kw), month_table,
              lambda **kw: month_table(anonymised=True, **kw), lambda **kw: month_table(n=4, **kw)]


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_no_chart_text_is_smaller_than_11_px_on_a_360_px_phone(make):
    svg = svg_of(make())
    drawn = texts(svg)
    assert drawn
    for _x, _anchor, size, lines, _cls in drawn:
        assert size is not None, lines  # a size in user units, so the scale below is what the phone shows
        assert float(size) * PHONE_PX / view_width(svg) >= MIN_PX, (size, lines)


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_no_text_starts_before_the_left_edge_or_ends_after_the_right(make):
    svg = svg_of(make())
    width = view_width(svg)
    assert not [el for el in svg.iter() if el.get("transform")]  # no rotated labels: their ends are unplaced
    for x, anchor, size, lines, _cls in texts(svg):
        w = max(charts.text_width(line, float(size)) for line in lines)
        start = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
        assert start >= 0, lines
        assert start + w <= width + 0.5, lines


def test_legend_and_row_labels_are_whole_and_wrapped_not_cut():
    t = channel_table()
    svg = svg_of(t)
    shown = [" ".join(lines) for _x, _a, _s, lines, _cls in texts(svg)]
    for column in t.columns:
        assert column.label in shown  # the legend entry, all of it
    for row in t.rows:
        assert row.label in shown
    assert not any("…" in s for s in shown)
    legend = [lines for _x, _a, _s, lines, cls in texts(svg) if cls == "chart-legend"]
    assert all(charts.text_width(line, charts.FONT) <= charts.WIDTH for lines in legend for line in lines)


def test_wrap_keeps_every_word_and_each_line_fits():
    lines = charts.wrap(LONG_BN + " " + LONG_BN, 200, charts.FONT)
    assert len(lines) > 1
    assert " ".join(lines) == LONG_BN + " " + LONG_BN
    assert all(charts.text_width(line, charts.FONT) <= 200 for line in lines)
    # One word longer than the line is cut between letters, never inside a conjunct.
    pieces = charts.wrap("প্রতিষ্ঠানভিত্তিকপ্রতিষ্ঠানভিত্তিক", 60, charts.FONT)
    assert "".join(pieces) == "প্রতিষ্ঠানভিত্তিকপ্রতিষ্ঠানভিত্তিক" and len(pieces) > 1
    assert not any(p.startswith(("্", "ি", "া")) or p.endswith("্") for p in pieces)


def bar_lengths(svg, horizontal=True):
    """Drawn length of each row's bar, by row label (from the parts' <title>)."""
    lengths = {}
    for rect in svg.iter("{%s}rect" % NS["s"]):
        title = rect.find("s:title", NS)
        if title is None:
            continue
        row = title.text.split(" – ")[0]
        lengths[row] = lengths.get(row, 0) + float(rect.get("width" if horizontal else "height"))
    return lengths


@pytest.mark.parametrize("chart", ["hbar", "columns"])
def test_anonymised_bars_are_as_long_as_their_displayed_totals(chart):
    columns = [("f", "Female"), ("m", "Male"), ("o", "Other")]
    rows = [("a", "Row A"), ("b", "Row B"), ("c", "Row C")]
    # A: 30 + 12 + 3 = 45 → shown 30, 10, <5, total 45. B: 25 + 24 = 49 → shown 25, 20, total 45.
    # C: 50 → 50. Without the hatched rest, A would be drawn 40 long and B 45, both labelled 45.
    counts = {("a", "f"): 30, ("a", "m"): 12, ("a", "o"): 3, ("b", "f"): 25, ("b", "m"): 24, ("c", "f"): 50}
    svg = svg_of(table(rows, columns, counts, chart=chart, anonymised=True))
    lengths = bar_lengths(svg, horizontal=chart == "hbar")
    assert lengths["Row A"] == pytest.approx(lengths["Row B"], abs=0.3)
    assert lengths["Row A"] == pytest.approx(lengths["Row C"] * 45 / 50, abs=0.3)
    rest = [r for r in svg.iter("{%s}rect" % NS["s"]) if "chart-rest" in (r.get("class") or "")]
    assert rest and all(r.get("fill", "").startswith("url(#") for r in rest)  # hatched, not a series colour
    assert "Not shown separately" in "".join(svg.itertext())  # and the legend says what it means


@pytest.mark.parametrize("chart", ["hbar", "columns"])
def test_anonymised_chart_depends_only_on_displayed_figures(chart):
    """Two sets of true counts that display the same figures draw the same chart: no true value of a
    hidden or rounded count reaches the drawing."""
    columns = [("f", "Female"), ("m", "Male"), ("o", "Other")]
    rows = [("a", "Row A"), ("b", "Row B")]
    # Both show Row A as 30, 10, <5, total 40 and Row B as 5, <5, <5, total 5.
    one = {("a", "f"): 30, ("a", "m"): 12, ("a", "o"): 1, ("b", "f"): 7, ("b", "o"): 2}
    two = {("a", "f"): 33, ("a", "m"): 10, ("a", "o"): 1, ("b", "f"): 9, ("b", "o"): 0}
    assert str(charts.render(table(rows, columns, one, chart=chart, anonymised=True))) == \
        str(charts.render(table(rows, columns, two, chart=chart, anonymised=True)))


def relative_luminance(colour):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_on_white(colour):
    return 1.05 / (relative_luminance(colour) + 0.05)


def test_every_series_colour_has_3_to_1_contrast_on_white():
    for colour in charts.PALETTE + [charts.HIDDEN_STROKE]:
        assert contrast_on_white(colour) >= 3, colour  # WCAG 2.1 SC 1.4.11, graphical objects
    assert len(set(charts.PALETTE)) == len(charts.PALETTE)
    fills = {r.get("fill") for r in svg_of(month_table()).iter("{%s}rect" % NS["s"])}
    assert fills - {None} <= set(charts.PALETTE) | {"url(#chart-t-rest)", "#FFFFFF", charts.HIDDEN_STROKE}


def test_parts_follow_the_legend_order_which_the_description_states():
    t = channel_table()
    svg = svg_of(t)
    legend = [" ".join(lines) for _x, _a, _s, lines, cls in texts(svg) if cls == "chart-legend"]
    assert legend == [c.label for c in t.columns]
    drawn = [r.find("s:title", NS).text.split(" – ")[1].rsplit(":", 1)[0]
             for r in svg.iter("{%s}rect" % NS["s"]) if r.find("s:title", NS) is not None]
    first_row = drawn[:4]
    assert first_row == [c.label for c in t.columns]
    assert "order of the legend" in svg.find("s:desc", NS).text


@pytest.mark.parametrize("make", [channel_table, month_table, lambda: month_table(anonymised=True),
                                  lambda: channel_table(anonymised=True)])
def test_bangla_charts_use_bangla_digits_everywhere(make):
    with translation.override("bn"):
        markup = str(charts.render(make()))
    words = "".join(ET.fromstring(markup).itertext())  # text, <title> and <desc>, not coordinates
    assert re.search("[০-৯]", words)
    assert not re.search("[0-9]", words), re.findall(r".{10}[0-9].{10}", words)


def test_english_charts_use_western_digits():
    words = "".join(svg_of(month_table(english=True)).itertext())
    assert re.search("[0-9]", words) and not re.search("[০-৯]", words)
