"""Connection settings that the report figures in docs/performance.md depend on."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_postgresql_connections_compile_no_query_just_in_time():
    """JIT compilation took 200 of the documentation report's 500 ms at 100,000 cases."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting; CI runs on PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_production_settings_keep_jit_off_beside_their_own_options():
    """portal.settings.production adds sslmode to the same OPTIONS; jit=off must survive it."""
    import subprocess
    import sys

    from tests.portal.test_security_headers import ROOT, production_env

    code = "from django.conf import settings; o = settings.DATABASES['default']['OPTIONS']; print(o['options'], o['sslmode'])"
    result = subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", code], cwd=ROOT,
                            env=production_env(DATABASE_SSLMODE="require"), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["-c", "jit=off", "require"]
