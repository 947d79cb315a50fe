"""Sync runs as background work: queued by a click or the schedule, taken up by a worker, resumable.

The database row of a run (``SyncRun``) is the truth; the broker only carries "run #N" to a worker
(ADR 0130). So:

- ``queue_sync`` creates the run (status *queued*) under a row lock of its connection, refusing
  while another run of the same LMS is queued or alive: two clicks at once start one run;
- ``claim`` is the first thing a worker does with a message: it takes a queued run, or a running
  run whose process is gone (the run resumes: units it finished are skipped by their checkpoints),
  and does nothing for a run that is alive elsewhere or already over: a message delivered twice
  runs nothing twice;
- ``stalled_runs`` lists what ``openedx_sync.recover`` (every minute, and when a worker starts)
  sends to a worker again: never a run stuck *running*;
- ``request_cancel`` asks a run to stop at its next unit (a queued run is cancelled at once);
- a run split over several workers (``COMPANION_SYNC_SPLIT``) shares its courses through ``work``:
  ``take_course`` hands the next one to whichever worker asks, ``course_done`` records it.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from companion_service.core import queue

from .models import ACTIVE_STATUSES, LmsConnection, RunStatus, SyncRun

STALE_AFTER = timedelta(minutes=10)  # a run silent this long on another host is dead
QUEUED_RESEND_AFTER = timedelta(minutes=1)  # a queued run no worker took: send it again
QUEUED_GIVE_UP_AFTER = timedelta(hours=6)  # ... and after this long, close it (no worker runs)
SYNC_HELPERS = 3  # helper tasks a split run asks for (idle workers take them; extra ones end at once)


class SyncAlreadyRunning(Exception):
    """Another run of the same LMS is queued or alive."""

    def __init__(self, run: SyncRun):
        if run.status == RunStatus.QUEUED:
            text = _("A sync of %(lms)s is already waiting for a worker (run #%(id)d, queued %(started)s).")
        else:
            text = _("A sync of %(lms)s is already running (run #%(id)d, started %(started)s).")
        super().__init__(
            text
            % {
                "lms": run.connection,
                "id": run.pk,
                "started": timezone.localtime(run.started).strftime("%Y-%m-%d %H:%M"),
            }
        )
        self.run = run


# -- which process is this ------------------------------------------------------------------------


def process_started(pid: int) -> int | None:
    """When process ``pid`` started (clock ticks since boot), or None when there is no such process."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[19])  # field 22 of proc(5); the first two are cut off above
    except (OSError, IndexError, ValueError):
        return None


def this_process() -> dict:
    """Host, PID and start of this process: what a run or a taken course records as its owner."""
    pid = os.getpid()
    return {"host": socket.gethostname()[:255], "pid": pid, "process_started": process_started(pid)}


def owner_alive(host: str, pid: int | None, started: int | None, heartbeat, now) -> bool:
    """Whether the process that owns a run (or a course of it) still runs.

    On this host: its PID exists and started when the owner did (a PID reused after a restart is
    someone else). Elsewhere: it gave a sign of life within ``STALE_AFTER``.
    """
    if host == socket.gethostname()[:255] and pid:
        if pid == os.getpid():
            return True
        now_started = process_started(pid)
        if now_started is None:
            try:
                os.kill(pid, 0)  # no /proc (not Linux): existence only
            except ProcessLookupError:
                return False
            except PermissionError:
                pass
            return now - heartbeat < STALE_AFTER * 3
        return started is None or now_started == started
    return now - heartbeat < STALE_AFTER


def alive(run: SyncRun, now=None) -> bool:
    """Whether an active run still counts: a queued one until it is given up, a running one while its
    process lives."""
    now = now or timezone.now()
    if run.status == RunStatus.QUEUED:
        return now - run.heartbeat < QUEUED_GIVE_UP_AFTER
    if run.status != RunStatus.RUNNING:
        return False
    return owner_alive(run.host, run.pid, run.process_started, run.heartbeat, now)


