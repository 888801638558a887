"""A small fixed-window rate limit on the shared cache (Redis in production, so it holds across servers).

Limits are named in settings.RATE_LIMITS = {"login": (attempts, seconds), ...}; a missing or None entry
switches that limit off (the test settings do, so the rest of the suite is not throttled).
"""

from __future__ import annotations

import hashlib
import time

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache


def _key(name: str, ident: str, window: int) -> str:
    # Hash the identity: cache keys may show up in Redis tools and must not carry an address or e-mail.
    digest = hashlib.sha256(f"{name}:{ident}".encode()).hexdigest()[:32]
    return f"protikar:rl:{name}:{digest}:{int(time.time() // window)}"


def hit(name: str, ident: str) -> bool:
    """Count one attempt; return True when it is over the limit (and so must be refused)."""
    limit = (getattr(settings, "RATE_LIMITS", {}) or {}).get(name)
    if not limit:
        return False
    attempts, window = limit
    key = _key(name, ident, window)
    if cache.add(key, 1, timeout=window + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window + 1)
            count = 1
    return count > attempts


def client_ip(request) -> str:
    return get_client_ip_address(request) or "unknown"


def client_ip_behind_proxies(request) -> str:
    """The client address when PROTIKAR_PROXY_COUNT trusted proxies each append to X-Forwarded-For.

    Each proxy appends the address it received the request from, so with N proxies the client is the N-th
    entry from the right; anything further left was written by the client and cannot be trusted. Used as
    AXES_CLIENT_IP_CALLABLE in production (and so by the rate limits above).
    """
    count = int(getattr(settings, "PROTIKAR_PROXY_COUNT", 1))
    forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
    if count > 0 and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "") or "unknown"
