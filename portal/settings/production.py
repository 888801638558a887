"""Production: everything secret or host-specific comes from the environment (docs/deploy.md lists it).

App servers keep nothing of their own: the database (sessions, lockouts, tasks) is PostgreSQL, the cache
(rate limits, code-of-conduct version) is Redis when REDIS_URL is set, and files go to S3-compatible storage
when S3_BUCKET is set, so any number of app servers can run behind a load balancer.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403


def env_list(name: str) -> list[str]:
    return [v.strip() for v in os.environ.get(name, "").split(",") if v.strip()]  # noqa: F405


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")  # noqa: F405
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (at least 50 random characters).")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS]
DEBUG = False

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":  # noqa: F405
    raise ImproperlyConfigured("Set DATABASE_URL to a PostgreSQL database (postgres://user:pass@host:5432/name).")
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DJANGO_CONN_MAX_AGE", "60"))  # noqa: F405
if os.environ.get("DATABASE_SSLMODE"):  # e.g. "require" when PostgreSQL is on another machine
    DATABASES["default"].setdefault("OPTIONS", {})["sslmode"] = os.environ["DATABASE_SSLMODE"]  # noqa: F405

# --- HTTPS and cookies: the reverse proxy terminates TLS and sets X-Forwarded-Proto ------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer's health check may use plain HTTP inside
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# "__Host-" cookies are only accepted over HTTPS, for this exact host, path "/": a sibling subdomain
# cannot plant or read them.
SESSION_COOKIE_NAME = "__Host-protikar_session"
CSRF_COOKIE_NAME = "__Host-protikar_csrf"

# django-axes and the rate limits: the client address is the one the last trusted proxy appended to
# X-Forwarded-For (PROTIKAR_PROXY_COUNT proxies in front of gunicorn; entries further left are the client's
# own words and are ignored). See portal.accounts.ratelimit.client_ip_behind_proxies.
PROTIKAR_PROXY_COUNT = int(os.environ.get("PROTIKAR_PROXY_COUNT", "1"))  # noqa: F405
AXES_CLIENT_IP_CALLABLE = "portal.accounts.ratelimit.client_ip_behind_proxies"

# --- Shared cache: Redis for several app servers ---------------------------------------------------
if os.environ.get("REDIS_URL"):  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": os.environ["REDIS_URL"], "KEY_PREFIX": "protikar"}}  # noqa: F405
else:
    # One app server only: each process counts rate limits on its own (docs/deploy.md, "Scale out"),
    # and an edit of a place, organisation or category list drops the cached list of the process that
    # saved it only: the other gunicorn workers read theirs again after a minute at most.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    PROTIKAR_CHOICES_CACHE_SECONDS = 60

# --- Files: S3-compatible object storage for several app servers ------------------------------------
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # noqa: F405
if os.environ.get("S3_BUCKET"):  # noqa: F405
    _s3 = {
        "bucket_name": os.environ["S3_BUCKET"],  # noqa: F405
        "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,  # noqa: F405  (MinIO, Wasabi, …)
        "region_name": os.environ.get("S3_REGION") or None,  # noqa: F405
        "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,  # noqa: F405
        "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,  # noqa: F405
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 300,
        "file_overwrite": False,
        "object_parameters": {"ServerSideEncryption": "AES256"} if os.environ.get("S3_SSE", "1") == "1" else {},  # noqa: F405
    }
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**_s3, "location": "public"}}  # noqa: F405
    # Case attachments: a separate prefix, never public, served only through the permission-checked view.
    STORAGES["private"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**_s3, "location": "private"}}  # noqa: F405

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")  # noqa: F405
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")  # noqa: F405
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))  # noqa: F405
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_USER", "")  # noqa: F405
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_PASSWORD", "")  # noqa: F405
EMAIL_USE_TLS = os.environ.get("DJANGO_EMAIL_TLS", "1") == "1"  # noqa: F405
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Protikar <no-reply@localhost>")  # noqa: F405
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else "")  # noqa: F405

LOGGING["root"]["level"] = os.environ.get("DJANGO_LOG_LEVEL", "INFO")  # noqa: F405
PROTIKAR_ENV = "production"
