"""Scheduled syncs: ``sync_active_connections`` for any scheduler, and a Celery task when Celery is there.

Cron (or a systemd timer) runs ``companion sync --schedule``; a deployment that already runs a
Celery worker and beat can schedule the task ``openedx_sync.sync_all`` instead (see the operator
guide). Celery is not a dependency of the companion: without it this module still imports, and the
task simply does not exist.
"""

from __future__ import annotations

import logging

from .models import LmsConnection, RunTrigger
from .selectors import run_summary
from .services import ConnectionNotUsable, SyncAlreadyRunning, run_sync

log = logging.getLogger(__name__)


def sync_active_connections(full: bool = False) -> list[dict]:
    """Sync every active LMS connection that has a URL; one summary (or refusal) per connection."""
    results = []
    for connection in LmsConnection.objects.filter(is_active=True).exclude(base_url=""):
        try:
            run = run_sync(connection, full=full, trigger=RunTrigger.SCHEDULE)
        except (ConnectionNotUsable, SyncAlreadyRunning) as exc:
            log.warning("scheduled sync of %s not started: %s", connection, exc)
            results.append({"lms": connection.base_url, "status": "not_started", "message": str(exc)})
            continue
        results.append(run_summary(run))
    return results


try:  # pragma: no cover - exercised only where Celery is installed
    from celery import shared_task
except ImportError:  # Celery is optional
    shared_task = None

if shared_task is not None:  # pragma: no cover

    @shared_task(name="openedx_sync.sync_all", ignore_result=False)
    def sync_all(full: bool = False) -> list[dict]:
        """Celery task: sync every active LMS connection (see ``sync_active_connections``)."""
        return sync_active_connections(full=full)
