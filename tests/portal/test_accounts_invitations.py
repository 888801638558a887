"""Registration by invitation only: who may invite whom, single use, 72-hour expiry, deactivation, roles."""

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from casework.models import Organization, Upazila
from portal import roles
from portal.accounts.models import Invitation
from tests.conftest import DEMO_PASSWORD
from tests.portal.security_helpers import STRONG, link_from_mail, sign_in, user

pytestmark = pytest.mark.django_db


def invite_data(org, role=roles.PRIMARY_ADVISOR, **extra):
    return {"username": "new.person", "first_name": "Nasima", "last_name": "Akter", "email": "nasima@example.org",
            "organization": org.pk, "role": role, "designation": "Programme officer", **extra}


def test_system_admin_invites_and_the_link_sets_the_password_once(client, demo_people):
    okup = Organization.objects.get(short_name="OKUP")
    client.force_login(user("sysadmin"))
    response = client.post("/en/accounts/users/invite/", invite_data(okup))
    assert response.status_code == 302
    new = get_user_model().objects.get(username="new.person")
    assert not new.is_active and not new.has_usable_password()
    assert new.profile.organization == okup
    assert list(new.groups.values_list("name", flat=True)) == [roles.PRIMARY_ADVISOR]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nasima@example.org"]
    body = mail.outbox[0].body
    # Both languages, whatever the admin's language (the Bangla comes from the catalogue).
    with translation.override("bn"):
        bangla = gettext("Do not forward this e-mail. If you did not expect it, delete it and tell the organisation "
                         "that sent it.")
    assert bangla in body and "Do not forward this e-mail" in body
    link = link_from_mail(body)

    client.post("/en/accounts/logout/")
    # The token leaves the URL at once (no Referer leak) and the form is on a token-free URL.
    first = client.get(link)
    assert first.status_code == 302 and "set-password" in first["Location"]
    assert link.rsplit("/", 2)[-2] not in first["Location"]
    weak = client.post(first["Location"], {"new_password1": "password", "new_password2": "password"})
    assert weak.status_code == 200 and not user("new.person").is_active
    done = client.post(first["Location"], {"new_password1": STRONG, "new_password2": STRONG})
    assert done.status_code == 302 and done["Location"] == "/en/accounts/login/"
    assert user("new.person").is_active
    assert sign_in(client, "new.person", STRONG)["Location"] == "/en/staff/"

    # Single use: the same link again, in a fresh browser, does not work.
    client.post("/en/accounts/logout/")
    again = client.get(client.get(link)["Location"])
    assert again.status_code == 410
    assert "does not work" in again.content.decode()


def test_invitation_expires_after_72_hours(client, demo_people):
    client.force_login(user("sysadmin"))
    client.post("/en/accounts/users/invite/", invite_data(Organization.objects.get(short_name="OKUP")))
    link = link_from_mail(mail.outbox[0].body)
    client.post("/en/accounts/logout/")
    with time_machine.travel(timezone.now() + timezone.timedelta(hours=71, minutes=50)):
        assert client.get(client.get(link)["Location"]).status_code == 200
    with time_machine.travel(timezone.now() + timezone.timedelta(hours=72, minutes=1)):
        expired = client.get(client.get(link)["Location"])
        assert expired.status_code == 410
        post = client.post(client.get(link)["Location"], {"new_password1": STRONG, "new_password2": STRONG})
        assert post.status_code == 410
    assert not user("new.person").is_active


def test_resending_replaces_the_old_link(client, demo_people):
    client.force_login(user("sysadmin"))
    client.post("/en/accounts/users/invite/", invite_data(Organization.objects.get(short_name="OKUP")))
    old_link = link_from_mail(mail.outbox[0].body)
    new = user("new.person")
    client.post(reverse("accounts:resend_invitation", args=[new.pk]))
    new_link = link_from_mail(mail.outbox[1].body)
    assert old_link != new_link
    client.post("/en/accounts/logout/")
    assert client.get(client.get(old_link)["Location"]).status_code == 410
    assert client.get(client.get(new_link)["Location"]).status_code == 200


