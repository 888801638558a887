"""Notifications reach the people a case is sent to, and only them; emails when they have an address."""

import pytest
from django.urls import reverse
from django.utils import translation

from casework import workflow
from casework.models import Notification
from casework.states import Status
from tests.factories import staff_user

from .workflow_helpers import World, put_in

pytestmark = pytest.mark.django_db


def told(case):
    return sorted(Notification.objects.filter(case=case).values_list("user__username", "kind"))


def test_each_step_tells_the_right_people_only(mailoutbox, django_capture_on_commit_callbacks):
    world = World()
    coordinator, primary, legal, lead = (world.person(k) for k in ("coordinator", "primary", "legal", "lead"))
    second_primary = staff_user(roles=["primary_advisor"], organization=world.mngo, email="")
    second_legal = staff_user(roles=["legal_advisor"], organization=world.legal_org)
    for k in ("other_primary", "other_legal", "other_coordinator", "meal"):
        world.person(k)
    case = world.case()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.case_submit(case=case, user=coordinator)
    # No advisor sought: both primary advisors of the owning MNGO, nobody else; only one has an address.
    assert told(case) == sorted([(primary.username, "submitted"), (second_primary.username, "submitted")])
    assert [m.to for m in mailoutbox] == [[primary.email]]
    assert case.case_number in mailoutbox[0].subject and "/cases/" in mailoutbox[0].body

    Notification.objects.all().delete()
    workflow.case_return(case=case, user=primary, note="Need the receipt.")
    assert told(case) == [(coordinator.username, "returned")]

    Notification.objects.all().delete()
    workflow.case_submit(case=case, user=coordinator)
    Notification.objects.all().delete()
    case.advisor_sought = legal
    case.save(update_fields=["advisor_sought"])
    workflow.case_forward(case=case, user=primary)
    # The legal advisor sought, not their colleague.
    assert told(case) == [(legal.username, "forwarded")]

    Notification.objects.all().delete()
    workflow.case_refer(case=case, user=legal, channel="bmet")
    assert told(case) == [(coordinator.username, "referred")]

    Notification.objects.all().delete()
    put_in(case, Status.RESULT_RECORDED, legal_aid_org=world.legal_org)
    workflow.case_request_close(case=case, user=primary)
    assert told(case) == sorted([(legal.username, "close_requested"), (second_legal.username, "close_requested")])

    Notification.objects.all().delete()
    workflow.case_approve_close(case=case, user=lead)
    assert told(case) == sorted([(primary.username, "closed"), (coordinator.username, "closed")])


def test_the_actor_and_inactive_people_are_not_told():
    world = World()
    primary = world.person("primary")
    inactive = staff_user(roles=["primary_advisor"], organization=world.mngo)
    type(inactive).objects.filter(pk=inactive.pk).update(is_active=False)
    # A primary advisor who entered the case submits it: they are not told about their own step.
    case = world.case(entered_by=primary)
    workflow.case_submit(case=case, user=primary)
    assert told(case) == []


def test_unread_count_in_the_header_and_reading(client):
    world = World()
    coordinator, primary = world.person("coordinator"), world.person("primary")
    case = world.case(Status.PRIMARY_REVIEW)
    workflow.case_return(case=case, user=primary, note="Need the NID.")
    client.force_login(coordinator)
    with translation.override("en"):
        home, notes = reverse("staff_home"), reverse("casework:notifications")
    page = client.get(home).content.decode()
    assert 'class="notif-count"' in page and "1 unread" in page
    page = client.get(notes).content.decode()
    assert "returned to you" in page
    row = Notification.objects.get(user=coordinator)
    with translation.override("en"):
        open_url = reverse("casework:notification_open", args=[row.pk])
    # Someone else cannot open (or learn about) another person's notification.
    client.force_login(primary)
    assert client.post(open_url).status_code == 404
    client.force_login(coordinator)
    response = client.post(open_url)
    assert response.status_code == 302 and response["Location"].endswith(f"/cases/{case.pk}/")
    row.refresh_from_db()
    assert row.read_at is not None
    assert 'class="notif-count"' not in client.get(home).content.decode()


def test_notification_text_follows_the_readers_language():
    from casework.notifications import message

    with translation.override("en"):
        assert message("returned", "PRK-2026-00001") == "Case PRK-2026-00001 was returned to you for more information."
