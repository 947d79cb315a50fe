"""The IKM exactly as PermenPANRB 14/2017 computes it. Pure Python: no Django, no database.

::

    NRR_i  = sum of the answers to unsur i / number of valid answers to unsur i
    weight = 0.111 ("regulation", the regulation's text) or exactly 1/9 ("exact")
    IKM    = sum over i of (NRR_i * weight) * 25         (from the 1-4 scale to 25-100)
    converted score of unsur i = NRR_i * 25

Everything is computed on exact fractions; values are rounded half-up only for display, and the
IKM (or an unsur's converted score) is rounded to 2 decimals *before* it is graded, because the
published grade ranges leave 0.01 gaps (``>= 88.31 A; >= 76.61 B; >= 65.00 C; else D``).
The minimum sample is Krejcie and Morgan's whole published table (the table, not the formula, is what
reports quote): between rows the next-higher population's sample, never more than the population.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import cached_property

UNSUR_CODES: tuple[str, ...] = tuple(f"U{number}" for number in range(1, 10))
SCALE = (1, 2, 3, 4)
CONVERSION = 25


class Weighting(StrEnum):
    """Weight of each unsur: the regulation's literal 0.111 (maximum IKM 99.90) or exactly 1/9 (100.00)."""

    REGULATION = "regulation"
    EXACT = "exact"

    @property
    def weight(self) -> Fraction:
        return Fraction(111, 1000) if self is Weighting.REGULATION else Fraction(1, len(UNSUR_CODES))


@dataclass(frozen=True)
class Grade:
    """A mutu pelayanan grade and its kinerja unit pelayanan label (the regulation's words)."""

    letter: str
    label: str
    minimum: Decimal


GRADES: tuple[Grade, ...] = (
    Grade("A", "Sangat Baik", Decimal("88.31")),
    Grade("B", "Baik", Decimal("76.61")),
    Grade("C", "Kurang Baik", Decimal("65.00")),
    Grade("D", "Tidak Baik", Decimal("25.00")),
)

# Krejcie and Morgan (1970), Table 1, whole: (population N, minimum sample S), 90 rows. The table
# equals the formula rounded half up; reports quote the table, so the table is what counts.
KREJCIE_MORGAN_TABLE: tuple[tuple[int, int], ...] = (
    (10, 10),
    (15, 14),
    (20, 19),
    (25, 24),
    (30, 28),
    (35, 32),
    (40, 36),
    (45, 40),
    (50, 44),
    (55, 48),
    (60, 52),
    (65, 56),
    (70, 59),
    (75, 63),
    (80, 66),
    (85, 70),
    (90, 73),
    (95, 76),
    (100, 80),
    (110, 86),
    (120, 92),
    (130, 97),
    (140, 103),
    (150, 108),
    (160, 113),
    (170, 118),
    (180, 123),
    (190, 127),
    (200, 132),
    (210, 136),
    (220, 140),
    (230, 144),
    (240, 148),
    (250, 152),
    (260, 155),
    (270, 159),
    (280, 162),
    (290, 165),
    (300, 169),
    (320, 175),
    (340, 181),
    (360, 186),
    (380, 191),
    (400, 196),
    (420, 201),
    (440, 205),
    (460, 210),
    (480, 214),
    (500, 217),
    (550, 226),
    (600, 234),
    (650, 242),
    (700, 248),
    (750, 254),
    (800, 260),
    (850, 265),
    (900, 269),
    (950, 274),
    (1000, 278),
    (1100, 285),
    (1200, 291),
    (1300, 297),
    (1400, 302),
    (1500, 306),
    (1600, 310),
    (1700, 313),
    (1800, 317),
    (1900, 320),
    (2000, 322),
    (2200, 327),
    (2400, 331),
    (2600, 335),
    (2800, 338),
    (3000, 341),
    (3500, 346),
    (4000, 351),
    (4500, 354),
    (5000, 357),
    (6000, 361),
    (7000, 364),
    (8000, 367),
    (9000, 368),
    (10000, 370),
    (15000, 375),
    (20000, 377),
    (30000, 379),
    (40000, 380),
    (50000, 381),
    (75000, 382),
    (1000000, 384),
)
_TABLE_POPULATIONS = tuple(population for population, _ in KREJCIE_MORGAN_TABLE)


