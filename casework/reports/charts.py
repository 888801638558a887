"""Charts drawn on the server as SVG: no JavaScript, no CDN, they work offline and print crisply.

Each chart is an <svg role="img"> with a <title> and a <desc> that says in words what it shows
(the biggest rows and their counts), and the table right below it holds every figure, so a screen
reader user loses nothing.

Sizes are chosen for a 360-pixel phone first: the drawing is WIDTH user units wide and is shown
PHONE_CONTENT_PX wide there, so MIN_FONT units come out at 11 CSS px or more (sizes are attributes,
not CSS, so this holds wherever the SVG goes); reports.css caps the drawing near its natural size
on a desktop and on A4. Labels are never cut short: a row
label sits above its bar on as many lines as it needs, legend entries wrap.

Anonymised views draw only what the table displays: every part at its rounded figure, and the
rest of the displayed total (counts under 5, hidden counts and what rounding down left over) as
one hatched part, so a bar is exactly as long as the total printed at its end and no hidden count
has a length of its own. Every number goes through formatting (Bangla digits in Bangla).
"""

from __future__ import annotations

import math
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .formatting import cell_text, number
from .tables import THRESHOLD, TOTAL, Cell, Table

# Okabe–Ito hues, the light ones (orange, sky blue, yellow, grey) replaced or darkened so that every
# colour has at least 3:1 contrast against white (WCAG 2.1, 1.4.11); the first four, used by the
# four-part tables (gender, outcome), stay apart for the common colour-vision deficiencies. Colour
# is never the only cue: the parts of a bar follow the legend's order and white gaps separate them.
PALETTE = ["#0072B2", "#D55E00", "#008F68", "#B8609A", "#A6761D", "#332288", "#882255", "#000000", "#117733"]
HIDDEN_STROKE = "#4A4A4A"  # the hatching of the "not shown separately" part

WIDTH = 440  # user units
PHONE_CONTENT_PX = 328  # a 360-px screen less the page's 16-px margins
MIN_FONT = 15  # values, ticks, month labels: 15 × 328 / 440 = 11.2 px on that phone
FONT = 16  # row labels and legend
LINE = 20  # line height for FONT and MIN_FONT
BAR = 14  # thickness of a horizontal bar
GAP = 8  # space after a bar
PLOT_H = 180  # height of the columns' plot area


def text_width(text: str, size: float) -> float:
    """A slightly generous estimate of how wide `text` is in Noto Sans Bengali (measured in
    Chromium: Bangla 0.35–0.5 em a code point, Latin about 0.5 em), for wrapping and margins."""
    em, previous = 0.0, ""
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            pass  # combining marks and joiners take no room of their own
        elif previous == "\u09cd":
            em += 0.35  # the second letter of a conjunct is mostly tucked under or beside the first
        elif ch in " .,:;'’!|()[]-ilIjft":
            em += 0.32
        elif ch.isascii() and ch.isupper():
            em += 0.72
        else:
            em += 0.6
        previous = ch
    return em * size


def _break_word(word: str, width: float, size: float) -> list[str]:
    """A single word wider than the line, cut between letters (never before a vowel sign or after
    a hasanta, which would tear a Bangla syllable apart)."""
    pieces, piece = [], ""
    for ch in word:
        joins = unicodedata.category(ch) in ("Mn", "Mc") or (piece and piece[-1] == "\u09cd")
        if piece and not joins and text_width(piece + ch, size) > width:
            pieces.append(piece)
            piece = ""
        piece += ch
    return pieces + [piece] if piece else pieces


def wrap(text: str, width: float, size: float) -> list[str]:
    """`text` in lines no wider than `width` (estimated), broken at spaces."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        if text_width(word, size) > width:
            *whole, word = _break_word(word, width, size)
            lines.extend(whole)
        line = word
    return lines + [line] if line else lines or [""]


def _text(x: float, y: float, lines: list[str], cls: str, size: int, anchor: str = "start") -> str:
    """A <text> of one or more lines; y is the first line's baseline."""
    anchor_attr = f' text-anchor="{anchor}"' if anchor != "start" else ""
    if len(lines) == 1:
        body = escape(lines[0])
    else:
        body = "".join(f'<tspan x="{x:.1f}" dy="{0 if n == 0 else LINE}">{escape(line)}</tspan>'
                       for n, line in enumerate(lines))
    return f'<text x="{x:.1f}" y="{y:.1f}"{anchor_attr} font-size="{size}" class="{cls}">{body}</text>'


def _total_cell(table: Table, row_key) -> Cell:
    return table.cell(row_key, TOTAL) if table.show_row_totals else table.cell(row_key, table.columns[0].key)


