"""Citizen-satisfaction aggregates: per unit and quarter the SKM tally and each respondent's mean
answer (count, sum, sum of squares, for intervals) from one GROUP BY over the responses; then the
IKM of every unit, OPD and the city per quarter and year, under both weightings.

The database only adds up tallies. NRR, IKM, rounding, grades, the minimum sample (Krejcie and
Morgan's table) and the service users each period counts come from the SKM app's public API
(``skm.api``: the same engine as the SKM pages), so a figure here is the figure there.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Case, Count, F, FloatField, Q, Sum, Value, When
from django.db.models.functions import Cast, Coalesce, ExtractQuarter, ExtractYear, NullIf

from companion_service.skm import api as skm
from companion_service.skm.api import UNSUR_CODES, Period, PeriodKind, Weighting
from companion_service.skm.models import SurveyResponse

from ..models import IkmFigure, IkmLevel, UnitQuarterSkm
from .sql import bulk_insert

SUM_FIELDS = [f"s{n}" for n in range(1, 10)]
COUNT_FIELDS = [f"c{n}" for n in range(1, 10)]


def respondent_mean():
    """A respondent's mean answer over the unsur they answered (1-4), NULL when they answered none."""
    total = sum((Coalesce(F(code.lower()), Value(0)) for code in UNSUR_CODES), Value(0))
    answered = sum(
        (
            Case(When(**{f"{code.lower()}__isnull": False}, then=Value(1)), default=Value(0))
            for code in UNSUR_CODES
        ),
        Value(0),
    )
    return Cast(total, FloatField()) / Cast(NullIf(answered, Value(0)), FloatField())


def quarters_of(unit_quarters) -> dict[tuple[int, int], list[int]]:
    """(unit, year, quarter) triples grouped as {(year, quarter): [unit ids]}."""
    grouped = defaultdict(set)
    for unit, year, quarter in unit_quarters:
        grouped[(year, quarter)].add(unit)
    return {key: sorted(units) for key, units in grouped.items()}


