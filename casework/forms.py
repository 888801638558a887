"""The case input forms, section by section as in the concept note.

Forms only offer the fields the user may change (the view passes the permissions); a field that
is not offered is not accepted either, whatever is posted.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from casework.fields import BDMobileField, LocalDateField, LocalDecimalField, LocalIntegerField, PassportField
from casework.models import (
    Attachment,
    Case,
    CaseSource,
    Country,
    DepartureRoute,
    District,
    Division,
    EducationLevel,
    JusticeSeeker,
    MaritalStatus,
    Organization,
    Perpetrator,
    RecruitingAgency,
    Recruitment,
    RecruitmentProcess,
    Religion,
    Union,
    Upazila,
)
from casework.uploads import validate_upload
from portal import roles
from portal.widgets import FastSelect


class BilingualChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class LocalizedMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Stores Bangla (canonical) knowledge rows; labels in the reader's language."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, **kwargs)
        self._labels = None

    def label_from_instance(self, obj):
        if self._labels is None:
            from knowledge.selectors import localize_many

            self._labels = {k: v.name for k, v in localize_many(self.queryset).items()}
        return self._labels.get(obj.translation_key, obj.name)


def _grouped(queryset, group_attr, label_attr="name"):
    """Choices grouped by parent (optgroups), so a select works without JavaScript."""
    groups: dict[str, list] = {}
    for obj in queryset:
        groups.setdefault(str(getattr(obj, group_attr)), []).append((obj.pk, getattr(obj, label_attr)))
    return [("", "---------")] + [(group, items) for group, items in groups.items()]


class CaseForm(forms.ModelForm):
    """1. Case details, 3. recruitment (non-personal part), 6. consent, 7. last step."""

    categories = LocalizedMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label=_("Case categories"),
        error_messages={"required": _("Choose at least one case category.")},
    )
    sub_categories = LocalizedMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, required=False, label=_("Sub-categories")
    )
    expected_remedies = LocalizedMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, required=False, label=_("Expected remedies")
    )
    source = BilingualChoiceField(queryset=CaseSource.objects.filter(is_active=True), label=_("Source of the case"))
    division = BilingualChoiceField(queryset=Division.objects.all(), label=_("Division"))
    # Grouped by parent so they work without JavaScript; FastSelect because 494 upazilas rendered
    # one template per option cost more than everything else on the page.
    district = forms.TypedChoiceField(label=_("District"), coerce=int, widget=FastSelect)
    upazila = forms.TypedChoiceField(label=_("Upazila"), coerce=int, widget=FastSelect)
    destination_country = BilingualChoiceField(queryset=Country.objects.all(), label=_("Destination country"),
                                               required=False, widget=FastSelect)
    recruitment_process = BilingualChoiceField(
        queryset=RecruitmentProcess.objects.filter(is_active=True), label=_("Recruitment process"), required=False
    )
    departure_route = BilingualChoiceField(
        queryset=DepartureRoute.objects.filter(is_active=True), label=_("Departure route"), required=False
    )
    applicants_count = LocalIntegerField(label=_("Number of applicants"), min_value=1, max_value=500, initial=1)
    migration_cost = LocalDecimalField(label=_("Migration cost (BDT)"), min_value=0, max_value=100_000_000,
                                       decimal_places=0, required=False)
    departure_date = LocalDateField(label=_("Departure date"), required=False)
    prior_complaint_date = LocalDateField(label=_("When"), required=False)
    consent_date = LocalDateField(label=_("Date of consent"), required=False)
    advisor_sought = forms.ModelChoiceField(queryset=None, required=False, label=_("Advisor whose advice is sought"))

    class Meta:
        model = Case
        fields = [
            "categories", "sub_categories", "other_category", "description", "source", "source_detail",
            "expected_remedies", "filed_by", "applicants_count", "prior_complaint", "prior_complaint_where",
            "prior_complaint_date", "prior_complaint_number", "division", "district", "upazila",
            "destination_country", "recruitment_process", "migration_cost", "departure_date", "departure_route",
            "departure_route_detail", "consent_given", "consent_date", "consent_taken_by", "consent_store",
            "consent_share", "consent_case_study", "advisor_sought",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "filed_by": forms.RadioSelect,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from knowledge.models import ExpectedRemedy, SubCategory
        from knowledge.selectors import category_queryset

        default = Locale.get_default()
        self.fields["categories"].queryset = category_queryset()
        self.fields["sub_categories"].queryset = SubCategory.objects.filter(locale=default).order_by("category__sort_order", "sort_order")
        self.fields["expected_remedies"].queryset = ExpectedRemedy.objects.filter(locale=default).order_by("sort_order")
        self.fields["district"].choices = _grouped(District.objects.select_related("division").order_by("division__name_en", "name_en"), "division")
        self.fields["upazila"].choices = _grouped(
            Upazila.objects.select_related("district").order_by("district__name_en", "name_en"), "district"
        )
        User = get_user_model()
        org = user.profile.organization
        advisors = User.objects.filter(is_active=True).filter(
            groups__name=roles.PRIMARY_ADVISOR, profile__organization=org
        ) | User.objects.filter(is_active=True, groups__name=roles.LEGAL_ADVISOR)
        self.fields["advisor_sought"].queryset = advisors.distinct().order_by("first_name")
        self.fields["advisor_sought"].label_from_instance = lambda u: f"{u.get_full_name()} ({u.profile.organization.display_name})"
        self.fields["description"].help_text = _("What happened, who did it, when, where, why and how (5W1H).")
        if self.instance.pk:
            self.initial.setdefault("district", self.instance.district_id)
            self.initial.setdefault("upazila", self.instance.upazila_id)

    def clean(self):
        data = super().clean()
        district_id, upazila_id, division = data.get("district"), data.get("upazila"), data.get("division")
        district = District.objects.filter(pk=district_id).first() if district_id else None
        upazila = Upazila.objects.filter(pk=upazila_id).first() if upazila_id else None
        if district and division and district.division_id != division.pk:
            self.add_error("district", _("This district is not in the chosen division."))
        if upazila and district and upazila.district_id != district.pk:
            self.add_error("upazila", _("This upazila is not in the chosen district."))
        data["district"], data["upazila"] = district, upazila
        subs = data.get("sub_categories") or []
        cats = {c.pk for c in data.get("categories") or []}
        if any(s.category_id not in cats for s in subs):
            self.add_error("sub_categories", _("Choose sub-categories only of the categories you chose."))
        source = data.get("source")
        if source is not None and source.needs_detail and not data.get("source_detail"):
            self.add_error("source_detail", _("Please say who referred the case."))
        route = data.get("departure_route")
        if route is not None and route.needs_detail and not data.get("departure_route_detail"):
            self.add_error("departure_route_detail", _("Please describe the route."))
        if data.get("prior_complaint") and not data.get("prior_complaint_where"):
            self.add_error("prior_complaint_where", _("Please say where the earlier complaint was made."))
        if data.get("consent_given") and not data.get("consent_date"):
            self.add_error("consent_date", _("Please give the date of consent."))
        return data

    SECTIONS = {
        "details": ["categories", "sub_categories", "other_category", "description", "source", "source_detail",
                    "expected_remedies", "filed_by", "applicants_count", "prior_complaint", "prior_complaint_where",
                    "prior_complaint_date", "prior_complaint_number"],
        "place": ["division", "district", "upazila"],
        "recruitment": ["destination_country", "recruitment_process", "migration_cost", "departure_date",
                        "departure_route", "departure_route_detail"],
        "consent": ["consent_given", "consent_date", "consent_taken_by", "consent_store", "consent_share",
                    "consent_case_study"],
        "last_step": ["advisor_sought"],
    }

    def _section(self, name):
        return [self[f] for f in self.SECTIONS[name]]

    details_fields = property(lambda self: self._section("details"))
    place_fields = property(lambda self: self._section("place"))
    recruitment_fields = property(lambda self: self._section("recruitment"))
    consent_fields = property(lambda self: self._section("consent"))
    last_step_fields = property(lambda self: self._section("last_step"))


class JusticeSeekerForm(forms.ModelForm):
    age = LocalIntegerField(label=_("Age"), min_value=10, max_value=90, required=False,
                            error_messages={"min_value": _("Age must be between 10 and 90."),
                                            "max_value": _("Age must be between 10 and 90.")})
    family_size = LocalIntegerField(label=_("Family members"), min_value=1, max_value=40, required=False)
    phone = BDMobileField(label=_("Contact number"), required=False)
    last_used_phone = BDMobileField(label=_("Number last used to talk to us"), required=False, allow_international=True)
    family_phone = BDMobileField(label=_("Family or other number"), required=False, allow_international=True)
    applicant_phone = BDMobileField(label=_("Applicant's contact number"), required=False, allow_international=True)
    passport_number = PassportField(label=_("Passport number"), required=False, max_length=20)
    marital_status = BilingualChoiceField(queryset=MaritalStatus.objects.filter(is_active=True), required=False, label=_("Marital status"))
    education = BilingualChoiceField(queryset=EducationLevel.objects.filter(is_active=True), required=False, label=_("Education"))
    religion = BilingualChoiceField(queryset=Religion.objects.filter(is_active=True), required=False, label=_("Religion"))
    union = forms.TypedChoiceField(label=_("Union"), coerce=int, required=False)

    class Meta:
        model = JusticeSeeker
        fields = [
            "name", "gender", "age", "address_communication", "union", "police_station", "ward", "village",
            "phone", "last_used_phone", "family_phone", "passport_number", "passport_issue_place",
            "marital_status", "family_size", "family_details", "education", "religion", "is_minority",
            "minority_detail", "has_disability", "disability_detail", "applicant_name", "applicant_address",
            "applicant_phone", "applicant_relation",
        ]
        widgets = {"address_communication": forms.Textarea(attrs={"rows": 2}), "gender": forms.RadioSelect}

    def __init__(self, *args, upazila_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gender"].choices = [c for c in self.fields["gender"].choices if c[0]]
        unions = Union.objects.filter(upazila_id=upazila_id) if upazila_id else Union.objects.none()
        self.fields["union"].choices = [("", "---------")] + [(u.pk, u.name) for u in unions]
        if self.instance.pk:
            self.initial.setdefault("union", self.instance.union_id)

    def clean_union(self):
        value = self.cleaned_data.get("union")
        return Union.objects.filter(pk=value).first() if value else None

    def clean(self):
        data = super().clean()
        if not (data.get("phone") or data.get("last_used_phone") or data.get("family_phone") or data.get("address_communication")):
            self.add_error("phone", _("Give at least one way to reach the person: a phone number or an address."))
        return data


class RecruitmentForm(forms.ModelForm):
    agency = forms.ModelChoiceField(queryset=RecruitingAgency.objects.filter(is_active=True), required=False,
                                    label=_("Recruiting agency (licensed)"))
    agency_phone = BDMobileField(label=_("Agency contact number"), required=False, allow_international=True)
    agent_phone = BDMobileField(label=_("Agent contact number"), required=False, allow_international=True)

    class Meta:
        model = Recruitment
        fields = ["agency", "agency_name", "agency_address", "agency_phone", "agent_name", "agent_address",
                  "agent_phone", "agent_nid"]

    def clean_agent_nid(self):
        from casework.fields import ascii_digits

        nid = ascii_digits(self.cleaned_data.get("agent_nid") or "").replace(" ", "")
        if nid and (not nid.isdigit() or len(nid) not in (10, 13, 17)):
            raise forms.ValidationError(_("A national ID number has 10, 13 or 17 digits."))
        return nid


class PerpetratorForm(forms.ModelForm):
    phone = BDMobileField(label=_("Contact number"), required=False, allow_international=True)

    class Meta:
        model = Perpetrator
        fields = ["kind", "same_as", "is_relative", "relation", "name", "address", "phone", "nid"]

    def clean_nid(self):
        from casework.fields import ascii_digits

        nid = ascii_digits(self.cleaned_data.get("nid") or "").replace(" ", "")
        if nid and (not nid.isdigit() or len(nid) not in (10, 13, 17)):
            raise forms.ValidationError(_("A national ID number has 10, 13 or 17 digits."))
        return nid


class BasePerpetratorFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, recruitment_form=None, **kwargs):
        self.recruitment_form = recruitment_form
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        # "Same as the agency / agent" copies those details, so the name need not be typed twice.
        rec = self.recruitment_form.cleaned_data if self.recruitment_form is not None and self.recruitment_form.is_valid() else {}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            same_as = form.cleaned_data.get("same_as")
            if same_as == Perpetrator.SameAs.AGENT and rec:
                form.instance.name = rec.get("agent_name") or form.instance.name
                form.instance.address = rec.get("agent_address") or form.instance.address
                form.instance.phone = rec.get("agent_phone") or form.instance.phone
                form.instance.nid = rec.get("agent_nid") or form.instance.nid
            elif same_as == Perpetrator.SameAs.AGENCY and rec:
                agency = rec.get("agency")
                form.instance.kind = Perpetrator.Kind.COMPANY
                form.instance.name = (agency.name if agency else rec.get("agency_name")) or form.instance.name
                form.instance.address = (agency.address if agency else rec.get("agency_address")) or form.instance.address


PerpetratorFormSet = forms.inlineformset_factory(
    Case, Perpetrator, form=PerpetratorForm, formset=BasePerpetratorFormSet, extra=1, can_delete=True
)


class AttachmentForm(forms.ModelForm):
    file = forms.FileField(label=_("File"), help_text=_("PDF, JPEG, PNG, Word (DOCX) or Excel (XLSX); at most 10 MB."))

    class Meta:
        model = Attachment
        fields = ["document_type", "title", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from knowledge.models import DocumentType

        self.fields["document_type"].queryset = DocumentType.objects.filter(locale=Locale.get_default()).order_by("sort_order")
        self.fields["document_type"].required = False
        self.fields["document_type"].label_from_instance = lambda d: d.localized.name

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.detected = validate_upload(upload)
        return upload


class PersonSearchForm(forms.Form):
    """Search by name, phone or passport. Posted, never in the URL; the term is kept in the session."""

    term = forms.CharField(label=_("Name, phone or passport number"), max_length=100, min_length=2)
