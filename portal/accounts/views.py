"""Sign-in and everything around it: invitations, the code of conduct, two-factor login, passwords,
sessions, and the user list for administrators."""

from __future__ import annotations

import io
import logging

from auditlog.models import LogEntry
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from casework.models import StaffProfile
from portal import roles
from portal.middleware import seconds_left

from . import ratelimit, security
from .forms import (
    AcceptCodeForm,
    CodeOfConductEditForm,
    InviteForm,
    LoginForm,
    RoleChangeForm,
    TokenForm,
    UserFilterForm,
    grantable_roles,
    users_visible_to,
)
from .models import CodeOfConduct, CodeOfConductAcceptance, Invitation

logger = logging.getLogger("protikar.security")
BACKUP_CODE_COUNT = 10
INVITATION_SESSION_KEY = "_protikar_invitation_token"


def audit(instance, actor, changes: dict, action=LogEntry.Action.UPDATE):
    """Record an account change in the audit log (django-auditlog) with who did it."""
    LogEntry.objects.log_create(instance, force_log=True, action=action, changes=changes, actor=actor)


def too_many_requests(request):
    return render(request, "accounts/rate_limited.html", status=429)


def safe_next(request, default_name="staff_home"):
    nxt = request.POST.get("next") or request.GET.get("next")
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return nxt
    return reverse(default_name)


# --- Sign in and out -----------------------------------------------------------------------------

class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # Per address, on top of django-axes' lockout per user and address: slows password spraying.
        if ratelimit.hit("login", ratelimit.client_ip(request)):
            return too_many_requests(request)
        return super().post(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    pass


class SignOutEverywhereView(LoginRequiredMixin, View):
    """End every session of this user: the lost phone or the shared computer left signed in."""

    def post(self, request):
        user = request.user
        count = security.end_all_sessions(user)
        logger.info("user %s signed out everywhere (%d sessions)", user.pk, count)
        logout(request)
        messages.success(request, _("You are signed out on every device and browser."))
        return redirect("accounts:login")


class SessionStatusView(View):
    """Seconds left before the idle timeout, for the warning script. A GET with the poll header does not
    count as activity (see IdleTimeoutMiddleware); a POST ("stay signed in") does."""

    def get(self, request):
        if not request.user.is_authenticated:
            return JsonResponse({"remaining": 0, "signed_in": False})
        return JsonResponse({"remaining": seconds_left(request), "signed_in": True})

    def post(self, request):
        return self.get(request)


class AccountView(LoginRequiredMixin, TemplateView):
    """The user's own security page: password, two-factor login, sessions."""

    template_name = "accounts/account.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["has_device"] = security.has_two_factor_device(user)
        ctx["two_factor_required"] = security.two_factor_required_by_role(user)
        ctx["backup_codes_left"] = StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
        ctx["password_changed_at"] = security.password_changed_at(user)
        ctx["password_max_age_days"] = getattr(settings, "PASSWORD_MAX_AGE_DAYS", None)
        ctx["session_count"] = user.tracked_sessions.count()
        return ctx


# --- Passwords -----------------------------------------------------------------------------------

class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        security.update_gate_state(self.request, pw_changed=timezone.now().timestamp())
        # Other sessions used the old password: Django's session hash check ends them; drop their records.
        security.end_all_sessions(self.request.user, keep_session_key=self.request.session.session_key)
        messages.success(self.request, _("Your password is changed."))
        return response


class PasswordExpiredView(PasswordChangeView):
    template_name = "accounts/password_expired.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs),
                "password_max_age_days": getattr(settings, "PASSWORD_MAX_AGE_DAYS", 90)}

    def get_success_url(self):
        return safe_next(self.request)


