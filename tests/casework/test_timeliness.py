"""Overdue cases with a frozen clock, "my tasks", the staff home widget and the durations admin."""

from datetime import datetime, timedelta, timezone as dt_timezone

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from casework import timeliness, workflow
from casework.models import Case, FollowUp, StateDuration
from casework.states import Status

from .workflow_helpers import World, put_in

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=dt_timezone.utc)


def url(name, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def overdue_pks():
    return set(Case.objects.filter(timeliness.overdue_q()).values_list("pk", flat=True))


def test_a_case_is_overdue_after_its_states_expected_days():
    world = World()
    with time_machine.travel(T0, tick=False):
        case = world.case()
        workflow.case_submit(case=case, user=world.person("coordinator"))  # primary review: 7 days
        case.refresh_from_db()
    with time_machine.travel(T0 + timedelta(days=7) - timedelta(seconds=1), tick=False):
        assert not timeliness.is_overdue(case) and case.pk not in overdue_pks()
    with time_machine.travel(T0 + timedelta(days=7, seconds=1), tick=False):
        assert timeliness.is_overdue(case) and case.pk in overdue_pks()
        # A system admin gives primary review more time: no longer overdue.
        StateDuration.objects.update_or_create(status=Status.PRIMARY_REVIEW, defaults={"expected_days": 10})
        assert not timeliness.is_overdue(case) and case.pk not in overdue_pks()
    with time_machine.travel(T0 + timedelta(days=11), tick=False):
        assert case.pk in overdue_pks()
        # Acting on it starts the clock of the next state.
        workflow.case_return(case=case, user=world.person("primary"), note="Add the receipt.")
        case.refresh_from_db()
        assert not timeliness.is_overdue(case) and case.pk not in overdue_pks()


def test_ended_cases_are_never_overdue():
    world = World()
    case = world.case()
    with time_machine.travel(T0, tick=False):
        put_in(case, Status.CLOSED)
    with time_machine.travel(T0 + timedelta(days=3000), tick=False):
        assert not timeliness.is_overdue(case) and case.pk not in overdue_pks()


def test_my_tasks_lists_what_waits_on_me_follow_ups_due_and_overdue(client):
    world = World()
    coordinator, primary = world.person("coordinator"), world.person("primary")
    with time_machine.travel(T0, tick=False):
        returned = world.case()
        put_in(returned, Status.RETURNED)
        in_review = world.case(Status.PRIMARY_REVIEW)
        redress = world.case(Status.IN_REDRESS)
        FollowUp.objects.create(case=redress, update="Hearing fixed.", next_action="Go to the BMET hearing",
                                next_date=T0.date() + timedelta(days=20), recorded_by=coordinator)
        FollowUp.objects.create(case=redress, update="Called.", next_action="Call the agent again",
                                next_date=T0.date() + timedelta(days=60), recorded_by=coordinator)
    with time_machine.travel(T0 + timedelta(days=15), tick=False):
        client.force_login(coordinator)
        page = client.get(url("casework:my_tasks")).content.decode()
        waiting = page.split('id="waiting"')[1].split("</section>")[0]
        assert returned.case_number in waiting and in_review.case_number not in waiting
        due = page.split('id="follow-ups-due"')[1].split("</section>")[0]
        assert "Go to the BMET hearing" in due and "Call the agent again" not in due
        overdue = page.split('id="overdue"')[1].split("</section>")[0]
        # Returned: 14 days; primary review: 7 days. Both are 15 days old.
        assert returned.case_number in overdue and in_review.case_number in overdue

        client.force_login(primary)
        page = client.get(url("casework:my_tasks")).content.decode()
        waiting = page.split('id="waiting"')[1].split("</section>")[0]
        assert in_review.case_number in waiting and returned.case_number not in waiting
        assert 'id="caseload"' in page  # supervisors see the caseload per coordinator

        # The staff home counts the same.
        page = client.get(url("staff_home")).content.decode()
        assert "tasks-widget" in page and url("casework:my_tasks") in page
        widget = timeliness.staff_home_widget(primary)
        assert widget["data"]["waiting"] == 1 and widget["data"]["overdue"] >= 2


def test_my_tasks_is_for_case_roles_only(client):
    world = World()
    client.force_login(world.person("meal"))
    assert client.get(url("casework:my_tasks")).status_code == 403
    assert timeliness.staff_home_widget(world.person("meal")) is None


def test_overdue_q_is_usable_in_the_case_list(client):
    world = World()
    with time_machine.travel(T0, tick=False):
        case = world.case(Status.PRIMARY_REVIEW)
    with time_machine.travel(T0 + timedelta(days=30), tick=False):
        client.force_login(world.person("primary"))
        response = client.get(url("casework:case_list"))
        assert response.status_code == 200
        assert "overdue" in response.content.decode()


def test_only_system_admins_edit_the_expected_days(client):
    world = World()
    row = StateDuration.objects.get(status=Status.PRIMARY_REVIEW)
    edit = reverse("state_durations:edit", args=[row.pk])
    admin = world.person("system_admin")
    type(admin).objects.filter(pk=admin.pk).update(is_staff=True)
    from django.contrib.auth.models import Permission

    admin.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(admin)
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"expected_days": "12"})
    assert response.status_code == 302
    assert StateDuration.objects.get(pk=row.pk).expected_days == 12
    lead = world.person("lead")
    lead.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(lead)
    assert client.post(edit, {"expected_days": "99"}).status_code in (302, 403)
    assert StateDuration.objects.get(pk=row.pk).expected_days == 12
