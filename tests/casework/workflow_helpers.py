"""Shared set-up for the workflow tests: a case of an MNGO, with a legal-aid NGO, and people in every role."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone, translation

from casework.models import Case, Organization, ResultType, Upazila
from casework.states import Channel, Status
from tests.factories import OrganizationFactory, make_case, staff_user

# Roles and where they stand to the case: in scope (may act, depending on the rules) or out (404).
ROLES = {
    "coordinator": "field_coordinator",        # the case's coordinator (assigned, in the upazila)
    "primary": "primary_advisor",              # primary advisor of the owning MNGO
    "legal": "legal_advisor",                  # legal advisor of the legal-aid NGO the case went to
    "lead": "programme_lead",
    "other_coordinator": "field_coordinator",  # another MNGO's coordinator
    "other_primary": "primary_advisor",        # another MNGO's primary advisor
    "other_legal": "legal_advisor",            # another legal-aid NGO's legal advisor
    "meal": "meal_analyst",
    "org_admin": "org_admin",
    "system_admin": "system_admin",
}
OUT_OF_SCOPE = {"other_coordinator", "other_primary", "other_legal", "meal", "org_admin", "system_admin"}


class World:
    """Organisations, one case, and people created on demand."""

    def __init__(self):
        self.upazila = Upazila.objects.order_by("pk").first()
        self.mngo = OrganizationFactory(name="MNGO A", type=Organization.Type.MIGRATION_NGO)
        self.other_mngo = OrganizationFactory(name="MNGO B", type=Organization.Type.MIGRATION_NGO)
        self.legal_org = OrganizationFactory(name="Legal aid A", type=Organization.Type.LEGAL_AID_NGO)
        self.other_legal_org = OrganizationFactory(name="Legal aid B", type=Organization.Type.LEGAL_AID_NGO)
        self.lead_org = OrganizationFactory(name="Programme lead", type=Organization.Type.PROGRAMME_LEAD)
        self._people = {}

    def person(self, key):
        if key not in self._people:
            org = {
                "coordinator": self.mngo, "primary": self.mngo, "legal": self.legal_org, "lead": self.lead_org,
                "other_coordinator": self.other_mngo, "other_primary": self.other_mngo,
                "other_legal": self.other_legal_org, "meal": self.lead_org, "org_admin": self.mngo,
                "system_admin": self.lead_org,
            }[key]
            upazilas = [self.upazila] if key in ("coordinator", "other_coordinator") else None
            self._people[key] = staff_user(roles=[ROLES[key]], organization=org, upazilas=upazilas,
                                           email=f"{key}@example.org")
        return self._people[key]

    def case(self, status=Status.DRAFT, **kwargs) -> Case:
        coordinator = self.person("coordinator")
        kwargs.setdefault("organization", self.mngo)
        kwargs.setdefault("upazila", self.upazila)
        kwargs.setdefault("entered_by", coordinator)
        case = make_case(**kwargs)
        Case.objects.filter(pk=case.pk).update(assigned_to=coordinator)
        if status != Status.DRAFT:
            put_in(case, status)
        case.refresh_from_db()
        return case


def put_in(case: Case, status: str, *, channel: str = Channel.GMC, close_requested: bool = False,
           legal_aid_org=None) -> None:
    """Set a case's state directly, with what that state implies (a channel in redress, a result later)."""
    updates = {"status": status, "status_changed_at": timezone.now(), "close_requested_at": None,
               "close_requested_by": None, "channel": "", "closed_at": None}
    if legal_aid_org is not None:
        updates["legal_aid_org"] = legal_aid_org
    if status in (Status.IN_REDRESS, Status.RESULT_RECORDED, Status.CLOSED, Status.REOPENED):
        updates["channel"] = channel
    if status in (Status.RESULT_RECORDED, Status.CLOSED, Status.REOPENED):
        updates["result"] = ResultType.objects.order_by("pk").first()
        updates["result_favours_worker"] = "yes"
        updates["result_date"] = timezone.localdate()
    if close_requested:
        updates["close_requested_at"] = timezone.now()
    if status == Status.CLOSED:
        updates["closed_at"] = timezone.now()
    Case.objects.filter(pk=case.pk).update(**updates)
    case.refresh_from_db()


def transition_url(case, lang="en"):
    with translation.override(lang):
        return reverse("casework:case_transition", kwargs={"pk": case.pk})


def restore_migration_data() -> None:
    """Put back what the data migrations load (role groups, geography, countries, lists, locales).

    A transactional test (threads, live server) ends by flushing every table, so the next one
    starts without the migrations' rows; Django's serialized_rollback trips over content types here.
    """
    from importlib import import_module

    from django.apps import apps
    from django.conf import settings
    from wagtail.models import Locale

    if Upazila.objects.exists() and ResultType.objects.exists():
        return
    import_module("casework.migrations.0002_roles_geography_countries").forwards(apps, None)
    import_module("casework.migrations.0004_reference_data").forwards(apps, None)
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
