"""The security state of a user: which gates they still have to pass, and ending their sessions.

Every gate reads a setting, so a deployment can tune it and the test settings can switch a gate off for
tests that are not about it (see portal/settings/test.py).
"""

from __future__ import annotations

import time
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.dispatch import receiver
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from portal import roles

GATE_SESSION_KEY = "_protikar_gates"
CODE_VERSION_CACHE_KEY = "protikar:code_of_conduct_version"


def password_changed_at(user):
    from portal.accounts.models import PasswordHistory

    latest = PasswordHistory.objects.filter(user=user).values_list("created_at", flat=True).first()
    return latest or user.date_joined


def password_expired(user) -> bool:
    days = getattr(settings, "PASSWORD_MAX_AGE_DAYS", None)
    if not days:
        return False
    return password_changed_at(user) < timezone.now() - timedelta(days=days)


def must_accept_code_of_conduct(user) -> bool:
    if not getattr(settings, "CODE_OF_CONDUCT_REQUIRED", True):
        return False
    from portal.accounts.models import CodeOfConduct, CodeOfConductAcceptance

    current = CodeOfConduct.current()
    if current is None:
        return False
    return not CodeOfConductAcceptance.objects.filter(user=user, version=current.version).exists()


def two_factor_required_by_role(user) -> bool:
    required = set(getattr(settings, "TWO_FACTOR_REQUIRED_ROLES", ()))
    return bool(required & roles.user_roles(user))


def has_two_factor_device(user) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def end_all_sessions(user, keep_session_key: str | None = None) -> int:
    """End every session the user signed in with (except `keep_session_key`); return how many."""
    from portal.accounts.models import UserSession

    engine = import_module(settings.SESSION_ENGINE)
    tracked = UserSession.objects.filter(user=user)
    if keep_session_key:
        tracked = tracked.exclude(session_key=keep_session_key)
    keys = list(tracked.values_list("session_key", flat=True))
    for key in keys:
        engine.SessionStore(session_key=key).delete()
    tracked.delete()
    return len(keys)


def cached_code_version() -> int | None:
    """The current code-of-conduct version, cached briefly so the gate costs no query per page."""
    version = cache.get(CODE_VERSION_CACHE_KEY)
    if version is None:
        from portal.accounts.models import CodeOfConduct

        current = CodeOfConduct.current()
        version = current.version if current else 0
        cache.set(CODE_VERSION_CACHE_KEY, version, 60)
    return version or None


def accepted_code_version(user) -> int:
    from portal.accounts.models import CodeOfConductAcceptance

    return CodeOfConductAcceptance.objects.filter(user=user).order_by("-version").values_list(
        "version", flat=True).first() or 0


def compute_gates(user) -> dict:
    """What the user still has to do before anything else, as stored in their session at sign-in."""
    if has_two_factor_device(user):
        tfa = "verify"
    elif two_factor_required_by_role(user):
        tfa = "setup"
    else:
        tfa = None
    return {"tfa": tfa, "pw_changed": password_changed_at(user).timestamp(), "coc": accepted_code_version(user)}


def gate_state(request) -> dict:
    state = request.session.get(GATE_SESSION_KEY)
    if state is None:  # a session from before this feature, or one made without user_logged_in
        state = compute_gates(request.user)
        request.session[GATE_SESSION_KEY] = state
    return state


def update_gate_state(request, **changes) -> None:
    state = dict(gate_state(request))
    state.update(changes)
    request.session[GATE_SESSION_KEY] = state


def pending_gate(request) -> str | None:
    """The URL name of the first gate the signed-in user has not passed, or None."""
    user = request.user
    state = gate_state(request)
    if state.get("tfa") and not getattr(user, "is_verified", lambda: False)():
        return "accounts:otp_verify" if state["tfa"] == "verify" else "accounts:otp_setup"
    days = getattr(settings, "PASSWORD_MAX_AGE_DAYS", None)
    if days and state["pw_changed"] < time.time() - days * 86400:
        return "accounts:password_expired"
    if getattr(settings, "CODE_OF_CONDUCT_REQUIRED", True):
        version = cached_code_version()
        if version and state.get("coc") != version:
            accepted = accepted_code_version(user)  # perhaps accepted in another session meanwhile
            if accepted != version:
                return "accounts:code_of_conduct"
            update_gate_state(request, coc=accepted)
    return None


@receiver(user_logged_in, dispatch_uid="protikar_track_session")
def track_session(sender, request, user, **kwargs):
    from portal.accounts.models import UserSession

    session = getattr(request, "session", None)
    if session is None:
        return
    if session.session_key is None:
        session.save()
    # Forget sessions past the absolute limit (the idle middleware ends them anyway), so the table stays small.
    cutoff = timezone.now() - timedelta(hours=getattr(settings, "SESSION_ABSOLUTE_TIMEOUT_HOURS", 12))
    UserSession.objects.filter(user=user, created_at__lt=cutoff).delete()
    UserSession.objects.update_or_create(session_key=session.session_key, defaults={"user": user})
    # A new sign-in proves only the password: never carry a second factor over from an earlier session.
    session.pop(DEVICE_ID_SESSION_KEY, None)
    from portal.middleware import LAST_ACTIVITY_KEY, SIGNED_IN_AT_KEY

    session[SIGNED_IN_AT_KEY] = session[LAST_ACTIVITY_KEY] = time.time()
    session[GATE_SESSION_KEY] = compute_gates(user)
