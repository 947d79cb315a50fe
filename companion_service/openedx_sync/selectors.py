"""Reads of the sync app: run summaries, learners to link, course results for the evaluation."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from .channels import JpSource, NoEstimate
from .data import CourseJp, CourseResult
from .models import Completion, Course, Grade, Learner, LinkMethod, SyncRun

SUMMARY_COUNTERS = (
    "courses",
    "enrollments",
    "grades",
    "completions",
    "assessment_attempts",
    "ideas",
    "workshop_attendance",
    "workshop_sessions",
    "workshop_reactions",
    "certificates",
)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def run_summary(run: SyncRun) -> dict:
    """The run as ``companion sync --json`` prints it (and the admin shows it)."""
    empty = {"fetched": 0, "created": 0, "updated": 0}
    summary = {
        "status": run.status,
        "started": _iso(run.started),
        "finished": _iso(run.finished),
    }
    for counter in SUMMARY_COUNTERS:
        summary[counter] = {**empty, **run.counts.get(counter, {})}
    summary["unmatched_learners"] = run.unmatched_learners
    summary["errors"] = list(run.errors)
    summary["run_id"] = run.pk
    summary["lms"] = run.connection.base_url
    summary["full"] = run.full
    summary["duration_seconds"] = round(run.duration.total_seconds(), 3) if run.duration else None
    summary["notes"] = list(run.counts.get("notes", []))
    return summary


def unmatched_learners(connection=None) -> QuerySet[Learner]:
    """Learners enrolled somewhere but not linked to an ASN, for an administrator to link by hand."""
    rows = Learner.objects.filter(asn__isnull=True, enrollments__isnull=False).exclude(
        link_method=LinkMethod.MANUAL
    )
    if connection is not None:
        rows = rows.filter(connection=connection)
    return rows.distinct()


def last_run(connection) -> SyncRun | None:
    return SyncRun.objects.filter(connection=connection).order_by("-started").first()


def course_jp() -> list[CourseJp]:
    """Every course with its JP and their source (set by BKPSDM, estimated, missing), missing first."""
    order = {JpSource.MISSING: 0, JpSource.ESTIMATED: 1, JpSource.SET: 2}
    result = []
    for course in Course.objects.select_related("connection").order_by("name", "course_key"):
        estimate = course.jp_estimate
        source = course.jp_source
        result.append(
            CourseJp(
                course_key=course.course_key,
                name=course.name,
                lms=course.connection.name,
                jp=course.jp,
                source=source,
                effort=course.effort,
                minutes_per_week=estimate.minutes_per_week,
                weeks=estimate.weeks,
                pacing=course.pacing,
                start=course.start,
                end=course.end,
                reason="" if source != JpSource.MISSING else estimate.reason,
                reason_text=""
                if source != JpSource.MISSING or not estimate.reason
                else str(NoEstimate(estimate.reason).label),
                channel=course.channel,
                in_lms=course.in_lms,
            )
        )
    result.sort(key=lambda item: order[item.source])
    return result


def course_results(*, connection=None, year: int | None = None):
    """Per linked learner and course: JP, channel, pass and completion dates (for the 20-JP ledger).

    Yields ``CourseResult`` for every grade or completion row of a learner linked to an ASN.
    """
    grades = Grade.objects.filter(learner__asn__isnull=False).select_related("course", "learner")
    completions = {
        (c.course_id, c.learner_id): c
        for c in Completion.objects.filter(learner__asn__isnull=False).only(
            "course_id", "learner_id", "percent", "completed_at", "completed_at_source"
        )
    }
    if connection is not None:
        grades = grades.filter(course__connection=connection)
    seen = set()
    for grade in grades.iterator(chunk_size=2000):
        completion = completions.get((grade.course_id, grade.learner_id))
        seen.add((grade.course_id, grade.learner_id))
        result = _result(grade.course, grade.learner, grade, completion)
        if year is None or result.credited_year == year:
            yield result
    rest = Completion.objects.filter(learner__asn__isnull=False).select_related("course", "learner")
    if connection is not None:
        rest = rest.filter(course__connection=connection)
    for completion in rest.iterator(chunk_size=2000):
        if (completion.course_id, completion.learner_id) not in seen:
            result = _result(completion.course, completion.learner, None, completion)
            if year is None or result.credited_year == year:
                yield result


def _result(course, learner, grade, completion) -> CourseResult:
    return CourseResult(
        asn_id=learner.asn_id,
        username=learner.username,
        course_key=course.course_key,
        course_name=course.name,
        jp=course.jp,
        jp_source=course.jp_source,
        channel=course.channel,
        percent=grade.percent if grade else None,
        passed=bool(grade and grade.passed),
        passed_at=grade.passed_at if grade else None,
        passed_at_source=grade.passed_at_source if grade else "",
        completion=completion.percent if completion else None,
        completed_at=completion.completed_at if completion else None,
        completed_at_source=completion.completed_at_source if completion else "",
    )
