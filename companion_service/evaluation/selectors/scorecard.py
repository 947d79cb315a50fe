"""The scorecard of the city (or of an OPD head's OPD) for one year."""

from __future__ import annotations

from django.db.models import Q, Sum

from companion_service.organization.models import Opd

from ..data import OpdRow, PillarResult, Scorecard
from ..definitions import PILLAR_NAMES, PILLARS, TOTAL
from ..models import IdeaFact, IkmFigure, OpdYear, SessionFact, SessionOpdFact, SkillGain
from ..stats import Mean, share
from .common import choose_year, computed_at, ikm_value, opd_filter, scope_ikm, years_available

OPD_SUMS = ("asn_count", "enrolled", "completed", "passed", "trained", "meets_target", "jp_sum", "jp_sq")


def skills(scope, year: int, opd_ids=None) -> list[PillarResult]:
    """Paired pre/post results per pillar in ``year`` for the scope (or ``opd_ids``)."""
    rows = SkillGain.objects.filter(year=year).filter(opd_filter(scope))
    if opd_ids is not None:
        rows = rows.filter(opd_id__in=list(opd_ids))
    sums = {
        row["pillar"]: row
        for row in rows.values("pillar").annotate(
            **{
                name: Sum(name)
                for name in (
                    "pairs",
                    "pre_sum",
                    "pre_sq",
                    "post_sum",
                    "post_sq",
                    "gain_n",
                    "gain_sum",
                    "gain_sq",
                    "at_max",
                )
            }
        )
    }
    result = []
    for pillar in (*PILLARS, TOTAL):
        row = sums.get(pillar)
        if row is None:
            continue
        result.append(
            PillarResult(
                pillar=pillar,
                name=str(PILLAR_NAMES[pillar]),
                pairs=row["pairs"],
                pre=Mean.from_sums(row["pairs"], row["pre_sum"], row["pre_sq"]),
                post=Mean.from_sums(row["pairs"], row["post_sum"], row["post_sq"]),
                gain=Mean.from_sums(row["gain_n"], row["gain_sum"], row["gain_sq"]),
                at_max=row["at_max"],
            )
        )
    return result


def _totals(rows) -> dict:
    totals = dict.fromkeys(OPD_SUMS, 0)
    for row in rows:
        for name in OPD_SUMS:
            totals[name] += getattr(row, name)
    return totals


def scorecard(scope, year=None, weighting: str = "regulation") -> Scorecard:
    years = years_available()
    year = choose_year(year, years)
    opd_rows = list(OpdYear.objects.filter(year=year).filter(opd_filter(scope)).select_related("opd"))
    totals = _totals(opd_rows)
    ikm = scope_ikm(scope, weighting, years=[year])
    quarters = [ikm[(year, q)] for q in range(1, 5) if (year, q) in ikm]
    latest = next((value for value in reversed(quarters) if value.respondents), None)
    ideas = IdeaFact.objects.filter(year=year).filter(opd_filter(scope))
    if scope.sees_all:
        sessions = SessionFact.objects.filter(year=year)
        workshops, attendances = sessions.count(), sessions.aggregate(n=Sum("attended"))["n"] or 0
    else:
        mine = SessionOpdFact.objects.filter(session__year=year).filter(opd_filter(scope))
        workshops = (
            mine.filter(Q(attended__gt=0) | Q(registered__gt=0) | Q(no_show__gt=0))
            .values("session")
            .distinct()
            .count()
        )
        attendances = mine.aggregate(n=Sum("attended"))["n"] or 0
    opd_ikm = {
        figure.opd_id: ikm_value(figure)
        for figure in IkmFigure.objects.filter(level="opd", weighting=weighting, year=year, quarter=0).filter(
            opd_filter(scope)
        )
    }
    opds = [
        OpdRow(
            code=row.opd.code,
            name=row.opd.name,
            asn=row.asn_count,
            completed=share(row.completed, row.asn_count),
            meets_target=share(row.meets_target, row.asn_count),
            trained=share(min(row.trained, row.asn_count), row.asn_count),
            ikm=opd_ikm.get(row.opd_id),
        )
        for row in sorted(opd_rows, key=lambda r: r.opd.name)
    ]
    single = _single_opd(scope)
    return Scorecard(
        year=year,
        years=years,
        weighting=weighting,
        opd_code=single.code if single else None,
        opd_name=single.name if single else None,
        asn_count=totals["asn_count"],
        enrolled=share(totals["enrolled"], totals["asn_count"]),
        completed=share(totals["completed"], totals["asn_count"]),
        passed=share(totals["passed"], totals["asn_count"]),
        meets_target=share(totals["meets_target"], totals["asn_count"]),
        jp_mean=Mean.census_from_sums(totals["asn_count"], totals["jp_sum"], totals["jp_sq"]),
        skills=skills(scope, year),
        ikm_latest=latest,
        ikm_year=ikm.get((year, 0)),
        ikm_quarters=quarters,
        ideas_submitted=ideas.count(),
        ideas_accepted=ideas.filter(state__in=("accepted", "implemented")).count(),
        ideas_implemented=ideas.filter(state="implemented").count(),
        workshops=workshops,
        attendances=attendances,
        opds=opds,
        computed_at=computed_at(),
    )


def _single_opd(scope):
    """The OPD an OPD head leads (the top of their scope), for headings."""
    if not scope.is_opd:
        return None
    opds = list(Opd.objects.filter(id__in=scope.opd_ids))
    ids = {opd.id for opd in opds}
    tops = [opd for opd in opds if opd.parent_id not in ids]
    return tops[0] if len(tops) == 1 else None
