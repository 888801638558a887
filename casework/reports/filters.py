"""The filters every report shares (SPEC §3): period, place, gender, category, channel, destination,
organisation. They narrow the already scoped case queryset; none of them widens it.

Anonymised views get no upazila and no free date range (suppression.py, rule 3): a filter below
district, or two date ranges a day apart, would let two views differ by one small group of cases.
A value that is not valid is shown as a form error, is not applied, and the page and the export
say so: they always describe exactly the filters that were applied.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache
from datetime import date, datetime, time

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext  # not "as _gettext": makemessages would miss those strings
from django.utils.translation import gettext_lazy as _
from knowledge.selectors import cached_category_choices, current_language_codes

from portal.templatetags.portal_tags import local_digits
from portal.widgets import FastSelect, PresetChoices, bilingual_choices, cached_bilingual_choices, preset_choices
from casework.fields import parse_id
from casework.reference_cache import cached_organisation_choices
from casework.models import Case, Country, District, Division, Organization, Upazila
from casework.models.people import Gender
from casework.states import Channel

from .definitions import month_label, quarter_label

PERIOD_RE = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|Q(?P<quarter>[1-4])))?$")


def period_bounds(value: str) -> tuple[date, date] | None:
    """First and last day of "2026", "2026-03" or "2026-Q1"; None if the text is not a period."""
    match = PERIOD_RE.match(value or "")
    if not match:
        return None
    year = int(match["year"])
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            return None
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if match["quarter"]:
        first = (int(match["quarter"]) - 1) * 3 + 1
        return date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1])
    return date(year, 1, 1), date(year, 12, 31)


def period_choices(today: date | None = None, first: date | None = None) -> list[tuple[str, str]]:
    """Every month, quarter and year from the first case (`first`) to today, newest first."""
    today = today or timezone.localdate()
    first = min(first or today, today)
    return list(_period_choices(today, date(first.year, first.month, 1), get_language()))


@lru_cache(maxsize=64)
def _period_choices(today: date, first: date, language: str) -> tuple:
    """period_choices() for a day, a first month and a language: the same list on every report page
    of the day (a hundred labels, each translated and in Bangla digits), made once."""
    months, quarters, years = [], [], []
    y, m = today.year, today.month
    while (y, m) >= (first.year, first.month):
        months.append((f"{y}-{m:02d}", str(month_label(date(y, m, 1)))))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    q_year, q = today.year, (today.month - 1) // 3 + 1
    while (q_year, q) >= (first.year, (first.month - 1) // 3 + 1):
        quarters.append((f"{q_year}-Q{q}", str(quarter_label(q_year, q))))
        q_year, q = (q_year - 1, 4) if q == 1 else (q_year, q - 1)
    for year in range(today.year, first.year - 1, -1):
        years.append((str(year), str(local_digits(year))))
    return (("", str(_("All time"))), (str(_("Months")), tuple(months)), (str(_("Quarters")), tuple(quarters)),
            (str(_("Years")), tuple(years)))


FIRST_DAY = date(1990, 1, 1)  # before the programme; earlier dates are typing mistakes


def _last_day() -> date:
    return date(timezone.localdate().year + 1, 12, 31)


def check_report_date(value: date) -> None:
    """A sane date: Python cannot put 0001-01-01 into a time zone, which answered 500 before."""
    if value is not None and not FIRST_DAY <= value <= _last_day():
        raise ValidationError(
            gettext("Choose a date from %(first)s to %(last)s.")
            % {"first": local_digits(formats.date_format(FIRST_DAY)),
               "last": local_digits(formats.date_format(_last_day()))},
            code="out_of_range",
        )


def _aware(day: date, end: bool = False) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


# Filters anonymised views do not offer (module docstring).
NOT_FOR_ANONYMISED = ("upazila", "received_from", "received_to")


class ReportFilter(django_filters.FilterSet):
    period = django_filters.ChoiceFilter(label=_("Period"), method="filter_period", empty_label=None)
    received_from = django_filters.DateFilter(
        label=_("Received from"), method="filter_from", widget=forms.DateInput(attrs={"type": "date"}),
        validators=[check_report_date],
    )
    received_to = django_filters.DateFilter(
        label=_("Received until"), method="filter_to", widget=forms.DateInput(attrs={"type": "date"}),
        validators=[check_report_date],
    )
    division = django_filters.ModelChoiceFilter(queryset=Division.objects.all(), label=_("Division"))
    district = django_filters.ModelChoiceFilter(queryset=District.objects.all(), label=_("District"))
    upazila = django_filters.ModelChoiceFilter(queryset=Upazila.objects.all(), label=_("Upazila"))
    gender = django_filters.ChoiceFilter(field_name="justice_seeker__gender", choices=Gender.choices, label=_("Gender"))
    category = django_filters.ModelChoiceFilter(queryset=None, label=_("Case category"), method="filter_category")
    channel = django_filters.ChoiceFilter(field_name="channel", choices=Channel.choices, label=_("Redress channel"))
    destination = django_filters.ModelChoiceFilter(
        field_name="destination_country", queryset=Country.objects.all(), label=_("Destination country")
    )
    organization = django_filters.ModelChoiceFilter(queryset=Organization.objects.all(), label=_("Organisation"))

    class Meta:
        model = Case
        fields: list[str] = []

    def __init__(self, *args, anonymised: bool = False, date_range: tuple[date, date] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        from knowledge.models import CaseCategory

        from .aggregates import case_date_range

        self.anonymised = anonymised
        self.date_range = date_range or case_date_range()
        if anonymised:
            for name in NOT_FOR_ANONYMISED:
                self.filters.pop(name)  # before the form is built from the filters
        fields = self.form.fields
        for field in fields.values():
            if isinstance(field.widget, forms.Select) and not isinstance(field.widget, forms.SelectMultiple):
                widget = FastSelect(attrs=field.widget.attrs)
                widget.choices = field.widget.choices
                field.widget = widget
        periods = PresetChoices(period_choices(first=self.date_range[0]))
        fields["period"].choices = periods  # django-filter wraps them for validation
        fields["period"].widget.choices = periods  # and FastSelect renders their joined options
        fields["period"].error_messages["invalid_choice"] = _(
            "There are no figures for this period. Choose a month, quarter or year from the list."
        )
        # Cases point at the default-locale category rows; label them in the reader's language.
        _active, default_code = current_language_codes()
        fields["category"].queryset = CaseCategory.objects.filter(locale__language_code=default_code)
        for name in ("division", "district", "destination"):
            preset_choices(fields[name], cached_bilingual_choices(fields[name].queryset.model))
        if "upazila" in fields:
            self._offer_upazilas(fields["upazila"])
        preset_choices(fields["organization"], cached_organisation_choices())
        preset_choices(fields["category"], cached_category_choices())

    def _offer_upazilas(self, field) -> None:
        """Offer the upazilas of the chosen district only, as the case list does: all 494 were half
        of a report page (38 of 72 KB) to load and scroll on a phone. Without JavaScript: choose
        the district, press Show, then the upazila. The field still accepts any upazila (a link
        with an upazila alone keeps working); its district's upazilas are then offered."""
        data = self.data or {}
        district = parse_id(data.get("district"))
        upazila = parse_id(data.get("upazila"))
        if district is not None:
            upazilas = Upazila.objects.filter(district_id=district)
        elif upazila is not None:
            upazilas = Upazila.objects.filter(district__upazilas=upazila)
        else:
            field.empty_label = _("Choose a district first, then press Show")
            preset_choices(field, [])
            return
        preset_choices(field, bilingual_choices(upazilas))

    def filter_period(self, queryset, name, value):
        bounds = period_bounds(value)
        if not bounds:
            return queryset
        return queryset.filter(created_at__gte=_aware(bounds[0]), created_at__lte=_aware(bounds[1], end=True))

    def filter_from(self, queryset, name, value):
        return queryset.filter(created_at__gte=_aware(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(created_at__lte=_aware(value, end=True))

    def filter_category(self, queryset, name, value):
        # EXISTS, not a join: a join on the many-to-many would count a case once per category.
        through = Case.categories.through
        return queryset.filter(Exists(through.objects.filter(case_id=OuterRef("pk"), casecategory_id=value.pk)))

    @property
    def applied(self) -> dict:
        """The filter values in force: the valid ones (django-filter applies exactly these)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()  # cleaned_data then holds the valid fields only
        return {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "")}

    @property
    def is_filtered(self) -> bool:
        return bool(self.applied)

    @property
    def period_days(self) -> tuple[date, date] | None:
        """First and last day of the chosen period, or None for all time."""
        return period_bounds(self.applied.get("period", ""))

    def months(self) -> tuple[date, date]:
        """The days the anonymised month and quarter rows cover: the period, else every case."""
        return self.period_days or self.date_range

    @property
    def period_label(self) -> str:
        """The chosen period in words, for headings and the printed page."""
        data = self.applied
        value = data.get("period") or ""
        for _group, options in self.form.fields["period"].choices[1:]:
            for key, label in options:
                if key == value:
                    return str(label)
        start, end = data.get("received_from"), data.get("received_to")
        if start or end:
            def day(d):
                return local_digits(formats.date_format(d)) if d else "…"

            return f"{day(start)} – {day(end)}"
        return str(_("All time"))

    def not_applied(self) -> list[str]:
        """Labels of the filters that were asked for but are not applied (not valid, or not
        offered in this view)."""
        if not self.is_bound:
            return []
        fields = self.form.fields
        names = [n for n in fields if n in self.form.errors]
        names += [n for n in NOT_FOR_ANONYMISED if self.anonymised and self.data.get(n)]
        labels = {n: f.label for n, f in self.base_filters.items()}
        return [str(labels[n]) for n in names]

    def describe(self) -> list[tuple[str, str]]:
        """The filters in force, as (label, value) pairs for the page and the export: exactly the
        ones applied, and a last pair naming those that were not."""
        data = self.applied
        out = [(str(_("Period")), self.period_label)]
        for name, field in self.form.fields.items():
            if name in ("period", "received_from", "received_to"):
                continue
            value = data.get(name)
            if value is None:
                continue
            if hasattr(field, "label_from_instance") and not isinstance(value, str):
                # The label its option has (preset in the reader's language), not str() of the row:
                # a category row's own name is the Bangla one.
                shown = dict(field.widget.choices).get(value.pk) or field.label_from_instance(value)
            else:
                shown = dict(field.choices).get(value, value)
            out.append((str(field.label), str(shown)))
        skipped = self.not_applied()
        if skipped:
            out.append((str(_("Not applied (value not valid or not offered here)")), ", ".join(skipped)))
        return out
