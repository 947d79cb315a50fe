"""Helpers the selectors share: years, filters, IKM values, pooled tallies, shares trained."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from companion_service.skm.api import Period, PeriodKind, Weighting

from ..data import IkmValue
from ..definitions import MAXIMUM_THRESHOLD, MAXIMUM_WINDOW, MINIMUM_THRESHOLD, MINIMUM_WINDOW, quarter_index
from ..models import (
    AsnTraining,
    IkmFigure,
    OpdQuarterTraining,
    OpdYear,
    Programme,
    RefreshRun,
    RefreshStatus,
    UnitQuarterSkm,
)
from ..refresh.satisfaction import COUNT_FIELDS, SUM_FIELDS, Pool, figure_values
from ..stats import MIN_CELL


class NotAllowed(LookupError):
    """The scope may not read this (pages answer 404: whether it exists is not revealed)."""


def years_available() -> list[int]:
    years = set(OpdYear.objects.values_list("year", flat=True).distinct())
    years |= set(IkmFigure.objects.values_list("year", flat=True).distinct())
    return sorted(years, reverse=True)


def choose_year(requested, years: list[int]) -> int:
    """The requested year when it is a year with figures, else this year (or the newest with figures)."""
    try:
        year = int(requested)
    except (TypeError, ValueError):
        year = None
    if year in years:
        return year
    today = timezone.localdate().year
    return today if today in years or not years else years[0]


def choose_weighting(requested) -> str:
    try:
        return Weighting(requested).value
    except ValueError:
        from companion_service.skm.conf import default_weighting

        return default_weighting()


def programme_defaults() -> tuple[float, int]:
    programme = Programme.objects.first()
    if programme is None:
        return 0.5, 2
    return float(programme.default_threshold), programme.default_window


def choose_threshold(requested) -> float:
    """A share between 0.05 and 0.95; ``50`` or ``50%`` read as 0.5; anything else: the default."""
    text = str(requested or "").strip().rstrip("%")
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return programme_defaults()[0]
    if value > 1:
        value /= 100
    if not MINIMUM_THRESHOLD <= value <= MAXIMUM_THRESHOLD:
        return programme_defaults()[0]
    return round(value, 4)


def choose_window(requested) -> int:
    try:
        value = int(requested)
    except (TypeError, ValueError):
        return programme_defaults()[1]
    return value if MINIMUM_WINDOW <= value <= MAXIMUM_WINDOW else programme_defaults()[1]


def latest_refresh() -> RefreshRun | None:
    return RefreshRun.objects.filter(status=RefreshStatus.OK).order_by("-started").first()


def computed_at() -> str | None:
    run = latest_refresh()
    return run.finished.isoformat() if run and run.finished else None


def period_label(year: int, quarter: int) -> str:
    if quarter:
        return Period(year, PeriodKind.QUARTER, quarter).label
    return Period(year, PeriodKind.YEAR).label


def period_key(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}" if quarter else str(year)


def ikm_value(figure: IkmFigure) -> IkmValue:
    suppressed = figure.respondents < MIN_CELL
    return IkmValue(
        period=period_key(figure.year, figure.quarter),
        label=period_label(figure.year, figure.quarter),
        respondents=figure.respondents,
        ikm=None if suppressed else figure.ikm,
        grade="" if suppressed else figure.grade,
        unsur={} if suppressed else figure.unsur,
        population=figure.population,
        required=figure.required,
        sample_met=figure.sample_met,
        units_short=figure.units_short,
        units_unknown=figure.units_unknown,
        suppressed=suppressed,
    )


def pooled_value(pool: Pool, year: int, quarter: int, weighting: str) -> IkmValue:
    """The IKM of pooled tallies (several units or OPDs), as the refresh computes each figure."""
    values = figure_values(pool)
    ikm, grade = values["ikm"][weighting]
    suppressed = pool.respondents < MIN_CELL
    return IkmValue(
        period=period_key(year, quarter),
        label=period_label(year, quarter),
        respondents=pool.respondents,
        ikm=None if suppressed else (Decimal(ikm) if ikm is not None else None),
        grade="" if suppressed else grade,
        unsur={} if suppressed else values["unsur"],
        units_short=pool.short,
        units_unknown=pool.unknown,
        suppressed=suppressed,
    )


def scope_ikm(scope, weighting: str, years=None) -> dict[tuple[int, int], IkmValue]:
    """The IKM of everything the scope reads, per (year, quarter) and (year, 0): the city's figures
    for a reader of everything, the scope's units pooled for an OPD head."""
    if scope.sees_all:
        figures = IkmFigure.objects.filter(level="city", weighting=weighting)
        if years is not None:
            figures = figures.filter(year__in=list(years))
        return {(f.year, f.quarter): ikm_value(f) for f in figures}
    rows = scope.filter(UnitQuarterSkm.objects.all())
    if years is not None:
        rows = rows.filter(year__in=list(years))
    pools: dict[tuple[int, int], Pool] = defaultdict(Pool)
    for row in rows.values("year", "quarter", "respondents", "population", *SUM_FIELDS, *COUNT_FIELDS):
        pools[(row["year"], row["quarter"])].add(row)
        pools[(row["year"], 0)].add(row)
    return {key: pooled_value(pool, key[0], key[1], weighting) for key, pool in pools.items()}


