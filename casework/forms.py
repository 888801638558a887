"""The case input forms, section by section as in the concept note.

Forms only offer the fields the user may change (the view passes the permissions); a field that
is not offered is not accepted either, whatever is posted.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from casework.fields import (
    BDMobileField,
    IdModelChoiceField,
    IdModelMultipleChoiceField,
    LocalDateField,
    LocalDecimalField,
    LocalIntegerField,
    PassportField,
    parse_nid,
)
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


class BilingualChoiceField(IdModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class LocalizedMultipleChoiceField(IdModelMultipleChoiceField):
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


class GroupedCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Tick boxes in one small fieldset per group (sub-categories under their category). Each group
    names its key (`data-group`), so case_form.js shows only the groups of the chosen categories;
    without JavaScript every group shows, under its heading."""

    template_name = "casework/widgets/grouped_checkboxes.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.group_keys: dict[str, object] = {}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["groups"] = [
            (label, self.group_keys.get(label, ""), options) for label, options, _index in context["widget"]["optgroups"]
        ]
        return context


def _staff_organization(user):
    from casework.services import staff_profile

    profile = staff_profile(user)
    return profile.organization if profile else None


class CaseForm(forms.ModelForm):
    """1. Case details, 3. recruitment (non-personal part), 6. consent, 7. last step."""

    categories = LocalizedMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label=_("Case categories"),
        error_messages={"required": _("Choose at least one case category.")},
    )
    sub_categories = IdModelMultipleChoiceField(
        queryset=None, widget=GroupedCheckboxSelectMultiple, required=False, label=_("Sub-categories")
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
    advisor_sought = IdModelChoiceField(queryset=None, required=False, label=_("Advisor whose advice is sought"))

    class Meta:
        model = Case
        fields = [
            "categories", "sub_categories", "other_category", "description", "source", "source_detail",
            "expected_remedies", "filed_by", "applicants_count", "prior_complaint", "prior_complaint_where",
            "prior_complaint_date", "prior_complaint_number", "prior_complaint_copy_kept", "division", "district", "upazila",
            "destination_country", "recruitment_process", "migration_cost", "departure_date", "departure_route",
            "departure_route_detail", "consent_given", "consent_date", "consent_taken_by", "consent_store",
            "consent_share", "consent_case_study", "advisor_sought",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "filed_by": forms.RadioSelect,
        }

    # The description (5W1H), the upazila and the earlier complaint's number are justice-seeker data
    # (the case page and the export show them only with view_justice_seeker): offered only with
    # change_justice_seeker.
    PERSONAL_FIELDS = ("description", "upazila", "prior_complaint_number")

    def __init__(self, *args, user, may_change_person=True, **kwargs):
        super().__init__(*args, **kwargs)
        from knowledge.models import ExpectedRemedy, SubCategory
        from knowledge.selectors import category_queryset, localize_many

        from casework.selectors import case_entry_upazilas

        self.user = user
        if not may_change_person:
            for name in self.PERSONAL_FIELDS:
                del self.fields[name]
        default = Locale.get_default()
        self.fields["categories"].queryset = category_queryset()
        subs = SubCategory.objects.filter(locale=default).select_related("category").order_by(
            "category__sort_order", "category_id", "sort_order", "pk")
        self.fields["sub_categories"].queryset = subs
        self._group_sub_categories(list(subs), localize_many)
        self.fields["expected_remedies"].queryset = ExpectedRemedy.objects.filter(locale=default).order_by("sort_order")
        self.fields["prior_complaint_copy_kept"].label = _("Is a copy of the earlier application or complaint kept?")

        # Coordinators enter cases only in their assigned upazilas (casework.rules:
        # enter_case_in_upazila); the district and division lists follow. A case being corrected keeps
        # its own upazila choosable.
        self.entry_upazilas = case_entry_upazilas(user, keep_id=self.instance.upazila_id if self.instance.pk else None)
        restricted = not user.has_perm("casework.enter_cases_anywhere")
        districts = District.objects.select_related("division").order_by("division__name_en", "name_en")
        if restricted:
            districts = districts.filter(pk__in=self.entry_upazilas.values("district_id"))
            self.fields["division"].queryset = Division.objects.filter(pk__in=districts.values("division_id"))
        self.fields["district"].choices = _grouped(districts, "division")
        if "upazila" in self.fields:
            self.fields["upazila"].choices = _grouped(
                self.entry_upazilas.select_related("district").order_by("district__name_en", "name_en"), "district"
            )
        User = get_user_model()
        # The primary advisors of the case's own organisation (a new case: the person's), any legal
        # advisor, and the advisor already chosen (who may since have left the role).
        org = self.instance.organization if self.instance.pk else _staff_organization(user)
        advisors = User.objects.filter(is_active=True, groups__name=roles.LEGAL_ADVISOR)
        if org is not None:
            advisors = advisors | User.objects.filter(is_active=True, groups__name=roles.PRIMARY_ADVISOR,
                                                      profile__organization=org)
        if self.instance.advisor_sought_id:
            advisors = advisors | User.objects.filter(pk=self.instance.advisor_sought_id)
        self.fields["advisor_sought"].queryset = advisors.distinct().select_related("profile__organization").order_by("first_name")
        self.fields["advisor_sought"].label_from_instance = _advisor_label
        if "description" in self.fields:
            self.fields["description"].help_text = _("What happened, who did it, when, where, why and how (5W1H).")
        if self.instance.pk:
            self.initial.setdefault("district", self.instance.district_id)
            self.initial.setdefault("upazila", self.instance.upazila_id)

    def _group_sub_categories(self, subs, localize_many):
        """Sub-categories under their category's name (both in the reader's language), one query each."""
        names = {k: v.name for k, v in localize_many(subs).items()}
        category_names = {k: v.name for k, v in localize_many({s.category for s in subs}).items()}
        widget = self.fields["sub_categories"].widget
        groups: dict[str, list] = {}
        for sub in subs:
            label = category_names.get(sub.category.translation_key, sub.category.name)
            widget.group_keys[label] = sub.category_id
            groups.setdefault(label, []).append((sub.pk, names.get(sub.translation_key, sub.name)))
        widget.choices = list(groups.items())

    def clean(self):
        data = super().clean()
        district_id, upazila_id, division = data.get("district"), data.get("upazila"), data.get("division")
        district = District.objects.filter(pk=district_id).first() if district_id else None
        upazila = Upazila.objects.filter(pk=upazila_id).first() if upazila_id else None
        if district and division and district.division_id != division.pk:
            self.add_error("district", _("This district is not in the chosen division."))
        if upazila and district and upazila.district_id != district.pk:
            self.add_error("upazila", _("This upazila is not in the chosen district."))
        if (upazila and upazila.pk != self.instance.upazila_id
                and not self.user.has_perm("casework.enter_case_in_upazila", upazila)):
            self.add_error("upazila", _("You enter cases only in the upazilas you are assigned to."))
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
                    "expected_remedies", "filed_by", "applicants_count"],
        "prior_complaint": ["prior_complaint", "prior_complaint_where", "prior_complaint_date",
                            "prior_complaint_number", "prior_complaint_copy_kept"],
        "place": ["division", "district", "upazila"],
        "recruitment": ["destination_country", "recruitment_process", "migration_cost", "departure_date",
                        "departure_route", "departure_route_detail"],
        "consent": ["consent_given", "consent_date", "consent_taken_by", "consent_store", "consent_share",
                    "consent_case_study"],
        "last_step": ["advisor_sought"],
    }

    def _section(self, name):
        return [self[f] for f in self.SECTIONS[name] if f in self.fields]

    details_fields = property(lambda self: self._section("details"))
    prior_complaint_fields = property(lambda self: self._section("prior_complaint"))
    place_fields = property(lambda self: self._section("place"))
    recruitment_fields = property(lambda self: self._section("recruitment"))
    consent_fields = property(lambda self: self._section("consent"))
    last_step_fields = property(lambda self: self._section("last_step"))