def unit_quarter_filter(unit_quarters, date_field: str | None = None) -> Q:
    """Rows of the given (unit, year, quarter) triples: by ``year``/``quarter`` columns, or by a
    date column's quarter (``date_field``, a range the date index serves)."""
    where = Q(pk__in=[])
    for (year, quarter), units in quarters_of(unit_quarters).items():
        if date_field:
            start = dt.date(year, 3 * quarter - 2, 1)
            end = dt.date(year + quarter // 4, 3 * quarter % 12 + 1, 1)
            where |= Q(unit_id__in=units, **{f"{date_field}__gte": start, f"{date_field}__lt": end})
        else:
            where |= Q(unit_id__in=units, year=year, quarter=quarter)
    return where


def unit_quarters(only=None) -> int:
    """One GROUP BY over the responses (tallies, respondent moments); then per unit and quarter the
    service users and the minimum sample, from the SKM engine (for the (unit, year, quarter) triples
    ``only``, when given: the incremental refresh)."""
    responses = SurveyResponse.objects.all()
    if only is not None:
        responses = responses.filter(unit_quarter_filter(only, "answered_on"))
    mean = respondent_mean()
    aggregates = {"x_n": Count("id")}
    for code in UNSUR_CODES:
        aggregates[f"x_s{code[1:]}"] = Coalesce(Sum(code.lower()), Value(0))
        aggregates[f"x_c{code[1:]}"] = Count(code.lower())
    aggregates.update(
        x_score_n=Count(mean),
        x_score_sum=Coalesce(Sum(mean), Value(0.0)),
        x_score_sq=Coalesce(Sum(mean * mean), Value(0.0)),
    )
    names = ["respondents", *SUM_FIELDS, *COUNT_FIELDS, "score_n", "score_sum", "score_sq"]
    rows = list(
        responses.annotate(x_year=ExtractYear("answered_on"), x_quarter=ExtractQuarter("answered_on"))
        .values("unit_id", "unit__opd_id", "x_year", "x_quarter")
        .annotate(**aggregates)
        .values_list(
            "unit_id",
            "unit__opd_id",
            "x_year",
            "x_quarter",
            "x_n",
            *[f"x_{name}" for name in SUM_FIELDS],
            *[f"x_{name}" for name in COUNT_FIELDS],
            "x_score_n",
            "x_score_sum",
            "x_score_sq",
        )
        .order_by()
    )
    users = skm.service_users({row[0] for row in rows}, {row[2] for row in rows})
    objects = []
    for unit_id, opd_id, year, quarter, *values in rows:
        entry = users.get((unit_id, Period(year, PeriodKind.QUARTER, quarter)))
        sample = skm.check_sample(values[0], entry[0] if entry else None)
        objects.append(
            UnitQuarterSkm(
                unit_id=unit_id,
                opd_id=opd_id,
                year=year,
                quarter=quarter,
                **dict(zip(names, values, strict=True)),
                population=sample.population,
                required=sample.required,
                sample_met=sample.met,
            )
        )
    return bulk_insert(objects)


class Pool:
    """Tallies added up: respondents, and per unsur the sum and count of answers."""

    __slots__ = ("respondents", "sums", "counts", "population", "population_known", "short", "unknown")

    def __init__(self):
        self.respondents = 0
        self.sums = [0] * 9
        self.counts = [0] * 9
        self.population = 0
        self.population_known = True
        self.short = 0
        self.unknown = 0

    def add(self, row) -> None:
        self.respondents += row["respondents"]
        for index in range(9):
            self.sums[index] += row[SUM_FIELDS[index]]
            self.counts[index] += row[COUNT_FIELDS[index]]
        if row["population"] is None:
            self.population_known = False
        else:
            self.population += row["population"]

    def tally(self) -> skm.Tally:
        return skm.Tally(
            respondents=self.respondents,
            sums=dict(zip(UNSUR_CODES, self.sums, strict=True)),
            counts=dict(zip(UNSUR_CODES, self.counts, strict=True)),
        )


def engine_results(pool: Pool, population: int | None = None) -> dict[str, skm.IkmResult]:
    """The SKM engine's result of ``pool`` under each weighting (``population`` adds the sample check)."""
    first = skm.compute(pool.tally(), Weighting.REGULATION, population)
    return {
        weighting.value: first.reweighted(weighting) if weighting != first.weighting else first
        for weighting in Weighting
    }


def figure_values(pool: Pool, results: dict | None = None) -> dict:
    """NRR, converted score and grade per unsur, and the IKM (rounded, graded) and its unrounded
    value under both weightings, as the SKM engine computes them."""
    results = results or engine_results(pool)
    unsur = {}
    for score in next(iter(results.values())).unsur:  # the same under either weighting
        if score.nrr is None:
            unsur[score.code] = [None, None, None]
        else:
            unsur[score.code] = [float(score.nrr_display), float(score.converted_display), score.grade.letter]
    ikm, exact = {}, {}
    for weighting, result in results.items():
        if result.ikm is None:
            ikm[weighting], exact[weighting] = (None, ""), None
        else:
            ikm[weighting], exact[weighting] = (result.ikm_display, result.grade.letter), float(result.ikm)
    return {"unsur": unsur, "ikm": ikm, "unrounded": exact}


def ikm_figures(years=None, keep=None) -> int:
    """IKM figures of every unit, OPD and the city, per quarter and per year (quarter 0).

    For the incremental refresh: only from the tallies of ``years`` (every unit of those years, as the
    OPD and city figures pool them), and only the figures whose key ``(level, opd, unit, year,
    quarter)`` ``keep`` accepts."""
    fields = [
        "unit_id",
        "opd_id",
        "year",
        "quarter",
        "respondents",
        "population",
        "sample_met",
        *SUM_FIELDS,
        *COUNT_FIELDS,
    ]
    pools: dict[tuple, Pool] = defaultdict(Pool)
    unit_quarter_samples = {}
    tallies = UnitQuarterSkm.objects.all() if years is None else UnitQuarterSkm.objects.filter(year__in=years)
    for row in tallies.values(*fields).iterator(chunk_size=5000):
        unit, opd, year, quarter = row["unit_id"], row["opd_id"], row["year"], row["quarter"]
        for key in (
            (IkmLevel.UNIT, opd, unit, year, quarter),
            (IkmLevel.UNIT, opd, unit, year, 0),
            (IkmLevel.OPD, opd, None, year, quarter),
            (IkmLevel.OPD, opd, None, year, 0),
            (IkmLevel.CITY, None, None, year, quarter),
            (IkmLevel.CITY, None, None, year, 0),
        ):
            pools[key].add(row)
        unit_quarter_samples[(unit, year, quarter)] = (opd, row["sample_met"])
    for (_unit, year, quarter), (opd, met) in unit_quarter_samples.items():
        for key in (
            (IkmLevel.OPD, opd, None, year, quarter),
            (IkmLevel.CITY, None, None, year, quarter),
        ):
            if met is False:
                pools[key].short += 1
            elif met is None:
                pools[key].unknown += 1
    if keep is not None:
        pools = {key: pool for key, pool in pools.items() if keep(key)}
    unit_years = {(unit, year) for level, _opd, unit, year, quarter in pools if level == IkmLevel.UNIT}
    users = skm.service_users({unit for unit, _ in unit_years}, {year for _, year in unit_years})
    figures = []
    for (level, opd, unit, year, quarter), pool in pools.items():
        population = None
        if level == IkmLevel.UNIT:
            period = Period(year, PeriodKind.QUARTER, quarter) if quarter else Period(year, PeriodKind.YEAR)
            entry = users.get((unit, period))
            population = entry[0] if entry else None
        results = engine_results(pool, population)
        values = figure_values(pool, results)
        sample = next(iter(results.values())).minimum_sample
        for weighting, (ikm, grade) in values["ikm"].items():
            figures.append(
                IkmFigure(
                    level=level,
                    opd_id=opd,
                    unit_id=unit,
                    year=year,
                    quarter=quarter,
                    weighting=weighting,
                    respondents=pool.respondents,
                    ikm=ikm,
                    grade=grade,
                    unsur=values["unsur"],
                    population=sample.population,
                    required=sample.required,
                    sample_met=sample.met,
                    units_short=pool.short,
                    units_unknown=pool.unknown,
                )
            )
    return bulk_insert(figures)
