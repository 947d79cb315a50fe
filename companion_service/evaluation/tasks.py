"""The evaluation's Celery tasks (ADR 0131): refresh what changed, or everything.

- ``evaluation.refresh_pending``: an incremental refresh when changes are pending (queued after each
  change; beat runs it every minute too, so nothing waits for a lost message);
- ``evaluation.refresh`` (``full``): a full refresh (nightly by beat; the admin's button).

Both wait for a refresh already running (one at a time, ``refresh.sql.lock``) and are idempotent:
a second delivery finds nothing pending, or recomputes the same figures.
"""

from __future__ import annotations

from celery import shared_task
from django.core.cache import cache

from .models import PendingChange


@shared_task(name="evaluation.refresh_pending", acks_late=True)
def refresh_pending(trigger: str = "changes") -> str:
    """Refresh the aggregates the pending changes reach; returns the run's status or "nothing"."""
    from .receivers import DEBOUNCE_KEY, _enabled
    from .refresh import refresh

    cache.delete(DEBOUNCE_KEY)  # answers from now on schedule the next refresh
    if not _enabled() or not PendingChange.objects.exists():
        return "nothing"
    return refresh(trigger, full=False).status


@shared_task(name="evaluation.refresh", acks_late=True)
def refresh_all(full: bool = True, trigger: str = "task") -> str:
    """Recompute every aggregate (``full``) or what pending changes reach; returns the run's status."""
    from .refresh import refresh

    return refresh(trigger, full=full).status
