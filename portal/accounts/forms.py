from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.models import Organization, Upazila
from portal import roles

from .models import CodeOfConduct


class LoginForm(AuthenticationForm):
    # One message for a wrong password and for an unknown user: never tell which.
    error_messages = {
        "invalid_login": _("The username or password is not right. Please try again. Both are case-sensitive."),
        "inactive": _("The username or password is not right. Please try again. Both are case-sensitive."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")


# Roles that only make sense in one kind of organisation: granting them elsewhere would widen who sees
# cases (a programme lead sees every case), so the invite and role forms refuse it.
ROLE_ORG_TYPES = {
    roles.PROGRAMME_LEAD: {Organization.Type.PROGRAMME_LEAD},
    roles.MEAL_ANALYST: {Organization.Type.PROGRAMME_LEAD},
    roles.LEGAL_ADVISOR: {Organization.Type.LEGAL_AID_NGO},
    roles.SYSTEM_ADMIN: {Organization.Type.PROGRAMME_LEAD},
}


def grantable_roles(admin) -> list[str]:
    """Roles `admin` may give: a system admin any, an organisation admin any but system admin."""
    if roles.has_role(admin, roles.SYSTEM_ADMIN):
        return list(roles.ALL_ROLES)
    if roles.has_role(admin, roles.ORG_ADMIN):
        return [r for r in roles.ALL_ROLES if r != roles.SYSTEM_ADMIN]
    return []


class RoleAreaMixin:
    """Role and area (upazilas) fields, with the checks shared by the invite and the role-change forms."""

    def _setup_role_area(self, admin, organization=None):
        self.admin = admin
        self.fields["role"] = forms.ChoiceField(
            label=_("Role"), choices=[(r, roles.ROLE_LABELS[r]) for r in grantable_roles(admin)]
        )
        self.fields["upazilas"] = forms.ModelMultipleChoiceField(
            label=_("Area (upazilas)"),
            queryset=Upazila.objects.select_related("district").order_by("district__name_en", "name_en"),
            required=False,
            help_text=_("Field coordinators see the cases of these upazilas. Leave empty for other roles."),
        )

    def _check_role_area(self, cleaned, organization):
        role = cleaned.get("role")
        if role and organization is not None:
            allowed_types = ROLE_ORG_TYPES.get(role)
            if allowed_types and organization.type not in allowed_types:
                self.add_error("role", _("This role cannot be given in this kind of organisation."))
        if role == roles.FIELD_COORDINATOR and not cleaned.get("upazilas"):
            self.add_error("upazilas", _("Choose at least one upazila for a field coordinator."))
        if role and role != roles.FIELD_COORDINATOR:
            cleaned["upazilas"] = []
        return cleaned


class InviteForm(RoleAreaMixin, forms.Form):
    username = forms.RegexField(
        label=_("Username"), max_length=150, regex=r"^[\w.@+-]+\Z",
        error_messages={"invalid": _("Use only English letters, numbers and . @ + - _ in a username.")},
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), help_text=_("The invitation link is sent to this address."))
    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=Organization.objects.none())
    designation = forms.CharField(label=_("Designation"), max_length=120, required=False)

    def __init__(self, *args, admin, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = Organization.objects.filter(is_active=True)
        if not roles.has_role(admin, roles.SYSTEM_ADMIN):
            profile = getattr(admin, "profile", None)
            orgs = orgs.filter(pk=profile.organization_id if profile else None)
        self.fields["organization"].queryset = orgs
        if orgs.count() == 1:
            self.fields["organization"].initial = orgs.first()
        self._setup_role_area(admin)

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken. Choose another."))
        return username

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Someone already uses this e-mail address."))
        return email

    def clean(self):
        cleaned = super().clean()
        return self._check_role_area(cleaned, cleaned.get("organization"))


class RoleChangeForm(RoleAreaMixin, forms.Form):
    def __init__(self, *args, admin, target, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target
        self._setup_role_area(admin)
        current = sorted(roles.user_roles(target)) if target.is_active else list(
            target.groups.values_list("name", flat=True))
        if current and not self.is_bound:
            self.fields["role"].initial = current[0]
            profile = getattr(target, "profile", None)
            if profile is not None:
                self.fields["upazilas"].initial = list(profile.upazilas.values_list("pk", flat=True))

    def clean(self):
        cleaned = super().clean()
        profile = getattr(self.target, "profile", None)
        return self._check_role_area(cleaned, profile.organization if profile else None)


class AcceptCodeForm(forms.Form):
    agree = forms.BooleanField(
        label=_("I have read this code. I will follow it, and I understand that breaking it can end my access."),
        error_messages={"required": _("Tick the box to accept the code, or sign out.")},
    )


class CodeOfConductEditForm(forms.ModelForm):
    class Meta:
        model = CodeOfConduct
        fields = ["title_bn", "title_en", "text_bn", "text_en"]
        widgets = {"text_bn": forms.Textarea(attrs={"rows": 18}), "text_en": forms.Textarea(attrs={"rows": 18})}


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"), max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autocapitalize": "off"}),
    )

    def clean_token(self):
        # People copy codes with spaces ("123 456") and phones may give Bangla digits.
        token = self.cleaned_data["token"].translate(str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789"))
        return "".join(token.split()).lower()


class UserFilterForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=Organization.objects.all(), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("All")), ("active", _("Active")), ("inactive", _("Deactivated or invited"))],
    )


def users_visible_to(admin):
    """The users an administrator may manage: all for a system admin, own organisation for an org admin."""
    qs = get_user_model().objects.all()
    if roles.has_role(admin, roles.SYSTEM_ADMIN):
        return qs
    if roles.has_role(admin, roles.ORG_ADMIN):
        profile = getattr(admin, "profile", None)
        if profile is None:
            return qs.none()
        # An organisation admin never manages system administrators or superusers.
        return qs.filter(profile__organization_id=profile.organization_id).exclude(
            Q(groups__name=roles.SYSTEM_ADMIN) | Q(is_superuser=True)
        )
    return qs.none()