# -- queueing and claiming ------------------------------------------------------------------------


def close_dead(run: SyncRun, message: str) -> None:
    """Close a run whose process is gone (or that no worker took) as failed."""
    run.status = RunStatus.FAILED
    run.finished = run.heartbeat
    run.errors = [*run.errors, {"endpoint": "", "status": None, "message": message}]
    run.current_unit = ""
    run.save(update_fields=["status", "finished", "errors", "current_unit"])


def active_or_resumable(connection: LmsConnection, now) -> SyncRun | None:
    """Under the connection's row lock: raise if a run is active; close dead ones; the run to resume."""
    resumed = None
    for run in SyncRun.objects.filter(connection=connection, status__in=ACTIVE_STATUSES):
        if alive(run, now):
            raise SyncAlreadyRunning(run)
        close_dead(
            run,
            "no worker took the run up"
            if run.status == RunStatus.QUEUED
            else "the run stopped before it finished (its process ended)",
        )
        resumed = run
    if resumed is None:
        last = SyncRun.objects.filter(connection=connection).order_by("-started").first()
        resumed = last if last and last.status == RunStatus.FAILED else None
    return resumed


def queue_sync(connection: LmsConnection, *, full: bool = False, trigger: str, user=None) -> SyncRun:
    """Create a queued run and send it to a worker once committed; refuses while one is active."""
    now = timezone.now()
    with transaction.atomic():
        LmsConnection.objects.select_for_update().filter(pk=connection.pk).first()
        resumed = active_or_resumable(connection, now)
        run = SyncRun.objects.create(
            connection=connection,
            status=RunStatus.QUEUED,
            full=full,
            trigger=trigger,
            started_by=user if user and user.is_authenticated else None,
            started=now,
            heartbeat=now,
            resumed_from=resumed,
        )
        transaction.on_commit(lambda: queue.task("openedx_sync.run").delay(run.pk))
    return run


def claim(run_id: int) -> SyncRun | None:
    """Take run ``run_id`` for this process: a queued run, or a running one whose process is gone.

    Returns None (nothing to do) for a run that is over, cancelled, or alive in another process.
    """
    now = timezone.now()
    with transaction.atomic():
        run = SyncRun.objects.select_for_update().select_related("connection").filter(pk=run_id).first()
        if run is None or run.status not in ACTIVE_STATUSES:
            return None
        if run.status == RunStatus.RUNNING and alive(run, now):
            return None
        if run.cancel_requested:
            finish_cancelled(run)
            return None
        me = this_process()
        resuming = run.status == RunStatus.RUNNING
        run.status = RunStatus.RUNNING
        run.host, run.pid, run.process_started = me["host"], me["pid"], me["process_started"]
        run.heartbeat = now
        run.attempts += 1
        if resuming:
            run.counts = {
                **run.counts,
                "notes": [
                    *run.counts.get("notes", []),
                    f"resumed by another worker process (attempt {run.attempts}) after the previous one "
                    "stopped; units it had finished were kept",
                ],
            }
        run.save()
        return run


def stalled_runs(now=None) -> list[int]:
    """Runs a worker should (re)take: running with their process gone, or queued and not taken."""
    now = now or timezone.now()
    found = []
    for run in SyncRun.objects.filter(status__in=ACTIVE_STATUSES):
        if run.status == RunStatus.RUNNING and not alive(run, now):
            found.append(run.pk)
        elif run.status == RunStatus.QUEUED:
            if not alive(run, now):
                close_dead(run, "no worker took the run up")
            elif now - run.heartbeat > QUEUED_RESEND_AFTER:
                found.append(run.pk)
    return found


def finish_cancelled(run: SyncRun) -> None:
    run.status = RunStatus.CANCELLED
    run.finished = timezone.now()
    run.current_unit = ""
    run.save(update_fields=["status", "finished", "current_unit"])


