"""The filters every report shares (SPEC §3): period, place, gender, category, channel, destination,
organisation. They narrow the already scoped case queryset; none of them widens it."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from portal.widgets import FastSelect, bilingual_choices, organisation_choices, preset_choices
from casework.models import Case, Country, District, Division, Organization, Upazila
from casework.models.people import Gender
from casework.states import Channel

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


def period_choices(today: date | None = None) -> list[tuple[str, str]]:
    """Recent months, quarters and years, newest first (the printable report is by month or quarter)."""
    from django.utils import formats

    today = today or timezone.localdate()
    choices = [("", _("All time"))]
    months, quarters, years = [], [], []
    y, m = today.year, today.month
    for _i in range(24):
        months.append((f"{y}-{m:02d}", formats.date_format(date(y, m, 1), "YEAR_MONTH_FORMAT")))
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    q_year, q = today.year, (today.month - 1) // 3 + 1
    for _i in range(12):
        quarters.append((f"{q_year}-Q{q}", _("Quarter %(q)s, %(year)s") % {"q": q, "year": q_year}))
        q -= 1
        if q == 0:
            q_year, q = q_year - 1, 4
    for year in range(today.year, today.year - 8, -1):
        years.append((str(year), str(year)))
    return choices + [(_("Months"), months), (_("Quarters"), quarters), (_("Years"), years)]


def _aware(day: date, end: bool = False) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


class ReportFilter(django_filters.FilterSet):
    period = django_filters.ChoiceFilter(label=_("Period"), method="filter_period", empty_label=None)
    received_from = django_filters.DateFilter(
        label=_("Received from"), method="filter_from", widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = django_filters.DateFilter(
        label=_("Received until"), method="filter_to", widget=forms.DateInput(attrs={"type": "date"})
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from knowledge.models import CaseCategory

        fields = self.form.fields
        for field in fields.values():
            if isinstance(field.widget, forms.Select) and not isinstance(field.widget, forms.SelectMultiple):
                widget = FastSelect(attrs=field.widget.attrs)
                widget.choices = field.widget.choices
                field.widget = widget
        fields["period"].choices = period_choices()
        # Cases point at the default-locale category rows; label them in the reader's language.
        default_locale = Locale.get_default()
        fields["category"].queryset = CaseCategory.objects.filter(locale=default_locale)
        for name in ("division", "district", "upazila", "destination"):
            fields[name].label_from_instance = lambda o: o.name
            preset_choices(fields[name], bilingual_choices(fields[name].queryset))
        fields["organization"].label_from_instance = lambda o: o.display_name
        preset_choices(fields["organization"], organisation_choices(fields["organization"].queryset))
        translations = {}
        try:
            active = Locale.get_active()
        except Locale.DoesNotExist:
            active = default_locale
        if active != default_locale:
            translations = dict(CaseCategory.objects.filter(locale=active).values_list("translation_key", "name"))
        fields["category"].label_from_instance = lambda o: translations.get(o.translation_key, o.name)

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
    def period_label(self) -> str:
        """The chosen period in words, for headings and the printed page."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        value = data.get("period") or ""
        for _group, options in self.form.fields["period"].choices[1:]:
            for key, label in options:
                if key == value:
                    return str(label)
        start, end = data.get("received_from"), data.get("received_to")
        if start or end:
            from django.utils import formats

            return f"{formats.date_format(start) if start else '…'} – {formats.date_format(end) if end else '…'}"
        return str(_("All time"))

    def describe(self) -> list[tuple[str, str]]:
        """The filters in force, as (label, value) pairs for the page and the export."""
        if not self.form.is_valid():
            return []
        out = [(str(_("Period")), self.period_label)]
        for name, field in self.form.fields.items():
            if name in ("period", "received_from", "received_to"):
                continue
            value = self.form.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if hasattr(field, "label_from_instance") and not isinstance(value, str):
                shown = field.label_from_instance(value)
            else:
                shown = dict(field.choices).get(value, value)
            out.append((str(field.label), str(shown)))
        return out
