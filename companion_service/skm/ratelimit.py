"""A fixed-window rate limit on Django's cache for the public survey form.

The companion keeps its own copy: the two halves of Bina ASN never import each other. The count
lives in the configured cache: Redis in production (shared by every web process, ADR 0130), files in
``BINA_VAR_DIR`` for ``make demo``; ``cache.add`` creates a window's counter atomically and
``cache.incr`` bumps it (atomically on Redis).
"""

from __future__ import annotations

import time

from django.core.cache import cache


def hit(scope: str, who: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt by ``who`` in ``scope``; False when it exceeds ``limit`` per window."""
    window = int(time.time() // window_seconds)
    key = f"companion-rl:{scope}:{who}:{window}"
    if cache.add(key, 1, timeout=window_seconds + 1):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # the counter expired between add and incr: start a new window
        cache.add(key, 1, timeout=window_seconds + 1)
        return True
    return count <= limit