def trained_from_by_opd(threshold: float, opd_ids=None) -> dict[int, int | None]:
    """The first quarter (index) in which each OPD's share of ASN trained reached ``threshold``."""
    rows = OpdQuarterTraining.objects.filter(asn_count__gt=0)
    if opd_ids is not None:
        rows = rows.filter(opd_id__in=list(opd_ids))
    found: dict[int, int | None] = {}
    for opd_id, year, quarter, trained, count in rows.order_by("opd_id", "year", "quarter").values_list(
        "opd_id", "year", "quarter", "trained", "asn_count"
    ):
        found.setdefault(opd_id, None)
        if found[opd_id] is None and trained >= threshold * count - 1e-9:
            found[opd_id] = quarter_index(year, quarter)
    return found


LEVELS = ("unit", "opd")


def choose_level(requested) -> str:
    """Where training is assigned: ``unit`` (a service unit's own staff, the default) or ``opd``."""
    return requested if requested in LEVELS else LEVELS[0]


class UnitTraining:
    """Per service unit with active staff in the roster: its staff and how many were trained by the
    end of each quarter (ASN without a service unit in the roster count for no unit)."""

    def __init__(self):
        from companion_service.organization.models import ServiceUnit

        self.staff = dict(
            ServiceUnit.objects.filter(asn__is_active=True).annotate(n=Count("asn")).values_list("id", "n")
        )
        newly = defaultdict(list)
        for unit_id, year, quarter, n in (
            AsnTraining.objects.filter(asn__is_active=True, asn__service_unit__isnull=False)
            .values("asn__service_unit_id", "year", "quarter")
            .annotate(n=Count("id"))
            .values_list("asn__service_unit_id", "year", "quarter", "n")
        ):
            newly[unit_id].append((quarter_index(year, quarter), n))
        self.steps = {unit_id: sorted(steps) for unit_id, steps in newly.items()}

    def share(self, unit_id: int, index: int) -> float:
        """The unit's share of staff trained by the end of quarter ``index``."""
        staff = self.staff.get(unit_id)
        if not staff:
            return 0.0
        return sum(n for at, n in self.steps.get(unit_id, ()) if at <= index) / staff

    def trained_from(self, threshold: float) -> dict[int, int | None]:
        """The first quarter each unit's share of staff trained reached ``threshold``."""
        found = {}
        for unit_id, staff in self.staff.items():
            found[unit_id], trained = None, 0
            for index, n in self.steps.get(unit_id, ()):
                trained += n
                if trained >= threshold * staff - 1e-9:
                    found[unit_id] = index
                    break
        return found


def shares_by_opd(opd_ids=None) -> dict[int, dict[int, float]]:
    """Per OPD, the share of its ASN trained by the end of each quarter (by quarter index)."""
    rows = OpdQuarterTraining.objects.filter(asn_count__gt=0)
    if opd_ids is not None:
        rows = rows.filter(opd_id__in=list(opd_ids))
    result: dict[int, dict[int, float]] = defaultdict(dict)
    for opd_id, year, quarter, trained, count in rows.values_list(
        "opd_id", "year", "quarter", "trained", "asn_count"
    ):
        result[opd_id][quarter_index(year, quarter)] = trained / count
    return result


def opd_filter(scope, field: str = "opd") -> Q:
    if scope.sees_all:
        return Q()
    if scope.is_opd:
        return Q(**{f"{field}__in": scope.opd_ids})
    return Q(pk__in=[])