def round_half_up(value: Fraction | Decimal | int, places: int) -> Decimal:
    """``value`` rounded half away from zero to ``places`` decimals, exactly (integer arithmetic on
    the value's numerator and denominator; no binary floats)."""
    numerator, denominator = value.as_integer_ratio()
    magnitude = (abs(numerator) * _SCALES[places] * 2 + denominator) // (2 * denominator)
    return Decimal(-magnitude if numerator < 0 else magnitude).scaleb(-places)


_SCALES = {places: 10**places for places in range(10)}


def grade_of(score: Fraction | Decimal | int) -> Grade:
    """The grade of an IKM or converted unsur score (25-100): rounded to 2 decimals, then classified."""
    already = isinstance(score, Decimal) and score.as_tuple().exponent == -2
    rounded = score if already else round_half_up(score, 2)
    for grade in GRADES:
        if rounded >= grade.minimum:
            return grade
    return GRADES[-1]


def minimum_sample(population: int) -> int:
    """Krejcie and Morgan's minimum sample for ``population`` users of the service in the period.

    A population in the table takes its row's sample; one between rows takes the next-higher row's
    sample, but never more than the population itself (N = 12 needs 12, not 14); 10 users or fewer:
    every one of them. Above the last row (1,000,000) the sample stays 384.
    """
    if population < 1:
        raise ValueError("the population must be at least 1")
    row = bisect_left(_TABLE_POPULATIONS, population)
    sample = KREJCIE_MORGAN_TABLE[min(row, len(KREJCIE_MORGAN_TABLE) - 1)][1]
    return min(population, sample)


def krejcie_morgan_formula(population: int) -> float:
    """The formula behind the table, ``S = X2 N P(1-P) / (d2 (N-1) + X2 P(1-P))``; for reference only."""
    return 3.841 * population * 0.25 / (0.0025 * (population - 1) + 3.841 * 0.25)


@dataclass
class Tally:
    """What the IKM needs from a set of responses: how many, and per unsur the sum and count of answers.

    Tallies add up, so a semester is the sum of its quarters' tallies.
    """

    respondents: int = 0
    sums: dict[str, int] = field(default_factory=lambda: dict.fromkeys(UNSUR_CODES, 0))
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(UNSUR_CODES, 0))

    def add(self, answers: Mapping[str, int | None]) -> None:
        """Count one respondent's answers (by unsur code; ``None`` or a missing code = not answered)."""
        self.respondents += 1
        for code in UNSUR_CODES:
            value = answers.get(code)
            if value is None:
                continue
            if value not in SCALE:
                raise ValueError(f"{code}: {value!r} is not an answer on the 1-4 scale")
            self.sums[code] += value
            self.counts[code] += 1

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            respondents=self.respondents + other.respondents,
            sums={code: self.sums[code] + other.sums[code] for code in UNSUR_CODES},
            counts={code: self.counts[code] + other.counts[code] for code in UNSUR_CODES},
        )

    @classmethod
    def of(cls, responses: Iterable[Mapping[str, int | None]]) -> Tally:
        tally = cls()
        for answers in responses:
            tally.add(answers)
        return tally


@dataclass(frozen=True)
class UnsurScore:
    """One unsur's NRR, weighted NRR and converted score (exact, computed when first read), with
    display values and grade; ``None`` throughout when nobody answered the unsur."""

    code: str
    answered: int
    total: int
    weight: Fraction

    @cached_property
    def nrr(self) -> Fraction | None:
        return Fraction(self.total, self.answered) if self.answered else None

    @cached_property
    def weighted(self) -> Fraction | None:
        if not self.answered:
            return None
        return Fraction(self.total * self.weight.numerator, self.answered * self.weight.denominator)

    @cached_property
    def converted(self) -> Fraction | None:
        return Fraction(self.total * CONVERSION, self.answered) if self.answered else None

    @cached_property
    def nrr_display(self) -> Decimal | None:
        return None if self.nrr is None else round_half_up(self.nrr, 3)

    @cached_property
    def weighted_display(self) -> Decimal | None:
        return None if self.weighted is None else round_half_up(self.weighted, 3)

    @cached_property
    def converted_display(self) -> Decimal | None:
        return None if self.converted is None else round_half_up(self.converted, 2)

    @cached_property
    def grade(self) -> Grade | None:
        return None if self.converted is None else grade_of(self.converted_display)


