"""Settings shared by every environment. Environment-specific files import * from here."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "portal",
    "portal.accounts",
    "home",
    "knowledge",
    "casework",
    "casework.imports",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rules.apps.AutodiscoverRulesConfig",
    "auditlog",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",  # lockout after repeated failed sign-ins
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # printable backup codes
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After whitenoise, which serves static files precompressed and answers before this runs.
    "portal.middleware.TextGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.middleware.IdleTimeoutMiddleware",
    "portal.middleware.SecurityGateMiddleware",  # 2FA, password age, code of conduct before anything else
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.PortalCSPMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.navigation",
                "casework.context_processors.notifications",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# SQLite for a quick start; PostgreSQL whenever DATABASE_URL is set (CI always sets it).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The quick start runs the web server and the task worker on one SQLite file: WAL lets them read
    # while the other writes, IMMEDIATE transactions take the write lock up front (no "database is
    # locked" half-way through a request), and a writer waits up to 20 s for the other to finish.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the report aggregates over 100,000 cases are estimated costly enough for
    # PostgreSQL to compile them, which took 200 of the documentation report's 500 ms and saves less
    # than it costs on queries that run in well under a second (docs/performance.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out users before any password check
    "rules.permissions.ObjectPermissionBackend",
    "casework.auth.StaffModelBackend",  # ModelBackend, loading profile, roles and unread count with the user
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "portal.accounts.validators.ComplexityValidator"},  # SOP: upper case, digit, symbol
    {"NAME": "portal.accounts.validators.PasswordHistoryValidator", "OPTIONS": {"remember": 5}},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "staff_home"
LOGOUT_REDIRECT_URL = "accounts:login"

# --- Internationalisation: Bangla first -------------------------------------------------------
LANGUAGE_CODE = "bn"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("bn", "বাংলা"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Dhaka"
WAGTAIL_I18N_ENABLED = True
LANGUAGE_COOKIE_NAME = "protikar_language"

# --- Static and private files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_ROOT = BASE_DIR / "media"  # Wagtail images/documents for the public portal only
MEDIA_URL = "/media/"
# Case attachments never go under MEDIA_URL: they live here and are served by a permission-checked view.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Wagtail ----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Protikar"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Background tasks (django-tasks; Wagtail uses it too) ---------------------------------------
# Tasks are stored in the database and run by `manage.py db_worker` (started by `make run`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Cached reference lists (portal.widgets.cached_rows) ----------------------------------------
# Places, countries, organisations, categories and results change only on an edit, which drops them
# from the cache at once: in a cache every process shares (Redis). production.py shortens this when
# each process has its own cache, where an edit drops the lists of one process only.
PROTIKAR_CHOICES_CACHE_SECONDS = 3600

# --- Sessions and cookies -----------------------------------------------------------------------
# Idle sessions end after this many minutes (portal.middleware.IdleTimeoutMiddleware; a warning shows
# SESSION_TIMEOUT_WARNING_SECONDS before), and any session after SESSION_ABSOLUTE_TIMEOUT_HOURS.
SESSION_IDLE_TIMEOUT_MINUTES = int(os.environ.get("PROTIKAR_IDLE_TIMEOUT_MINUTES", "30"))
SESSION_TIMEOUT_WARNING_SECONDS = 120
SESSION_ABSOLUTE_TIMEOUT_HOURS = 12
# The cookie and the stored session live as long as the absolute limit; the middleware (which can say
# why) ends idle sessions much sooner. `manage.py clearsessions` daily removes the dead ones (docs/deploy.md).
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- Security: sign-in, passwords, two-factor, lockout, CSP (portal.accounts; docs/threat-model.md) ---
INVITATION_VALID_HOURS = 72
# casework/retention.py: personal data leaves ended cases this many years after they end.
RETENTION_YEARS_AFTER_CLOSURE = int(os.environ.get("PROTIKAR_RETENTION_YEARS", "5"))
# Uploaded registers (and their row reports, which quote cells) go this many days after the import ended.
IMPORT_RETENTION_DAYS = int(os.environ.get("PROTIKAR_IMPORT_RETENTION_DAYS", "30"))
PASSWORD_MAX_AGE_DAYS = int(os.environ.get("PROTIKAR_PASSWORD_MAX_AGE_DAYS", "90"))  # 0 switches it off
PASSWORD_RESET_TIMEOUT = 2 * 60 * 60  # reset links work for two hours
CODE_OF_CONDUCT_REQUIRED = True
# Roles that see personal data must use two-factor login (SPEC §6); anyone may turn it on.
TWO_FACTOR_REQUIRED_ROLES = ["programme_lead", "legal_advisor", "primary_advisor", "system_admin"]
OTP_TOTP_ISSUER = "Protikar"
# (attempts, seconds) per client address, or per e-mail for password_reset_email; see accounts/ratelimit.py.
RATE_LIMITS = {
    "login": (30, 15 * 60),
    "password_reset": (10, 60 * 60),
    "password_reset_email": (3, 60 * 60),
    "otp": (10, 15 * 60),
}
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # per user and address: a stranger cannot lock staff out
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password"]
# Behind the reverse proxy (production.py) the client address is the last X-Forwarded-For hop it added.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
WAGTAIL_PASSWORD_RESET_ENABLED = False  # one reset flow: the portal's, which is rate-limited
# /cms/login/ itself redirects to the portal login (portal.middleware.SecurityGateMiddleware).
# django-csp 4: no inline script anywhere in the portal; the Wagtail admin needs inline script (see
# portal.middleware.PortalCSPMiddleware). Inline style attributes are allowed: they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://www.youtube.com"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
CONTENT_SECURITY_POLICY_CMS = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-ancestors": ["'self'"],  # Wagtail's live preview shows the page in a same-origin frame
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every handler scrubs phone and passport numbers and query strings (portal/logging.py).
    "filters": {"scrub_personal_data": {"()": "portal.logging.ScrubPersonalDataFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["scrub_personal_data"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # runserver's request lines and Django's 4xx/5xx request log carry full URLs.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "protikar": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Roles (Django groups) exactly as SPEC §1; created by a data migration in casework.
ROLE_FIELD_COORDINATOR = "field_coordinator"
ROLE_PRIMARY_ADVISOR = "primary_advisor"
ROLE_LEGAL_ADVISOR = "legal_advisor"
ROLE_PROGRAMME_LEAD = "programme_lead"
ROLE_MEAL_ANALYST = "meal_analyst"
ROLE_ORG_ADMIN = "org_admin"
ROLE_CONTENT_EDITOR = "content_editor"
ROLE_SYSTEM_ADMIN = "system_admin"
