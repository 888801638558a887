"""casework.auth.StaffModelBackend: the user of a session comes with their profile, roles and
unread notification count in one query, and a change counts on the next request."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.models import Notification, StaffProfile
from casework.notifications import unread_count
from casework.rules import _profile_org_id
from casework.auth import StaffModelBackend
from portal.roles import has_role, user_roles
from tests.factories import make_case, staff_user

pytestmark = pytest.mark.django_db


def _notify(user, n, read=0):
    case = make_case()
    Notification.objects.bulk_create([Notification(user=user, case=case, kind="returned") for _ in range(n)])
    for row in Notification.objects.filter(user=user)[:read]:
        row.read_at = row.created_at
        row.save()


def test_the_user_comes_with_profile_roles_and_unread_count_in_one_query():
    made = staff_user(roles=["programme_lead", "meal_analyst"])
    _notify(made, 3, read=1)
    _notify(staff_user(roles=["programme_lead"]), 2)  # someone else's
    with CaptureQueriesContext(connection) as captured:
        user = StaffModelBackend().get_user(made.pk)
        roles = user_roles(user)
        org = _profile_org_id(user)
        unread = unread_count(user)
    assert len(captured.captured_queries) == 1
    assert roles == {"programme_lead", "meal_analyst"}
    assert org == made.profile.organization_id
    assert unread == 2
    assert unread_count(made) == 2  # a user loaded otherwise: counted by a query


def test_a_new_notification_counts_on_the_next_page(client):
    user = staff_user(roles=["programme_lead"])
    client.force_login(user, backend="casework.auth.StaffModelBackend")
    assert 'class="notif-count"' not in client.get("/en/reports/").content.decode()
    _notify(user, 2)
    page = client.get("/en/reports/").content.decode()
    assert 'class="notif-count"' in page and "2 unread" in page


def test_a_user_without_a_role_or_profile_is_loaded_without_more_queries():
    user = get_user_model().objects.create_user("no-profile", password="x-Long-Passw0rd!")
    StaffProfile.objects.filter(user=user).delete()
    with CaptureQueriesContext(connection) as captured:
        loaded = StaffModelBackend().get_user(user.pk)
        assert user_roles(loaded) == frozenset() and _profile_org_id(loaded) is None
        assert unread_count(loaded) == 0
    assert len(captured.captured_queries) == 1


def test_inactive_or_missing_users_are_not_loaded():
    user = staff_user(roles=["programme_lead"])
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    assert StaffModelBackend().get_user(user.pk) is None
    assert StaffModelBackend().get_user(999_999) is None


def test_a_role_taken_away_counts_on_the_next_request(client):
    user = staff_user(roles=["programme_lead"])
    client.force_login(user, backend="casework.auth.StaffModelBackend")
    assert client.get("/en/reports/").status_code == 200
    assert has_role(client.get("/en/reports/").wsgi_request.user, "programme_lead")
    user.groups.remove(Group.objects.get(name="programme_lead"))
    assert client.get("/en/reports/").status_code == 403  # no role: no reports
    user.groups.add(Group.objects.get(name="meal_analyst"))
    response = client.get("/en/reports/")
    assert response.status_code == 200 and user_roles(response.wsgi_request.user) == {"meal_analyst"}
