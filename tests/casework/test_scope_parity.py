"""rules.py and selectors.py decide the same thing, and every page and export shows what they decide.

For every role, every user in it and every demo case: "appears in the list" ⇔ has_perm("view_case"),
and in the export of the whole list the case has a row ⇔ view_case, with each data group's values
(justice seeker, perpetrator) in it ⇔ the group's view_* permission holds and the reader may export
identified data. The case page and the change form are opened for one case of each distinct set of
rule answers per user: the page opens (200) ⇔ view_case, else 403 or 404; each group's values
(post-analysis too) are on the case page ⇔ its view_* permission holds, and on the change form only
if it holds (and whenever its change_* permission lets the form offer it).

The demo data (casework.demo) is seeded once per module (and worker) and rolled back at the end:
each test runs in a savepoint inside that transaction, so the tests share one seeding.
"""

import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model

from casework.models import Case
from casework.selectors import case_list
from portal import roles

pytestmark = pytest.mark.django_db

DEMO_CASES = 44
REGISTERS = [f"DEMO-{i:05d}" for i in range(1, DEMO_CASES + 1)]
POST_ANALYSIS_TEXT = "The sub-agent had no licence"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo people and 44 demo cases, for the whole module."""
    from casework.demo import seed_cases
    from home.demo import seed_people
    from tests.conftest import DEMO_PASSWORD, module_transaction
    from tests.factories import CaseCategoryFactory

    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            seed_people(DEMO_PASSWORD)
            for name in ("Fraud by a sub-agent", "Wage theft", "Death abroad"):
                CaseCategoryFactory(name=name)
            assert seed_cases(DEMO_CASES) == DEMO_CASES
        yield


def _users(role=None):
    users = get_user_model().objects.filter(is_active=True).select_related("profile").order_by("username")
    return list(users.filter(groups__name=role) if role else users)


def _can(user, perm, case):
    return user.has_perm(f"casework.{perm}", case)


def _group_values(case) -> dict[str, list[str]]:
    """Values that appear only where their data group is shown (unique to the case in the demo)."""
    values = {"justice_seeker": [case.justice_seeker.passport_number, case.justice_seeker.phone],
              "perpetrator": [case.recruitment.agent_phone], "post_analysis": []}
    if hasattr(case, "post_analysis"):
        values["post_analysis"] = [POST_ANALYSIS_TEXT]
    return values


def _shows(text: str, values: list[str]) -> bool:
    found = [v in text for v in values]
    assert all(found) or not any(found), "a group is shown only in part"
    return bool(values) and all(found)


GROUP_PERMS = {"justice_seeker": "justice_seeker", "perpetrator": "perpetrator", "post_analysis": "post_analysis"}


def _signature(user, case) -> tuple:
    """What the rules decide for this user and case: cases with the same answers go through the
    same code paths of the case page and change form."""
    perms = ("view_case", "view_justice_seeker", "view_perpetrator", "view_post_analysis",
             "change_case", "change_justice_seeker", "change_perpetrator")
    return tuple(_can(user, perm, case) for perm in perms) + (hasattr(case, "post_analysis"),)


def _check_case_page(client, user, case, values):
    who = (user.username, case.register_number, case.status)
    may_view = _can(user, "view_case", case)
    detail = client.get(f"/en/cases/{case.pk}/")
    if may_view:
        assert detail.status_code == 200, who
    else:
        assert detail.status_code in ((404,) if _can(user, "list_cases", None) else (403, 404)), who
    page = detail.content.decode() if detail.status_code == 200 else ""
    for group, perm in GROUP_PERMS.items():
        if values[group]:
            assert _shows(page, values[group]) == (may_view and _can(user, f"view_{perm}", case)), (*who, group)


def _check_change_form(client, user, case, values):
    who = (user.username, case.register_number, case.status)
    may_view = _can(user, "view_case", case)
    edit = client.get(f"/en/cases/{case.pk}/edit/")
    may_edit = any(_can(user, f"change_{p}", case) for p in ("case", "justice_seeker", "perpetrator"))
    assert edit.status_code == (200 if may_edit else (403 if may_view else 404 if _can(user, "list_cases", None) else edit.status_code)), who
    assert edit.status_code in (200, 403, 404), who
    form = edit.content.decode() if edit.status_code == 200 else ""
    for group, perm in GROUP_PERMS.items():
        if not values[group]:
            continue
        shown = _shows(form, values[group])
        if shown:
            assert _can(user, f"view_{perm}", case), (*who, group, "on the change form")
        if group != "post_analysis" and edit.status_code == 200 and _can(user, f"change_{perm}", case):
            assert shown, (*who, group, "missing from the change form")
        if group == "post_analysis":
            assert not shown, (*who, "the post-analysis is not part of the change form")


def _check_export(client, user, cases, values):
    """The whole list's export, once: a row for exactly the cases the user may view, and each
    group's values in it exactly where the user may see and export them."""
    export = client.get("/en/cases/export/")
    if not _can(user, "list_cases", None):
        assert export.status_code == 403, user.username
        return
    assert export.status_code == 200, user.username
    rows = list(openpyxl.load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    by_number = {row[0]: " ".join(str(c) for c in row if c is not None) for row in rows[1:]}
    assert len(by_number) == len(rows) - 1, "one row per case"
    identified = _can(user, "export_identified", None)
    for case in cases:
        who = (user.username, case.register_number, case.status)
        may_view = _can(user, "view_case", case)
        assert (case.case_number in by_number) == may_view, who
        cells = by_number.get(case.case_number, "")
        for group, perm in GROUP_PERMS.items():
            if values[case.pk][group]:
                expected = may_view and identified and group != "post_analysis" and _can(user, f"view_{perm}", case)
                assert _shows(cells, values[case.pk][group]) == expected, (*who, group, "in the export")


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_every_role_sees_each_demo_case_exactly_as_the_rules_say(client, demo, role):
    """Every user of the role, every demo case: the list (selectors) agrees with rules.py; the
    export of the whole list shows each case and data group as the rules say. The case page and
    change form are opened for one case of each distinct set of rule answers (the demo data gives
    each user 5 to 12 of them), which is every path the rules can send a page down for that user."""
    cases = list(Case.objects.select_related("justice_seeker", "recruitment")
                 .filter(register_number__in=REGISTERS).order_by("register_number"))
    assert len(cases) == DEMO_CASES
    values = {case.pk: _group_values(case) for case in cases}
    users = _users(role)
    assert users, role
    for user in users:
        client.force_login(user)
        listed = set(case_list(user).values_list("pk", flat=True))
        representatives = {}
        for case in cases:
            assert (case.pk in listed) == _can(user, "view_case", case), (user.username, case.register_number)
            representatives.setdefault(_signature(user, case), case)
        for case in representatives.values():
            _check_case_page(client, user, case, values[case.pk])
            _check_change_form(client, user, case, values[case.pk])
        _check_export(client, user, cases, values)


def test_demo_data_exercises_every_scope_branch(demo):
    """Each branch of the scopes (SPEC §1) is, for some demo user and case, the only way in."""
    cases = list(Case.objects.select_related("organization"))
    users = _users()
    coordinators = [u for u in users if roles.FIELD_COORDINATOR in roles.user_roles(u)]
    legals = [u for u in users if roles.LEGAL_ADVISOR in roles.user_roles(u)]

    def upazilas(u):
        return set(u.profile.upazilas.values_list("pk", flat=True))

    in_org_upazila_only = any(c.organization_id == u.profile.organization_id and c.upazila_id in upazilas(u)
                              and c.assigned_to_id != u.pk for u in coordinators for c in cases)
    assigned_only = any(c.assigned_to_id == u.pk and c.upazila_id not in upazilas(u) for u in coordinators for c in cases)
    legal_org_only = any(c.legal_aid_org_id == u.profile.organization_id and c.entered_by_id != u.pk
                         for u in legals for c in cases)
    entrant_only = any(c.entered_by_id == u.pk and c.legal_aid_org_id != u.profile.organization_id
                       for u in legals for c in cases)
    primary = any(c.organization_id == u.profile.organization_id for u in _users(roles.PRIMARY_ADVISOR) for c in cases)
    assert in_org_upazila_only and assigned_only and legal_org_only and entrant_only and primary
    assert len({c.status for c in cases}) == 9  # every workflow state
    assert any(hasattr(c, "post_analysis") for c in cases)


def test_scopes_match_the_spec(demo):
    User = get_user_model()
    everything = Case.objects.count()
    lead = User.objects.get(username="lead")
    assert case_list(lead).count() == everything
    for username in ("meal", "admin.okup", "editor", "sysadmin"):
        assert case_list(User.objects.get(username=username)).count() == 0, username
    advisor = User.objects.get(username="advisor.okup")
    assert set(case_list(advisor).values_list("organization__short_name", flat=True)) == {"OKUP"}
    assert case_list(advisor).count() == Case.objects.filter(organization__short_name="OKUP").count()
    coordinator = User.objects.get(username="coord.okup1")
    upazilas = set(coordinator.profile.upazilas.values_list("pk", flat=True))
    for case in case_list(coordinator):
        assert case.assigned_to_id == coordinator.pk or (case.upazila_id in upazilas and case.organization.short_name == "OKUP")
    other = User.objects.get(username="coord.okup2")
    mine_only = Case.objects.filter(assigned_to=coordinator).exclude(upazila__in=other.profile.upazilas.all())
    assert not set(case_list(other).values_list("pk", flat=True)) & set(mine_only.values_list("pk", flat=True))
    legal = User.objects.get(username="legal1")
    for case in case_list(legal):
        assert case.legal_aid_org_id == legal.profile.organization_id or case.entered_by_id == legal.pk
    assert case_list(legal).count() == Case.objects.filter(
        legal_aid_org=legal.profile.organization).count() + Case.objects.filter(entered_by=legal).exclude(
        legal_aid_org=legal.profile.organization).count()


def test_inactive_and_anonymous_see_nothing(demo):
    from django.contrib.auth.models import AnonymousUser

    lead = get_user_model().objects.get(username="lead")
    lead.is_active = False
    lead.save()
    assert case_list(lead).count() == 0
    assert case_list(AnonymousUser()).count() == 0
    assert not AnonymousUser().has_perm("casework.view_case", Case.objects.first())


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_every_role_list_page_status(client, demo, role):
    user = get_user_model().objects.filter(groups__name=role).first()
    client.force_login(user)
    response = client.get("/bn/cases/")
    expected = 200 if role in roles.CASE_ROLES else 403
    assert response.status_code == expected
