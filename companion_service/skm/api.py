"""The SKM app's public Python interface (OEP-49): what other apps (the evaluation) call.

Everything returns ``data`` classes, never models. Figures come from the database's aggregation of
the responses (``ResponseTally``), computed by the pure ``ikm`` engine: NRR per unsur, IKM rounded
to 2 decimals then graded, under either weighting, with the minimum-sample check against the
unit's number of service users in the period (``minimum_sample.short`` flags a short sample).

The engine itself is public too, for callers that aggregate their own tallies (the evaluation's
refresh sums quarterly tallies in SQL): ``Tally``, ``compute`` (NRR, IKM, rounding, grade and the
minimum-sample check), ``minimum_sample`` (Krejcie and Morgan's table and the rule between rows)
and ``service_users`` (the populations the pages use). No other module may re-derive them.
"""

from __future__ import annotations

from collections.abc import Iterable

from companion_service.organization.models import ServiceUnit

from . import data, selectors
from .ikm import (
    GRADES,
    KREJCIE_MORGAN_TABLE,
    UNSUR_CODES,
    IkmResult,
    MinimumSample,
    Tally,
    Weighting,
    compute,
    grade_of,
    minimum_sample,
)
from .periods import Period, PeriodKind
from .signals import responses_changed, service_users_changed, tallies_changed

__all__ = [
    "GRADES",
    "KREJCIE_MORGAN_TABLE",
    "UNSUR_CODES",
    "IkmResult",
    "MinimumSample",
    "Tally",
    "check_sample",
    "compute",
    "grade_of",
    "minimum_sample",
    "service_users",
    "Period",
    "PeriodKind",
    "Weighting",
    "ikm_by_unit_and_period",
    "unit_ikm",
    "unit_ikm_by_service_kind",
    "follow_up_summary",
    "responses_changed",
    "service_users_changed",
    "tallies_changed",
]


def ikm_by_unit_and_period(
    kind: PeriodKind | str = PeriodKind.QUARTER,
    *,
    years: Iterable[int] | None = None,
    unit_codes: Iterable[str] | None = None,
    weighting: Weighting | str = Weighting.REGULATION,
) -> list[data.UnitIkm]:
    """The IKM of every unit (or those with ``unit_codes``) in every period of ``kind``
    (quarter, semester or year) that has responses, optionally only in ``years``."""
    units = None
    if unit_codes is not None:
        units = list(ServiceUnit.objects.filter(code__in=list(unit_codes)))
        if not units:
            return []
    return selectors.ikm_grid(kind, years=years, units=units, weighting=weighting)


def check_sample(respondents: int, population: int | None) -> MinimumSample:
    """``respondents`` against Krejcie and Morgan's minimum sample for ``population`` service users
    (all ``None`` when the population is not known)."""
    return MinimumSample.check(respondents, population)


def service_users(unit_ids: Iterable[int], years: Iterable[int]) -> dict[tuple[int, Period], tuple[int, str]]:
    """Service users (the minimum sample's N) per ``(unit id, period)`` of the given units and years, as
    ``(users, source)``: entered for the period, else the sum of its quarters or semesters when every
    one was entered (``source`` ``"entered"`` or ``"sum"``). Periods without a number are absent."""
    return selectors.populations(unit_ids, years)


def unit_ikm(unit_code: str, period: Period | str, weighting: Weighting | str = Weighting.REGULATION):
    """The IKM of one unit in one period (``data.UnitIkm``; ``respondents`` 0 when nobody answered),
    or ``None`` for an unknown unit code."""
    unit = ServiceUnit.objects.select_related("opd").filter(code=unit_code).first()
    if unit is None:
        return None
    period = period if isinstance(period, Period) else Period.parse(period)
    return selectors.unit_ikm(unit, period, weighting)


def unit_ikm_by_service_kind(
    unit_code: str, period: Period | str, weighting: Weighting | str = Weighting.REGULATION
) -> list[data.UnitIkm]:
    """The IKM of each kind of service of a unit in a period (``service_kind`` names it)."""
    unit = ServiceUnit.objects.select_related("opd").filter(code=unit_code).first()
    if unit is None:
        return []
    period = period if isinstance(period, Period) else Period.parse(period)
    return selectors.ikm_by_service_kind(unit, period, weighting)


def follow_up_summary(unit_code: str, period: Period | str | None = None) -> data.FollowUpSummary | None:
    """The unit's RTL register: planned, done, ``percent_done`` (% RTL selesai), late, how fast."""
    unit = ServiceUnit.objects.filter(code=unit_code).first()
    if unit is None:
        return None
    if period is not None and not isinstance(period, Period):
        period = Period.parse(period)
    return selectors.follow_up_summary(unit, period)
