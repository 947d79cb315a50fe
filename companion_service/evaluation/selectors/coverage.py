"""Data coverage: last sync and imports per source, ASN linked to the LMS, respondents against the
minimum sample per unit and quarter, and the records left out with the reason."""

from __future__ import annotations

from django.db.models import Case, Count, Q, Sum, When
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from companion_service.openedx_sync.api import course_jp

from ..data import Coverage, SampleRow
from ..models import Exclusion, UnitQuarterSkm
from ..stats import rate
from .common import latest_refresh, opd_filter

REASONS = {
    ("courses", "finished_by_unlinked_learner"): _(
        "Courses passed or completed by LMS learners not linked to an ASN of the roster (not counted)."
    ),
    ("courses", "course_without_jp"): _(
        "Courses finished whose course has no JP yet (no JP credited until BKPSDM sets them; "
        "see the courses)."
    ),
    ("records", "asn_not_in_service"): _("Learning of ASN no longer in service (left out of the ledger)."),
    ("assessment", "post_without_pre"): _("Post-tests without a pre-test before them (no gain computed)."),
    ("assessment", "pre_at_maximum"): _("Pairs whose pre-test was already 100 (normalised gain undefined)."),
    ("assessment", "unlinked_learner"): _("Post-tests by LMS learners not linked to an ASN."),
    ("ideas", "no_opd"): _("Ideas naming no known OPD and whose author is not linked (no OPD)."),
    ("workshops", "unlinked_learner"): _("Workshop attendance of LMS learners not linked to an ASN."),
    ("skm", "response_without_answers"): _("Survey responses with no unsur answered (not in any IKM)."),
}


TIME_KEYS = {"started", "finished", "last", "last_change", "last_import", "last_form_response"}


def _times(value):
    """The snapshot with its ISO times read back as datetimes (shown in WIB)."""
    if isinstance(value, dict):
        return {
            k: (parse_datetime(v) if k in TIME_KEYS and isinstance(v, str) else _times(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_times(item) for item in value]
    return value


def coverage(scope, sample_limit: int | None = None) -> Coverage:
    """What the figures rest on; ``sample_limit`` lists only the first unit quarters (short ones
    first, then those without a number of service users) for a page; downloads take them all."""
    run = latest_refresh()
    snapshot = _times(run.coverage) if run else {}
    rows = UnitQuarterSkm.objects.filter(opd_filter(scope))
    counts = rows.aggregate(
        total=Count("id"),
        short=Count("id", filter=Q(sample_met=False)),
        unknown=Count("id", filter=Q(sample_met__isnull=True)),
        respondents=Sum("respondents"),
    )
    flag_order = Case(When(sample_met=False, then=0), When(sample_met__isnull=True, then=1), default=2)
    listed = rows.select_related("unit", "opd").order_by(
        flag_order, "opd__name", "unit__name", "year", "quarter"
    )
    if sample_limit is not None:
        listed = listed[:sample_limit]
    samples = [
        SampleRow(
            unit_code=row.unit.code,
            unit_name=row.unit.name,
            opd_code=row.opd.code,
            period=f"{row.year}-Q{row.quarter}",
            respondents=row.respondents,
            population=row.population,
            required=row.required,
            met=row.sample_met,
        )
        for row in listed
    ]
    exclusions = (
        Exclusion.objects.filter(opd_filter(scope)) if not scope.sees_all else Exclusion.objects.all()
    )
    totals: dict[tuple[str, str], int] = {}
    for item in exclusions:
        totals[(item.source, item.reason)] = totals.get((item.source, item.reason), 0) + item.count
    per_opd = snapshot.get("opds", {})
    if scope.sees_all:
        active = sum(values[0] for values in per_opd.values())
        linked = sum(values[1] for values in per_opd.values())
        sources = {key: value for key, value in snapshot.items() if key != "opds"}
    else:
        mine = [per_opd.get(str(opd_id), [0, 0]) for opd_id in scope.opd_ids]
        active, linked = sum(v[0] for v in mine), sum(v[1] for v in mine)
        sources = {"skm": {"responses": counts["respondents"] or 0}}
    return Coverage(
        computed_at=run.finished.isoformat() if run and run.finished else None,
        refresh_seconds=run.seconds if run else None,
        refresh_trigger=run.trigger if run else None,
        sources=sources,
        linked=rate(linked, active),
        asn_active=active,
        samples=samples,
        samples_total=counts["total"],
        samples_short=counts["short"],
        samples_unknown=counts["unknown"],
        exclusions=[
            (source, reason, str(REASONS.get((source, reason), reason)), count)
            for (source, reason), count in sorted(totals.items())
        ],
        sees_all=scope.sees_all,
        courses=course_jp(),
    )
