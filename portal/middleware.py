"""Security middleware: idle sessions, the sign-in gates (2FA, password age, code of conduct), headers;
and compression of text responses."""

from __future__ import annotations

import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseRedirect, JsonResponse
from django.middleware.gzip import GZipMiddleware
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from portal.accounts import security

LAST_ACTIVITY_KEY = "_protikar_last_activity"
SIGNED_IN_AT_KEY = "_protikar_signed_in_at"
# Polling by the timeout warning must not count as activity, or an open tab would never time out.
POLL_HEADER = "HTTP_X_PROTIKAR_SESSION_POLL"


ACTIVITY_WRITE_SECONDS = 30


def idle_timeout_seconds() -> int:
    return int(getattr(settings, "SESSION_IDLE_TIMEOUT_MINUTES", 30)) * 60


class IdleTimeoutMiddleware:
    """End a session after SESSION_IDLE_TIMEOUT_MINUTES without a request, or SESSION_ABSOLUTE_TIMEOUT_HOURS
    after sign-in, whichever comes first. Must come after the session, auth and message middleware.

    The clock is kept in the session (not only the cookie's max-age) so that a stolen cookie replayed after
    the timeout is refused by the server too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            last = session.get(LAST_ACTIVITY_KEY)
            started = session.get(SIGNED_IN_AT_KEY)
            absolute = float(getattr(settings, "SESSION_ABSOLUTE_TIMEOUT_HOURS", 12)) * 3600
            idle = last is not None and now - last > idle_timeout_seconds()
            too_long = started is not None and now - started > absolute
            if idle or too_long:
                logout(request)
                if request.META.get(POLL_HEADER):
                    return JsonResponse({"remaining": 0, "signed_in": False})
                messages.info(request, _("You were signed out because you did nothing for a while. Please sign in again."))
            else:
                if started is None:
                    session[SIGNED_IN_AT_KEY] = now
                # A request within ACTIVITY_WRITE_SECONDS of the last recorded one does not rewrite the
                # session row: the idle clock is then at most that much early, never late.
                if last is None or (not request.META.get(POLL_HEADER) and now - last >= ACTIVITY_WRITE_SECONDS):
                    session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


def seconds_left(request) -> int:
    last = request.session.get(LAST_ACTIVITY_KEY) or time.time()
    return max(0, int(last + idle_timeout_seconds() - time.time()))


# URL names a signed-in user may reach before passing every gate.
ALWAYS_ALLOWED = {
    "accounts:logout",
    "accounts:session_status",
    "set_language",
    "healthz",
}


class SecurityGateMiddleware:
    """Nothing is reachable until the user has passed, in this order: two-factor verification (when their
    role requires it or they have a device), a password change when theirs is too old, and acceptance of
    the current code of conduct. Must come after OTPMiddleware.

    The state is computed at sign-in (see security.compute_gates) and kept in the session, so an ordinary
    page costs no extra query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        name = match.view_name if match else ""
        user = request.user
        if not user.is_authenticated:
            if name == "wagtailadmin_login":
                # One way in: the portal login has the rate limit, the lockout and the bilingual messages.
                return HttpResponseRedirect(_login_url_with_next("/cms/"))
            return None
        if name in ALWAYS_ALLOWED:
            return None
        step = security.pending_gate(request)
        if step is None or name == step:
            return None
        url = reverse(step)
        nxt = request.get_full_path()
        if request.method == "GET" and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
            url = f"{url}?{urlencode({'next': nxt})}"
        return HttpResponseRedirect(url)


def _login_url_with_next(nxt: str) -> str:
    return f"{reverse('accounts:login')}?{urlencode({'next': nxt})}"


class SecurityHeadersMiddleware:
    """Headers Django does not set itself: Permissions-Policy and Cross-Origin-Resource-Policy.

    Pages with personal data must not be kept by shared caches or the browser's back-forward cache after
    sign-out, so signed-in responses are marked no-store.
    """

    PERMISSIONS_POLICY = (
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
        "payment=(), usb=(), interest-cohort=()"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", getattr(settings, "PERMISSIONS_POLICY", self.PERMISSIONS_POLICY))
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store, private"
        return response


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp with one exception: Wagtail's own admin (/cms/) still has inline scripts, so it gets
    CONTENT_SECURITY_POLICY_CMS (which allows them). The admin is for content editors and the system admin,
    who see no case data; every staff and public page gets the strict policy with no inline script.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        cms = getattr(settings, "CONTENT_SECURITY_POLICY_CMS", None)
        if not report_only and cms and request.path_info.startswith("/cms/") and parts.config is None:
            parts.config = cms["DIRECTIVES"]
        return parts


COMPRESSED_TYPES = ("text/", "application/json", "application/javascript", "image/svg+xml")


class TextGZipMiddleware(GZipMiddleware):
    """gzip for pages and other text, nothing else: report pages are 100-210 kB of HTML (their filter
    lists, tables and SVG charts) and 15-27 kB compressed, which matters on a phone's mobile data.
    Downloads (xlsx, PDFs, photos) are compressed formats already, and keep their Content-Length.

    BREACH: Django's GZipMiddleware pads each response by a random length; CSRF tokens are masked per
    response; and the session cookie is SameSite=Lax, so another site's page cannot make the browser
    fetch a signed-in page as a sub-resource and watch its size.
    """

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if not content_type.startswith(COMPRESSED_TYPES):
            return response
        return super().process_response(request, response)
