"""The roles of SPEC §1 (Django groups) and small helpers to ask about them."""

from django.utils.translation import gettext_lazy as _

FIELD_COORDINATOR = "field_coordinator"
PRIMARY_ADVISOR = "primary_advisor"
LEGAL_ADVISOR = "legal_advisor"
PROGRAMME_LEAD = "programme_lead"
MEAL_ANALYST = "meal_analyst"
ORG_ADMIN = "org_admin"
CONTENT_EDITOR = "content_editor"
SYSTEM_ADMIN = "system_admin"

ROLE_LABELS = {
    FIELD_COORDINATOR: _("Field coordinator"),
    PRIMARY_ADVISOR: _("Primary advisor"),
    LEGAL_ADVISOR: _("Legal advisor"),
    PROGRAMME_LEAD: _("Programme lead"),
    MEAL_ANALYST: _("MEAL analyst"),
    ORG_ADMIN: _("Organisation administrator"),
    CONTENT_EDITOR: _("Content editor"),
    SYSTEM_ADMIN: _("System administrator"),
}
ALL_ROLES = list(ROLE_LABELS)
# Roles that work on identified cases (the others see anonymised figures or no case data at all).
CASE_ROLES = {FIELD_COORDINATOR, PRIMARY_ADVISOR, LEGAL_ADVISOR, PROGRAMME_LEAD}


def user_roles(user) -> frozenset[str]:
    """The user's role names, cached on the user object for the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_protikar_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._protikar_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))