def _advisor_label(user) -> str:
    org = getattr(getattr(user, "profile", None), "organization", None)
    name = user.get_full_name() or user.get_username()
    return f"{name} ({org.display_name})" if org else name


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

    SECTIONS = {
        "person": ["name", "gender", "age", "address_communication"],
        "permanent_address": ["union", "police_station", "ward", "village"],
        "contact": ["phone", "last_used_phone", "family_phone", "passport_number", "passport_issue_place"],
        "family": ["marital_status", "family_size", "family_details", "education", "religion", "is_minority",
                   "minority_detail", "has_disability", "disability_detail"],
        "applicant": ["applicant_name", "applicant_address", "applicant_phone", "applicant_relation"],
    }

    def __init__(self, *args, upazila_id=None, on_behalf=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.on_behalf = on_behalf
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
        if self.on_behalf:
            # Filed on the worker's behalf: we must know who came, and how to reach them.
            if not (data.get("applicant_name") or "").strip():
                self.add_error("applicant_name", _("The complaint is made on the worker's behalf: write the name of the person who made it."))
            if not (data.get("applicant_phone") or (data.get("applicant_address") or "").strip()):
                self.add_error("applicant_phone", _("Give the contact number or the address of the person who made the complaint."))
        return data

    def _section(self, name):
        return [self[f] for f in self.SECTIONS[name]]

    person_fields = property(lambda self: self._section("person"))
    permanent_address_fields = property(lambda self: self._section("permanent_address"))
    contact_fields = property(lambda self: self._section("contact"))
    family_fields = property(lambda self: self._section("family"))
    applicant_fields = property(lambda self: self._section("applicant"))


class RecruitmentForm(forms.ModelForm):
    agency = IdModelChoiceField(queryset=RecruitingAgency.objects.filter(is_active=True), required=False,
                                    label=_("Recruiting agency (licensed)"))
    agency_phone = BDMobileField(label=_("Agency contact number"), required=False, allow_international=True)
    agent_phone = BDMobileField(label=_("Agent contact number"), required=False, allow_international=True)

    class Meta:
        model = Recruitment
        fields = ["agency", "agency_name", "agency_address", "agency_phone", "agent_name", "agent_address",
                  "agent_phone", "agent_nid"]

    def clean_agent_nid(self):
        return parse_nid(self.cleaned_data.get("agent_nid"))


class PerpetratorForm(forms.ModelForm):
    phone = BDMobileField(label=_("Contact number"), required=False, allow_international=True)

    class Meta:
        model = Perpetrator
        fields = ["kind", "same_as", "is_relative", "relation", "name", "address", "phone", "nid"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Not required here: "same as the agency / agent" fills it in (BasePerpetratorFormSet.clean),
        # which asks for it when nothing fills it.
        self.fields["name"].required = False

    def clean_nid(self):
        return parse_nid(self.cleaned_data.get("nid"))


class BasePerpetratorFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, recruitment_form=None, **kwargs):
        self.recruitment_form = recruitment_form
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        # "Same as the agency / agent" copies those details, so the name need not be typed twice.
        rec_form = self.recruitment_form
        rec_valid = rec_form is not None and rec_form.is_valid()
        rec = rec_form.cleaned_data if rec_valid else {}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            if not form.has_changed() and not form.instance.pk:
                continue  # the empty block for one more perpetrator
            same_as = form.cleaned_data.get("same_as")
            self._copy_same_as(form, same_as, rec)
            if not form.instance.name:
                if not same_as:
                    form.add_error("name", _("Write the name of the person or company the complaint is against."))
                elif rec_valid or rec_form is None:
                    form.add_error("name", _("Write the name here, or first write the agency's or agent's name under “3. Recruitment”."))

    @staticmethod
    def _copy_same_as(form, same_as, rec):
        """The recruitment section's details are copied over; what is typed fills their gaps."""
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
            form.instance.phone = rec.get("agency_phone") or form.instance.phone  # checked like any number


PerpetratorFormSet = forms.inlineformset_factory(
    Case, Perpetrator, form=PerpetratorForm, formset=BasePerpetratorFormSet, extra=1, can_delete=True
)


class AttachmentForm(forms.ModelForm):
    document_type = IdModelChoiceField(queryset=None, required=False, label=_("Document"))
    file = forms.FileField(label=_("File"), help_text=_("PDF, JPEG, PNG, Word (DOCX) or Excel (XLSX); at most 10 MB."))

    class Meta:
        model = Attachment
        fields = ["document_type", "is_prior_complaint_copy", "title", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from knowledge.models import DocumentType
        from knowledge.selectors import localize_many

        documents = DocumentType.objects.filter(locale=Locale.get_default()).order_by("sort_order", "pk")
        self.fields["document_type"].queryset = documents
        self.fields["document_type"].required = False
        # Names in the reader's language in one query, not two per document type.
        names = {k: v.name for k, v in localize_many(documents).items()}
        self.fields["document_type"].label_from_instance = lambda d: names.get(d.translation_key, d.name)
        self.fields["is_prior_complaint_copy"].label = _("This is the copy of the earlier application or complaint")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.detected = validate_upload(upload)
        return upload


class AuditFilterForm(forms.Form):
    """The audit page's filters (GET). Form fields refuse NUL characters and over-long values, which
    PostgreSQL would answer with an error page."""

    case = forms.CharField(label=_("Case number"), required=False, max_length=20)
    user = forms.CharField(label=_("Username"), required=False, max_length=150)
    date = LocalDateField(label=_("Date"), required=False, not_future=False)

    def values(self) -> dict:
        """The valid filters ("" or None for a missing or refused one)."""
        data = self.cleaned_data if self.is_valid() else {k: v for k, v in getattr(self, "cleaned_data", {}).items()}
        return {"case": (data.get("case") or "").strip().upper(), "user": (data.get("user") or "").strip(),
                "date": data.get("date")}


class PersonSearchForm(forms.Form):
    """Search by name, phone or passport. Posted, never in the URL; the term is kept in the session."""

    term = forms.CharField(label=_("Name, phone or passport number"), max_length=100, min_length=2)