@method_decorator(sensitive_post_parameters(), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        email = (request.POST.get("email") or "").strip().lower()
        over_ip = ratelimit.hit("password_reset", ratelimit.client_ip(request))
        over_email = ratelimit.hit("password_reset_email", email) if email else False
        if over_ip:
            return too_many_requests(request)
        if over_email:
            # Say the same as for a sent link: never reveal whether the address belongs to someone.
            return HttpResponseRedirect(self.get_success_url())
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        security.end_all_sessions(form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


# --- Invitations ---------------------------------------------------------------------------------

@method_decorator(never_cache, name="dispatch")
class InvitationAcceptView(View):
    """The invitee's link. Like Django's password reset, the token moves from the URL into the session
    and the browser is sent to a URL without it, so it cannot leak through the Referer header."""

    template_name = "accounts/invitation_accept.html"
    token_placeholder = "set-password"

    def dispatch(self, request, token):
        if token != self.token_placeholder:
            request.session[INVITATION_SESSION_KEY] = token
            return redirect("accounts:invitation_accept", token=self.token_placeholder)
        invitation = Invitation.find_usable(request.session.get(INVITATION_SESSION_KEY, ""))
        if invitation is None:
            return render(request, "accounts/invitation_invalid.html", status=410)
        if request.user.is_authenticated:
            # Someone is signed in on this browser (perhaps the administrator): do not mix the two people.
            return render(request, "accounts/invitation_invalid.html", {"signed_in": True}, status=409)
        user = invitation.user
        form = SetPasswordForm(user, request.POST or None)
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                # Lock the row: two quick submissions of the same link must not both succeed.
                locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
                if locked.used_at is not None:
                    return render(request, "accounts/invitation_invalid.html", status=410)
                form.save()
                user.is_active = True
                user.save(update_fields=["is_active"])
                locked.used_at = timezone.now()
                locked.save(update_fields=["used_at"])
            request.session.pop(INVITATION_SESSION_KEY, None)
            logger.info("invitation %s used by user %s", invitation.pk, user.pk)
            messages.success(request, _("Your password is set. Sign in now."))
            return redirect("accounts:login")
        return render(request, self.template_name, {"form": form, "invited_user": user, "invitation": invitation})


def send_invitation(request, invitation, token):
    link = request.build_absolute_uri(reverse("accounts:invitation_accept", kwargs={"token": token}))
    context = {"user": invitation.user, "link": link, "hours": getattr(settings, "INVITATION_VALID_HOURS", 72),
               "inviter": request.user}
    # Bangla first, then English: the invitee may read either, whatever language the admin works in.
    parts = []
    for lang in ("bn", "en"):
        with translation.override(lang):
            parts.append(render_to_string("accounts/email/invitation.txt", context, request=request).strip())
    with translation.override("bn"):
        subject = f'{_("Your Protikar account: set your password")} / '
    with translation.override("en"):
        subject += _("Your Protikar account: set your password")
    body = "\n\n----------\n\n".join(parts)
    send_mail(subject, body, None, [invitation.user.email])


class AdminRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not roles.has_role(request.user, roles.SYSTEM_ADMIN, roles.ORG_ADMIN):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_target(self, pk):
        # Out of the admin's reach looks the same as not existing.
        return get_object_or_404(users_visible_to(self.request.user).distinct(), pk=pk)


class UserListView(AdminRequiredMixin, TemplateView):
    template_name = "accounts/user_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        admin = self.request.user
        form = UserFilterForm(self.request.GET or None)
        if not roles.has_role(admin, roles.SYSTEM_ADMIN):
            del form.fields["organization"]
        users = users_visible_to(admin).distinct()
        if form.is_valid():
            if form.cleaned_data.get("organization"):
                users = users.filter(profile__organization=form.cleaned_data["organization"])
            if form.cleaned_data.get("status") == "active":
                users = users.filter(is_active=True)
            elif form.cleaned_data.get("status") == "inactive":
                users = users.filter(is_active=False)
        pending = Invitation.objects.pending().filter(user=OuterRef("pk"))
        totp = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        users = (
            users.select_related("profile__organization")
            .prefetch_related(Prefetch("groups", queryset=Group.objects.only("name")))
            .annotate(has_pending_invitation=Exists(pending), has_two_factor=Exists(totp))
            .order_by("profile__organization__name", "username")
        )
        rows = []
        for u in users:
            names = [g.name for g in u.groups.all()]
            rows.append({
                "user": u,
                "roles": [roles.ROLE_LABELS.get(n, n) for n in names],
                "organization": getattr(getattr(u, "profile", None), "organization", None),
                "status": "active" if u.is_active else ("invited" if u.has_pending_invitation else "inactive"),
                "is_self": u.pk == admin.pk,
            })
        ctx.update(rows=rows, filter_form=form, is_system_admin=roles.has_role(admin, roles.SYSTEM_ADMIN))
        return ctx


class InviteView(AdminRequiredMixin, FormView):
    template_name = "accounts/invite.html"
    form_class = InviteForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "admin": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        User = get_user_model()
        with transaction.atomic():
            user = User(username=data["username"], first_name=data["first_name"], last_name=data["last_name"],
                        email=data["email"], is_active=False)
            user.set_unusable_password()
            if data["role"] == roles.SYSTEM_ADMIN:
                user.is_staff = True  # the system admin uses the Wagtail admin for lists and settings
            user.save()
            user.groups.set([Group.objects.get(name=data["role"])])
            profile = StaffProfile.objects.create(user=user, organization=data["organization"],
                                                  designation=data["designation"])
            profile.upazilas.set(data["upazilas"])
            invitation, token = Invitation.issue(user, data["role"], created_by=self.request.user)
            audit(user, self.request.user, {"invited": [None, data["role"]],
                                            "organization": [None, str(data["organization"].pk)]},
                  action=LogEntry.Action.CREATE)
        send_invitation(self.request, invitation, token)
        messages.success(self.request, _("Invitation sent to %(email)s. The link works once, for %(hours)d hours.")
                         % {"email": user.email, "hours": getattr(settings, "INVITATION_VALID_HOURS", 72)})
        return redirect("accounts:user_list")


class ResendInvitationView(AdminRequiredMixin, View):
    def post(self, request, pk):
        target = self.get_target(pk)
        if target.is_active or target.pk == request.user.pk:
            messages.error(request, _("This user is active: there is nothing to resend."))
            return redirect("accounts:user_list")
        role = next(iter(sorted(target.groups.values_list("name", flat=True))), "")
        if role not in grantable_roles(request.user):
            raise PermissionDenied
        invitation, token = Invitation.issue(target, role, created_by=request.user)
        audit(target, request.user, {"invitation": [None, "resent"]})
        send_invitation(request, invitation, token)
        messages.success(request, _("A new invitation link was sent. Earlier links no longer work."))
        return redirect("accounts:user_list")


class DeactivateView(AdminRequiredMixin, View):
    def post(self, request, pk):
        target = self.get_target(pk)
        if target.pk == request.user.pk:
            messages.error(request, _("You cannot deactivate your own account."))
            return redirect("accounts:user_list")
        with transaction.atomic():
            target.is_active = False
            target.save(update_fields=["is_active"])
            Invitation.objects.filter(user=target).pending().update(revoked_at=timezone.now())
            ended = security.end_all_sessions(target)
            audit(target, request.user, {"is_active": ["True", "False"]})
        logger.info("user %s deactivated by %s (%d sessions ended)", target.pk, request.user.pk, ended)
        messages.success(request, _("The account is deactivated and all its sessions have ended."))
        return redirect("accounts:user_list")


class ChangeRoleView(AdminRequiredMixin, FormView):
    template_name = "accounts/change_role.html"
    form_class = RoleChangeForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and roles.has_role(request.user, roles.SYSTEM_ADMIN, roles.ORG_ADMIN):
            self.target = self.get_target(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "admin": self.request.user, "target": self.target}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "target": self.target}

    def form_valid(self, form):
        if self.target.pk == self.request.user.pk:
            messages.error(self.request, _("Another administrator must change your own role."))
            return redirect("accounts:user_list")
        role = form.cleaned_data["role"]
        old = sorted(self.target.groups.values_list("name", flat=True))
        with transaction.atomic():
            self.target.groups.set([Group.objects.get(name=role)])
            self.target.is_staff = role == roles.SYSTEM_ADMIN
            self.target.save(update_fields=["is_staff"])
            profile = getattr(self.target, "profile", None)
            if profile is not None:
                profile.upazilas.set(form.cleaned_data["upazilas"])
            # The two-factor rule and menus follow the role: the user signs in again under the new one.
            security.end_all_sessions(self.target)
            audit(self.target, self.request.user, {"role": [", ".join(old), role]})
        messages.success(self.request, _("The role is changed. The user must sign in again."))
        return redirect("accounts:user_list")


class UnlockView(AdminRequiredMixin, View):
    """Lift a django-axes lockout before its 30 minutes are over (the person phoned their admin)."""

    def post(self, request, pk):
        target = self.get_target(pk)
        count = axes_reset(username=target.get_username())
        audit(target, request.user, {"lockout": ["locked", "unlocked"]})
        if count:
            messages.success(request, _("The account is unlocked. The person can try to sign in again."))
        else:
            messages.info(request, _("This account was not locked."))
        return redirect("accounts:user_list")


# --- Code of conduct -------------------------------------------------------------------------------

class CodeOfConductView(LoginRequiredMixin, FormView):
    template_name = "accounts/code_of_conduct.html"
    form_class = AcceptCodeForm

    def dispatch(self, request, *args, **kwargs):
        self.code = CodeOfConduct.current()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["code"] = self.code
        ctx["accepted"] = self.code is not None and CodeOfConductAcceptance.objects.filter(
            user=self.request.user, version=self.code.version).first()
        ctx["next"] = safe_next(self.request)
        return ctx

    def form_valid(self, form):
        if self.code is None:
            return redirect(safe_next(self.request))
        CodeOfConductAcceptance.objects.get_or_create(
            user=self.request.user, version=self.code.version,
            defaults={"code": self.code, "language": (get_language() or "")[:8]},
        )
        security.update_gate_state(self.request, coc=self.code.version)
        messages.success(self.request, _("Thank you. You accepted the code of conduct."))
        return redirect(safe_next(self.request))


class CodeOfConductEditView(LoginRequiredMixin, FormView):
    """A system administrator publishes a new version; everyone accepts it again at their next page."""

    template_name = "accounts/code_of_conduct_edit.html"
    form_class = CodeOfConductEditForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not roles.has_role(request.user, roles.SYSTEM_ADMIN):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        current = CodeOfConduct.current()
        if current is None:
            return {}
        return {f: getattr(current, f) for f in ("title_bn", "title_en", "text_bn", "text_en")}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "current": CodeOfConduct.current()}

    def form_valid(self, form):
        with transaction.atomic():
            current = CodeOfConduct.objects.select_for_update().order_by("-version").first()
            code = form.save(commit=False)
            code.version = (current.version if current else 0) + 1
            code.published_by = self.request.user
            code.save()
        cache.delete(security.CODE_VERSION_CACHE_KEY)
        messages.success(self.request, _("Version %(version)d is published. Every user must accept it again.")
                         % {"version": code.version})
        return redirect("accounts:code_of_conduct")


