"""Learning channels (jalur pengembangan kompetensi) and JP (jam pelajaran, 45 minutes of learning).

Peraturan LAN 10/2018 sorts competency development into klasikal (classroom) and non-klasikal
channels; each ASN needs at least 20 JP a year. An Open edX course is e-learning unless an
administrator says otherwise.

A course's JP are set by an administrator (BKPSDM), or else estimated from the LMS: Open edX's
``effort`` is Studio's "Hours of Effort per Week", so ``estimate_jp`` multiplies it by the weeks
the course runs (its start to its end): JP = ceil(effort minutes x weeks / 45). A self-paced course,
or one without both dates, has no estimate: it has no JP until an administrator sets them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

MINUTES_PER_JP = 45


class LearningChannel(models.TextChoices):
    """Channels of Peraturan LAN 10/2018."""

    E_LEARNING = "e_learning", _("E-learning")
    PELATIHAN = "pelatihan", _("Training (pelatihan)")
    SEMINAR = "seminar", _("Seminar, conference or sarasehan")
    WORKSHOP = "workshop", _("Workshop (lokakarya)")
    KURSUS = "kursus", _("Course (kursus)")
    BIMTEK = "bimtek", _("Technical guidance (bimbingan teknis)")
    SOSIALISASI = "sosialisasi", _("Socialisation (sosialisasi)")
    PENATARAN = "penataran", _("Upgrading course (penataran)")
    COACHING = "coaching", _("Coaching")
    MENTORING = "mentoring", _("Mentoring")
    DISTANCE = "distance_learning", _("Distance learning")
    MAGANG = "magang", _("Internship (magang)")
    DETASERING = "detasering", _("Secondment (detasering)")
    BENCHMARKING = "benchmarking", _("Benchmarking")
    SELF_STUDY = "self_study", _("Self-study")
    COMMUNITY = "community_of_practice", _("Community of practice")
    PERTUKARAN = "pertukaran", _("Exchange with private-sector staff")


KLASIKAL = frozenset(
    {
        LearningChannel.PELATIHAN,
        LearningChannel.SEMINAR,
        LearningChannel.WORKSHOP,
        LearningChannel.KURSUS,
        LearningChannel.BIMTEK,
        LearningChannel.SOSIALISASI,
        LearningChannel.PENATARAN,
    }
)


def is_klasikal(channel: str) -> bool:
    return channel in KLASIKAL


_HOURS = r"(?:hours?|hrs?|h|jam)"
_MINUTES = r"(?:minutes?|mins?|m|menit)"
_NUMBER = r"(\d+(?:[.,]\d+)?)"


def effort_minutes(effort: str | None) -> int | None:
    """Minutes of learning in an Open edX effort text, or None when it says nothing usable.

    Understands ``06:30`` (Studio's HH:MM), ``6 hours``, ``6 jam 30 menit``, ``90 minutes``,
    ``1.5 h`` and ranges like ``4-6 hours`` (the lower bound: JP are credited, not promised).
    """
    text = (effort or "").strip().lower()
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,3}):([0-5]\d)(?::[0-5]\d)?", text)
    if match:
        minutes = int(match.group(1)) * 60 + int(match.group(2))
        return minutes or None
    text = re.sub(r"(\d)\s*[-–]\s*\d+(?:[.,]\d+)?", r"\1", text)  # "4-6 hours" -> "4 hours"
    total, found = 0.0, False
    for value, unit in re.findall(rf"{_NUMBER}\s*({_HOURS}|{_MINUTES})\b", text):
        number = float(value.replace(",", "."))
        total += number * 60 if re.fullmatch(_HOURS, unit) else number
        found = True
    if not found:
        return None
    return round(total) or None


# Beyond a year a course's dates describe how long it stays open, not a schedule of weekly effort.
MAX_WEEKS = 52


class JpSource(models.TextChoices):
    """Where a course's JP come from."""

    SET = "set", _("Set by BKPSDM")
    ESTIMATED = "estimated", _("Estimated from effort x weeks")
    MISSING = "missing", _("Missing")


class NoEstimate(models.TextChoices):
    """Why the LMS's course data give no JP estimate."""

    NO_EFFORT = "no_effort", _("The LMS gives no effort per week.")
    SELF_PACED = "self_paced", _("Self-paced: the LMS gives no number of weeks.")
    NO_DATES = "no_dates", _("The course has no start and end date.")
    TOO_LONG = "too_long", _("The course runs longer than a year: its dates are no weekly schedule.")


@dataclass(frozen=True)
class JpEstimate:
    """JP estimated from the LMS's course data, with what it rests on; ``jp`` is ``None`` and
    ``reason`` says why when there is no estimate."""

    jp: int | None
    minutes_per_week: int | None = None
    weeks: int | None = None
    reason: str = ""


def course_weeks(start: datetime | None, end: datetime | None) -> int | None:
    """Whole weeks from ``start`` to ``end`` (rounded half up, at least 1); None without both."""
    if start is None or end is None or end <= start:
        return None
    days = Decimal((end - start).total_seconds()) / Decimal(86400)
    return max(1, int((days / 7).quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def estimate_jp(
    effort: str | None, start: datetime | None, end: datetime | None, pacing: str = ""
) -> JpEstimate:
    """JP = ceil(effort minutes per week x weeks / 45) for a scheduled (instructor-paced) course
    with a start and an end; otherwise no estimate, with the reason."""
    minutes = effort_minutes(effort)
    if not minutes:
        return JpEstimate(None, reason=NoEstimate.NO_EFFORT)
    if (pacing or "").strip().lower() == "self":
        return JpEstimate(None, minutes, reason=NoEstimate.SELF_PACED)
    weeks = course_weeks(start, end)
    if weeks is None:
        return JpEstimate(None, minutes, reason=NoEstimate.NO_DATES)
    if weeks > MAX_WEEKS:
        return JpEstimate(None, minutes, weeks, reason=NoEstimate.TOO_LONG)
    return JpEstimate(math.ceil(minutes * weeks / MINUTES_PER_JP), minutes, weeks)


def jp_source(jp: int | None, set_by_admin: bool) -> JpSource:
    """Set by BKPSDM (an administrator), estimated from the LMS, or missing."""
    if set_by_admin:
        return JpSource.SET
    return JpSource.MISSING if jp is None else JpSource.ESTIMATED


def jp_source_sql(prefix: str = ""):
    """``jp_source`` as a database expression on a course (``prefix`` e.g. ``"course__"``), for
    aggregations that read many rows; the same rule as ``jp_source``."""
    return models.Case(
        models.When(**{f"{prefix}jp_set_by_admin": True}, then=models.Value(JpSource.SET.value)),
        models.When(**{f"{prefix}jp__isnull": False}, then=models.Value(JpSource.ESTIMATED.value)),
        default=models.Value(JpSource.MISSING.value),
        output_field=models.CharField(),
    )
