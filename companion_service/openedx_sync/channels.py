"""Learning channels (jalur pengembangan kompetensi) and JP (jam pelajaran, 45 minutes of learning).

Peraturan LAN 10/2018 sorts competency development into klasikal (classroom) and non-klasikal
channels; each ASN needs at least 20 JP a year. An Open edX course is e-learning unless an
administrator says otherwise. ``jp_from_effort`` turns a course's "effort" text into a default JP.
"""

from __future__ import annotations

import math
import re

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


def jp_from_effort(effort: str | None) -> int | None:
    """JP = ceil(minutes / 45), from the course's effort; None when the effort says nothing."""
    minutes = effort_minutes(effort)
    return math.ceil(minutes / MINUTES_PER_JP) if minutes else None
