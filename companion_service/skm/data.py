"""Plain data classes the SKM app hands to other apps (OEP-49): no models cross this boundary.

Scores come twice: unrounded (``float``, for analysis such as difference-in-differences) and as
displayed (``Decimal``, rounded half-up: NRR to 3 decimals, scores to 2). Grades are always those of
the displayed value, as the regulation grades the IKM after rounding it to 2 decimals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .ikm import round_half_up


@dataclass(frozen=True)
class UnsurScore:
    """One unsur of one unit and period: ``nrr`` on 1-4, ``converted`` = NRR x 25 on 25-100."""

    code: str
    name: str
    answered: int
    nrr: float | None
    nrr_display: Decimal | None
    weighted_display: Decimal | None
    converted_display: Decimal | None
    grade: str | None
    grade_label: str | None


@dataclass(frozen=True)
class MinimumSample:
    """Respondents against Krejcie and Morgan's minimum sample for the period's service users.

    ``population_source`` is ``"entered"`` (typed for this period), ``"sum"`` (the sum of its
    quarters or semesters) or ``None`` (not known; then ``required`` and ``met`` are ``None`` too).
    """

    population: int | None
    required: int | None
    met: bool | None
    population_source: str | None = None

    @property
    def short(self) -> bool:
        """True when the respondents fall short of the minimum sample (to be flagged, not hidden)."""
        return self.met is False


@dataclass(frozen=True)
class UnitIkm:
    """The IKM of one service unit (optionally one kind of service) in one period, under one weighting."""

    unit_code: str
    unit_name: str
    opd_code: str
    opd_name: str
    period: str
    period_kind: str
    period_label: str
    start: dt.date
    end: dt.date
    weighting: str
    respondents: int
    ikm: Decimal | None
    ikm_unrounded: float | None
    grade: str | None
    grade_label: str | None
    unsur: tuple[UnsurScore, ...]
    minimum_sample: MinimumSample
    service_kind: str = ""

    def score(self, code: str) -> UnsurScore:
        return next(item for item in self.unsur if item.code == code)


@dataclass(frozen=True)
class ProfileRow:
    """One value of a profile question (e.g. "Perempuan") with its respondents and IKM."""

    value: str
    label: str
    respondents: int
    share: Decimal
    ikm: Decimal | None
    grade: str | None


@dataclass(frozen=True)
class ProfileBreakdown:
    """Respondents of a unit and period by one profile question."""

    dimension: str
    title: str
    rows: tuple[ProfileRow, ...]


@dataclass(frozen=True)
class Comment:
    """A citizen's criticism or suggestion, shown to staff without the answers it came with."""

    answered_on: dt.date
    service_kind: str
    text: str


@dataclass(frozen=True)
class FollowUpSummary:
    """The RTL register of a unit (and period): ``% RTL selesai`` = done / planned x 100."""

    planned: int
    done: int
    in_progress: int
    not_started: int
    late: int
    done_on_time: int
    average_days_to_done: Decimal | None

    @property
    def percent_done(self) -> Decimal | None:
        if not self.planned:
            return None
        return round_half_up(Fraction(self.done * 100, self.planned), 2)
