"""Citizen-satisfaction aggregates: per unit and quarter the SKM tally and each respondent's mean
answer (count, sum, sum of squares, for intervals) from one GROUP BY over the responses; then the
IKM of every unit, OPD and the city per quarter and year, under both weightings, computed exactly
as the SKM engine does (NRR per unsur as fractions, rounded half-up to 2 decimals, then graded)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from fractions import Fraction

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, ExtractQuarter, ExtractYear, Least, NullIf

from companion_service.skm.api import UNSUR_CODES, Weighting
from companion_service.skm.ikm import (
    CONVERSION,
    KREJCIE_MORGAN_TABLE,
    grade_of,
    minimum_sample,
    round_half_up,
)
from companion_service.skm.models import ServiceUserCount, SurveyResponse

from ..models import IkmFigure, IkmLevel, UnitQuarterSkm
from .sql import bulk_insert, insert_from

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
    """One GROUP BY over the responses: tallies, respondent moments; then the service users (for the
    (unit, year, quarter) triples ``only``, when given: the incremental refresh)."""
    responses = SurveyResponse.objects.all()
    rows_kept = UnitQuarterSkm.objects.all()
    if only is not None:
        responses = responses.filter(unit_quarter_filter(only, "answered_on"))
        rows_kept = rows_kept.filter(unit_quarter_filter(only))
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
    rows = (
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
    )
    written = insert_from(
        UnitQuarterSkm,
        [
            "unit",
            "opd",
            "year",
            "quarter",
            "respondents",
            *SUM_FIELDS,
            *COUNT_FIELDS,
            "score_n",
            "score_sum",
            "score_sq",
        ],
        rows,
    )
    users = ServiceUserCount.objects.filter(
        unit=OuterRef("unit"), period_kind="quarter", year=OuterRef("year"), number=OuterRef("quarter")
    )
    rows_kept.update(population=Subquery(users.values("users")[:1]))
    rows_kept.update(required=minimum_sample_sql("population"))
    rows_kept.update(
        sample_met=Case(
            When(required__isnull=True, then=Value(None)),
            When(respondents__gte=F("required"), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(null=True),
        )
    )
    return written


def minimum_sample_sql(field: str):
    """Krejcie and Morgan's minimum sample for the population in ``field``, as SQL (the SKM engine's
    table: the next-higher population, never more than the population itself)."""
    whens = [When(**{f"{field}__isnull": True}, then=Value(None))] + [
        When(**{f"{field}__lte": population}, then=Least(F(field), Value(sample)))
        for population, sample in KREJCIE_MORGAN_TABLE
    ]
    return Case(*whens, default=Value(KREJCIE_MORGAN_TABLE[-1][1]), output_field=IntegerField())


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


def figure_values(pool: Pool) -> dict:
    """NRR, converted score and grade per unsur, and the IKM under both weightings (exact fractions)."""
    unsur, nrr_sum = {}, Fraction(0)
    complete = True
    for index, code in enumerate(UNSUR_CODES):
        answered = pool.counts[index]
        if not answered:
            unsur[code] = [None, None, None]
            complete = False
            continue
        nrr = Fraction(pool.sums[index], answered)
        nrr_sum += nrr
        converted = round_half_up(nrr * CONVERSION, 2)
        unsur[code] = [float(round_half_up(nrr, 3)), float(converted), grade_of(converted).letter]
    ikm, exact = {}, {}
    for weighting in Weighting:
        if not complete:
            ikm[weighting.value], exact[weighting.value] = (None, ""), None
            continue
        unrounded = nrr_sum * weighting.weight * CONVERSION
        value = round_half_up(unrounded, 2)
        ikm[weighting.value], exact[weighting.value] = (value, grade_of(value).letter), float(unrounded)
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
    figures = []
    for (level, opd, unit, year, quarter), pool in pools.items():
        if keep is not None and not keep((level, opd, unit, year, quarter)):
            continue
        values = figure_values(pool)
        population = required = met = None
        if (
            level == IkmLevel.UNIT
            and pool.population_known
            and (quarter or _whole_year(unit, year, unit_quarter_samples))
        ):
            population = pool.population
            required = minimum_sample(population) if population else None
            met = pool.respondents >= required if required else None
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
                    population=population,
                    required=required,
                    sample_met=met,
                    units_short=pool.short,
                    units_unknown=pool.unknown,
                )
            )
    bulk_insert(figures)
    return len(figures)


def _whole_year(unit, year, samples) -> bool:
    """A unit's year has a known population only when all four quarters have responses and users."""
    return all((unit, year, quarter) in samples for quarter in range(1, 5))