@dataclass(frozen=True)
class MinimumSample:
    """The respondents against the minimum sample; all ``None`` when the population is not known."""

    population: int | None
    required: int | None
    met: bool | None

    @classmethod
    def check(cls, respondents: int, population: int | None) -> MinimumSample:
        if population is None:
            return cls(None, None, None)
        required = minimum_sample(population)
        return cls(population, required, respondents >= required)


@dataclass(frozen=True)
class IkmResult:
    """The IKM of a set of responses under one weighting. ``ikm`` is ``None`` while an unsur has no answer."""

    respondents: int
    weighting: Weighting
    unsur: tuple[UnsurScore, ...]
    weighted_nrr: Fraction | None
    ikm: Fraction | None
    minimum_sample: MinimumSample

    @cached_property
    def missing(self) -> tuple[str, ...]:
        """Codes of the unsur nobody answered (the IKM needs all nine)."""
        return tuple(score.code for score in self.unsur if score.nrr is None)

    @cached_property
    def nrr_sum(self) -> Fraction | None:
        return None if self.weighted_nrr is None else self.weighted_nrr / self.weighting.weight

    @cached_property
    def ikm_display(self) -> Decimal | None:
        return None if self.ikm is None else round_half_up(self.ikm, 2)

    @cached_property
    def grade(self) -> Grade | None:
        return None if self.ikm is None else grade_of(self.ikm_display)

    def score(self, code: str) -> UnsurScore:
        return next(score for score in self.unsur if score.code == code)

    def reweighted(self, weighting: Weighting | str) -> IkmResult:
        """The same responses under another weighting: the NRR, converted scores, grades per unsur and
        the minimum sample do not change; the weighted NRR and the IKM do."""
        weighting = Weighting(weighting)
        weight = weighting.weight
        return IkmResult(
            respondents=self.respondents,
            weighting=weighting,
            unsur=tuple(UnsurScore(s.code, s.answered, s.total, weight) for s in self.unsur),
            weighted_nrr=None if self.weighted_nrr is None else self.nrr_sum * weight,
            ikm=None if self.weighted_nrr is None else self.nrr_sum * weight * CONVERSION,
            minimum_sample=self.minimum_sample,
        )


def _nrr_sum(sums: Mapping[str, int], counts: Mapping[str, int]) -> Fraction | None:
    """The sum of the nine NRR, exactly (over the least common multiple of the answer counts: one
    fraction instead of nine added up); ``None`` while an unsur has no answer."""
    answered = [counts[code] for code in UNSUR_CODES]
    if not all(answered):
        return None
    common = math.lcm(*answered)
    return Fraction(sum(sums[code] * (common // counts[code]) for code in UNSUR_CODES), common)


def compute(
    tally: Tally, weighting: Weighting | str = Weighting.REGULATION, population: int | None = None
) -> IkmResult:
    """NRR per unsur, weighted NRR, IKM and grade of ``tally`` under ``weighting``; ``population``
    (users of the service in the period) adds the minimum-sample check."""
    weighting = Weighting(weighting)
    weight = weighting.weight
    counts, sums = tally.counts, tally.sums
    scores = tuple(UnsurScore(code, counts[code], sums[code], weight) for code in UNSUR_CODES)
    nrr_sum = _nrr_sum(sums, counts)
    weighted_nrr = None if nrr_sum is None else nrr_sum * weight
    return IkmResult(
        respondents=tally.respondents,
        weighting=weighting,
        unsur=scores,
        weighted_nrr=weighted_nrr,
        ikm=None if weighted_nrr is None else weighted_nrr * CONVERSION,
        minimum_sample=MinimumSample.check(tally.respondents, population),
    )


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def as_json(result: IkmResult) -> dict:
    """The report object of ``companion skm-report --json`` (``nrr`` to 3 decimals, scores to 2)."""
    grade = result.grade
    return {
        "respondents": result.respondents,
        "weighting": str(result.weighting),
        "unsur": [
            {
                "code": score.code,
                "nrr": _number(score.nrr_display),
                "converted": _number(score.converted_display),
                "grade": score.grade.letter if score.grade else None,
            }
            for score in result.unsur
        ],
        "ikm": _number(result.ikm_display),
        "grade": grade.letter if grade else None,
        "label": grade.label if grade else None,
        "minimum_sample": {
            "population": result.minimum_sample.population,
            "required": result.minimum_sample.required,
            "met": result.minimum_sample.met,
        },
    }
