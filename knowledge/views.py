"""Context for the interactive knowledge pages: plain GET forms that work without JavaScript."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import District

from . import selectors
from .models import MigrationStage


class FindHelpForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("When did it happen?"), choices=MigrationStage.choices, required=False, widget=forms.RadioSelect
    )
    problem = forms.MultipleChoiceField(
        label=_("What happened?"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick everything that fits."),
    )
    district = forms.ModelChoiceField(
        label=_("Your home district (to show people who can help nearby)"),
        queryset=District.objects.order_by("name_en"), required=False, empty_label=_("— choose —"),
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = categories
        self.fields["problem"].choices = [(c.code, c.name) for c in categories]
        self.fields["district"].queryset = District.objects.order_by(selectors.district_name_field())
        self.fields["district"].label_from_instance = lambda d: d.name


# The question a submitted form answered (a hidden field), so that "Next" with nothing chosen can
# say what to choose instead of showing the same question again without a word.
ANSWERED_STAGE, ANSWERED_PROBLEM = "stage", "problem"


def find_help_context(request) -> dict:
    locales = selectors.current_locales()
    rows = selectors.categories(locales)
    form = FindHelpForm(request.GET or None, categories=rows)
    context = {"form": form, "recommendation": None, "step": "stage", "missing": ""}
    if not request.GET:
        return context
    if not form.is_valid():
        context["step"] = "invalid"
        return context
    stage = form.cleaned_data["stage"] or None
    problems = form.cleaned_data["problem"]
    district = form.cleaned_data["district"]
    answered = request.GET.get("answered", "")
    if problems:
        context["step"] = "result"
    elif stage:
        context["step"] = "problem"
        if answered == ANSWERED_PROBLEM:
            context["missing"] = "problem"
    elif answered == ANSWERED_STAGE:
        context["missing"] = "stage"
    context["chosen_stage"] = stage
    context["stage_label"] = dict(MigrationStage.choices).get(stage) if stage else ""
    context["stage_categories"] = selectors.stage_categories(rows, stage)
    if problems:
        recommendation = selectors.recommend(stage=None, problems=problems, rows=rows)
        context["recommendation"] = recommendation
        context["pages_by_channel"] = selectors.channel_pages(locales)
        context["district"] = district
        if district is not None:
            context["focal_points"] = list(selectors.focal_points(district, locales))
    return context


class DistrictForm(forms.Form):
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.order_by("name_en"), required=False,
        empty_label=_("All districts"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.order_by(selectors.district_name_field())
        self.fields["district"].label_from_instance = lambda d: d.name


def helplines_context(request) -> dict:
    form = DistrictForm(request.GET or None)
    district = form.cleaned_data["district"] if form.is_valid() else None
    points = list(selectors.focal_points(district))
    groups: list[dict] = []
    for point in points:
        if not groups or groups[-1]["district"].pk != point.district_id:
            groups.append({"district": point.district, "points": []})
        groups[-1]["points"].append(point)
    return {"district_form": form, "focal_groups": groups, "district": district}
