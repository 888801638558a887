"""Widgets shared by the case system's forms, and ready-made options for long reference lists."""

from functools import lru_cache

from django import forms
from django.core.cache import cache
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
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        options = _options_html(_plain(self.choices))
        for key in self.format_value(value):
            tag = f'<option value="{escape(key)}">'
            options = options.replace(tag, tag[:-1] + " selected>")
        return mark_safe(f"<select{flatatt(final)}>{options}</select>")  # noqa: S308 - every part escaped


def _plain(choices) -> tuple:
    """The choices as plain strings (lazy labels resolved in the reader's language), hashable."""
    out = []
    for key, label in choices:
        if isinstance(label, (list, tuple)):
            out.append((str(key), _plain(label)))
        else:
            out.append(("" if key is None else str(key), str(label)))
    return tuple(out)


@lru_cache(maxsize=256)
def _options_html(choices: tuple) -> str:
    """The <option>s of a list, none selected, joined once per distinct list (they repeat on every
    page: about 750 places and countries were 7 ms a report page). 256 lists: both languages of the
    report and case lists, and a district's upazilas for each of the 64 districts."""
    def option(key, label):
        return f'<option value="{escape(key)}">{escape(label)}</option>'

    parts = []
    for key, label in choices:
        if isinstance(label, tuple):
            inner = "".join(option(k, lab) for k, lab in label)
            parts.append(f'<optgroup label="{escape(key)}">{inner}</optgroup>')
        else:
            parts.append(option(key, label))
    return "".join(parts)


def _bangla() -> bool:
    return (get_language() or "bn").startswith("bn")


def bilingual_choices(queryset) -> list[tuple[int, str]]:
    """(pk, name in the reader's language) for rows with name_bn and name_en (places, countries),
    from one values_list query: no model instance per option."""
    first, second = ("name_bn", "name_en") if _bangla() else ("name_en", "name_bn")
    return [(pk, a or b) for pk, a, b in queryset.values_list("pk", first, second)]


CHOICES_CACHE_SECONDS = 3600


def _choices_key(model, language: str) -> str:
    return f"choices:v1:{model._meta.label_lower}:{language}"


def cached_bilingual_choices(model) -> list[tuple[int, str]]:
    """bilingual_choices(model.objects.all()), kept in the cache (shared by the app servers) for an
    hour: the place and country lists change only when an admin or a loader edits them, and each
    of those calls forget_choices(). Four lists took four queries on every report page."""
    key = _choices_key(model, "bn" if _bangla() else "en")
    choices = cache.get(key)
    if choices is None:
        choices = bilingual_choices(model.objects.all())
        cache.set(key, choices, CHOICES_CACHE_SECONDS)
    return choices


def forget_choices(*models) -> None:
    cache.delete_many([_choices_key(model, language) for model in models for language in ("bn", "en")])


def organisation_choices(queryset) -> list[tuple[int, str]]:
    """(pk, Organization.display_name) without building the organisations."""
    bn = _bangla()
    return [(pk, (name_bn if bn and name_bn else name)) for pk, name, name_bn in queryset.values_list("pk", "name", "name_bn")]


def preset_choices(field, pairs) -> None:
    """Give a ModelChoiceField's widget its options ready-made (the field's queryset still checks
    the answer). Set after the queryset: setting a queryset resets the widget's options."""
    empty = [] if field.empty_label is None else [("", field.empty_label)]
    field.widget.choices = empty + list(pairs)
