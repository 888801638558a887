from .base import *  # noqa: F401,F403

SECRET_KEY = "test-only-key"  # noqa: S105 - never used outside the test suite
DEBUG = False
ALLOWED_HOSTS = ["*"]
# Argon2 is deliberately slow; tests hash hundreds of passwords.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
import tempfile  # noqa: E402

PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="protikar-private-"))  # noqa: F405
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="protikar-media-"))  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
WHITENOISE_AUTOREFRESH = True
# Tests run tasks at once, in the test's transaction; a test that needs the queue overrides TASKS.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Security gates in tests ---------------------------------------------------------------------
# The sign-in gates (two-factor login, password age, code of conduct) and the rate limits are OFF here,
# so tests about other features can use client.force_login(user) with any user, travel in time with
# time-machine, and sign in many times. The tests of the gates themselves switch each one back on with
# pytest-django's `settings` fixture, e.g.
#     settings.TWO_FACTOR_REQUIRED_ROLES = ["primary_advisor"]; settings.CODE_OF_CONDUCT_REQUIRED = True
#     settings.PASSWORD_MAX_AGE_DAYS = 90; settings.RATE_LIMITS = {"login": (3, 60)}
# (see tests/portal/test_accounts_*.py and test_security*.py). Everything else stays as in production:
# the password validators, django-axes lockout after 5 failures (sign in with client.post to the login
# page or force_login: client.login() passes no request, which django-axes refuses), the CSP and the
# idle timeout. A user who has set up a two-factor device is asked for a code even here.
TWO_FACTOR_REQUIRED_ROLES: list[str] = []
CODE_OF_CONDUCT_REQUIRED = False
PASSWORD_MAX_AGE_DAYS = 0
RATE_LIMITS: dict = {}

# PostgreSQL in tests: commits need not wait for the disk (the test database is thrown away), which
# speeds up the tests that really commit (browser tests against a live server, transaction tests).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["OPTIONS"]["options"] += " -c synchronous_commit=off"  # noqa: F405 (base: jit=off)
