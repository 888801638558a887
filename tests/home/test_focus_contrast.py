"""The keyboard focus ring is visible on every background it can sit on (WCAG 2.1 SC 1.4.11: 3:1).

Computed from protikar.css itself: the ring's colours (outline and box-shadow of the :focus-visible
rule) against the page's backgrounds. #ffbf47 alone on white was 1.64:1.
"""

import re
from pathlib import Path

from django.contrib.staticfiles import finders


def _css(name):
    return Path(finders.find(name)).read_text(encoding="utf-8")


def _luminance(hex_colour: str) -> float:
    hex_colour = hex_colour.lstrip("#")
    if len(hex_colour) == 3:
        hex_colour = "".join(c * 2 for c in hex_colour)
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _variables(css: str) -> dict:
    root = re.search(r":root\s*{([^}]*)}", css).group(1)
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})", root))


def _focus_ring_colours(css: str) -> list[str]:
    rule = re.search(r"a:focus-visible[^{]*{([^}]*)}", css).group(1)
    outline = re.search(r"outline:\s*[^;]*?(#[0-9a-fA-F]{3,6})", rule)
    shadow = re.search(r"box-shadow:\s*[^;]*?(#[0-9a-fA-F]{3,6})", rule)
    return [m.group(1) for m in (outline, shadow) if m]


def _backgrounds(css: str) -> set[str]:
    """Every background colour the stylesheets give (the ring can sit on any of them), and white."""
    variables = _variables(css)
    found = {"#fff"}
    for value in re.findall(r"background(?:-color)?:\s*([^;}]+)", css):
        for var in re.findall(r"var\(--([\w-]+)\)", value):
            if var in variables:
                found.add(variables[var])
        found.update(re.findall(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b", value))
    return found


def test_contrast_formula():
    assert round(contrast("#ffbf47", "#ffffff"), 2) == 1.64  # the old ring on white: the audit's figure
    assert round(contrast("#000", "#fff"), 0) == 21


def test_focus_ring_has_3_to_1_against_every_background():
    css = _css("css/protikar.css") + _css("knowledge/knowledge.css")
    colours = _focus_ring_colours(_css("css/protikar.css"))
    assert len(colours) == 2, "a two-tone ring: a dark and a light colour"
    # the two rings are told apart from each other
    assert contrast(*colours) >= 3
    backgrounds = _backgrounds(css)
    assert "#0b5d4b" in backgrounds and "#fff" in backgrounds  # the header's green and the page
    for background in backgrounds:
        best = max(contrast(colour, background) for colour in colours)
        assert best >= 3, (background, colours, best)


def test_no_other_focus_rule_replaces_the_ring_with_a_weaker_one():
    for name in ("css/protikar.css", "knowledge/knowledge.css"):
        for rule in re.findall(r"[^{}]*:focus[^{]*{[^}]*outline:[^}]*}", _css(name)):
            if "a:focus-visible" in rule:
                continue
            assert "skip-link" in rule, f"{name}: a focus rule of its own: {rule.strip()}"