def test_org_admin_invites_only_into_own_organisation_and_not_powerful_roles(client, demo_people):
    okup = Organization.objects.get(short_name="OKUP")
    rmmru = Organization.objects.get(short_name="RMMRU")
    client.force_login(user("admin.okup"))
    page = client.get("/en/accounts/users/invite/")
    assert list(page.context["form"].fields["organization"].queryset) == [okup]
    role_choices = dict(page.context["form"].fields["role"].choices)
    assert roles.SYSTEM_ADMIN not in role_choices

    other_org = client.post("/en/accounts/users/invite/", invite_data(rmmru))
    assert other_org.status_code == 200 and "organization" in other_org.context["form"].errors
    sysadmin_role = client.post("/en/accounts/users/invite/", invite_data(okup, role=roles.SYSTEM_ADMIN))
    assert "role" in sysadmin_role.context["form"].errors
    # A programme lead sees every case: not a role an MNGO can hand out.
    lead_role = client.post("/en/accounts/users/invite/", invite_data(okup, role=roles.PROGRAMME_LEAD))
    assert "role" in lead_role.context["form"].errors
    no_area = client.post("/en/accounts/users/invite/", invite_data(okup, role=roles.FIELD_COORDINATOR))
    assert "upazilas" in no_area.context["form"].errors
    assert not get_user_model().objects.filter(username="new.person").exists()

    upazila = Upazila.objects.filter(name_en="Debidwar").first()
    ok = client.post("/en/accounts/users/invite/",
                     invite_data(okup, role=roles.FIELD_COORDINATOR, upazilas=[upazila.pk]))
    assert ok.status_code == 302
    assert list(user("new.person").profile.upazilas.all()) == [upazila]


@pytest.mark.parametrize("username", ["coord.okup1", "advisor.okup", "lead", "meal", "editor"])
def test_other_roles_cannot_manage_users(client, demo_people, username):
    client.force_login(user(username))
    assert client.get("/en/accounts/users/").status_code == 403
    assert client.get("/en/accounts/users/invite/").status_code == 403
    assert client.post(reverse("accounts:deactivate", args=[user("legal1").pk])).status_code == 403
    assert user("legal1").is_active


def test_there_is_no_self_sign_up(client):
    for path in ("/en/accounts/register/", "/en/accounts/signup/", "/bn/accounts/register/"):
        assert client.get(path).status_code == 404


def test_user_list_scope_and_constant_queries(client, demo_people, django_assert_max_num_queries):
    client.force_login(user("admin.okup"))
    with django_assert_max_num_queries(12):
        page = client.get("/en/accounts/users/")
    names = {row["user"].username for row in page.context["rows"]}
    assert names == {"coord.okup1", "coord.okup2", "advisor.okup", "admin.okup"}
    client.force_login(user("sysadmin"))
    with django_assert_max_num_queries(12):
        page = client.get("/bn/accounts/users/")
    assert len(page.context["rows"]) == get_user_model().objects.count()
    assert "ব্যবহারকারী" in page.content.decode() or "Users" in page.content.decode()


def test_org_admin_cannot_touch_users_of_another_organisation(client, demo_people):
    client.force_login(user("admin.okup"))
    target = user("advisor.rmmru")
    assert client.post(reverse("accounts:deactivate", args=[target.pk])).status_code == 404
    assert client.get(reverse("accounts:change_role", args=[target.pk])).status_code == 404
    assert user("advisor.rmmru").is_active


def test_deactivating_ends_the_users_sessions(client, demo_people, django_user_model):
    from django.test import Client

    advisor_browser = Client()
    assert sign_in(advisor_browser, "advisor.okup").status_code == 302
    assert advisor_browser.get("/en/staff/").status_code == 200
    client.force_login(user("admin.okup"))
    response = client.post(reverse("accounts:deactivate", args=[user("advisor.okup").pk]))
    assert response.status_code == 302
    assert not user("advisor.okup").is_active
    assert advisor_browser.get("/en/staff/").status_code == 302
    # And cannot sign in again; same message as a wrong password.
    again = sign_in(advisor_browser, "advisor.okup")
    assert "The username or password is not right" in again.content.decode()


def test_admin_cannot_deactivate_self(client, demo_people):
    admin = user("admin.okup")
    client.force_login(admin)
    client.post(reverse("accounts:deactivate", args=[admin.pk]))
    assert user("admin.okup").is_active


def test_change_role_takes_effect_and_signs_the_user_out(client, demo_people):
    from django.test import Client

    coord_browser = Client()
    sign_in(coord_browser, "coord.okup2")
    client.force_login(user("admin.okup"))
    target = user("coord.okup2")
    response = client.post(reverse("accounts:change_role", args=[target.pk]), {"role": roles.PRIMARY_ADVISOR})
    assert response.status_code == 302
    assert roles.user_roles(user("coord.okup2")) == {roles.PRIMARY_ADVISOR}
    assert not user("coord.okup2").profile.upazilas.exists()
    assert coord_browser.get("/en/staff/").status_code == 302
    from auditlog.models import LogEntry

    assert LogEntry.objects.filter(object_pk=str(target.pk), actor=user("admin.okup")).exists()


def test_invitation_token_is_stored_hashed(demo_people):
    invitation, token = Invitation.issue(user("legal2"), roles.LEGAL_ADVISOR, created_by=user("sysadmin"))
    assert token not in invitation.token_hash
    assert Invitation.find_usable(token) == invitation
    assert Invitation.find_usable(token + "x") is None
    assert Invitation.find_usable("") is None
