"""Training aggregates: learning records (courses completed or passed, workshops attended), when
each ASN completed the programme, JP per ASN and year, and per OPD by year, channel and quarter.

Definitions (the methodology page states them for readers):

- a course is *finished* by an ASN on the date the sync credits it: the pass date while the grade
  still passes, otherwise the date completion reached 100% (``CourseResult.credited_at``);
- a workshop is finished when attended (the LMS's check-in, else the session's start);
- a training outside the LMS counts once a verifier approved it, in the year of its last day, with
  the JP the verifier approved (``companion_service.learning``);
- JP of a year: the JP of courses finished that year, the JP credited for workshops attended and the
  JP of approved trainings outside the LMS;
- the *programme*: the courses chosen in ``Programme`` (or every course with JP); an ASN is trained
  from the date they finished one of them (rule ``any``) or the last of them (rule ``all``);
- enrolled in a year: an enrollment in a programme course dated that year (the LMS's date, else the
  first sync that saw it), or a programme course finished that year; passed: a programme course
  passed that year.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, ExtractQuarter, ExtractYear, Least
from django.utils import timezone

from companion_service.learning.models import OutsideTraining
from companion_service.learning.models import Status as OutsideStatus
from companion_service.openedx_sync.api import jp_source_sql
from companion_service.openedx_sync.models import (
    Completion,
    Course,
    Enrollment,
    Grade,
    Learner,
    WorkshopAttendance,
    WorkshopSession,
)
from companion_service.roster.models import Asn

from ..definitions import TARGET_JP, quarter_index, quarter_of_index
from ..models import (
    AsnTraining,
    AsnYear,
    LearningRecord,
    OpdQuarterTraining,
    OpdYear,
    OpdYearChannel,
    Programme,
    ProgrammeRule,
    RecordKind,
)
from .sql import bulk_insert, insert_from, insert_rows

WORKSHOP_JP = "workshop"  # the JP a partner session credits its attendees (LAN's rule, ADR 0030)
OUTSIDE_JP = "outside"  # the JP of a training outside the LMS, as a verifier approved them (ADR 0142)
RECORD_COLUMNS = [
    "asn",
    "opd",
    "kind",
    "source_id",
    "title",
    "provider",
    "channel",
    "jp",
    "jp_source",
    "in_programme",
    "started_at",
    "finished_at",
    "date_source",
    "year",
    "certificate_number",
]


def programme() -> tuple[Programme, list[int] | None]:
    """The programme and its chosen course ids (``None``: every course with JP)."""
    current = Programme.objects.first() or Programme.objects.create()
    ids = list(current.courses.values_list("id", flat=True))
    return current, (ids or None)


def programme_q(course_ids: list[int] | None, prefix: str = "course") -> Q:
    """Rows (of a model with a ``course`` field at ``prefix``) whose course is in the programme."""
    if course_ids is None:
        return Q(**{f"{prefix}__jp__gt": 0})
    return Q(**{f"{prefix}_id__in": course_ids})


def _flag(q: Q):
    """True or false (never NULL, as a bare condition on a NULL column would be)."""
    return Case(When(q, then=Value(True)), default=Value(False), output_field=BooleanField())


def _course_records(course_ids, asns=None, pairs=None):
    """Grades and completions of linked learners, one row per finished course (for the incremental
    refresh: of the ASN ids ``asns`` only, or of the (ASN, course) rows of ``pairs`` only)."""
    completion = Completion.objects.filter(course=OuterRef("course"), learner=OuterRef("learner"))
    enrollment = Enrollment.objects.filter(course=OuterRef("course"), learner=OuterRef("learner")).annotate(
        at=Coalesce("enrolled_at", "first_seen")
    )
    passed_now = Q(passed=True, passed_at__isnull=False)
    started = Subquery(enrollment.values("at")[:1])
    common = {
        "x_asn": F("learner__asn_id"),
        "x_opd": F("learner__asn__opd_id"),
        "x_kind": Value(RecordKind.COURSE),
        "x_source": F("course_id"),
        "x_title": F("course__name"),
        "x_provider": F("course__org"),
        "x_channel": F("course__channel"),
        "x_jp": Coalesce(F("course__jp"), Value(0), output_field=IntegerField()),
        "x_jp_source": jp_source_sql("course__"),
        "x_programme": _flag(programme_q(course_ids)),
        "x_started": started,  # never after the course was finished (see ``_values``)
    }
    linked = Q(learner__asn__isnull=False) if asns is None else Q(learner__asn__in=asns)
    if pairs is not None:
        linked = Q(learner__asn__isnull=False) & Q(
            Exists(pairs.filter(asn_id=OuterRef("learner__asn_id"), course_id=OuterRef("course_id")))
        )
    from_grades = (
        Grade.objects.filter(linked)
        .annotate(
            x_finished=Case(
                When(passed_now, then=F("passed_at")),
                default=Subquery(completion.values("completed_at")[:1]),
            )
        )
        .filter(x_finished__isnull=False)
        .annotate(
            x_date_source=Case(
                When(passed_now, then=F("passed_at_source")),
                default=Subquery(completion.values("completed_at_source")[:1]),
            ),
            x_year=ExtractYear("x_finished"),
            x_certificate=F("certificate_number"),
            **common,
        )
    )
    without_grade = ~Exists(Grade.objects.filter(course=OuterRef("course"), learner=OuterRef("learner")))
    from_completions = (
        Completion.objects.filter(linked, completed_at__isnull=False)
        .filter(without_grade)
        .annotate(
            x_finished=F("completed_at"),
            x_date_source=F("completed_at_source"),
            x_year=ExtractYear("completed_at"),
            x_certificate=Value(""),
            **common,
        )
    )
    return from_grades, from_completions


def _workshop_records(asns=None):
    session = WorkshopSession.objects.filter(
        connection=OuterRef("connection"), remote_id=OuterRef("session_remote_id")
    )
    linked = Q(learner__asn__isnull=False) if asns is None else Q(learner__asn__in=asns)
    return (
        # Only JP the LMS has credited: not while the session runs or its attendance may still change.
        WorkshopAttendance.objects.filter(linked, status="attended")
        .exclude(jp_status="pending")
        .filter(Exists(session))
        .annotate(
            x_session_kind=Subquery(session.values("kind")[:1]),
            x_finished=Coalesce("attended_at", Subquery(session.values("starts_at")[:1]), "lms_modified"),
        )
        .annotate(
            x_asn=F("learner__asn_id"),
            x_opd=F("learner__asn__opd_id"),
            x_kind=Value(RecordKind.WORKSHOP),
            x_source=Subquery(session.values("pk")[:1]),
            x_title=Subquery(session.values("title")[:1]),
            x_provider=Subquery(session.values("partner_name")[:1]),
            x_channel=Case(When(x_session_kind="seminar", then=Value("seminar")), default=Value("workshop")),
            x_jp=F("jp_credited"),
            x_jp_source=Value(WORKSHOP_JP),
            x_programme=Value(False),
            x_started=Subquery(session.values("starts_at")[:1]),
            x_date_source=Value("attendance"),
            x_year=ExtractYear("x_finished"),
            x_certificate=Value(""),
        )
    )


def _outside_records(asns=None):
    """Trainings outside the LMS a verifier approved, dated by their first and last day (of the ASN
    ids ``asns`` only, for the incremental refresh)."""
    approved = OutsideTraining.objects.filter(status=OutsideStatus.APPROVED)
    if asns is not None:
        approved = approved.filter(asn__in=asns)
    return approved.annotate(
        x_asn=F("asn_id"),
        x_opd=F("asn__opd_id"),
        x_kind=Value(RecordKind.OUTSIDE),
        x_source=F("pk"),
        x_title=F("title"),
        x_provider=F("provider"),
        x_channel=F("channel"),
        x_jp=F("jp"),
        x_jp_source=Value(OUTSIDE_JP),
        x_programme=Value(False),
        x_started=Cast("started_on", DateTimeField()),
        x_finished=Cast("finished_on", DateTimeField()),
        x_date_source=Value("outside"),
        x_year=ExtractYear("finished_on"),
        x_certificate=F("certificate_number"),
    )


def _values(queryset):
    queryset = queryset.annotate(x_began=Least(Coalesce("x_started", "x_finished"), "x_finished"))
    return queryset.values_list(
        "x_asn",
        "x_opd",
        "x_kind",
        "x_source",
        "x_title",
        "x_provider",
        "x_channel",
        "x_jp",
        "x_jp_source",
        "x_programme",
        "x_began",
        "x_finished",
        "x_date_source",
        "x_year",
        "x_certificate",
    )


def learning_records(course_ids, asns=None, pairs=None) -> int:
    """Every learning record (of ``asns`` only when given); with ``pairs`` (a queryset of
    ``RefreshPair``), only the course records of those (ASN, course)."""
    written = 0
    querysets = (
        _course_records(course_ids, pairs=pairs)
        if pairs is not None
        else (
            *_course_records(course_ids, asns),
            _workshop_records(asns),
            _outside_records(asns),
        )
    )
    for queryset in querysets:
        written += insert_from(LearningRecord, RECORD_COLUMNS, _values(queryset))
    return written


def asn_training(current: Programme, course_ids, asns=None) -> int:
    """When each ASN completed the programme (first programme course, or the last of all of them)."""
    records = LearningRecord.objects.filter(in_programme=True, kind=RecordKind.COURSE)
    if asns is not None:
        records = records.filter(asn__in=asns)
    records = records.values("asn_id")
    if current.rule == ProgrammeRule.ALL:
        needed = len(course_ids) if course_ids is not None else Course.objects.filter(jp__gt=0).count()
        records = records.annotate(x_courses=Count("source_id", distinct=True)).filter(
            x_courses__gte=max(needed, 1)
        )
        moment = Max("finished_at")
    else:
        moment = Min("finished_at")
    rows = records.annotate(
        x_opd=Max("opd_id"), x_at=moment, x_year=ExtractYear(moment), x_quarter=ExtractQuarter(moment)
    ).values_list("asn_id", "x_opd", "x_at", "x_year", "x_quarter")
    return insert_from(AsnTraining, ["asn", "opd", "trained_at", "year", "quarter"], rows)


def quarter_range(first_indexes) -> range:
    """From the earliest quarter with data to the current quarter (WIB)."""
    today = timezone.localdate()
    now = quarter_index(today.year, (today.month - 1) // 3 + 1)
    found = [index for index in first_indexes if index is not None]
    start = min(found) if found else now
    return range(min(start, now), max(now, max(found, default=now)) + 1)


def quarter_span(extra_first_quarter: int | None) -> range:
    """The quarters ``opd_quarters`` writes: from the first with a trained ASN or survey answers."""
    first = (
        AsnTraining.objects.filter(asn__is_active=True)
        .order_by("year", "quarter")
        .values_list("year", "quarter")
        .first()
    )
    return quarter_range([quarter_index(*first) if first else None, extra_first_quarter])


def opd_quarters(extra_first_quarter: int | None, opds=None, span: range | None = None) -> int:
    """Per OPD and quarter: active ASN and the cumulative number trained by the quarter's end (of the
    OPD ids ``opds`` only, when given; ``span``: ``quarter_span``'s answer when already known)."""
    in_opds = Q() if opds is None else Q(opd_id__in=opds)
    active = dict(
        Asn.objects.filter(in_opds, is_active=True)
        .values("opd_id")
        .annotate(n=Count("id"))
        .values_list("opd_id", "n")
    )
    newly = defaultdict(int)
    for opd_id, year, quarter, n in (
        AsnTraining.objects.filter(in_opds, asn__is_active=True)
        .values("opd_id", "year", "quarter")
        .annotate(n=Count("id"))
        .values_list("opd_id", "year", "quarter", "n")
    ):
        newly[(opd_id, quarter_index(year, quarter))] += n
    span = span or quarter_span(extra_first_quarter)
    rows = []
    for opd_id, count in active.items():
        trained = sum(n for (opd, index), n in newly.items() if opd == opd_id and index < span.start)
        for index in span:
            added = newly.get((opd_id, index), 0)
            trained += added
            year, quarter = quarter_of_index(index)
            rows.append(
                OpdQuarterTraining(
                    opd_id=opd_id,
                    year=year,
                    quarter=quarter,
                    asn_count=count,
                    trained=trained,
                    newly_trained=added,
                )
            )
    bulk_insert(rows)
    return len(rows)


