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
from django.utils import timezone

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
)
from .parsing import (
    BadRow,
    CourseRecord,
    certificate_date,
    completion_from_blocks,
    read_certificate,
    read_course,
)
from .signals import data_synced
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


class SyncEngine:
    """Runs one ``SyncRun`` (already created, status running) against ``client``."""

    def __init__(self, run: SyncRun, client: LmsClient):
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

    # -- bookkeeping ---------------------------------------------------------------------------
    def error(self, exc: LmsError, context: str = "") -> None:
        message = f"{context}: {exc.message}" if context else exc.message
        self.errors.append({"endpoint": exc.endpoint, "status": exc.status, "message": message})
        log.warning("sync %s: %s %s %s", self.run.pk, exc.endpoint, exc.status, message)

    def beat(self, force: bool = False) -> None:
        """Tell other processes this run is alive (they refuse to start a second one meanwhile)."""
        if force or time.monotonic() - self._last_beat > HEARTBEAT_SECONDS:
            SyncRun.objects.filter(pk=self.run.pk).update(heartbeat=timezone.now())
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
        checkpoint = self.checkpoints.get((resource, course_key))
        if self.resumed_id and checkpoint and checkpoint.run_id == self.resumed_id:
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
        checkpoint = self.checkpoints.get((resource, course_key))
        self.counts[unit.counter]["fetched"] += len(rows)
        if not self.full and checkpoint and checkpoint.fingerprint and checkpoint.fingerprint == fingerprint:
            # The LMS sent exactly the pages it sent last time: nothing can have changed.
            SyncCheckpoint.objects.filter(pk=checkpoint.pk).update(run=self.run, completed=timezone.now())
            checkpoint.run_id = self.run.pk
            self.beat()
            return Outcome(fetched=len(rows))
        before = set(self.learners.ids)
        try:
            with transaction.atomic():
                outcome = unit.write(rows)
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
        self.beat()
        return outcome

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
        run.status = status
        run.finished = timezone.now()
        run.heartbeat = run.finished
        run.counts = {**self.counts, "learners": {"created": self.learners.created}}
        if len(self.errors) > MAX_ERRORS:
            hidden = len(self.errors) - MAX_ERRORS
            self.errors = self.errors[:MAX_ERRORS] + [
                {"endpoint": "", "status": None, "message": f"... and {hidden} more errors"}
            ]
        run.errors = self.errors
        if self.skipped_units:
            self.notes.append(
                f"{self.skipped_units} units were already done by run #{self.resumed_id}; skipped"
            )
        run.counts["notes"] = self.notes
        run.unmatched_learners = count_unmatched(self.connection)
        run.http_calls, run.http_retries = self.client.calls, self.client.retries
        run.save()
        transaction.on_commit(lambda: data_synced.send(sender=SyncRun, run=run))
        return run

    def _run(self) -> None:
        claims = self.client.token_claims()
        if claims.get("administrator") is False:
            self.notes.append(
                "the service user is not global staff in the LMS; enrollments and grades need it"
            )
        username = self.connection.service_username or claims.get("preferred_username", "")
        courses = self.sync_courses(username)
        per_course = []
        for course in courses:
            key = course.course_key
            per_course.append(
                Unit(
                    "enrollments",
                    "enrollments",
                    key,
                    lambda key=key: self.client.enrollment_pages(key),
                    lambda rows, course=course: write_enrollments(course, rows, self.learners, self.now),
                    endpoint="/api/enrollment/v1/enrollments/",
                )
            )
            per_course.append(
                Unit(
                    "grades",
                    "grades",
                    key,
                    lambda key=key: self.client.grade_pages(key),
                    lambda rows, course=course: write_grades(course, rows, self.learners, self.now),
                    endpoint=f"/api/grades/v1/courses/{encode_course_key(key)}/",
                )
            )
        for _ in self.units(per_course):
            pass
        self.sync_plugin()
        self.sync_assessment_analysis()
        self.sync_completion(courses)
        self.sync_certificates()
        from .linking import link_learners

        link_learners(self.connection)

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
        return sorted((stored[r.course_key] for r in records), key=lambda c: c.course_key)

    # -- plugin API v1 -------------------------------------------------------------------------
    def sync_plugin(self) -> None:
        try:
            self.client.plugin_root()
        except LmsNotFound as exc:
            exc.message = "the Bina ASN plugin API is not installed on this LMS (install bina-asn in the LMS)"
            self.error(exc)
            return
        except LmsError as exc:
            self.error(exc)
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
        for course in courses:
            if budget <= 0:
                self.notes.append(
                    "blocks-API completion reached its per-run limit; the rest follows next run"
                )
                break
            budget -= self.blocks_completion(course, budget)

    def blocks_completion(self, course: Course, budget: int) -> int:
        """Completion from the blocks API for the learners of ``course`` that may have moved."""
        key = course.course_key
        if self._done_by_resumed_run("completions", key):
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
            created, updated = write_completions(
                course, results, self.learners, self.now, CompletionSource.BLOCKS
            )
            self._save_checkpoint("completions", key, rows=len(results))
        self.counts["completions"]["created"] += created
        self.counts["completions"]["updated"] += updated
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
