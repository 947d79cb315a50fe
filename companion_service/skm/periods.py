"""Survey periods: a quarter (triwulan), a semester or a year, on calendar dates in WIB.

Keys are stable strings: ``2025-Q1`` ... ``2025-Q4``, ``2025-S1``, ``2025-S2`` and ``2025``.
Every period is a whole number of quarters, so a period's tally is the sum of its quarters'.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
KEY_PATTERN = re.compile(r"^\s*(\d{4})(?:\s*-\s*([QqSs])([1-4]))?\s*$")


class PeriodKind(StrEnum):
    QUARTER = "quarter"
    SEMESTER = "semester"
    YEAR = "year"

    @property
    def quarters(self) -> int:
        return {"quarter": 1, "semester": 2, "year": 4}[self.value]

    @property
    def per_year(self) -> int:
        return 4 // self.quarters


@dataclass(frozen=True, order=True)
class Period:
    """One survey period; ``number`` is the quarter (1-4), the semester (1-2) or 1 for a year."""

    year: int
    kind: PeriodKind
    number: int = 1

    def __post_init__(self):
        kind = PeriodKind(self.kind)
        object.__setattr__(self, "kind", kind)
        if not 1 <= self.number <= kind.per_year:
            raise ValueError(f"{kind} {self.number} does not exist")
        if not 1900 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")

    @classmethod
    def parse(cls, key: str) -> Period:
        """``2025-Q1``, ``2025-S2`` or ``2025``; ValueError otherwise."""
        match = KEY_PATTERN.match(str(key))
        if not match:
            raise ValueError(f"{key!r} is not a period such as 2025-Q1, 2025-S1 or 2025")
        year, letter, number = match.groups()
        if not letter:
            return cls(int(year), PeriodKind.YEAR)
        kind = PeriodKind.QUARTER if letter.upper() == "Q" else PeriodKind.SEMESTER
        return cls(int(year), kind, int(number))

    @classmethod
    def containing(cls, day: dt.date, kind: PeriodKind | str) -> Period:
        kind = PeriodKind(kind)
        quarter = (day.month - 1) // 3 + 1
        return cls(day.year, kind, (quarter - 1) // kind.quarters + 1)

    @property
    def key(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return str(self.year)
        return f"{self.year}-{'Q' if self.kind is PeriodKind.QUARTER else 'S'}{self.number}"

    @property
    def quarters(self) -> tuple[int, ...]:
        """The quarters (1-4) of ``year`` this period covers."""
        first = (self.number - 1) * self.kind.quarters + 1
        return tuple(range(first, first + self.kind.quarters))

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, (self.quarters[0] - 1) * 3 + 1, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        last_month = self.quarters[-1] * 3
        if last_month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, last_month + 1, 1) - dt.timedelta(days=1)

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def label(self) -> str:
        """How reports name it: "Triwulan I 2025", "Semester II 2025", "Tahun 2025"."""
        if self.kind is PeriodKind.QUARTER:
            return _("Quarter %(number)s %(year)s") % {"number": ROMAN[self.number], "year": self.year}
        if self.kind is PeriodKind.SEMESTER:
            return _("Semester %(number)s %(year)s") % {"number": ROMAN[self.number], "year": self.year}
        return _("Year %(year)s") % {"year": self.year}

    def __str__(self) -> str:
        return self.key

    def previous(self) -> Period:
        if self.number > 1:
            return Period(self.year, self.kind, self.number - 1)
        return Period(self.year - 1, self.kind, self.kind.per_year)

    def next(self) -> Period:
        if self.number < self.kind.per_year:
            return Period(self.year, self.kind, self.number + 1)
        return Period(self.year + 1, self.kind, 1)

    def sub_periods(self, kind: PeriodKind | str) -> tuple[Period, ...]:
        """The periods of ``kind`` inside this one (e.g. the two semesters of a year)."""
        kind = PeriodKind(kind)
        if kind.quarters > self.kind.quarters:
            raise ValueError(f"a {kind} does not fit in a {self.kind}")
        numbers = sorted({(quarter - 1) // kind.quarters + 1 for quarter in self.quarters})
        return tuple(Period(self.year, kind, number) for number in numbers)


def periods_between(first: dt.date, last: dt.date, kind: PeriodKind | str) -> list[Period]:
    """Every period of ``kind`` from the one containing ``first`` to the one containing ``last``."""
    period, end = Period.containing(first, kind), Period.containing(last, kind)
    result = []
    while period <= end:
        result.append(period)
        period = period.next()
    return result
