"""Plain data classes the sync hands to other apps (OEP-49)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# The four pillars of Indonesia's digital-literacy framework, as the assessment block's API names
# its pillar scores (docs/reference/plugin-api-v1.rst): cakap, etika, aman, budaya digital.
PILLARS = ("cakap", "etika", "aman", "budaya")


@dataclass(frozen=True)
class CourseResult:
    """One ASN's result in one course, with the JP and channel the companion credits it with.

    ``passed_at`` / ``completed_at`` come from the certificate, the first sync that saw it, or the
    grade report's download date; ``*_source`` says which (``certificate``, ``first_sync``,
    ``grade_report``).
    """

    asn_id: int
    username: str
    course_key: str
    course_name: str
    jp: int | None
    channel: str
    percent: float | None
    passed: bool
    passed_at: datetime | None
    passed_at_source: str
    completion: float | None
    completed_at: datetime | None
    completed_at_source: str
    jp_source: str = "missing"

    @property
    def credited_at(self) -> datetime | None:
        """When the course's JP count: the (current) pass, else reaching 100% completion."""
        return (self.passed_at if self.passed else None) or self.completed_at

    @property
    def credited_year(self) -> int | None:
        return self.credited_at.year if self.credited_at else None


@dataclass(frozen=True)
class CourseJp:
    """A course's JP and where they come from: ``source`` ``set`` (by BKPSDM), ``estimated``
    (effort per week x weeks, ``minutes_per_week`` and ``weeks`` say so) or ``missing``
    (``reason`` says why the LMS's data give no estimate: ``no_effort``, ``self_paced``,
    ``no_dates``, ``too_long``)."""

    course_key: str
    name: str
    lms: str
    jp: int | None
    source: str
    effort: str
    minutes_per_week: int | None
    weeks: int | None
    pacing: str
    start: datetime | None
    end: datetime | None
    reason: str
    reason_text: str
    channel: str
    in_lms: bool
