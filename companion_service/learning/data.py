"""Plain data classes of the learning app (OEP-49)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class TrainingInput:
    """What an ASN (or an import row) says about one training outside the LMS."""

    title: str
    provider: str
    channel: str
    started_on: dt.date
    finished_on: dt.date
    hours: Decimal | None = None
    jp: int | None = None
    certificate_number: str = ""


@dataclass(frozen=True)
class MyRecord:
    """One line of "JP saya": a learning activity, where it comes from, whether it counts."""

    source: str  # course, workshop, outside
    source_label: str
    title: str
    provider: str
    channel: str
    channel_label: str
    started: dt.date | None
    finished: dt.date
    jp: int
    status: str
    status_label: str
    counts: bool
    outside_id: int | None = None


@dataclass(frozen=True)
class Suggestion:
    title: str
    url: str
    pillars: tuple[str, ...]
