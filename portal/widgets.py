"""Widgets shared by the case system's forms, and ready-made options for long reference lists."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language


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
            chosen = " selected" if key in selected else ""
            return f'<option value="{escape(key)}"{chosen}>{escape(label)}</option>'

        parts = []
        for key, label in self.choices:
            if isinstance(label, (list, tuple)):
                inner = "".join(option(k, lab) for k, lab in label)
                parts.append(f'<optgroup label="{escape(key)}">{inner}</optgroup>')
            else:
                parts.append(option(key, label))
        return mark_safe(f"<select{flatatt(final)}>{''.join(parts)}</select>")  # noqa: S308 - every part escaped


def _bangla() -> bool:
    return (get_language() or "bn").startswith("bn")


def bilingual_choices(queryset) -> list[tuple[int, str]]:
    """(pk, name in the reader's language) for rows with name_bn and name_en (places, countries),
    from one values_list query: no model instance per option."""
    first, second = ("name_bn", "name_en") if _bangla() else ("name_en", "name_bn")
    return [(pk, a or b) for pk, a, b in queryset.values_list("pk", first, second)]


def organisation_choices(queryset) -> list[tuple[int, str]]:
    """(pk, Organization.display_name) without building the organisations."""
    bn = _bangla()
    return [(pk, (name_bn if bn and name_bn else name)) for pk, name, name_bn in queryset.values_list("pk", "name", "name_bn")]


def preset_choices(field, pairs) -> None:
    """Give a ModelChoiceField's widget its options ready-made (the field's queryset still checks
    the answer). Set after the queryset: setting a queryset resets the widget's options."""
    empty = [] if field.empty_label is None else [("", field.empty_label)]
    field.widget.choices = empty + list(pairs)
