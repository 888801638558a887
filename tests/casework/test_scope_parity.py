"""rules.py and selectors.py decide the same thing: for every role and every demo case,
"appears in the list" ⇔ has_perm("casework.view_case", case) ⇔ the detail page opens."""

import pytest
from django.contrib.auth import get_user_model

from casework.models import Case
from casework.selectors import case_list
from portal import roles

pytestmark = pytest.mark.django_db


def _users():
    return list(get_user_model().objects.filter(is_active=True).order_by("username"))


def test_list_equals_view_case_for_every_user_and_every_demo_case(demo_world):
    cases = list(Case.objects.all())
    assert len(cases) == 44
    assert len({c.status for c in cases}) == 9  # every workflow state
    for user in _users():
        listed = set(case_list(user).values_list("pk", flat=True))
        for case in cases:
            assert (case.pk in listed) == user.has_perm("casework.view_case", case), (user.username, case.case_number)


def test_detail_opens_exactly_for_cases_in_scope(client, demo_world):
    cases = list(Case.objects.order_by("pk"))
    for user in _users():
        client.force_login(user)
        for case in cases[::5]:
            response = client.get(f"/en/cases/{case.pk}/")
            if user.has_perm("casework.view_case", case):
                assert response.status_code == 200, (user.username, case.case_number)
            elif user.has_perm("casework.list_cases"):
                assert response.status_code == 404, (user.username, case.case_number)
            else:
                assert response.status_code in (403, 404), (user.username, case.case_number)


def test_scopes_match_the_spec(demo_world):
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
    # a coordinator of the same organisation in another upazila does not see these
    other = User.objects.get(username="coord.okup2")
    mine_only = Case.objects.filter(assigned_to=coordinator).exclude(upazila__in=other.profile.upazilas.all())
    assert not set(case_list(other).values_list("pk", flat=True)) & set(mine_only.values_list("pk", flat=True))
    legal = User.objects.get(username="legal1")
    for case in case_list(legal):
        assert case.legal_aid_org_id == legal.profile.organization_id or case.entered_by_id == legal.pk
    assert case_list(legal).count() == Case.objects.filter(legal_aid_org=legal.profile.organization).count()


def test_inactive_and_anonymous_see_nothing(demo_world):
    from django.contrib.auth.models import AnonymousUser

    lead = get_user_model().objects.get(username="lead")
    lead.is_active = False
    lead.save()
    assert case_list(lead).count() == 0
    assert case_list(AnonymousUser()).count() == 0
    assert not AnonymousUser().has_perm("casework.view_case", Case.objects.first())


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_every_role_list_page_status(client, demo_world, role):
    user = get_user_model().objects.filter(groups__name=role).first()
    client.force_login(user)
    response = client.get("/bn/cases/")
    expected = 200 if role in roles.CASE_ROLES else 403
    assert response.status_code == expected
