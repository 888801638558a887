"""The permission matrix of SPEC §1, role by role, allowed and denied."""

import pytest

from casework.models import Organization
from tests.factories import OrganizationFactory, make_case, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    from casework.models import Upazila

    mngo = OrganizationFactory(name="MNGO A", type=Organization.Type.MIGRATION_NGO)
    other_mngo = OrganizationFactory(name="MNGO B", type=Organization.Type.MIGRATION_NGO)
    legal_org = OrganizationFactory(name="Legal aid", type=Organization.Type.LEGAL_AID_NGO)
    lead_org = OrganizationFactory(name="Lead", type=Organization.Type.PROGRAMME_LEAD)
    upazila = Upazila.objects.get(name_en="Debidwar")
    other_upazila = Upazila.objects.get(name_en="Barura")
    users = {
        "coordinator": staff_user(roles=["field_coordinator"], organization=mngo, upazilas=[upazila]),
        "coordinator_elsewhere": staff_user(roles=["field_coordinator"], organization=mngo, upazilas=[other_upazila]),
        "coordinator_other_org": staff_user(roles=["field_coordinator"], organization=other_mngo, upazilas=[upazila]),
        "primary": staff_user(roles=["primary_advisor"], organization=mngo),
        "primary_other_org": staff_user(roles=["primary_advisor"], organization=other_mngo),
        "legal": staff_user(roles=["legal_advisor"], organization=legal_org),
        "lead": staff_user(roles=["programme_lead"], organization=lead_org),
        "meal": staff_user(roles=["meal_analyst"], organization=lead_org),
        "org_admin": staff_user(roles=["org_admin"], organization=mngo),
        "editor": staff_user(roles=["content_editor"], organization=lead_org),
        "sysadmin": staff_user(roles=["system_admin"], organization=lead_org),
    }
    case = make_case(organization=mngo, upazila=upazila, entered_by=users["coordinator"])
    return users, case, legal_org


def _can(user, perm, case):
    return user.has_perm(f"casework.{perm}", case)


VIEW_EXPECTED = {
    "coordinator": True, "coordinator_elsewhere": False, "coordinator_other_org": False, "primary": True,
    "primary_other_org": False, "legal": False, "lead": True, "meal": False, "org_admin": False, "editor": False,
    "sysadmin": False,
}


@pytest.mark.parametrize("who,expected", VIEW_EXPECTED.items())
def test_view_case_and_personal_data_follow_scope(world, who, expected):
    users, case, _ = world
    user = users[who]
    for perm in ("view_case", "view_justice_seeker", "view_perpetrator"):
        assert _can(user, perm, case) is expected, (who, perm)


def test_forwarding_gives_the_legal_aid_org_scope(world):
    users, case, legal_org = world
    assert not _can(users["legal"], "view_case", case)
    case.legal_aid_org = legal_org
    case.save()
    assert _can(users["legal"], "view_case", case)
    assert _can(users["legal"], "view_justice_seeker", case)


def test_assigned_coordinator_sees_the_case_outside_their_upazilas(world):
    users, case, _ = world
    elsewhere = users["coordinator_elsewhere"]
    assert not _can(elsewhere, "view_case", case)
    case.assigned_to = elsewhere
    case.save()
    assert _can(elsewhere, "view_case", case)


@pytest.mark.parametrize(
    "status,coordinator_may_change",
    [("draft", True), ("returned", True), ("primary_review", False), ("final_review", False),
     ("in_redress", False), ("closed", False)],
)
def test_coordinator_changes_personal_data_only_while_draft_or_returned(world, status, coordinator_may_change):
    users, case, _ = world
    case.status = status
    for perm in ("change_justice_seeker", "change_perpetrator", "change_case"):
        assert _can(users["coordinator"], perm, case) is coordinator_may_change, (status, perm)
    if status != "closed":
        assert _can(users["primary"], "change_justice_seeker", case)
        assert _can(users["lead"], "change_justice_seeker", case)


def test_post_analysis_permissions(world):
    users, case, legal_org = world
    case.legal_aid_org = legal_org
    assert not _can(users["coordinator"], "view_post_analysis", case)
    assert _can(users["primary"], "view_post_analysis", case)
    assert not _can(users["primary"], "change_post_analysis", case)
    assert _can(users["legal"], "change_post_analysis", case)
    assert _can(users["lead"], "change_post_analysis", case)
    for who in ("meal", "org_admin", "editor", "sysadmin"):
        assert not _can(users[who], "view_post_analysis", case)


def test_global_permissions(world):
    users, _case, _ = world
    assert _can(users["lead"], "import_cases", None)
    for who in ("coordinator", "primary", "legal", "meal", "org_admin", "sysadmin"):
        assert not _can(users[who], "import_cases", None), who
    for who in ("primary", "legal", "lead"):
        assert _can(users[who], "export_identified", None), who
    for who in ("coordinator", "meal", "org_admin", "editor"):
        assert not _can(users[who], "export_identified", None), who
    assert _can(users["coordinator"], "add_case", None)
    assert _can(users["legal"], "add_case", None)
    assert not _can(users["primary"], "add_case", None)
    assert not _can(users["meal"], "add_case", None)
    for who in ("meal", "org_admin", "coordinator", "lead"):
        assert _can(users[who], "view_reports", None), who
    assert not _can(users["editor"], "view_reports", None)
    assert _can(users["lead"], "view_audit_log", None)
    assert not _can(users["primary"], "view_audit_log", None)


def test_predicates_are_safe_without_an_object(world):
    users, _case, _ = world
    for user in users.values():
        for perm in ("view_case", "view_justice_seeker", "change_case", "close_case", "view_post_analysis"):
            user.has_perm(f"casework.{perm}")  # must not raise