def enrollment_date():
    """When an enrollment began: the LMS's date; without one (grade reports, older APIs), the first
    sync that saw it, or the day the ASN finished the course if that was earlier (a report of past
    quarters imported today must not date last year's enrollments today)."""
    finished = LearningRecord.objects.filter(
        asn=OuterRef("learner__asn"), kind=RecordKind.COURSE, source_id=OuterRef("course_id")
    ).values("finished_at")[:1]
    return Coalesce("enrolled_at", Least("first_seen", Coalesce(Subquery(finished), "first_seen")))


def asn_years(years, course_ids, asns=None) -> int:
    """One row per active ASN and year: JP, the 20-JP target, enrolled, completed, passed (for the
    ASN ids ``asns`` only, when given).

    Four grouped reads for all the years at once (JP and programme courses finished per ASN and
    year; programme grades passed and programme enrollments dated per ASN and year), joined here
    and copied in (ADR 0134): each table is read once, not once per year and flag.
    """
    years = sorted(years)
    if not years:
        return 0
    people = Asn.objects.filter(is_active=True)
    records = LearningRecord.objects.filter(year__in=years)
    # Restricted to the learners of the ASN in scope: the planner starts from the scope (learner by
    # ASN, then enrollments and grades by learner), never reading every enrollment.
    learners = Q(learner__asn__isnull=False)
    if asns is not None:
        people = people.filter(pk__in=asns)
        records = records.filter(asn__in=asns)
        learners = Q(learner__in=Subquery(Learner.objects.filter(asn__in=asns).order_by().values("pk")))
    jp = {
        (asn, year): total
        for asn, year, total in records.values("asn_id", "year")
        .annotate(total=Sum("jp"))
        .values_list("asn_id", "year", "total")
    }
    completed = set(records.filter(in_programme=True).values_list("asn_id", "year").distinct())
    start = timezone.make_aware(dt.datetime(years[0], 1, 1))
    end = timezone.make_aware(dt.datetime(years[-1] + 1, 1, 1))
    passed = set(
        Grade.objects.filter(
            programme_q(course_ids), learners, passed=True, passed_at__gte=start, passed_at__lt=end
        )
        .annotate(x_year=ExtractYear("passed_at"))
        .values_list("learner__asn_id", "x_year")
        .distinct()
    )
    enrolled = set(
        Enrollment.objects.filter(programme_q(course_ids), learners)
        .annotate(at=enrollment_date())
        .filter(at__gte=start, at__lt=end)
        .annotate(x_year=ExtractYear("at"))
        .values_list("learner__asn_id", "x_year")
        .distinct()
    )

    # Read whole before the COPY starts (a connection runs one statement at a time).
    people = list(people.values_list("pk", "opd_id", "opd__name", "name"))

    def rows():
        for pk, opd_id, opd_name, name in people:
            for year in years:
                key = (pk, year)
                total = jp.get(key) or 0
                done = key in completed
                yield (
                    pk,
                    opd_id,
                    year,
                    opd_name,
                    name,
                    total,
                    total >= TARGET_JP,
                    done or key in enrolled,
                    done,
                    key in passed,
                )

    return insert_rows(AsnYear, ASN_YEAR_COLUMNS, rows())


