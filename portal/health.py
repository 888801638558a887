"""/healthz for load balancers and monitoring: is the database answering, and can files be stored?

Outside i18n_patterns, no session, no personal data, no error details (they could reveal hosts or paths):
just "ok"/"error" per check and HTTP 200 or 503.
"""

from __future__ import annotations

import logging
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("protikar.health")


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means "not healthy"; the log says which
        logger.exception("health check: database")
        return False


def _storage() -> bool:
    """Write, read back and delete a tiny file in the private storage (case attachments live there)."""
    try:
        storage = storages["private"]
        name = storage.save(f".healthz-{uuid.uuid4().hex}", ContentFile(b"ok"))  # root: leaves no directory
        try:
            with storage.open(name) as fh:
                ok = fh.read() == b"ok"
        finally:
            storage.delete(name)
        return ok
    except Exception:
        logger.exception("health check: storage")
        return False


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _database(), "storage": _storage()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "error", **{k: "ok" if v else "error" for k, v in checks.items()}}
    return JsonResponse(body, status=200 if healthy else 503)