def request_cancel(run: SyncRun) -> bool:
    """Ask the run to stop after the unit it is writing (a queued run stops at once); False when over."""
    with transaction.atomic():
        run = SyncRun.objects.select_for_update().get(pk=run.pk)
        if run.status not in ACTIVE_STATUSES:
            return False
        run.cancel_requested = True
        run.save(update_fields=["cancel_requested"])
        if run.status == RunStatus.QUEUED:
            finish_cancelled(run)
    return True


def cancel_requested(run_id: int) -> bool:
    return SyncRun.objects.filter(pk=run_id, cancel_requested=True).exists()


def record_progress(run_id: int, *, rows: int = 0, unit: str | None = None, done: int = 0) -> None:
    """Add to the run's progress (rows so far, units done) and name the unit being written."""
    changes = {"heartbeat": timezone.now()}
    if rows:
        changes["rows_done"] = F("rows_done") + rows
    if done:
        changes["units_done"] = F("units_done") + done
    if unit is not None:
        changes["current_unit"] = unit[:300]
    SyncRun.objects.filter(pk=run_id).update(**changes)


# -- a run split over several workers ------------------------------------------------------------


def share_courses(run_id: int, course_keys: list[str]) -> None:
    """Offer the run's courses to every worker (the ones the run finished before are left out)."""
    with transaction.atomic():
        run = SyncRun.objects.select_for_update().get(pk=run_id)
        work = run.work or {}
        done = set(work.get("done", []))
        work["pending"] = [key for key in course_keys if key not in done]
        work["taken"] = {}
        work["done"] = sorted(done)
        run.work = work
        run.save(update_fields=["work"])


def take_course(run_id: int) -> str | None:
    """The next course of the run for this process, or None when none is left to take.

    A course taken by a process that died is offered again.
    """
    now = timezone.now()
    with transaction.atomic():
        run = SyncRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status != RunStatus.RUNNING or run.cancel_requested:
            return None
        work = run.work or {}
        for key, owner in list(work.get("taken", {}).items()):
            at = datetime.fromisoformat(owner["at"])
            if not owner_alive(owner["host"], owner["pid"], owner["process_started"], at, now):
                work["taken"].pop(key)
                work.setdefault("pending", []).insert(0, key)
        if not work.get("pending"):
            run.work = work
            run.save(update_fields=["work"])
            return None
        key = work["pending"].pop(0)
        work.setdefault("taken", {})[key] = {**this_process(), "at": now.isoformat()}
        run.work = work
        run.save(update_fields=["work"])
        return key


def touch_course(run_id: int, course_key: str) -> None:
    """Tell the other workers this process still works on ``course_key``."""
    with transaction.atomic():
        run = SyncRun.objects.select_for_update().filter(pk=run_id).first()
        if run and course_key in (run.work or {}).get("taken", {}):
            run.work["taken"][course_key]["at"] = timezone.now().isoformat()
            run.save(update_fields=["work"])


def course_done(
    run_id: int, course_key: str, counts: dict, errors: list[dict], learners: int, skipped: int = 0
) -> None:
    """Record a course as done with what the process that did it counted and met."""
    with transaction.atomic():
        run = SyncRun.objects.select_for_update().get(pk=run_id)
        work = run.work or {}
        work.get("taken", {}).pop(course_key, None)
        work["done"] = sorted({*work.get("done", []), course_key})
        parts = work.setdefault("counts", {})
        for counter, numbers in counts.items():
            mine = parts.setdefault(counter, {"fetched": 0, "created": 0, "updated": 0})
            for name, value in numbers.items():
                mine[name] = mine.get(name, 0) + value
        work["learners_created"] = work.get("learners_created", 0) + learners
        work["skipped"] = work.get("skipped", 0) + skipped
        work["errors"] = [*work.get("errors", []), *errors]
        run.work = work
        run.save(update_fields=["work"])


def courses_left(run_id: int) -> tuple[int, int]:
    """Courses still pending and still taken (by any process)."""
    run = SyncRun.objects.get(pk=run_id)
    work = run.work or {}
    return len(work.get("pending", [])), len(work.get("taken", {}))
