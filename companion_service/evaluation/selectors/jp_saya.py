"""An ASN's "JP saya": their JP of the year against the 20-JP target, by channel, each record, the
years before, and courses suggested from the gaps of their last assessment.

It counts what the ledger counts (``refresh.training``): LMS courses passed or completed and partner
workshops attended, from the ledger's learning records, and approved outside trainings, read live
from the learning app so an approval shows at once. Records waiting, rejected or withdrawn are listed
with their status and do not count. It lives with the ledger (the learning app records trainings;
evaluation reads them), so the two apps depend one way only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companion_service.learning.data import MyRecord, Suggestion
from companion_service.learning.models import CourseFocus, OutsideTraining
from companion_service.openedx_sync.models import AssessmentAttempt, Course

from ..definitions import PILLAR_NAMES, PILLARS, TARGET_JP
from ..models import LearningRecord, RecordKind
from .opd import channel_label

# The assessment block's gap line (xblocks/digital_skills/scoring.py GAP_BELOW): a pillar scored
# below 60 of 100 is a gap. The two halves never import each other; the plugin API's reference
# (docs/reference/plugin-api-v1.rst) gives the 0-100 scale.
GAP_BELOW = 60.0
MAX_SUGGESTIONS = 5

SOURCE_LABELS = {
    RecordKind.COURSE: _("LMS course"),
    RecordKind.WORKSHOP: _("Partner workshop"),
    "outside": _("Outside the LMS"),
}


@dataclass
class YearSummary:
    year: int
    jp: int
    meets_target: bool


@dataclass
class Gap:
    pillar: str
    name: str
    score: float


@dataclass
class MyLearning:
    year: int
    target: int
    jp: int
    shortfall: int
    channels: list[tuple[str, int]]
    records: list[MyRecord]
    years_before: list[YearSummary]
    assessed_at: dt.datetime | None = None
    gaps: list[Gap] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.jp / self.target)) if self.target else 100


def _ledger_records(asn) -> list[MyRecord]:
    rows = LearningRecord.objects.filter(asn=asn).exclude(kind="outside").order_by("-finished_at")
    return [
        MyRecord(
            source=row.kind,
            source_label=str(SOURCE_LABELS.get(row.kind, row.kind)),
            title=row.title,
            provider=row.provider,
            channel=row.channel,
            channel_label=channel_label(row.channel),
            started=timezone.localtime(row.started_at).date() if row.started_at else None,
            finished=timezone.localtime(row.finished_at).date(),
            jp=row.jp,
            status="counted",
            status_label=str(_("Counts")),
            counts=True,
        )
        for row in rows
    ]


def _outside_records(asn) -> list[MyRecord]:
    return [
        MyRecord(
            source="outside",
            source_label=str(SOURCE_LABELS["outside"]),
            title=row.title,
            provider=row.provider,
            channel=row.channel,
            channel_label=channel_label(row.channel),
            started=row.started_on,
            finished=row.finished_on,
            jp=row.jp,
            status=row.status,
            status_label=row.get_status_display(),
            counts=row.counts,
            outside_id=row.pk,
        )
        for row in OutsideTraining.objects.filter(asn=asn)
    ]


def last_gaps(asn) -> tuple[dt.datetime | None, list[Gap]]:
    """The pillars below the gap line in the ASN's last submitted assessment, weakest first."""
    attempt = (
        AssessmentAttempt.objects.filter(learner__asn=asn, submitted_at__isnull=False)
        .order_by("-submitted_at", "-id")
        .first()
    )
    if attempt is None:
        return None, []
    gaps = []
    for pillar, score in (attempt.pillar_scores or {}).items():
        if pillar in PILLARS and isinstance(score, int | float) and score < GAP_BELOW:
            gaps.append(Gap(pillar, str(PILLAR_NAMES[pillar]), float(score)))
    gaps.sort(key=lambda gap: (gap.score, gap.pillar))
    return attempt.submitted_at, gaps


def suggestions(asn, gaps: list[Gap]) -> list[Suggestion]:
    """Courses in the LMS that develop a gap pillar, not yet finished, for the weakest gap first."""
    if not gaps:
        return []
    finished = set(
        LearningRecord.objects.filter(asn=asn, kind=RecordKind.COURSE).values_list("source_id", flat=True)
    )
    order = {gap.pillar: position for position, gap in enumerate(gaps)}
    found = []
    for focus in CourseFocus.objects.select_related("course__connection").filter(
        course__in_lms=True, course__hidden=False
    ):
        wanted = tuple(p for p in focus.pillars if p in order)
        if not wanted or focus.course_id in finished:
            continue
        course: Course = focus.course
        url = f"{course.connection.base_url.rstrip('/')}/courses/{course.course_key}/about"
        found.append((min(order[p] for p in wanted), course.name, Suggestion(course.name, url, wanted)))
    found.sort(key=lambda item: (item[0], item[1]))
    return [item[2] for item in found[:MAX_SUGGESTIONS]]


def my_learning(asn, year: int | None = None) -> MyLearning:
    year = year or timezone.localdate().year
    records = sorted(
        _ledger_records(asn) + _outside_records(asn), key=lambda r: (r.finished, r.title), reverse=True
    )
    this_year = [r for r in records if r.finished.year == year]
    by_channel: dict[str, int] = defaultdict(int)
    by_year: dict[int, int] = defaultdict(int)
    for item in records:
        if item.counts:
            by_year[item.finished.year] += item.jp
            if item.finished.year == year:
                by_channel[item.channel] += item.jp
    jp = by_year.get(year, 0)
    assessed_at, gaps = last_gaps(asn)
    return MyLearning(
        year=year,
        target=TARGET_JP,
        jp=jp,
        shortfall=max(TARGET_JP - jp, 0),
        channels=sorted(((channel_label(c), n) for c, n in by_channel.items()), key=lambda x: -x[1]),
        records=this_year,
        years_before=[
            YearSummary(y, by_year[y], by_year[y] >= TARGET_JP)
            for y in sorted(by_year, reverse=True)
            if y < year
        ],
        assessed_at=assessed_at,
        gaps=gaps,
        suggestions=suggestions(asn, gaps),
    )


__all__ = ["MyLearning", "last_gaps", "my_learning", "suggestions"]