def _bar(table: Table, row_key) -> tuple[list[tuple[int, str, float]], float, Cell]:
    """The drawn parts of a row — (series index, column label, displayed value) — the hatched rest,
    and the total cell. Only displayed figures count: the rest is the displayed total less the
    displayed parts (never below 0: parts are rounded down, so they never add up to more)."""
    parts = []
    for i, column in enumerate(table.columns):
        cell = table.cell(row_key, column.key)
        if not cell.hidden and cell.value:
            parts.append((i, column.label, cell.value))
    total = _total_cell(table, row_key)
    shown = sum(v for _i, _l, v in parts)
    rest = max(total.value - shown, 0) if not total.hidden and total.value is not None else 0
    return parts, rest, total


def _rest_label() -> str:
    # The threshold as a number, so that it is in Bangla digits whatever the catalogue holds.
    return _("Not shown separately (under %(n)s, hidden or rounded)") % {"n": number(THRESHOLD)}


def _description(table: Table, direction: str = "") -> str:
    """A sentence or two for screen readers: the largest rows and what the table below holds."""
    shown = [(r.label, _total_cell(table, r.key)) for r in table.rows]
    visible = sorted([(label, c.value) for label, c in shown if not c.hidden], key=lambda x: -x[1])[:5]
    parts = [f"{label}: {number(value)}" for label, value in visible]
    text = _("%(title)s. Largest: %(list)s.") % {"title": table.title, "list": "; ".join(parts) or "–"}
    if len(table.columns) > 1 and direction:
        text += " " + direction
    if table.anonymised:
        text += " " + _("The bars show the rounded figures of the table; a hatched part is the rest of the total, "
                        "not shown separately.")
    return text + " " + _("The table after the chart lists every figure.")


def _legend(table: Table, with_rest: bool, y: float) -> tuple[list[str], float]:
    """Legend entries in the order the parts are drawn, wrapped onto more lines rather than cut.
    Returns the SVG parts and the y below the legend."""
    entries = [(f'fill="{PALETTE[i % len(PALETTE)]}"', c.label) for i, c in enumerate(table.columns)]
    if len(entries) < 2:
        entries = []
    if with_rest:
        entries.append((f'fill="url(#{_ident(table)}-rest)" stroke="{HIDDEN_STROKE}"', _rest_label()))
    out, x, swatch = [], 0.0, 14
    line_top = y
    for fill, label in entries:
        lines = wrap(label, WIDTH - swatch - 6, FONT)
        w = swatch + 6 + max(text_width(line, FONT) for line in lines) + 14
        if x and (x + w > WIDTH or len(lines) > 1):
            x, line_top = 0.0, y
        out.append(f'<rect x="{x:.1f}" y="{line_top + 4:.1f}" width="{swatch}" height="{swatch}" {fill}/>'
                   + _text(x + swatch + 6, line_top + FONT, lines, "chart-legend", FONT))
        y = max(y, line_top + LINE * len(lines))
        x = x + w if len(lines) == 1 else WIDTH  # an entry of several lines takes the whole width
    return out, (y + 8 if out else y)


def _ident(table: Table) -> str:
    return f"chart-{escape(table.key)}"


def _defs(table: Table) -> str:
    """The hatching of the rest part: diagonal lines, readable in greyscale print too."""
    return (f'<defs><pattern id="{_ident(table)}-rest" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#FFFFFF"/>'
            f'<rect width="3" height="6" fill="{HIDDEN_STROKE}"/></pattern></defs>')


def _part_rect(x: float, y: float, w: float, h: float, series: int, row_label: str, part_label: str, value) -> str:
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{PALETTE[series % len(PALETTE)]}" '
            f'class="chart-part"><title>{escape(row_label)} – {escape(part_label)}: {escape(number(value))}'
            '</title></rect>')


def _rest_rect(table: Table, x: float, y: float, w: float, h: float, row_label: str) -> str:
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="url(#{_ident(table)}-rest)" '
            f'stroke="{HIDDEN_STROKE}" class="chart-part chart-rest">'
            f'<title>{escape(row_label)} – {escape(_rest_label())}</title></rect>')


def hbar(table: Table) -> str:
    """Horizontal bars, one per row, each with its label on the line(s) above it."""
    rows = table.rows
    if not rows:
        return ""
    bars = [(r, *_bar(table, r.key)) for r in rows]
    with_rest = any(rest for _r, _p, rest, _t in bars)
    parts, y = _legend(table, with_rest, 0)
    values = [cell_text(total) for _r, _p, _rest, total in bars]
    plot_w = WIDTH - max(text_width(v, MIN_FONT) for v in values) - 8  # room for the figure after the bar
    longest = max(sum(v for _i, _l, v in p) + rest for _r, p, rest, _t in bars)
    scale = plot_w / max(longest, 1)
    for (row, drawn, rest, _total), value in zip(bars, values):
        lines = wrap(row.label, WIDTH, FONT)
        parts.append(_text(2, y + FONT, lines, "chart-label", FONT))  # x=2: room for a J or ি that overhangs
        y += LINE * len(lines) + 2
        x = 0.0
        for i, label, v in drawn:
            parts.append(_part_rect(x, y, v * scale, BAR, i, row.label, label, v))
            x += v * scale
        if rest:
            parts.append(_rest_rect(table, x, y, rest * scale, BAR, row.label))
            x += rest * scale
        parts.append(_text(x + 5, y + BAR - 3, [value], "chart-value", MIN_FONT))
        y += BAR + GAP
    direction = _("Each bar is made of the parts in the order of the legend, from left to right.")
    return _svg(table, y, parts, direction)


