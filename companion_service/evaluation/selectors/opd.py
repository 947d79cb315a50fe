"""One OPD in depth: coverage and JP of its ASN, skills, IKM per quarter (its own and its units'),
the quarters its staff were trained, and each unsur before and after the OPD crossed the threshold."""

from __future__ import annotations

from collections import defaultdict

from companion_service.openedx_sync.api import LearningChannel
from companion_service.organization.models import Opd, ServiceUnit
from companion_service.skm.api import UNSUR_CODES
from companion_service.skm.questionnaire import unsur as unsur_info

from ..data import OpdDetail, QuarterShare, UnitTimeline, UnsurBeforeAfter
from ..definitions import JP_BUCKETS, quarter_index, quarter_key, quarter_of_index
from ..models import IkmFigure, OpdQuarterTraining, OpdYear, OpdYearChannel, UnitQuarterSkm
from ..refresh.satisfaction import COUNT_FIELDS, SUM_FIELDS
from ..stats import MIN_CELL, Mean, share
from .common import NotAllowed, choose_year, ikm_value, years_available
from .scorecard import skills


def opd_for(scope, code: str) -> Opd:
    """The OPD ``code`` if the scope may read it; ``NotAllowed`` otherwise (also when unknown)."""
    opd = Opd.objects.filter(code=code).first()
    if opd is None or not scope.allows_opd(opd.id):
        raise NotAllowed(code)
    return opd


def readable_opds(scope):
    """The OPDs a scope may open, by name (those with ASN or service units)."""
    opds = (
        Opd.objects.all()
        if scope.sees_all
        else Opd.objects.filter(id__in=scope.opd_ids if scope.is_opd else [])
    )
    return opds.order_by("name")


def channel_label(channel: str) -> str:
    try:
        return str(LearningChannel(channel).label)
    except ValueError:
        return channel


def before_after(opd_ids, trained_from: int | None, window: int):
    """U1-U9 converted scores of the OPD's units pooled over the windows around ``trained_from``."""
    if trained_from is None:
        return [], [], []
    before = range(trained_from - window, trained_from)
    after = range(trained_from + 1, trained_from + 1 + window)
    sums = {"before": [[0, 0] for _ in UNSUR_CODES], "after": [[0, 0] for _ in UNSUR_CODES]}
    respondents = {"before": 0, "after": 0}
    for row in UnitQuarterSkm.objects.filter(opd_id__in=list(opd_ids)).values(
        "year", "quarter", "respondents", *SUM_FIELDS, *COUNT_FIELDS
    ):
        index = quarter_index(row["year"], row["quarter"])
        side = "before" if index in before else "after" if index in after else None
        if side is None:
            continue
        respondents[side] += row["respondents"]
        for position, (s, c) in enumerate(zip(SUM_FIELDS, COUNT_FIELDS, strict=True)):
            sums[side][position][0] += row[s]
            sums[side][position][1] += row[c]

    def converted(side, position):
        total, count = sums[side][position]
        if respondents[side] < MIN_CELL or not count:
            return None
        return round(total / count * 25, 2)

    rows = [
        UnsurBeforeAfter(
            code=code,
            name=str(unsur_info(code).name),
            before=converted("before", position),
            after=converted("after", position),
            n_before=respondents["before"],
            n_after=respondents["after"],
        )
        for position, code in enumerate(UNSUR_CODES)
    ]
    return rows, [quarter_key(i) for i in before], [quarter_key(i) for i in after]


def opd_detail(scope, code: str, year=None, weighting="regulation", threshold=0.5, window=2) -> OpdDetail:
    opd = opd_for(scope, code)
    years = years_available()
    year = choose_year(year, years)
    row = OpdYear.objects.filter(opd=opd, year=year).first()
    count = row.asn_count if row else 0
    figures = IkmFigure.objects.filter(opd=opd, weighting=weighting, quarter__gt=0).order_by(
        "year", "quarter"
    )
    opd_quarters = [ikm_value(f) for f in figures if f.level == "opd"]
    unit_names = dict(ServiceUnit.objects.filter(opd=opd).values_list("id", "name"))
    unit_codes = dict(ServiceUnit.objects.filter(opd=opd).values_list("id", "code"))
    by_unit = defaultdict(list)
    for figure in figures:
        if figure.level == "unit":
            by_unit[figure.unit_id].append(ikm_value(figure))
    units = [
        UnitTimeline(code=unit_codes[unit_id], name=unit_names[unit_id], quarters=values)
        for unit_id, values in sorted(by_unit.items(), key=lambda item: unit_names.get(item[0], ""))
    ]
    shares, trained_from = [], None
    for quarter in OpdQuarterTraining.objects.filter(opd=opd).order_by("year", "quarter"):
        trained_share = quarter.trained / quarter.asn_count if quarter.asn_count else None
        index = quarter_index(quarter.year, quarter.quarter)
        if trained_from is None and trained_share is not None and trained_share >= threshold - 1e-9:
            trained_from = index
        shares.append(
            QuarterShare(
                period=quarter_key(index),
                trained=quarter.trained,
                asn=quarter.asn_count,
                newly_trained=quarter.newly_trained,
                share=trained_share,
            )
        )
    unsur_rows, before_periods, after_periods = before_after([opd.id], trained_from, window)
    channels = [
        (item.channel, channel_label(item.channel), item.jp, item.asn_count)
        for item in OpdYearChannel.objects.filter(opd=opd, year=year).order_by("-jp")
    ]
    return OpdDetail(
        code=opd.code,
        name=opd.name,
        year=year,
        years=years,
        weighting=weighting,
        threshold=threshold,
        window=window,
        asn_count=count,
        enrolled=share(row.enrolled if row else 0, count),
        completed=share(row.completed if row else 0, count),
        passed=share(row.passed if row else 0, count),
        meets_target=share(row.meets_target if row else 0, count),
        jp_mean=Mean.census_from_sums(count, row.jp_sum if row else 0, row.jp_sq if row else 0),
        jp_buckets=[(key, str(label), getattr(row, key) if row else 0) for key, label in JP_BUCKETS],
        jp_channels=channels,
        skills=skills(scope, year, opd_ids=[opd.id]),
        ikm_quarters=opd_quarters,
        units=units,
        shares=shares,
        trained_from=quarter_key(trained_from) if trained_from is not None else None,
        before_after=unsur_rows,
        before_periods=before_periods,
        after_periods=after_periods,
    )


__all__ = ["NotAllowed", "opd_detail", "opd_for", "quarter_of_index", "readable_opds"]
