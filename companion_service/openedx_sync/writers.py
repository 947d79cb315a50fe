"""Idempotent writes of one unit of synced rows: compare with what is stored, write only differences.

Each writer gets the rows of one listing (one resource of one course, or one plugin listing),
reads them into records (``parsing``), loads the stored rows of that unit once, and writes new rows
with ``bulk_create`` and changed ones with one upsert (``INSERT ... ON CONFLICT DO UPDATE``). A
second run with nothing changed writes nothing. Callers wrap a writer in a transaction together with
the unit's checkpoint.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from .channels import estimate_jp
from .models import (
    AssessmentAttempt,
    Completion,
    CompletionSource,
    Course,
    DateSource,
    Enrollment,
    Grade,
    Idea,
    Learner,
    LmsConnection,
    WorkshopAttendance,
    WorkshopReaction,
    WorkshopSession,
)
from .parsing import (
    BadRow,
    CompletionRecord,
    CourseRecord,
    read_aggregated_completion,
    read_assessment_attempt,
    read_enrollment,
    read_grade,
    read_idea,
    read_workshop_attendance,
    read_workshop_reaction,
    read_workshop_session,
)

BATCH = 1000
COMPLETE = 0.9999  # a percent at or above this is 100% (floating-point sums)


@dataclass
class Outcome:
    """What a writer did: rows read, created, updated, and rows it could not read."""

    fetched: int = 0
    created: int = 0
    updated: int = 0
    bad_rows: int = 0
    first_problem: str = ""
    touched: set[int] = field(default_factory=set)  # learner ids whose rows changed
    high_water: datetime | None = None
    changed_ids: list[int] = field(default_factory=list)  # plugin rows: LMS ids new or changed
    courses_changed: set[int] = field(default_factory=set)  # course list: name, JP or channel moved

    def bad(self, problem: str) -> None:
        self.bad_rows += 1
        if not self.first_problem:
            self.first_problem = problem


def _read_all(rows: Iterable[dict], read: Callable, outcome: Outcome, key: Callable) -> dict:
    """Records by key (the last row wins, as the LMS's newest state), counting unreadable rows."""
    records = {}
    for row in rows:
        outcome.fetched += 1
        try:
            record = read(row)
        except BadRow as exc:
            outcome.bad(str(exc))
            continue
        records[key(record)] = record
    return records


class Learners:
    """The LMS users of one connection by username; creates the missing ones in bulk."""

    def __init__(self, connection: LmsConnection, now: datetime):
        self.connection = connection
        self.now = now
        self.ids = dict(Learner.objects.filter(connection=connection).values_list("username", "id"))
        self.created = 0

    def ensure(self, usernames: Iterable[str]) -> dict[str, int]:
        missing = sorted({u for u in usernames if u and u not in self.ids})
        if missing:
            # Workers syncing other courses of the same run may create the same learners at the
            # same time: a name another one inserted first is skipped, and every id is read back.
            new = [Learner(connection=self.connection, username=u, first_seen=self.now) for u in missing]
            Learner.objects.bulk_create(new, batch_size=BATCH, ignore_conflicts=True)
            for start in range(0, len(missing), BATCH):
                for username, pk, first_seen in Learner.objects.filter(
                    connection=self.connection, username__in=missing[start : start + BATCH]
                ).values_list("username", "id", "first_seen"):
                    self.ids[username] = pk
                    self.created += first_seen == self.now  # ours, not another worker's
        return self.ids

    def forget(self, usernames: Iterable[str]) -> None:
        """Drop names created in a transaction that was rolled back."""
        for username in usernames:
            self.ids.pop(username, None)

    def update_emails(self, emails: dict[str, str]) -> None:
        """Record emails the LMS gave (the grades API does for some enrollment modes)."""
        wanted = {u: e for u, e in emails.items() if e}
        if not wanted:
            return
        stored = dict(
            Learner.objects.filter(connection=self.connection, username__in=list(wanted)).values_list(
                "username", "email"
            )
        )
        changed = [
            Learner(id=self.ids[u], email=e)
            for u, e in wanted.items()
            if u in self.ids and stored.get(u) != e
        ]
        if changed:
            Learner.objects.bulk_update(changed, ["email"], batch_size=BATCH)


def _upsert(model, new: list, changed: list, unique: list[str], fields: list[str]) -> None:
    if new:
        model.objects.bulk_create(new, batch_size=BATCH)
    if changed:
        model.objects.bulk_create(
            changed, batch_size=BATCH, update_conflicts=True, unique_fields=unique, update_fields=fields
        )


# -- courses -------------------------------------------------------------------------------------


def write_courses(connection: LmsConnection, records: list[CourseRecord], now: datetime, outcome: Outcome):
    """Upsert the LMS's course list; courses it no longer lists are kept but marked ``in_lms=False``."""
    stored = {course.course_key: course for course in Course.objects.filter(connection=connection)}
    for record in records:
        course = stored.get(record.course_key)
        values = {
            "name": record.name,
            "org": record.org,
            "number": record.number,
            "short_description": record.short_description,
            "start": record.start,
            "end": record.end,
            "effort": record.effort,
            "pacing": record.pacing,
            "hidden": record.hidden,
            "in_lms": True,
        }
        if course is None:
            course = Course(
                connection=connection, course_key=record.course_key, first_seen=now, last_seen=now
            )
            values["jp"] = estimate_jp(record.effort, record.start, record.end, record.pacing).jp
            for name, value in values.items():
                setattr(course, name, value)
            course.save()
            stored[record.course_key] = course
            outcome.created += 1
            continue
        if not course.jp_set_by_admin:
            values["jp"] = estimate_jp(record.effort, record.start, record.end, record.pacing).jp
        changed = [name for name, value in values.items() if getattr(course, name) != value]
        for name in changed:
            setattr(course, name, values[name])
        course.last_seen = now
        course.save(update_fields=[*changed, "last_seen"])
        if changed:
            outcome.updated += 1
        if {"name", "org", "jp"} & set(changed):  # what the learning records copy
            outcome.courses_changed.add(course.pk)
    listed = {r.course_key for r in records}
    gone = [key for key, course in stored.items() if key not in listed and course.in_lms]
    if gone:
        Course.objects.filter(connection=connection, course_key__in=gone).update(in_lms=False)
    return stored


# -- per course ----------------------------------------------------------------------------------


def write_enrollments(course: Course, rows, learners: Learners, now: datetime) -> Outcome:
    """Enrollments of one course. An inactive row is an unenrollment, dated by the first sync that saw it."""
    outcome = Outcome()
    records = _read_all(
        rows, lambda row: read_enrollment(row, course.course_key), outcome, lambda r: r.username
    )
    ids = learners.ensure(records)
    stored = {
        learner_id: (pk, mode, active, enrolled, unenrolled, first)
        for pk, learner_id, mode, active, enrolled, unenrolled, first in Enrollment.objects.filter(
            course=course
        ).values_list("pk", "learner_id", "mode", "is_active", "enrolled_at", "unenrolled_at", "first_seen")
    }
    new, changed = [], []
    for username, record in records.items():
        learner_id = ids[username]
        old = stored.get(learner_id)
        if old is None:
            unenrolled = None if record.is_active else now
            new.append(
                Enrollment(
                    course=course,
                    learner_id=learner_id,
                    mode=record.mode,
                    is_active=record.is_active,
                    enrolled_at=record.created,
                    unenrolled_at=unenrolled,
                    first_seen=now,
                    modified=now,
                )
            )
            outcome.touched.add(learner_id)
            continue
        pk, mode, active, enrolled, unenrolled, first = old
        if record.is_active:
            unenrolled = None
        elif active or unenrolled is None:
            unenrolled = now
        if (mode, active, enrolled, old[4]) != (record.mode, record.is_active, record.created, unenrolled):
            changed.append(
                Enrollment(
                    pk=pk,
                    course=course,
                    learner_id=learner_id,
                    mode=record.mode,
                    is_active=record.is_active,
                    enrolled_at=record.created,
                    unenrolled_at=unenrolled,
                    first_seen=first,
                    modified=now,
                )
            )
            outcome.touched.add(learner_id)
    _upsert(
        Enrollment,
        new,
        changed,
        ["course", "learner"],
        ["mode", "is_active", "enrolled_at", "unenrolled_at", "modified"],
    )
    outcome.created, outcome.updated = len(new), len(changed)
    return outcome


def write_grades(course: Course, rows, learners: Learners, now: datetime) -> Outcome:
    """Grades of one course; the first sync that sees a pass dates it (until a certificate says better)."""
    outcome = Outcome()
    records = _read_all(rows, read_grade, outcome, lambda r: r.username)
    ids = learners.ensure(records)
    learners.update_emails({u: r.email for u, r in records.items()})
    stored = {
        row[1]: row
        for row in Grade.objects.filter(course=course).values_list(
            "pk",
            "learner_id",
            "percent",
            "passed",
            "letter_grade",
            "passed_at",
            "passed_at_source",
            "certificate_checked",
            "source",
            "first_seen",
        )
    }
    new, changed = [], []
    for username, record in records.items():
        learner_id = ids[username]
        old = stored.get(learner_id)
        if old is None:
            new.append(
                Grade(
                    course=course,
                    learner_id=learner_id,
                    percent=record.percent,
                    passed=record.passed,
                    letter_grade=record.letter_grade,
                    passed_at=now if record.passed else None,
                    passed_at_source=DateSource.FIRST_SYNC if record.passed else "",
                    source=Grade.Source.API,
                    first_seen=now,
                    modified=now,
                )
            )
            outcome.touched.add(learner_id)
            continue
        pk, _, percent, passed, letter, passed_at, passed_source, checked, source, first = old
        if record.passed and passed_at is None:
            passed_at, passed_source = now, DateSource.FIRST_SYNC
        if (percent, passed, letter, source) != (
            record.percent,
            record.passed,
            record.letter_grade,
            "api",
        ) or (
            passed_at,
            passed_source,
        ) != (old[5], old[6]):
            changed.append(
                Grade(
                    pk=pk,
                    course=course,
                    learner_id=learner_id,
                    percent=record.percent,
                    passed=record.passed,
                    letter_grade=record.letter_grade,
                    passed_at=passed_at,
                    passed_at_source=passed_source,
                    certificate_checked=checked,
                    source=Grade.Source.API,
                    first_seen=first,
                    modified=now,
                )
            )
            outcome.touched.add(learner_id)
    _upsert(
        Grade,
        new,
        changed,
        ["course", "learner"],
        ["percent", "passed", "letter_grade", "passed_at", "passed_at_source", "source", "modified"],
    )
    outcome.created, outcome.updated = len(new), len(changed)
    return outcome


def write_completions(
    course: Course,
    records: dict[str, CompletionRecord],
    learners: Learners,
    now: datetime,
    source: str,
    touched: set[int] | None = None,
) -> tuple[int, int]:
    """Completion records of one course; reaching 100% is dated by the first sync that saw it.
    Learners whose record is new or changed are added to ``touched``."""
    ids = learners.ensure(records)
    wanted = {ids[u]: r for u, r in records.items()}
    stored = {
        row[1]: row
        for row in Completion.objects.filter(course=course).values_list(
            "pk",
            "learner_id",
            "earned",
            "possible",
            "percent",
            "source",
            "completed_at",
            "completed_at_source",
            "first_seen",
        )
    }
    new, changed, checked_only = [], [], []
    for learner_id, record in wanted.items():
        complete = record.percent >= COMPLETE
        old = stored.get(learner_id)
        if old is None:
            new.append(
                Completion(
                    course=course,
                    learner_id=learner_id,
                    earned=record.earned,
                    possible=record.possible,
                    percent=record.percent,
                    source=source,
                    completed_at=now if complete else None,
                    completed_at_source=DateSource.FIRST_SYNC if complete else "",
                    checked=now,
                    first_seen=now,
                    modified=now,
                )
            )
            continue
        pk, _, earned, possible, percent, old_source, completed_at, completed_source, first = old
        if complete and completed_at is None:
            completed_at, completed_source = now, DateSource.FIRST_SYNC
        row = Completion(
            pk=pk,
            course=course,
            learner_id=learner_id,
            earned=record.earned,
            possible=record.possible,
            percent=record.percent,
            source=source,
            completed_at=completed_at,
            completed_at_source=completed_source,
            checked=now,
            first_seen=first,
            modified=now,
        )
        if (earned, possible, percent, old_source, completed_at) != (
            record.earned,
            record.possible,
            record.percent,
            source,
            old[6],
        ):
            changed.append(row)
        elif source == CompletionSource.BLOCKS:
            checked_only.append(row)
    _upsert(
        Completion,
        new,
        changed,
        ["course", "learner"],
        [
            "earned",
            "possible",
            "percent",
            "source",
            "completed_at",
            "completed_at_source",
            "checked",
            "modified",
        ],
    )
    if touched is not None:
        touched.update(row.learner_id for row in (*new, *changed))
    if checked_only:  # the blocks API was asked again: remember when, so it is not asked too often
        Completion.objects.filter(pk__in=[row.pk for row in checked_only]).update(checked=now)
    return len(new), len(changed)


def write_aggregated_completion(course: Course, rows, learners: Learners, now: datetime) -> Outcome:
    outcome = Outcome()
    records = _read_all(rows, read_aggregated_completion, outcome, lambda r: r.username)
    outcome.created, outcome.updated = write_completions(
        course, records, learners, now, CompletionSource.AGGREGATOR, outcome.touched
    )
    return outcome


# -- plugin API v1 -------------------------------------------------------------------------------

PLUGIN_MODELS = {
    "workshop-sessions": (WorkshopSession, read_workshop_session, None),
    "workshop-attendance": (WorkshopAttendance, read_workshop_attendance, "learner"),
    "workshop-reactions": (WorkshopReaction, read_workshop_reaction, None),  # anonymous
    "assessment-attempts": (AssessmentAttempt, read_assessment_attempt, "learner"),
    "ideas": (Idea, read_idea, "author"),
}


def write_plugin_rows(
    route: str, connection: LmsConnection, rows, learners: Learners, now: datetime
) -> Outcome:
    """Rows of one plugin listing, upserted by their LMS id; unchanged ``modified`` means unchanged."""
    model, read, learner_field = PLUGIN_MODELS[route]
    outcome = Outcome()
    records = _read_all(rows, read, outcome, lambda pair: pair[1]["remote_id"])
    if learner_field == "learner":
        for remote_id, (username, _) in list(records.items()):
            if not username:
                outcome.bad("no username")
                del records[remote_id]
    ids = learners.ensure(username for username, _ in records.values())
    stored = {}
    keys = list(records)
    for start in range(0, len(keys), 900):
        stored.update(
            model.objects.filter(connection=connection, remote_id__in=keys[start : start + 900]).values_list(
                "remote_id", "lms_modified"
            )
        )
    new, changed = [], []
    fields = None
    for remote_id, (username, values) in records.items():
        if learner_field:
            values[f"{learner_field}_id"] = ids.get(username) if username else None
        instance = model(connection=connection, synced=now, **values)
        fields = fields or [name for name in values if name not in ("remote_id",)] + ["synced"]
        if outcome.high_water is None or values["lms_modified"] > outcome.high_water:
            outcome.high_water = values["lms_modified"]
        if remote_id not in stored:
            new.append(instance)
        elif stored[remote_id] != values["lms_modified"]:
            changed.append(instance)
    _upsert(model, new, changed, ["connection", "remote_id"], fields or [])
    outcome.created, outcome.updated = len(new), len(changed)
    if learner_field:
        outcome.touched.update(
            learner_id for row in (*new, *changed) if (learner_id := getattr(row, f"{learner_field}_id"))
        )
    outcome.changed_ids = [row.remote_id for row in (*new, *changed)]
    return outcome
