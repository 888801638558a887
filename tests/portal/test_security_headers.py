"""Hardening: headers on every response, cookies, CSP with no inline script, `check --deploy` clean,
/healthz, and the production settings refusing unsafe configuration."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.portal.security_helpers import sign_in

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "S3_"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_ALLOWED_HOSTS": "protikar.example.org",
        "DATABASE_URL": "postgres://protikar@127.0.0.1:5432/protikar",
        **extra,
    })
    return env


@pytest.mark.parametrize("extra", [{}, {"REDIS_URL": "redis://127.0.0.1:6379/0", "S3_BUCKET": "protikar-files"}],
                         ids=["single-server", "scale-out"])
def test_check_deploy_is_clean_with_production_settings(extra):
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=production_env(**extra), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("env,message", [
    ({"DJANGO_SECRET_KEY": "short"}, "DJANGO_SECRET_KEY"),
    ({"DATABASE_URL": "sqlite:////tmp/protikar.sqlite3"}, "PostgreSQL"),
])
def test_production_settings_refuse_unsafe_configuration(env, message):
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=production_env(**env),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and message in result.stderr


def test_security_headers_on_public_and_staff_pages(client, demo_people, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    public = client.get("/en/accounts/login/", secure=True)
    sign_in(client, "coord.okup1")
    staff = client.get("/en/staff/", secure=True)
    for response in (public, staff):
        csp = response["Content-Security-Policy"]
        script_src = re.search(r"script-src ([^;]*)", csp).group(1)
        assert script_src.strip() == "'self'"  # no inline script, no eval, no third party
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert staff["Cache-Control"] == "no-store, private"


def test_session_and_csrf_cookies_are_httponly_and_secure_in_production(client, demo_people, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    response = sign_in(client, "coord.okup1", secure=True)
    session_cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session_cookie["httponly"] and session_cookie["secure"] and session_cookie["samesite"] == "Lax"
    page = client.get("/en/accounts/login/", secure=True)
    csrf_cookie = page.cookies.get(settings.CSRF_COOKIE_NAME) or client.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf_cookie["httponly"] and csrf_cookie["secure"]


def test_production_settings_values():
    env = production_env()
    code = ("from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
            "s.SESSION_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000, "
            "s.SESSION_COOKIE_NAME.startswith('__Host-'), s.X_FRAME_OPTIONS)")
    result = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.split()[-7:] == ["True"] * 6 + ["DENY"], result.stderr


def test_no_inline_script_in_portal_templates():
    """The CSP forbids inline script: no <script> without src, no on*= handler in our templates."""
    offenders = []
    for base in ("portal", "home", "knowledge", "casework"):
        for path in (ROOT / base).rglob("templates/**/*.html"):
            text = path.read_text(encoding="utf-8")
            for tag in re.findall(r"<script\b[^>]*>", text):
                if "src=" not in tag and "application/json" not in tag and "application/ld+json" not in tag:
                    offenders.append(f"{path.relative_to(ROOT)}: {tag}")
            if re.search(r"\son(click|load|change|submit|input|error)\s*=", text):
                offenders.append(f"{path.relative_to(ROOT)}: inline event handler")
    assert not offenders, "\n".join(offenders)


def test_wagtail_admin_gets_its_own_policy(client, demo_people):
    from tests.portal.security_helpers import user

    client.force_login(user("editor"))
    response = client.get("/cms/")
    assert "'unsafe-inline'" in re.search(r"script-src ([^;]*)", response["Content-Security-Policy"]).group(1)
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_healthz_reports_database_and_storage(client):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "storage": "ok"}
    assert "sessionid" not in response.cookies
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_fails_when_storage_fails(client, settings, tmp_path):
    from django.core.files.storage import storages

    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where a directory should be")
    settings.STORAGES = {**settings.STORAGES, "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": blocked}}}
    storages._storages = {}
    try:
        response = client.get("/healthz")
    finally:
        storages._storages = {}
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "storage": "error"}


def test_healthz_is_get_only_and_outside_the_language_prefix(client):
    assert client.post("/healthz").status_code == 405
    assert client.get("/en/healthz/").status_code == 404


@pytest.mark.parametrize("extra,seconds", [({}, 60), ({"REDIS_URL": "redis://127.0.0.1:6379/0"}, 3600)],
                         ids=["one-cache-per-process", "shared-cache"])
def test_cached_reference_lists_live_a_minute_where_each_process_has_its_own_cache(extra, seconds):
    """With a cache per gunicorn worker, an edit drops the lists of one worker only (portal.widgets)."""
    code = "from django.conf import settings; print('=>', settings.PROTIKAR_CHOICES_CACHE_SECONDS, settings.CACHES['default']['BACKEND'])"
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=production_env(**extra),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    value, backend = result.stdout.split("=>")[-1].split()
    assert int(value) == seconds and backend.endswith("RedisCache" if extra else "LocMemCache")
