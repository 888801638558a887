"""Widgets shared by the case system's forms, and ready-made options for long reference lists."""

from functools import lru_cache

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
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
        choices = self.choices
        if isinstance(choices, PresetChoices):
            options = choices.options_html()
        else:
            options = _options_html(_plain(choices))
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


class PresetChoices(BaseChoiceIterator):
    """Ready-made options for a long list (places, countries, organisations, categories).

    Django normalises a plain list of choices each time a widget is given one and again when the
    form is copied for a request: about 800 options took 2 ms a report page. A BaseChoiceIterator
    is taken as it is, and FastSelect joins its <option>s once per distinct list."""

    def __init__(self, pairs, empty_label=None):
        self.pairs = tuple(pairs)
        self.empty_label = empty_label

    def __iter__(self):
        if self.empty_label is not None:
            yield "", self.empty_label
        yield from self.pairs

    def options_html(self) -> str:
        empty = "" if self.empty_label is None else _options_html((("", str(self.empty_label)),))
        return empty + _options_html(self.pairs)


def _bangla() -> bool:
    return (get_language() or "bn").startswith("bn")


def reader_language() -> str:
    """"bn" or "en": the part of a cached list's key that says its language (see cached_rows)."""
    return "bn" if _bangla() else "en"


def bilingual_choices(queryset) -> list[tuple[int, str]]:
    """(pk, name in the reader's language) for rows with name_bn and name_en (places, countries),
    from one values_list query: no model instance per option."""
    first, second = ("name_bn", "name_en") if _bangla() else ("name_en", "name_bn")
    return [(pk, a or b) for pk, a, b in queryset.values_list("pk", first, second)]


def _choices_key(model, part: str) -> str:
    return f"choices:v2:{model._meta.label_lower}:{part}"


def cached_rows(model, part: str, build):
    """build(), kept in the cache under `model` and `part` (a language code, or "names") for
    PROTIKAR_CHOICES_CACHE_SECONDS: an hour in a cache all processes share, a minute where each has
    its own. Reference lists change only when an admin or a loader edits them, and each edit calls
    forget_choices(model): casework.reference_cache says who calls it for writes without a signal."""
    key = _choices_key(model, part)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, settings.PROTIKAR_CHOICES_CACHE_SECONDS)
    return value


def cached_bilingual_choices(model) -> tuple[tuple[int, str], ...]:
    """bilingual_choices(model.objects.all()) from the cache: four place and country lists took
    four queries on every report page."""
    return cached_rows(model, reader_language(), lambda: tuple(bilingual_choices(model.objects.all())))


def cached_names(model) -> dict[int, tuple[str, str]]:
    """pk → (name_en, name_bn) of every row of a bilingual reference list, from the cache: what
    reports need to name a case's district or result, or to remove a place name from a text,
    without a query or a join."""
    return cached_rows(model, "names", lambda: {pk: (en, bn) for pk, en, bn in
                                                 model.objects.values_list("pk", "name_en", "name_bn")})


def name_in_language(names: tuple[str, str] | None) -> str:
    """The reader's-language name from a cached_names() pair, falling back to the other language
    (as BilingualName.name does); "" for no row."""
    if not names:
        return ""
    en, bn = names
    return (bn or en) if _bangla() else (en or bn)


def forget_choices(*models) -> None:
    cache.delete_many([_choices_key(model, part) for model in models for part in ("bn", "en", "names")])


def organisation_choices(queryset) -> list[tuple[int, str]]:
    """(pk, Organization.display_name) without building the organisations."""
    bn = _bangla()
    return [(pk, (name_bn if bn and name_bn else name)) for pk, name, name_bn in queryset.values_list("pk", "name", "name_bn")]


def preset_choices(field, pairs) -> None:
    """Give a ModelChoiceField's widget its options ready-made (the field's queryset still checks
    the answer). Set after the queryset: setting a queryset resets the widget's options."""
    field.widget.choices = PresetChoices(pairs, field.empty_label)
