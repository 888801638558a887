"""Forms of the advisory, actions and result surfaces. They validate input only: the services in
casework/workflow.py decide what is allowed and write."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.models import Case, ExternalReferral, GapTag, InterventionType, ResultType
from casework.workflow import NOTE_MAX_LENGTH, assignable_coordinators, legal_aid_organisations

# Dates and amounts typed with Bangla digits are accepted (casework/fields.py).
from casework.fields import IdModelMultipleChoiceField, LocalDateField, LocalDecimalField


def _date_field(label, required=True, initial=None, help_text="", not_future=True):
    return LocalDateField(label=label, required=required, initial=initial, help_text=help_text, not_future=not_future)


class TransitionForm(forms.Form):
    """The decision: which action, the note, and for forward/refer the organisation or reference number."""

    action = forms.CharField(max_length=30)
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_MAX_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 4}))
    organization = forms.ModelChoiceField(label=_("Legal-aid organisation"), queryset=None, required=False,
                                          empty_label=_("The advisor's organisation"))
    reference_number = forms.CharField(label=_("Reference number (if known)"), required=False, max_length=60,
                                       help_text=_("BMET complaint tracking number or court case number."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = legal_aid_organisations()


class CommentForm(forms.Form):
    prefix = "cm"  # several forms share the case page: distinct field ids
    body = forms.CharField(label=_("Your comment"), max_length=NOTE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}))


class InterventionForm(forms.Form):
    prefix = "iv"  # several forms share the case page: distinct field ids
    type = forms.ModelChoiceField(label=_("What was done"), queryset=InterventionType.objects.filter(is_active=True))
    date = _date_field(_("Date"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_MAX_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        kind = data.get("type")
        if kind and kind.needs_detail and not (data.get("note") or "").strip():
            self.add_error("note", _("Please say what was done."))
        return data


class ReferenceNumberForm(forms.Form):
    reference_number = forms.CharField(label=_("Reference number"), max_length=60,
                                       help_text=_("BMET complaint tracking number or court case number."))


class ExternalReferralForm(forms.Form):
    prefix = "ext"  # several forms share the case page: distinct field ids
    to_kind = forms.ChoiceField(label=_("Referred to"), choices=ExternalReferral.ToKind.choices)
    to_name = forms.CharField(label=_("Name of the office or NGO"), max_length=200)
    purpose = forms.CharField(label=_("For what"), max_length=300)
    date = _date_field(_("Date"), initial=timezone.localdate)


class FollowUpForm(forms.Form):
    prefix = "fu"  # several forms share the case page: distinct field ids
    date = _date_field(_("Date"), initial=timezone.localdate)
    update = forms.CharField(label=_("What happened"), max_length=NOTE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}))
    next_action = forms.CharField(label=_("Next action"), required=False, max_length=300)
    next_date = _date_field(_("Next date"), required=False, not_future=False,
                            help_text=_("Hearing, BMET appointment or next contact."))

    def clean(self):
        data = super().clean()
        if data.get("next_date") and data.get("date") and data["next_date"] < data["date"]:
            self.add_error("next_date", _("The next date cannot be before the date of this update."))
        if data.get("next_date") and not (data.get("next_action") or "").strip():
            self.add_error("next_action", _("Please say what should happen on the next date."))
        return data


class ResultForm(forms.Form):
    prefix = "res"  # several forms share the case page: distinct field ids
    result = forms.ModelChoiceField(label=_("Result"), queryset=ResultType.objects.filter(is_active=True))
    detail = forms.CharField(label=_("Result details"), required=False, max_length=300)
    favours = forms.ChoiceField(label=_("Does the result favour the worker?"), choices=Case.Favours.choices,
                                widget=forms.RadioSelect)
    money_recovered = LocalDecimalField(label=_("Money recovered (BDT)"), required=False, min_value=0,
                                         max_digits=12, decimal_places=0)
    result_date = _date_field(_("Date of result"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_MAX_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("result") and data["result"].needs_detail and not (data.get("detail") or "").strip():
            self.add_error("detail", _("Please describe the result."))
        return data


class PostAnalysisForm(forms.Form):
    prefix = "pa"  # several forms share the case page: distinct field ids
    analysis = forms.CharField(label=_("Facts and result in the light of procedure, law and policy"),
                               widget=forms.Textarea(attrs={"rows": 5}))
    external_factors = forms.CharField(label=_("Outside factors that helped or hurt"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 3}))
    gaps = IdModelMultipleChoiceField(label=_("Procedural and policy gaps"), required=False,
                                          queryset=GapTag.objects.filter(is_active=True),
                                          widget=forms.CheckboxSelectMultiple)
    went_well = forms.CharField(label=_("What went well and why"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    went_wrong = forms.CharField(label=_("What went wrong"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    case_study = forms.BooleanField(label=_("Use as an anonymised case study"), required=False)
    strategic_litigation = forms.BooleanField(label=_("Candidate for strategic litigation"), required=False)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        if not case.consent_case_study:
            self.fields["case_study"].disabled = True
            self.fields["case_study"].help_text = _("The worker has not agreed to a case study.")

    def clean_case_study(self):
        value = self.cleaned_data.get("case_study")
        if value and not self.case.consent_case_study:
            raise forms.ValidationError(_("The worker has not agreed to the use of their case as a case study."))
        return value


class AssignForm(forms.Form):
    prefix = "as"  # several forms share the case page: distinct field ids
    assignee = forms.ModelChoiceField(label=_("Coordinator"), queryset=None)
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_MAX_LENGTH)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_coordinators(case)
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
