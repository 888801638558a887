"""Charts drawn on the server as SVG: no JavaScript, no CDN, they work offline and print crisply.

Each chart is an <svg role="img"> with a <title> and a <desc> that says in words what it shows
(the biggest rows and their counts), and the table right below it holds every figure, so a screen
reader user loses nothing. Hidden (suppressed) cells are not drawn; their rows say "<5" or "x".
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from portal.templatetags.portal_tags import local_digits

from .formatting import cell_text, number
from .tables import TOTAL, Table

# Okabe–Ito: distinguishable with the common colour-vision deficiencies, and in greyscale print.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999"]
LABEL_CHARS = 30


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _series(table: Table):
    """The drawn series: the count columns (a stacked bar per row)."""
    return [(i, c) for i, c in enumerate(table.columns)]


def _description(table: Table) -> str:
    """A sentence or two for screen readers: the largest rows and what the table below holds."""
    shown = [(r.label, table.cell(r.key, TOTAL if table.show_row_totals else table.columns[0].key)) for r in table.rows]
    visible = sorted([(label, c.value) for label, c in shown if not c.hidden], key=lambda x: -x[1])[:5]
    parts = [f"{label}: {number(value)}" for label, value in visible]
    text = _("%(title)s. Largest: %(list)s.") % {"title": table.title, "list": "; ".join(parts) or "–"}
    if table.anonymised:
        text += " " + _("Counts below 5 are not drawn.")
    return text + " " + _("The table after the chart lists every figure.")


def _legend(table: Table, y: int, width: int) -> tuple[list[str], int]:
    if len(table.columns) < 2:
        return [], y
    out, x = [], 0
    for i, column in _series(table):
        label = _short(column.label, 34)
        w = 22 + 7 * len(label)
        if x + w > width:
            x, y = 0, y + 18
        out.append(
            f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{PALETTE[i % len(PALETTE)]}"/>'
            f'<text x="{x + 16}" y="{y}" class="chart-legend">{escape(label)}</text>'
        )
        x += w
    return out, y + 22


def hbar(table: Table, width: int = 760) -> str:
    rows = table.rows
    if not rows:
        return ""
    label_w, bar_h, gap = 230, 18, 6
    plot_w = width - label_w - 70
    legend, top = _legend(table, 14, width)
    totals = []
    for r in rows:
        cells = [table.cell(r.key, c.key) for c in table.columns]
        totals.append(sum(c.value for c in cells if not c.hidden))
    scale = plot_w / max(max(totals), 1)
    height = top + len(rows) * (bar_h + gap) + 10
    parts = list(legend)
    for n, r in enumerate(rows):
        y = top + n * (bar_h + gap)
        parts.append(f'<text x="{label_w - 8}" y="{y + 13}" text-anchor="end" class="chart-label">'
                     f'<title>{escape(r.label)}</title>{escape(_short(r.label))}</text>')
        x = label_w
        for i, column in _series(table):
            cell = table.cell(r.key, column.key)
            if cell.hidden or not cell.value:
                continue
            w = cell.value * scale
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{PALETTE[i % len(PALETTE)]}">'
                         f'<title>{escape(r.label)} – {escape(column.label)}: {number(cell.value)}</title></rect>')
            x += w
        total_cell = table.cell(r.key, TOTAL) if table.show_row_totals else table.cell(r.key, table.columns[0].key)
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 13}" class="chart-value">{escape(cell_text(total_cell))}</text>')
    return _svg(table, width, height, parts)


def columns(table: Table, width: int = 760) -> str:
    rows = table.rows
    if not rows:
        return ""
    legend, top = _legend(table, 14, width)
    plot_h, axis_w, bottom = 220, 40, 60
    height = top + plot_h + bottom
    slot = (width - axis_w) / len(rows)
    bar_w = max(min(slot * 0.7, 40), 2)
    totals = [sum(c.value for c in (table.cell(r.key, col.key) for col in table.columns) if not c.hidden) for r in rows]
    peak = max(max(totals), 1)
    scale = plot_h / peak
    base_y = top + plot_h
    parts = list(legend)
    parts.append(f'<line x1="{axis_w}" y1="{base_y}" x2="{width}" y2="{base_y}" class="chart-axis"/>')
    parts.append(f'<text x="{axis_w - 4}" y="{top + 10}" text-anchor="end" class="chart-value">{number(peak)}</text>')
    parts.append(f'<text x="{axis_w - 4}" y="{base_y}" text-anchor="end" class="chart-value">{local_digits(0)}</text>')
    every = max(1, len(rows) // 12)  # at most about 12 labels under the axis
    for n, r in enumerate(rows):
        x = axis_w + n * slot + (slot - bar_w) / 2
        y = base_y
        for i, column in _series(table):
            cell = table.cell(r.key, column.key)
            if cell.hidden or not cell.value:
                continue
            h = cell.value * scale
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                         f'fill="{PALETTE[i % len(PALETTE)]}"><title>{escape(r.label)} – {escape(column.label)}: '
                         f'{number(cell.value)}</title></rect>')
        if n % every == 0:
            cx = x + bar_w / 2
            parts.append(f'<text x="{cx:.1f}" y="{base_y + 14}" text-anchor="end" class="chart-label" '
                         f'transform="rotate(-35 {cx:.1f} {base_y + 14})">{escape(_short(r.label, 18))}</text>')
    return _svg(table, width, height, parts)


def _svg(table: Table, width: int, height: float, parts: list[str]) -> str:
    ident = f"chart-{escape(table.key)}"
    return mark_safe(
        f'<svg class="report-chart" role="img" aria-labelledby="{ident}-t {ident}-d" viewBox="0 0 {width} {height:.0f}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-t">{escape(table.title)}</title><desc id="{ident}-d">{escape(_description(table))}</desc>'
        + "".join(parts) + "</svg>"
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
