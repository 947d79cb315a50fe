"""The sync's Celery tasks (ADR 0130). Each is idempotent: the run's database row says what is left.

- ``openedx_sync.run`` (run id): take the run up (``runs.claim``) and sync; a run split over
  workers shares its courses with ``openedx_sync.help`` tasks;
- ``openedx_sync.help`` (run id): sync courses of a running run until none is left;
- ``openedx_sync.sync_all``: queue a run of every active LMS (beat, every
  ``COMPANION_SYNC_INTERVAL_MINUTES``); an LMS with a run queued or alive is left alone; a run is a
  full one when no full run of its LMS ended ok or partial in ``COMPANION_SYNC_FULL_EVERY_DAYS`` days
  (a weekly safety net under the incremental reads, ADR 0103);
- ``openedx_sync.recover``: send stalled runs (process gone, or queued and not taken) to a worker
  again; beat runs it every minute and every worker on start.

Cron without a worker still works: ``companion sync --schedule`` runs in its own process.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings

from . import runs
from .models import LmsConnection, RunStatus, RunTrigger, SyncRun
from .selectors import full_run_due, run_summary
from .services import ConnectionNotUsable, client_for, run_sync

log = logging.getLogger(__name__)


def sync_active_connections(full: bool = False) -> list[dict]:
    """Sync every active LMS connection now, in this process (``companion sync --schedule``)."""
    results = []
    for connection in LmsConnection.objects.filter(is_active=True).exclude(base_url=""):
        try:
            run = run_sync(connection, full=full, trigger=RunTrigger.SCHEDULE)
        except (ConnectionNotUsable, runs.SyncAlreadyRunning) as exc:
            log.warning("scheduled sync of %s not started: %s", connection, exc)
            results.append({"lms": connection.base_url, "status": "not_started", "message": str(exc)})
            continue
        results.append(run_summary(run))
    return results


@shared_task(name="openedx_sync.sync_all", acks_late=True)
def sync_all(full: bool = False, full_every_days: int = 0) -> list[int]:
    """Queue a run of every active LMS; returns the ids of the runs queued. With ``full_every_days``,
    an LMS whose last full run (ok or partial) is older than that many days gets a full run."""
    queued = []
    for connection in LmsConnection.objects.filter(is_active=True).exclude(base_url=""):
        run_full = full or (full_every_days > 0 and full_run_due(connection, timedelta(days=full_every_days)))
        try:
            client_for(connection).close()
            queued.append(runs.queue_sync(connection, full=run_full, trigger=RunTrigger.SCHEDULE).pk)
        except (ConnectionNotUsable, runs.SyncAlreadyRunning) as exc:
            log.warning("scheduled sync of %s not queued: %s", connection, exc)
    return queued


@shared_task(name="openedx_sync.run", acks_late=True)
def run_sync_task(run_id: int) -> str:
    """Sync the run ``run_id`` if it is still to do (see ``runs.claim``); returns its final status."""
    from .engine import SyncEngine

    run = runs.claim(run_id)
    if run is None:
        return "nothing to do"
    try:
        client = client_for(run.connection)
    except ConnectionNotUsable as exc:
        run.status, run.finished = RunStatus.FAILED, run.heartbeat
        run.errors = [*run.errors, {"endpoint": "", "status": None, "message": str(exc)}]
        run.save(update_fields=["status", "finished", "errors"])
        return run.status
    split = settings.COMPANION_SYNC_SPLIT
    return SyncEngine(run, client, split=split).execute().status


@shared_task(name="openedx_sync.help", acks_late=True)
def help_sync(run_id: int) -> int:
    """Sync courses of running run ``run_id`` beside its main worker; returns how many it did."""
    from .engine import SyncEngine

    run = SyncRun.objects.select_related("connection").filter(pk=run_id, status=RunStatus.RUNNING).first()
    if run is None or not (run.work or {}).get("pending"):
        return 0
    try:
        client = client_for(run.connection)
    except ConnectionNotUsable:
        return 0
    engine = SyncEngine(run, client, split=True, helper=True)
    try:
        return engine.work_on_courses()
    finally:
        client.close()


@shared_task(name="openedx_sync.recover", acks_late=True)
def recover() -> list[int]:
    """Send runs whose worker died (or that no worker took) to a worker again; returns their ids."""
    stalled = runs.stalled_runs()
    for run_id in stalled:
        log.warning("sync run %s stalled; sending it to a worker again", run_id)
        run_sync_task.delay(run_id)
    return stalled
