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
