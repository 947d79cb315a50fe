"""One sync run of one LMS, unit by unit, each unit written atomically with its checkpoint.

Order: the token (who we are), the course list, then per course its enrollments and grades, the
plugin API's listings, completion per course, certificate dates for new passes, and finally the
identity join of learners to the roster. A unit is one resource of one course (or one plugin
listing): its pages are fetched first, then written in one transaction together with its
checkpoint, so a run that dies leaves each unit either fully written or untouched, and the next run
skips what the dead run finished. A failure of one unit is recorded and the run goes on (status
``partial``); only a failure to authenticate or to list the courses stops it (``failed``).

An incremental run asks the plugin listings for rows changed since the newest one seen, less
``COMPANION_SYNC_OVERLAP_MINUTES`` (ADR 0103): the LMS stamps ``modified`` when a row is saved, not
when its transaction commits, so a slow transaction can commit a row older than rows already read.
Rows read again are compared and left as they are.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from companion_service.core import queue

from . import runs
from .client import LmsClient, LmsError, LmsNotFound, Page, encode_course_key
from .models import (
    AssessmentAnalysis,
    AssessmentAttempt,
    Completion,
    CompletionSource,
    Course,
    DateSource,
    Enrollment,
    Grade,
    RunStatus,
    SyncCheckpoint,
    SyncRun,
    WorkshopAttendance,
)
from .parsing import (
    BadRow,
    CourseRecord,
    certificate_date,
    completion_from_blocks,
    read_certificate,
    read_course,
)
from .signals import data_synced, send_changes
from .writers import (
    COMPLETE,
    Learners,
    Outcome,
    write_aggregated_completion,
    write_completions,
    write_courses,
    write_enrollments,
    write_grades,
    write_plugin_rows,
)

log = logging.getLogger(__name__)

COUNTED = (
    "courses",
    "enrollments",
    "grades",
    "completions",
    "certificates",
    "assessment_attempts",
    "ideas",
    "workshop_sessions",
    "workshop_attendance",
    "workshop_reactions",
)
# Plugin API routes (docs/reference/plugin-api-v1.rst) and their counters; sessions before the
# rows that refer to them.
PLUGIN_ROUTES = (
    ("workshop-sessions", "workshop_sessions"),
    ("workshop-attendance", "workshop_attendance"),
    ("workshop-reactions", "workshop_reactions"),
    ("assessment-attempts", "assessment_attempts"),
    ("ideas", "ideas"),
)
FETCH_WORKERS = 3  # listings read at the same time (the LMS serves them in parallel workers)
PREFETCH = 4  # listings read ahead of the one being written (bounds memory)
BLOCKS_LEARNERS_PER_RUN = 2000  # blocks-API completion reads per run; the rest wait for the next run
MAX_ERRORS = 200
HEARTBEAT_SECONDS = 15


@dataclass
class Unit:
    """One listing to sync: which resource of which course, how to read it and how to write it."""

    resource: str
    counter: str
    course_key: str
    pages: Callable[[], Iterator[Page]]
    write: Callable[[list[dict]], Outcome]
    endpoint: str
    raise_not_found: bool = False


class RunCancelled(Exception):
    """An administrator cancelled the run; it stops between two units."""


class SyncEngine:
    """Runs one ``SyncRun`` (already created, status running) against ``client``.

    With ``split`` (a worker's run), the per-course units are shared with helper workers through the
    run's ``work`` (``runs.take_course``); ``helper`` engines only do courses, never the rest.
    """

    def __init__(self, run: SyncRun, client: LmsClient, *, split: bool = False, helper: bool = False):
        self.run = run
        self.connection = run.connection
        self.client = client
        self.full = run.full
        self.now = timezone.now()
        self.counts = {name: {"fetched": 0, "created": 0, "updated": 0} for name in COUNTED}
        self.errors: list[dict] = []
        self.notes: list[str] = []
        self.skipped_units = 0
        self.checkpoints = {
            (c.resource, c.course_key): c for c in SyncCheckpoint.objects.filter(connection=self.connection)
        }
        resumed = run.resumed_from
        self.resumed_id = resumed.pk if resumed and (resumed.full or not run.full) else None
        self.learners = Learners(self.connection, self.now)
        self.touched: dict[str, set[int]] = defaultdict(set)
        self._last_beat = time.monotonic()
        self.split, self.helper = split, helper
        self.course_ids = dict(
            Course.objects.filter(connection=self.connection).values_list("course_key", "pk")
        )

    # -- bookkeeping ---------------------------------------------------------------------------
    def error(self, exc: LmsError, context: str = "") -> None:
        message = f"{context}: {exc.message}" if context else exc.message
        self.errors.append({"endpoint": exc.endpoint, "status": exc.status, "message": message})
        log.warning("sync %s: %s %s %s", self.run.pk, exc.endpoint, exc.status, message)

    def beat(self, force: bool = False) -> None:
        """Tell other processes this run is alive (they refuse to start a second one meanwhile), and
        stop when an administrator cancelled it."""
        if force or time.monotonic() - self._last_beat > HEARTBEAT_SECONDS:
            runs.record_progress(self.run.pk)
            self._last_beat = time.monotonic()
            if runs.cancel_requested(self.run.pk):
                raise RunCancelled

    def _progress(self, unit: Unit, rows: int | None = None) -> None:
        """The admin's progress: the unit being written, then its rows and one more unit done."""
        if rows is None:
            if runs.cancel_requested(self.run.pk):
                raise RunCancelled
            runs.record_progress(self.run.pk, unit=f"{unit.resource} {unit.course_key}".strip())
        else:
            runs.record_progress(self.run.pk, rows=rows, done=1)
            self._last_beat = time.monotonic()

    def _collect(self, pages: Iterator[Page], beat: bool = True) -> tuple[list[dict], str]:
        rows, digest = [], hashlib.blake2b(digest_size=16)
        for page in pages:
            rows.extend(page.results)
            digest.update(page.digest)
            if beat:
                self.beat()
        return rows, digest.hexdigest()

    def _save_checkpoint(self, resource, course_key, fingerprint="", high_water=None, rows=0) -> None:
        checkpoint, _ = SyncCheckpoint.objects.update_or_create(
            connection=self.connection,
            resource=resource,
            course_key=course_key,
            defaults={
                "run": self.run,
                "completed": timezone.now(),
                "fingerprint": fingerprint,
                "high_water": high_water,
                "rows": rows,
            },
        )
        self.checkpoints[(resource, course_key)] = checkpoint

    def _done_by_resumed_run(self, resource: str, course_key: str) -> bool:
        """Whether the run being resumed, or this run in an earlier worker process, did the unit."""
        checkpoint = self.checkpoints.get((resource, course_key))
        if checkpoint and checkpoint.run_id in (self.resumed_id, self.run.pk) and checkpoint.run_id:
            self.skipped_units += 1
            return True
        return False

    def fetch(self, unit: Unit, beat: bool = True):
        """The unit's rows and fingerprint, or the LmsError that stopped it. No database access."""
        try:
            return self._collect(unit.pages(), beat=beat)
        except LmsError as exc:
            return exc

    def store(self, unit: Unit, fetched) -> Outcome | None:
        """Write a fetched unit with its checkpoint (one transaction); None when it failed."""
        resource, course_key = unit.resource, unit.course_key
        if isinstance(fetched, LmsError):
            if isinstance(fetched, LmsNotFound) and unit.raise_not_found:
                raise fetched
            self.error(fetched, course_key)
            return None
        rows, fingerprint = fetched
        self._progress(unit)
        checkpoint = self.checkpoints.get((resource, course_key))
        self.counts[unit.counter]["fetched"] += len(rows)
        if not self.full and checkpoint and checkpoint.fingerprint and checkpoint.fingerprint == fingerprint:
            # The LMS sent exactly the pages it sent last time: nothing can have changed.
            SyncCheckpoint.objects.filter(pk=checkpoint.pk).update(run=self.run, completed=timezone.now())
            checkpoint.run_id = self.run.pk
            self._progress(unit, len(rows))
            return Outcome(fetched=len(rows))
        before = set(self.learners.ids)
        try:
            with transaction.atomic():
                outcome = unit.write(rows)
                self._changes(resource, outcome, course_key)
                high_water = outcome.high_water or (checkpoint.high_water if checkpoint else None)
                self._save_checkpoint(
                    resource,
                    course_key,
                    fingerprint="" if outcome.bad_rows else fingerprint,
                    high_water=high_water,
                    rows=len(rows),
                )
        except DatabaseError:
            self.learners.forget(set(self.learners.ids) - before)
            raise
        self.counts[unit.counter]["created"] += outcome.created
        self.counts[unit.counter]["updated"] += outcome.updated
        if outcome.bad_rows:
            where = f"{course_key}: " if course_key else ""
            self.errors.append(
                {
                    "endpoint": unit.endpoint,
                    "status": None,
                    "message": f"{where}{outcome.bad_rows} rows could not be read and were skipped "
                    f"(first: {outcome.first_problem})",
                }
            )
        self.touched[course_key] |= outcome.touched
        self._progress(unit, len(rows))
        return outcome

    def _changes(self, resource: str, outcome: Outcome, course_key: str = "") -> None:
        """Tell listeners (the evaluation) what this unit changed, inside its transaction."""
        if resource in ("enrollments", "grades", "completions"):
            course_id = self.course_ids.get(course_key)
            send_changes(course_learners={(learner, course_id) for learner in outcome.touched if course_id})
            return
        if resource == "plugin:assessment-attempts":
            send_changes(assessments=outcome.touched)
            return
        learners = set(outcome.touched)
        if resource == "plugin:workshop-sessions" and outcome.changed_ids:
            learners |= set(
                WorkshopAttendance.objects.filter(
                    connection=self.connection, session_remote_id__in=outcome.changed_ids
                ).values_list("learner_id", flat=True)
            )
        send_changes(
            learners=learners,
            ideas=resource == "plugin:ideas" and bool(outcome.changed_ids),
            sessions=resource.startswith("plugin:workshop") and bool(outcome.changed_ids),
        )

    def unit(self, unit: Unit) -> Outcome | None:
        """Fetch and store one unit now (skipped when the run being resumed finished it)."""
        if self._done_by_resumed_run(unit.resource, unit.course_key):
            return None
        return self.store(unit, self.fetch(unit))

    def units(self, units: list[Unit]) -> Iterator[tuple[Unit, Outcome | None]]:
        """Store units in order while the next ones are fetched in the background.

        Fetching (network) and writing (database) overlap: ``FETCH_WORKERS`` threads read up to
        ``PREFETCH`` listings ahead, so memory stays bounded; only this thread touches the database.
        """
        pending = iter([u for u in units if not self._done_by_resumed_run(u.resource, u.course_key)])
        with ThreadPoolExecutor(max_workers=FETCH_WORKERS, thread_name_prefix=f"sync-{self.run.pk}") as pool:
            window = deque(
                (unit, pool.submit(self.fetch, unit, False)) for unit in itertools.islice(pending, PREFETCH)
            )
            try:
                while window:
                    unit, future = window.popleft()
                    while True:  # a long listing: keep telling other hosts this run is alive
                        try:
                            fetched = future.result(timeout=HEARTBEAT_SECONDS)
                            break
                        except TimeoutError:
                            self.beat(force=True)
                    following = next(pending, None)
                    if following is not None:
                        window.append((following, pool.submit(self.fetch, following, False)))
                    yield unit, self.store(unit, fetched)
            finally:
                for _, future in window:
                    future.cancel()

    # -- the run ---------------------------------------------------------------------------------
    def execute(self) -> SyncRun:
        status = RunStatus.OK
        try:
            self._run()
        except RunCancelled:
            status = RunStatus.CANCELLED
            self.notes.append("cancelled by an administrator; the units written before stay")
        except LmsError as exc:
            self.error(exc)
            status = RunStatus.FAILED
        except Exception as exc:
            log.exception("sync %s failed", self.run.pk)
            self.errors.append(
                {
                    "endpoint": "",
                    "status": None,
                    "message": f"internal error: {exc.__class__.__name__}: {exc}",
                }
            )
            status = RunStatus.FAILED
        finally:
            self.client.close()
        if status == RunStatus.OK and self.errors:
            status = RunStatus.PARTIAL
        return self._finish(status)

    def _finish(self, status: str) -> SyncRun:
        from .linking import count_unmatched

        run = self.run
        run.refresh_from_db(fields=["rows_done", "units_done", "units_total", "work", "cancel_requested"])
        self._merge_helpers(run.work or {})
        previous_notes = [note for note in run.counts.get("notes", []) if note.startswith("resumed")]
        self.notes = previous_notes + self.notes
        run.status = status
        run.finished = timezone.now()
        run.heartbeat = run.finished
        run.current_unit = ""
        run.counts = {**self.counts, "learners": {"created": self.learners.created}}
        if len(self.errors) > MAX_ERRORS:
            hidden = len(self.errors) - MAX_ERRORS
            self.errors = self.errors[:MAX_ERRORS] + [
                {"endpoint": "", "status": None, "message": f"... and {hidden} more errors"}
            ]
        run.errors = self.errors
        if self.skipped_units:
            by = f"run #{self.resumed_id}" if self.resumed_id else "an earlier attempt of this run"
            self.notes.append(f"{self.skipped_units} units were already done by {by}; skipped")
        run.counts["notes"] = self.notes
        run.unmatched_learners = count_unmatched(self.connection)
        run.http_calls, run.http_retries = self.client.calls, self.client.retries
        run.save()
        transaction.on_commit(lambda: data_synced.send(sender=SyncRun, run=run))
        return run

    def _no_units(self, count: int) -> None:
        """Units the run counted on that will not run (an endpoint missing, a budget reached)."""
        if count > 0:
            SyncRun.objects.filter(pk=self.run.pk).update(units_total=F("units_total") - count)

    def _merge_helpers(self, work: dict) -> None:
        """Add what helper workers counted and met on the courses they did (a split run)."""
        for counter, numbers in work.get("counts", {}).items():
            for name, value in numbers.items():
                self.counts.setdefault(counter, {"fetched": 0, "created": 0, "updated": 0})[name] += value
        self.learners.created += work.get("learners_created", 0)
        self.errors.extend(work.get("errors", []))
        self.skipped_units += work.get("skipped", 0)

    def _run(self) -> None:
        claims = self.client.token_claims()
        if claims.get("administrator") is False:
            self.notes.append(
                "the service user is not global staff in the LMS; enrollments and grades need it"
            )
        username = self.connection.service_username or claims.get("preferred_username", "")
        courses = self.sync_courses(username)
        completion = len(courses) if self.connection.completion_source != CompletionSource.NONE else 0
        SyncRun.objects.filter(pk=self.run.pk).update(
            units_total=2 * len(courses) + len(PLUGIN_ROUTES) + completion
        )
        if self.split:
            self.share_courses(courses)
        else:
            for _ in self.units([unit for course in courses for unit in self.course_units(course)]):
                pass
        self.sync_plugin()
        self.sync_assessment_analysis()
        self.sync_completion(courses)
        self.sync_certificates()
        from .linking import link_learners

        link_learners(self.connection)

    # -- a run split over several workers ------------------------------------------------------
    def share_courses(self, courses: list[Course]) -> None:
        """Offer the courses to helper workers and work on them too, until every one is done."""
        by_key = {course.course_key: course for course in courses}
        runs.share_courses(self.run.pk, list(by_key))
        helpers = min(len(courses) - 1, runs.SYNC_HELPERS)
        for _ in range(max(helpers, 0)):
            queue.task("openedx_sync.help").delay(self.run.pk)
        while True:
            self.work_on_courses(by_key)
            pending, taken = runs.courses_left(self.run.pk)
            if not pending and not taken:
                return
            self.beat(force=True)  # others still write theirs (a dead one's course is taken again)
            time.sleep(0.5)

    def work_on_courses(self, by_key: dict[str, Course] | None = None) -> int:
        """Take courses of the run one by one and sync each; returns how many this process did."""
        by_key = by_key or {c.course_key: c for c in Course.objects.filter(connection=self.connection)}
        done = 0
        while (key := runs.take_course(self.run.pk)) is not None:
            course = by_key.get(key)
            before = {counter: dict(numbers) for counter, numbers in self.counts.items()}
            errors_before, learners_before = len(self.errors), self.learners.created
            skipped_before = self.skipped_units
            if course is not None:
                for _ in self.units(self.course_units(course)):
                    runs.touch_course(self.run.pk, key)
            if self.helper:  # the coordinator's own counts reach the run when it finishes
                counts = {
                    counter: {name: value - before[counter][name] for name, value in numbers.items()}
                    for counter, numbers in self.counts.items()
                }
                runs.course_done(
                    self.run.pk,
                    key,
                    counts,
                    self.errors[errors_before:],
                    self.learners.created - learners_before,
                    self.skipped_units - skipped_before,
                )
            else:
                runs.course_done(self.run.pk, key, {}, [], 0, 0)
            done += 1
        return done

    def course_units(self, course: Course) -> list[Unit]:
        """A course's enrollments and grades."""
        key = course.course_key
        return [
            Unit(
                "enrollments",
                "enrollments",
                key,
                lambda key=key: self.client.enrollment_pages(key),
                lambda rows, course=course: write_enrollments(course, rows, self.learners, self.now),
                endpoint="/api/enrollment/v1/enrollments/",
            ),
            Unit(
                "grades",
                "grades",
                key,
                lambda key=key: self.client.grade_pages(key),
                lambda rows, course=course: write_grades(course, rows, self.learners, self.now),
                endpoint=f"/api/grades/v1/courses/{encode_course_key(key)}/",
            ),
        ]

    def sync_courses(self, username: str) -> list[Course]:
        """The course list (a failure here stops the run: nothing else can be read without it)."""
        rows, fingerprint = self._collect(self.client.course_pages(username))
        self.counts["courses"]["fetched"] = len(rows)
        records: list[CourseRecord] = []
        outcome = Outcome()
        for row in rows:
            try:
                records.append(read_course(row))
            except BadRow as exc:
                outcome.bad(str(exc))
        with transaction.atomic():
            stored = write_courses(self.connection, records, self.now, outcome)
            send_changes(courses=outcome.courses_changed)
            self._save_checkpoint("courses", "", fingerprint, rows=len(rows))
        self.counts["courses"]["created"], self.counts["courses"]["updated"] = (
            outcome.created,
            outcome.updated,
        )
        if outcome.bad_rows:
            self.errors.append(
                {
                    "endpoint": "/api/courses/v1/courses/",
                    "status": None,
                    "message": f"{outcome.bad_rows} courses could not be read "
                    f"(first: {outcome.first_problem})",
                }
            )
        self.course_ids.update((key, course.pk) for key, course in stored.items())
        return sorted((stored[r.course_key] for r in records), key=lambda c: c.course_key)

    # -- plugin API v1 -------------------------------------------------------------------------
    def sync_plugin(self) -> None:
        try:
            self.client.plugin_root()
        except LmsNotFound as exc:
            exc.message = "the Bina ASN plugin API is not installed on this LMS (install bina-asn in the LMS)"
            self.error(exc)
            self._no_units(len(PLUGIN_ROUTES))
            return
        except LmsError as exc:
            self.error(exc)
            self._no_units(len(PLUGIN_ROUTES))
            return
        for route, counter in PLUGIN_ROUTES:
            checkpoint = self.checkpoints.get((f"plugin:{route}", ""))
            since = None if self.full or checkpoint is None else overlapped(checkpoint.high_water)
            try:
                self.unit(
                    Unit(
                        f"plugin:{route}",
                        counter,
                        "",
                        lambda route=route, since=since: self.client.plugin_pages(route, since),
                        lambda rows, route=route: self._write_plugin(route, rows),
                        endpoint=f"/api/bina/v1/{route}/",
                        raise_not_found=True,
                    )
                )
            except LmsNotFound as exc:
                exc.message = (
                    f"{route} is not served by this LMS's plugin (its part of Bina ASN is not installed)"
                )
                self.error(exc)

    def _write_plugin(self, route: str, rows: list[dict]) -> Outcome:
        outcome = write_plugin_rows(route, self.connection, rows, self.learners, self.now)
        for row in rows:  # learners active in our blocks: their completion may have moved
            username = row.get("username") or row.get("author_username")
            learner_id = self.learners.ids.get(username) if isinstance(username, str) else None
            if learner_id and isinstance(row.get("course_id"), str):
                self.touched[row["course_id"]].add(learner_id)
        return outcome

    # -- assessment item analysis (computed by the LMS, replaced at every run) -------------------
    def sync_assessment_analysis(self) -> None:
        """Read the item analysis of every course with assessment attempts; an LMS whose plugin is
        older than this endpoint is noted once, not an error."""
        keys = sorted(
            set(
                AssessmentAttempt.objects.filter(connection=self.connection).values_list(
                    "course_key", flat=True
                )
            )
        )
        for key in keys:
            try:
                payload = self.client.assessment_analysis(key)
            except LmsNotFound:
                self.notes.append(
                    "the LMS's plugin serves no assessment-analysis endpoint (upgrade bina-asn)"
                )
                return
            except LmsError as exc:
                self.error(exc, f"assessment analysis of {key}")
                continue
            AssessmentAnalysis.objects.update_or_create(
                connection=self.connection,
                course_key=key,
                defaults={"payload": payload, "fetched": self.now},
            )
            self.beat()

    # -- completion ----------------------------------------------------------------------------
    def sync_completion(self, courses: list[Course]) -> None:
        source = self.connection.completion_source
        if source == CompletionSource.NONE or not courses:
            return
        if source in (CompletionSource.AUTO, CompletionSource.AGGREGATOR):
            units = [
                Unit(
                    "completions",
                    "completions",
                    course.course_key,
                    lambda key=course.course_key: self.client.completion_pages(key),
                    lambda rows, course=course: write_aggregated_completion(
                        course, rows, self.learners, self.now
                    ),
                    endpoint=f"/completion-aggregator/v1/course/{encode_course_key(course.course_key)}/",
                )
                for course in courses
            ]
            # The first course tells whether the LMS has the aggregator at all.
            units[0].raise_not_found = source == CompletionSource.AUTO
            try:
                self.unit(units[0])
            except LmsNotFound:
                self.notes.append(
                    "openedx-completion-aggregator is not installed; completion came from the blocks API"
                )
            else:
                for _ in self.units(units[1:]):
                    pass
                return
        budget = BLOCKS_LEARNERS_PER_RUN
        for position, course in enumerate(courses):
            if budget <= 0:
                self.notes.append(
                    "blocks-API completion reached its per-run limit; the rest follows next run"
                )
                self._no_units(len(courses) - position)
                break
            budget -= self.blocks_completion(course, budget)

    def blocks_completion(self, course: Course, budget: int) -> int:
        """Completion from the blocks API for the learners of ``course`` that may have moved."""
        key = course.course_key
        if self._done_by_resumed_run("completions", key):
            runs.record_progress(self.run.pk, done=1)
            return 0
        stale = self.now - timedelta(days=self.connection.completion_refresh_days)
        stored = {
            learner_id: (percent, checked)
            for learner_id, percent, checked in Completion.objects.filter(course=course).values_list(
                "learner_id", "percent", "checked"
            )
        }
        enrolled = list(
            Enrollment.objects.filter(course=course, is_active=True).values_list(
                "learner_id", "learner__username"
            )
        )
        touched = self.touched.get(key, set())

        def priority(pair):
            learner_id = pair[0]
            if learner_id not in stored:
                return 0
            if learner_id in touched:
                return 1
            percent, checked = stored[learner_id]
            return 2 if (percent < COMPLETE and checked < stale) or self.full else 9

        candidates = sorted((p for p in enrolled if priority(p) < 9), key=priority)[:budget]
        if not candidates:
            runs.record_progress(self.run.pk, done=1)
            return 0
        results, failures = {}, []

        def read(pair):
            learner_id, username = pair
            try:
                data = self.client.blocks_with_completion(key, username)
                return username, completion_from_blocks(username, data), None
            except LmsError as exc:
                return username, None, exc

        workers = max(1, min(4, self.connection.completion_concurrency))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for username, record, exc in pool.map(read, candidates):
                if record is not None:
                    results[username] = record
                else:
                    failures.append(exc)
        self.counts["completions"]["fetched"] += len(results)
        with transaction.atomic():
            touched: set[int] = set()
            created, updated = write_completions(
                course, results, self.learners, self.now, CompletionSource.BLOCKS, touched
            )
            send_changes(course_learners={(learner, course.pk) for learner in touched})
            self._save_checkpoint("completions", key, rows=len(results))
        self.counts["completions"]["created"] += created
        self.counts["completions"]["updated"] += updated
        runs.record_progress(self.run.pk, rows=len(results), done=1)
        if failures:
            first = failures[0]
            self.errors.append(
                {
                    "endpoint": first.endpoint,
                    "status": first.status,
                    "message": f"{key}: completion of {len(failures)} learners could not be read "
                    f"(first: {first.message})",
                }
            )
        self.beat()
        return len(candidates)

    # -- certificates --------------------------------------------------------------------------
    def sync_certificates(self) -> None:
        """Date new passes by their certificate and keep its number, where the LMS has one (bounded)."""
        limit = self.connection.certificate_lookups
        if not limit:
            return
        pending = list(
            Grade.objects.filter(course__connection=self.connection, passed=True, certificate_checked=False)
            .exclude(passed_at_source=DateSource.CERTIFICATE)
            .order_by("-passed_at", "pk")
            .values_list("pk", "learner__username", "course__course_key")[:limit]
        )
        if not pending:
            return

        def read(item):
            pk, username, course_key = item
            try:
                data = self.client.certificate(username, course_key)
                record = read_certificate(data) if data else None
                return pk, certificate_date(record), record.number if record else "", None
            except BadRow:
                return pk, None, "", None
            except LmsError as exc:
                return pk, None, "", exc

        checked, dated, numbers, failure = [], {}, {}, None
        workers = max(1, min(4, self.connection.completion_concurrency))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for pk, when, number, exc in pool.map(read, pending):
                if exc is not None:
                    failure = failure or exc
                    continue
                checked.append(pk)
                if when is not None:
                    dated[pk] = when
                if number:
                    numbers[pk] = number
        self.counts["certificates"]["fetched"] = len(checked)
        with transaction.atomic():
            Grade.objects.filter(pk__in=checked).update(certificate_checked=True)
            send_changes(  # a record copies the pass date and the certificate's number
                course_learners=Grade.objects.filter(pk__in=[*dated, *numbers]).values_list(
                    "learner_id", "course_id"
                )
            )
            for pk, when in dated.items():
                Grade.objects.filter(pk=pk).update(
                    passed_at=when, passed_at_source=DateSource.CERTIFICATE, modified=self.now
                )
            for pk, number in numbers.items():
                Grade.objects.filter(pk=pk).update(certificate_number=number)
        self.counts["certificates"]["updated"] = len(dated)
        if failure is not None:
            self.error(failure, "certificate dates")


def overlapped(high_water):
    """Where an incremental read starts: the high-water mark less the overlap window (ADR 0103)."""
    if high_water is None:
        return None
    return high_water - timedelta(minutes=settings.COMPANION_SYNC_OVERLAP_MINUTES)
