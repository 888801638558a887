"""The staff menu: each later piece adds its entry here, with the role check that shows it."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from portal import roles

# (url name, label, roles that see it; None = every signed-in staff user)
MENU = [
    ("staff_home", _("Home"), None),
    ("casework:my_tasks", _("My tasks"), roles.CASE_ROLES),
    ("casework:case_list", _("Cases"), roles.CASE_ROLES),
    ("casework:case_create", _("Add a case"), {roles.FIELD_COORDINATOR, roles.LEGAL_ADVISOR, roles.PROGRAMME_LEAD}),
    ("reports:dashboard", _("Reports"), roles.CASE_ROLES | {roles.MEAL_ANALYST, roles.ORG_ADMIN}),
    ("casework:audit_log", _("Audit log"), {roles.PROGRAMME_LEAD}),
    ("imports:upload", _("Import cases"), {roles.PROGRAMME_LEAD}),
    ("accounts:user_list", _("Users"), {roles.ORG_ADMIN, roles.SYSTEM_ADMIN}),
    ("wagtailadmin_home", _("Content and lists"), {roles.CONTENT_EDITOR, roles.SYSTEM_ADMIN}),
]


def staff_navigation(user) -> list[dict]:
    mine = roles.user_roles(user)
    items = []
    for url_name, label, allowed in MENU:
        if allowed is not None and not (mine & set(allowed)):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue  # that part of the system is not installed yet
        items.append({"url": url, "label": label, "name": url_name})
    return items