def _nice_step(peak: float) -> float:
    """A round step (1, 2 or 5 × 10ⁿ) giving at most four gridlines up to `peak`."""
    raw = max(peak, 1) / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


def columns(table: Table) -> str:
    """Stacked columns for time (months, quarters); labels horizontal, as many as fit."""
    rows = table.rows
    if not rows:
        return ""
    bars = [(r, *_bar(table, r.key)) for r in rows]
    with_rest = any(rest for _r, _p, rest, _t in bars)
    parts, top = _legend(table, with_rest, 0)
    peak = max(sum(v for _i, _l, v in p) + rest for _r, p, rest, _t in bars)
    step = _nice_step(peak)
    axis_top = max(step * math.ceil(max(peak, 1) / step), step)
    ticks = [step * k for k in range(1, int(axis_top / step) + 1)]  # 0 is the axis itself
    axis_w = max(text_width(number(t), MIN_FONT) for t in ticks) + 6
    slot = (WIDTH - axis_w) / len(rows)
    bar_w = max(min(slot * 0.7, 36), 2)
    values = [cell_text(total) for _r, _p, _rest, total in bars]
    # Figures on top of the columns only when every one fits over its column.
    with_values = all(text_width(v, MIN_FONT) <= slot - 2 for v in values)
    top += LINE if with_values else FONT // 2
    base_y = top + PLOT_H
    scale = PLOT_H / axis_top
    for t in ticks:
        ty = base_y - t * scale
        parts.append(f'<line x1="{axis_w:.1f}" y1="{ty:.1f}" x2="{WIDTH}" y2="{ty:.1f}" class="chart-grid"/>')
        parts.append(_text(axis_w - 5, ty + 5, [number(t)], "chart-value", MIN_FONT, "end"))
    parts.append(f'<line x1="{axis_w:.1f}" y1="{base_y}" x2="{WIDTH}" y2="{base_y}" class="chart-axis"/>')
    # Labels split at the last space ("January" / "2025") and only every `every`-th one, so they never overlap.
    labels = [r.label.rsplit(" ", 1) for r in rows]
    label_w = max(text_width(line, MIN_FONT) for pair in labels for line in pair)
    half = label_w / 2
    first_cx, last_cx = axis_w + slot / 2, WIDTH - slot / 2
    shift = max(0, half - first_cx, last_cx + half - WIDTH)  # how far an edge label may move inwards
    every = max(1, math.ceil((label_w + 8 + shift) / slot))
    for n, ((row, drawn, rest, _total), value, label) in enumerate(zip(bars, values, labels)):
        x = axis_w + n * slot + (slot - bar_w) / 2
        cx = x + bar_w / 2
        y = float(base_y)
        for i, part_label, v in drawn:
            y -= v * scale
            parts.append(_part_rect(x, y, bar_w, v * scale, i, row.label, part_label, v))
        if rest:
            y -= rest * scale
            parts.append(_rest_rect(table, x, y, bar_w, rest * scale, row.label))
        if with_values:
            parts.append(_text(cx, y - 4, [value], "chart-value", MIN_FONT, "middle"))
        if n % every == 0:
            lx = min(max(cx, half), WIDTH - half)  # the first and last labels stay inside the drawing
            parts.append(_text(lx, base_y + 4 + MIN_FONT, label, "chart-label", MIN_FONT, "middle"))
    height = base_y + 8 + LINE * max(len(pair) for pair in labels)
    direction = _("Each column is made of the parts in the order of the legend, from the bottom up.")
    return _svg(table, height, parts, direction)


def _svg(table: Table, height: float, parts: list[str], direction: str) -> str:
    ident = _ident(table)
    return mark_safe(
        f'<svg class="report-chart" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-t">{escape(table.title)}</title>'
        f'<desc id="{ident}-d">{escape(_description(table, direction))}</desc>'
        + _defs(table) + "".join(parts) + "</svg>"
    )


def render(table: Table) -> str:
    """The chart of a table, or "" when the table has no chart or no rows."""
    if table.chart == "columns":
        return columns(table)
    if table.chart == "hbar":
        return hbar(table)
    return ""


def description(table: Table) -> str:
    return _description(table)