ASN_YEAR_COLUMNS = [
    "asn",
    "opd",
    "year",
    "opd_name",
    "asn_name",
    "jp_total",
    "meets_target",
    "enrolled",
    "completed",
    "passed",
]


def _count(q: Q):
    return Count("id", filter=q)


def opd_years(opds=None) -> int:
    """Per OPD and year from the ASN rows; ``trained`` from the quarters (cumulative at year end)."""
    in_opds = Q() if opds is None else Q(opd_id__in=opds)
    rows = (
        AsnYear.objects.filter(in_opds)
        .values("opd_id", "year")
        .annotate(
            x_asn=Count("id"),
            x_enrolled=_count(Q(enrolled=True)),
            x_completed=_count(Q(completed=True)),
            x_passed=_count(Q(passed=True)),
            x_trained=Value(0),
            x_meets=_count(Q(meets_target=True)),
            x_jp_sum=Sum("jp_total"),
            x_jp_sq=Sum(F("jp_total") * F("jp_total")),
            x_0=_count(Q(jp_total=0)),
            x_1_9=_count(Q(jp_total__gte=1, jp_total__lte=9)),
            x_10_19=_count(Q(jp_total__gte=10, jp_total__lte=19)),
            x_20_39=_count(Q(jp_total__gte=20, jp_total__lte=39)),
            x_40=_count(Q(jp_total__gte=40)),
        )
        .values_list(
            "opd_id",
            "year",
            "x_asn",
            "x_enrolled",
            "x_completed",
            "x_passed",
            "x_trained",
            "x_meets",
            "x_jp_sum",
            "x_jp_sq",
            "x_0",
            "x_1_9",
            "x_10_19",
            "x_20_39",
            "x_40",
        )
    )
    written = insert_from(
        OpdYear,
        [
            "opd",
            "year",
            "asn_count",
            "enrolled",
            "completed",
            "passed",
            "trained",
            "meets_target",
            "jp_sum",
            "jp_sq",
            "jp_0",
            "jp_1_9",
            "jp_10_19",
            "jp_20_39",
            "jp_40",
        ],
        rows,
    )
    latest = OpdQuarterTraining.objects.filter(opd=OuterRef("opd"), year=OuterRef("year")).order_by(
        "-quarter"
    )
    OpdYear.objects.filter(in_opds).update(trained=Coalesce(Subquery(latest.values("trained")[:1]), Value(0)))
    return written


def opd_channels(opds=None) -> int:
    rows = (
        LearningRecord.objects.filter(
            Q() if opds is None else Q(opd_id__in=opds), asn__is_active=True, jp__gt=0
        )
        .values("opd_id", "year", "channel")
        .annotate(x_jp=Coalesce(Sum("jp"), Value(0)), x_asn=Count("asn_id", distinct=True))
        .values_list("opd_id", "year", "channel", "x_jp", "x_asn")
    )
    return insert_from(OpdYearChannel, ["opd", "year", "channel", "jp", "asn_count"], rows)
