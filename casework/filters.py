import re

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from casework.fields import LocalDateField, ascii_digits, parse_id
from casework.reference_cache import cached_organisation_choices
from portal.widgets import FastSelect, bilingual_choices, cached_bilingual_choices, preset_choices
from casework.models import Case, Country, District, Division, Organization, Upazila
from casework.models.people import Gender
from casework.states import Status

CASE_NUMBER = re.compile(r"PRK-\d{4}-\d{5}")
FIRST_CASE_YEAR = 2015  # registers imported from partners go back to about here

SORTS = {
    "newest": ("-created_at", "-id"),
    "oldest": ("created_at", "id"),
    "number": ("case_number",),
    "status": ("status", "-created_at"),
    "district": ("district__name_en", "-created_at"),
    "waiting": ("status_changed_at", "id"),
}


class LocalDateFilter(django_filters.DateFilter):
    field_class = LocalDateField


class CaseFilter(django_filters.FilterSet):
    """Filters of the case list. None of them takes personal data (that search is POSTed)."""

    q = django_filters.CharFilter(label=_("Case number"), method="filter_case_number")
    status = django_filters.MultipleChoiceFilter(choices=Status.choices, label=_("Status"), widget=forms.CheckboxSelectMultiple)
    category = django_filters.ModelChoiceFilter(field_name="categories", queryset=None, label=_("Category"), widget=FastSelect)
    division = django_filters.ModelChoiceFilter(queryset=Division.objects.all(), label=_("Division"), widget=FastSelect)
    district = django_filters.ModelChoiceFilter(queryset=District.objects.all(), label=_("District"), widget=FastSelect)
    upazila = django_filters.ModelChoiceFilter(queryset=Upazila.objects.all(), label=_("Upazila"), widget=FastSelect)
    gender = django_filters.ChoiceFilter(field_name="justice_seeker__gender", choices=Gender.choices, label=_("Gender"))
    organization = django_filters.ModelChoiceFilter(queryset=Organization.objects.all(), label=_("Organisation"), widget=FastSelect)
    destination = django_filters.ModelChoiceFilter(field_name="destination_country", queryset=Country.objects.all(), label=_("Destination country"), widget=FastSelect)
    received_from = LocalDateFilter(field_name="created_at", lookup_expr="date__gte", label=_("Received from"),
                                    widget=forms.DateInput(attrs={"type": "date"}))
    received_to = LocalDateFilter(field_name="created_at", lookup_expr="date__lte", label=_("Received until"),
                                  widget=forms.DateInput(attrs={"type": "date"}))
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), method="filter_sort", empty_label=None,
        choices=[("newest", _("Newest first")), ("oldest", _("Oldest first")), ("number", _("Case number")),
                 ("status", _("Status")), ("district", _("District")), ("waiting", _("Waiting longest"))],
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from knowledge.selectors import category_queryset, localize_many

        cats = category_queryset()
        self.filters["category"].queryset = cats
        # Upazilas only of the chosen district: 494 options would make every list page heavy on a
        # phone (and slow to render); without JavaScript, choose the district and press "Show".
        district = parse_id((self.data or {}).get("district"))
        self.filters["upazila"].queryset = (
            Upazila.objects.filter(district_id=district) if district is not None else Upazila.objects.none()
        )
        # Country list: the common destinations only, to keep the form light on a phone.
        self.filters["destination"].queryset = Country.objects.filter(priority__lt=1000)
        names = {k: v.name for k, v in localize_many(cats).items()}
        fields = self.form.fields
        fields["category"].label_from_instance = lambda c: names.get(c.translation_key, c.name)
        for name in ("division", "district"):  # whole lists: from the cache (portal.widgets)
            preset_choices(fields[name], cached_bilingual_choices(fields[name].queryset.model))
        for name in ("upazila", "destination"):  # a district's upazilas, the common destinations
            preset_choices(fields[name], bilingual_choices(fields[name].queryset))
        preset_choices(fields["organization"], cached_organisation_choices())

    def filter_case_number(self, queryset, name, value):
        """Exact numbers use the unique index; "42" or "০০৪২" looks up PRK-<year>-00042 for each year."""
        value = ascii_digits(value).strip().upper()
        if not value:
            return queryset
        if CASE_NUMBER.fullmatch(value):
            return queryset.filter(case_number=value)
        number = parse_id(value) if len(value) <= 5 else None
        if number is not None:
            years = range(FIRST_CASE_YEAR, timezone.localdate().year + 1)
            return queryset.filter(case_number__in=[f"PRK-{year}-{number:05d}" for year in years])
        return queryset.filter(case_number__icontains=value)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["newest"]))
