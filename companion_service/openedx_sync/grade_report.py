"""The offline path: the instructor dashboard's grade report CSV for one course.

Open edX writes it (Instructor > Data Download > "Generate Grade Report") with the columns
``Student ID, Email, Username, Grade``, one column per assignment, then ``Enrollment Track``,
``Verification Status``, ``Certificate Eligible``, ``Certificate Delivered``, ``Certificate Type``
and ``Enrollment Status`` (cohort, team and experiment columns when the course has them). ``Grade``
is 0-1. A learner passed when ``Certificate Eligible`` is ``Y`` or the grade reaches the pass mark
(Open edX's default grading policy passes at 0.5). A pass first seen here is dated by the day the
report was downloaded (``as_of``); an earlier date already recorded is kept. The report also shows
that each learner was enrolled by that day: an enrollment without the LMS's own date is first seen
on ``as_of`` (or earlier, if already known earlier), never on the day of the import.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from companion_service.core.tabular import Column, ImportReport, RowError, read_table, require_columns

from .models import Course, DateSource, Enrollment, Grade, Learner, LmsConnection, SyncCheckpoint
from .signals import data_synced, send_changes

DEFAULT_PASS_MARK = 0.5
REPORT_COLUMNS = (
    Column("user_id", ("student_id", "id")),
    Column("email", ("email",)),
    Column("username", ("username",), required=True),
    Column("grade", ("grade",), required=True),
    Column("eligible", ("certificate_eligible",)),
    Column("track", ("enrollment_track",)),
    Column("status", ("enrollment_status",)),
)
YES = {"y", "yes", "ya", "true", "1"}


class GradeReportError(ValueError):
    """The import cannot start (unknown LMS, ambiguous course); the message says what to do."""


def _connection(lms: str | None) -> LmsConnection:
    connections = LmsConnection.objects.all()
    if lms:
        found = connections.filter(name=lms).first() or connections.filter(base_url=lms.rstrip("/")).first()
        if found is None:
            raise GradeReportError(_("There is no LMS connection %(name)s.") % {"name": lms})
        return found
    found = list(connections[:2])
    if len(found) == 1:
        return found[0]
    if found:
        raise GradeReportError(_("Several LMS connections exist; say which one with --lms."))
    return LmsConnection.objects.create(name=_("Open edX (grade reports)"), base_url="", client_id="")


def _grade(text: str) -> float | None:
    text = text.strip().rstrip("%").replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    if 1 < value <= 100:  # a percentage written as 0-100
        value /= 100
    return value if 0 <= value <= 1 else None


def import_grade_report(
    source,
    *,
    course_key: str,
    as_of: date | None = None,
    dry_run: bool = False,
    filename: str = "",
    lms: str | None = None,
    pass_mark: float = DEFAULT_PASS_MARK,
) -> ImportReport:
    """Upsert the grades of ``course_key`` from a grade report, all rows or none."""
    table = read_table(source, filename=filename)
    columns = require_columns(table, REPORT_COLUMNS)
    report = ImportReport(dry_run=dry_run)
    as_of = as_of or timezone.localdate()
    dated = timezone.make_aware(datetime.combine(as_of, time.min))
    records, seen = {}, {}
    for row in table.rows:
        report.total += 1
        username = columns.value(row, "username")
        grade = _grade(columns.value(row, "grade") or "")
        problems = []
        if not username:
            problems.append(("username", _("The username is empty.")))
        elif username in seen:
            problems.append(
                (
                    "username",
                    _("Username %(name)s is already on line %(line)d.")
                    % {"name": username, "line": seen[username]},
                )
            )
        if grade is None:
            problems.append(("grade", _("The grade must be a number from 0 to 1.")))
        for field, message in problems:
            report.errors.append(RowError(row.line, message, columns.columns.get(field, field)))
        if problems:
            continue
        seen[username] = row.line
        eligible = (columns.value(row, "eligible") or "").lower() in YES
        records[username] = {
            "percent": grade,
            "passed": eligible or grade >= pass_mark,
            "email": (columns.value(row, "email") or "")[:254],
            "enrolled": (columns.value(row, "status") or "enrolled").strip().lower() != "not enrolled",
            "mode": (columns.value(row, "track") or "")[:50],
        }
    if columns.ignored:
        report.warnings.append(
            _("%(count)d assignment and other columns were not needed and were ignored.")
            % {"count": len(columns.ignored)}
        )
    if report.errors:
        return report
    connection = _connection(lms)
    with transaction.atomic():
        _apply(connection, course_key, records, dated, report)
        send_changes(
            courses=Course.objects.filter(connection=connection, course_key=course_key).values_list(
                "pk", flat=True
            )
        )
        if dry_run:
            transaction.set_rollback(True)
    if not dry_run:
        from .linking import link_learners

        link_learners(connection)
        transaction.on_commit(lambda: data_synced.send(sender=Grade, course_key=course_key))
    return report


def _apply(connection, course_key, records, dated, report) -> None:
    now = timezone.now()
    course, _created = Course.objects.get_or_create(
        connection=connection,
        course_key=course_key,
        defaults={"name": course_key, "first_seen": now, "last_seen": now, "in_lms": True},
    )
    learners = dict(Learner.objects.filter(connection=connection).values_list("username", "id"))
    missing = [u for u in records if u not in learners]
    Learner.objects.bulk_create(
        [
            Learner(connection=connection, username=u, email=records[u]["email"], first_seen=now)
            for u in missing
        ]
    )
    learners = dict(Learner.objects.filter(connection=connection).values_list("username", "id"))
    for username, record in records.items():
        if record["email"]:
            Learner.objects.filter(pk=learners[username], email="").update(email=record["email"])
    grades = {g.learner_id: g for g in Grade.objects.filter(course=course)}
    enrolled = set(Enrollment.objects.filter(course=course).values_list("learner_id", flat=True))
    seen_by = min(dated, now)
    # Enrolled by the report's day at the latest: an enrollment first seen later moves back to it.
    ids = [learners[username] for username in records]
    for start in range(0, len(ids), 900):
        Enrollment.objects.filter(
            course=course,
            learner_id__in=ids[start : start + 900],
            enrolled_at__isnull=True,
            first_seen__gt=seen_by,
        ).update(first_seen=seen_by, modified=now)
    for username, record in records.items():
        learner_id = learners[username]
        if learner_id not in enrolled:
            Enrollment.objects.create(
                course=course,
                learner_id=learner_id,
                mode=record["mode"],
                is_active=record["enrolled"],
                first_seen=seen_by,
                modified=now,
            )
        grade = grades.get(learner_id)
        if grade is None:
            Grade.objects.create(
                course=course,
                learner_id=learner_id,
                percent=record["percent"],
                passed=record["passed"],
                passed_at=dated if record["passed"] else None,
                passed_at_source=DateSource.GRADE_REPORT if record["passed"] else "",
                source=Grade.Source.GRADE_REPORT,
                first_seen=now,
                modified=now,
            )
            report.created += 1
            continue
        changes = {}
        if (grade.percent, grade.passed) != (record["percent"], record["passed"]):
            changes.update(
                percent=record["percent"], passed=record["passed"], source=Grade.Source.GRADE_REPORT
            )
        if record["passed"] and (grade.passed_at is None or grade.passed_at > dated):
            changes.update(passed_at=dated, passed_at_source=DateSource.GRADE_REPORT)
        if not changes:
            report.unchanged += 1
            continue
        for name, value in changes.items():
            setattr(grade, name, value)
        grade.modified = now
        grade.save(update_fields=[*changes, "modified"])
        report.updated += 1
    # The API sync must compare its grades again rather than trust its last fingerprint.
    SyncCheckpoint.objects.filter(connection=connection, resource="grades", course_key=course_key).update(
        fingerprint=""
    )
