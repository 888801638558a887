"""FastSelect (portal.widgets) renders what Django's Select renders, from a cached join of the options."""

import re

import pytest
from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy

from portal.widgets import FastSelect


def _options(html):
    """(value, label, selected) of each <option>, and the optgroup labels, from either widget."""
    found = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html)
    return [(v, label, bool(s)) for v, s, label in found], re.findall(r'<optgroup label="([^"]*)"', html)


CHOICES = [("", "---------"), (1, "Dhaka"), (2, "<b>Khulna & Co</b>"), ("Group", [(3, "Sylhet"), (4, 'Say "hi"')])]


@pytest.mark.parametrize("value", [None, "", 1, "2", 3, "999", "<script>"])
def test_fast_select_renders_the_options_of_djangos_select(value):
    widget = FastSelect(attrs={"id": "id_place"})
    widget.choices = CHOICES
    plain = forms.Select(attrs={"id": "id_place"}, choices=CHOICES)
    fast = widget.render("place", value)
    assert _options(fast) == _options(plain.render("place", value))
    assert fast.startswith('<select name="place" id="id_place">') or fast.startswith('<select id="id_place" name="place">')
    assert "<b>" not in fast and "&lt;b&gt;Khulna &amp; Co&lt;/b&gt;" in fast
    assert fast.count(" selected") == (1 if value in ("", 1, "2", 3, None) else 0)


def test_a_selection_does_not_stay_in_the_shared_options():
    widget = FastSelect()
    widget.choices = CHOICES
    assert ' selected' in widget.render("place", 2)
    assert _options(widget.render("place", 4))[0][-1] == ("4", "Say &quot;hi&quot;", True)
    assert [o for o in _options(widget.render("place", 1))[0] if o[2]] == [("1", "Dhaka", True)]


def test_lazy_labels_follow_the_readers_language():
    widget = FastSelect()
    widget.choices = [("female", gettext_lazy("Female"))]
    with translation.override("bn"):
        bangla = widget.render("gender", None)
    with translation.override("en"):
        english = widget.render("gender", None)
    assert ">Female<" in english and ">Female<" not in bangla


@pytest.mark.parametrize("value", [None, "", 1, "2", 3, "999"])
def test_preset_choices_render_as_the_same_list_would(value):
    """PresetChoices (what preset_choices gives a filter's widget) renders like the plain list,
    empty option first, and Django takes it as it is instead of normalising it again."""
    from portal.widgets import PresetChoices

    preset = PresetChoices([(1, "Dhaka"), (2, "<b>Khulna & Co</b>"), ("Group", ((3, "Sylhet"),))], "---------")
    widget = FastSelect(attrs={"id": "id_place"})
    widget.choices = preset
    assert widget.choices is preset
    plain = forms.Select(attrs={"id": "id_place"}, choices=list(preset))
    assert _options(widget.render("place", value)) == _options(plain.render("place", value))
    assert _options(widget.render("place", None))[0][0] == ("", "---------", True)
    assert dict(preset)[2] == "<b>Khulna & Co</b>"  # report filters name a chosen value from it
    field = forms.ChoiceField(choices=PresetChoices([("a", "A"), ("Group", (("b", "B"),))]))
    assert field.clean("b") == "b"
    with pytest.raises(forms.ValidationError):
        field.clean("c")
