"""Fixed-window counters for the public form's limits, on a cache every worker shares (ADR 0100).

A counter is a row of numbered tickets: the n-th answer of a window takes ticket n with the cache's
``add``, which creates a key only when it is absent. ``add`` is atomic on every shared backend Django
ships (Redis ``SET NX``, memcached ``add``, the database cache's insert under a unique key), while
``incr`` is a read and a write on the database cache and would lose counts between workers. Each
answer reads a block of tickets in one ``get_many`` and adds the first free one; a remembered start
(moved on every few tickets) keeps that block near the end. Tickets expire with their window.

The cache is ``CACHES[COMPANION_LIMITS_CACHE]``: Redis where it runs (``REDIS_URL``, shared by every
web process, ADR 0130), the database cache otherwise; never the per-process local memory, whose 300
entries any visitor could evict with GETs of unknown unit codes, nor the file cache of ``make demo``
without Redis, whose ``add`` is not atomic between processes. The companion keeps its own copy: the
two halves of Bina ASN never import each other.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import caches

from . import conf


def _cache():
    return caches[conf.limits_cache()]


@dataclass(frozen=True)
class Window:
    """The current fixed window of ``seconds``: its number and when it started (epoch seconds)."""

    number: int
    start: int

    @classmethod
    def now(cls, seconds: int) -> Window:
        number = int(time.time() // seconds)
        return cls(number, number * seconds)


BLOCK = 16


def take(scope: str, who: str, limit: int, seconds: int) -> int | None:
    """Take the next of ``limit`` tickets of ``who`` in ``scope`` for this window: its number (1 for the
    first answer), or None when all are taken."""
    cache = _cache()
    window = Window.now(seconds)
    base = f"skm-limit:{scope}:{who}:{window.number}"
    timeout = seconds + 5
    first = cache.get(f"{base}:from") or 1  # every ticket before it is taken
    start = first
    while start <= limit:
        numbers = range(start, min(start + BLOCK, limit + 1))
        taken = cache.get_many([f"{base}:{n}" for n in numbers])
        for number in numbers:
            if f"{base}:{number}" not in taken and cache.add(f"{base}:{number}", 1, timeout=timeout):
                if number - first >= BLOCK // 2:  # move the start on now and then, not on every answer
                    cache.set(f"{base}:from", number, timeout=timeout)
                return number
        start = numbers[-1] + 1
    if first <= limit:  # the first refusal of the window: later ones skip straight to None
        cache.set(f"{base}:from", limit + 1, timeout=timeout)
    return None


def hit(scope: str, who: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt by ``who`` in ``scope``; False once ``limit`` were counted in this window."""
    return take(scope, who, limit, window_seconds) is not None
