"""A small fixed-window rate limiter on Django's cache, for handlers that learners can hammer.

Inside Open edX the cache is shared by every LMS process (memcached or Redis under Tutor), so a
limit holds across workers; in the dev LMS it is the process's local-memory cache.
"""

from __future__ import annotations

import time

from django.core.cache import cache


def hit(scope: str, who: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt by ``who`` in ``scope``; False when it exceeds ``limit`` per window.

    ``cache.add`` creates the window's counter atomically and ``cache.incr`` bumps it atomically,
    so concurrent requests cannot slip past the limit.
    """
    window = int(time.time() // window_seconds)
    key = f"bina-rl:{scope}:{who}:{window}"
    if cache.add(key, 1, timeout=window_seconds + 1):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # the counter expired between add and incr: start a new window
        cache.add(key, 1, timeout=window_seconds + 1)
        return True
    return count <= limit
