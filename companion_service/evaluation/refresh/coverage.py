"""What the data covers and what the evaluation left out (and why), for the data-coverage page."""

from __future__ import annotations

from django.db.models import Count, Exists, F, Max, OuterRef, Q, Sum

from companion_service.openedx_sync.models import (
    AssessmentAttempt,
    Completion,
    Enrollment,
    Grade,
    Learner,
    LinkMethod,
    LmsConnection,
    SyncRun,
    WorkshopAttendance,
)
from companion_service.roster.models import Asn
from companion_service.skm.models import ImportBatch, ImportStatus, ResponseSource, SurveyResponse

from ..definitions import TOTAL
from ..models import Exclusion, IdeaFact, LearningRecord, SkillPair, UnitQuarterSkm


def _iso(value):
    return value.isoformat() if value else None


def snapshot() -> dict:
    """Last sync per LMS, last grade report, roster and SKM imports, and how many are linked."""
    runs = []
    for connection in LmsConnection.objects.order_by("name"):
        run = SyncRun.objects.filter(connection=connection).order_by("-started").first()
        runs.append(
            {
                "lms": connection.name,
                "status": run.status if run else None,
                "started": _iso(run.started) if run else None,
                "finished": _iso(run.finished) if run else None,
                "unmatched_learners": run.unmatched_learners if run else None,
                "errors": len(run.errors) if run else 0,
            }
        )
    grade_reports = Grade.objects.filter(source=Grade.Source.GRADE_REPORT).aggregate(
        last=Max("modified"), courses=Count("course", distinct=True)
    )
    active = Asn.objects.filter(is_active=True)
    linked = Exists(Learner.objects.filter(asn=OuterRef("pk")))
    per_opd = {
        str(row["opd_id"]): [row["active"], row["linked"]]
        for row in active.annotate(is_linked=linked)
        .values("opd_id")
        .annotate(active=Count("id"), linked=Count("id", filter=Q(is_linked=True)))
    }
    skm_import = ImportBatch.objects.filter(status=ImportStatus.COMMITTED).aggregate(last=Max("committed_at"))
    form = SurveyResponse.objects.filter(source=ResponseSource.FORM).aggregate(last=Max("submitted_at"))
    learners = Learner.objects.filter(Exists(Enrollment.objects.filter(learner=OuterRef("pk"))))
    return {
        "sync": runs,
        "grade_reports": {"last": _iso(grade_reports["last"]), "courses": grade_reports["courses"]},
        "roster": {
            "last_change": _iso(Asn.objects.aggregate(last=Max("modified"))["last"]),
            "active": active.count(),
            "linked": sum(values[1] for values in per_opd.values()),
        },
        "opds": per_opd,
        "skm": {
            "last_import": _iso(skm_import["last"]),
            "last_form_response": _iso(form["last"]),
            "responses": UnitQuarterSkm.objects.aggregate(n=Sum("respondents"))["n"] or 0,
        },
        "learners": {
            "with_enrollments": learners.count(),
            "not_linked": learners.filter(asn__isnull=True).exclude(link_method=LinkMethod.MANUAL).count(),
            "marked_not_asn": learners.filter(asn__isnull=True, link_method=LinkMethod.MANUAL).count(),
        },
    }


def exclusions() -> int:
    """Count what was left out, by source, reason and (where known) OPD."""
    rows: list[Exclusion] = []

    def add(source, reason, count, opd_id=None):
        if count:
            rows.append(Exclusion(source=source, reason=reason, count=count, opd_id=opd_id))

    unlinked = Q(learner__asn__isnull=True)
    add(
        "courses",
        "finished_by_unlinked_learner",
        Grade.objects.filter(unlinked, passed=True).count()
        + Completion.objects.filter(unlinked, completed_at__isnull=False)
        .exclude(
            Exists(Grade.objects.filter(course=OuterRef("course"), learner=OuterRef("learner"), passed=True))
        )
        .count(),
    )
    for opd_id, n in _by_opd(LearningRecord.objects.filter(kind="course", jp=0)):
        add("courses", "course_without_jp", n, opd_id)
    for opd_id, n in _by_opd(LearningRecord.objects.filter(asn__is_active=False)):
        add("records", "asn_not_in_service", n, opd_id)
    for opd_id, n in _by_opd(SkillPair.objects.filter(pillar=TOTAL, pre__isnull=True)):
        add("assessment", "post_without_pre", n, opd_id)
    for opd_id, n in _by_opd(SkillPair.objects.filter(pillar=TOTAL, pre__gte=100)):
        add("assessment", "pre_at_maximum", n, opd_id)
    add(
        "assessment",
        "unlinked_learner",
        AssessmentAttempt.objects.filter(unlinked, mode="post", submitted_at__isnull=False).count(),
    )
    add("ideas", "no_opd", IdeaFact.objects.filter(opd__isnull=True).count())
    add(
        "workshops",
        "unlinked_learner",
        WorkshopAttendance.objects.filter(unlinked, status="attended").count(),
    )
    for opd_id, n in (
        UnitQuarterSkm.objects.values("opd_id")
        .annotate(n=Sum(F("respondents") - F("score_n")))
        .values_list("opd_id", "n")
    ):
        add("skm", "response_without_answers", n or 0, opd_id)
    Exclusion.objects.bulk_create(rows)
    return len(rows)


def _by_opd(queryset):
    return queryset.values("opd_id").annotate(n=Count("id")).values_list("opd_id", "n")
