"""Widgets shared by the case system's forms."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A <select> whose options are joined in Python, not rendered one by one through templates.

    Django renders each <option> through the template engine; the upazila and country lists hold
    about 750 options, which made the filter form cost more than the report's SQL at 100,000 cases.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name

        def option(key, label):
            key = "" if key is None else str(key)
            return format_html('<option value="{}"{}>{}</option>', key,
                               mark_safe(" selected") if key in selected else "", label)

        parts = []
        for key, label in self.choices:
            if isinstance(label, (list, tuple)):
                inner = "".join(option(k, lab) for k, lab in label)
                parts.append(format_html('<optgroup label="{}">{}</optgroup>', key, mark_safe(inner)))
            else:
                parts.append(option(key, label))
        return format_html("<select{}>{}</select>", flatatt(final), mark_safe("".join(parts)))