# --- Two-factor login ------------------------------------------------------------------------------

def _qr_svg(data: str) -> str:
    import qrcode
    import qrcode.image.svg

    out = io.BytesIO()
    qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage).save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg"):]  # drop the XML declaration so it can sit inline in HTML


def _new_backup_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(user=user, name="backup", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@method_decorator(never_cache, name="dispatch")
class OTPSetupView(LoginRequiredMixin, FormView):
    """Add an authenticator app: scan the QR code (or type the key), then prove it with one code."""

    template_name = "accounts/otp_setup.html"
    form_class = TokenForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if security.has_two_factor_device(request.user) and not request.user.is_verified():
                # With a device already set up, adding another needs that device first.
                return redirect("accounts:otp_verify")
            self.device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first() or \
                TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["qr_svg"] = mark_safe(_qr_svg(self.device.config_url))  # noqa: S308 - SVG made by qrcode, no user input
        from base64 import b32encode
        from binascii import unhexlify

        key = b32encode(unhexlify(self.device.key)).decode()
        ctx["manual_key"] = " ".join(key[i:i + 4] for i in range(0, len(key), 4))
        ctx["required"] = security.two_factor_required_by_role(self.request.user)
        return ctx

    def form_valid(self, form):
        if not self.device.verify_token(form.cleaned_data["token"]):
            form.add_error("token", _("This code is not right. Check the time on your phone and try the newest code."))
            return self.form_invalid(form)
        with transaction.atomic():
            TOTPDevice.objects.filter(user=self.request.user).exclude(pk=self.device.pk).delete()
            self.device.confirmed = True
            self.device.save(update_fields=["confirmed"])
            codes = _new_backup_codes(self.request.user)
        otp_login(self.request, self.device)
        security.update_gate_state(self.request, tfa="verify")
        logger.info("user %s set up two-factor login", self.request.user.pk)
        return render(self.request, "accounts/backup_codes.html", {"codes": codes, "just_set_up": True,
                                                                   "next": safe_next(self.request)})


@method_decorator(never_cache, name="dispatch")
class OTPVerifyView(LoginRequiredMixin, FormView):
    """Second step of sign-in: a code from the authenticator app, or one printed backup code."""

    template_name = "accounts/otp_verify.html"
    form_class = TokenForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not security.has_two_factor_device(request.user):
            return redirect("accounts:otp_setup")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": safe_next(self.request)}

    def form_valid(self, form):
        user = self.request.user
        token = form.cleaned_data["token"]
        if ratelimit.hit("otp", str(user.pk)):
            return too_many_requests(self.request)
        # Six digits is an app code, anything else a backup code: try only that kind of device, so a wrong
        # try slows down (django-otp's throttling) only the device it was meant for.
        if token.isdigit() and len(token) <= 8:
            devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
        else:
            devices = list(StaticDevice.objects.filter(user=user, confirmed=True))
        for device in devices:
            verified = verify_token(user, device.persistent_id, token)
            if verified is not None:
                otp_login(self.request, verified)
                if isinstance(verified, StaticDevice):
                    left = verified.token_set.count()
                    messages.warning(self.request, _("You used a backup code. %(count)d are left. Make new ones on "
                                                     "your account page if few are left.") % {"count": left})
                return redirect(safe_next(self.request))
        logger.warning("failed two-factor code for user %s", user.pk)
        form.add_error("token", _("This code is not right. Wait for a new code and try again."))
        return self.form_invalid(form)


class BackupCodesView(LoginRequiredMixin, View):
    """Make a new set of printable backup codes (the old ones stop working)."""

    def post(self, request):
        if not security.has_two_factor_device(request.user) or not request.user.is_verified():
            raise Http404
        codes = _new_backup_codes(request.user)
        logger.info("user %s made new backup codes", request.user.pk)
        return render(request, "accounts/backup_codes.html", {"codes": codes, "next": reverse("accounts:account")})
