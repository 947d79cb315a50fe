"""The evaluation's definitions in one place (the methodology page and the ADR explain each).

- ``TARGET_JP``: each ASN needs at least 20 JP (jam pelajaran, 45 minutes) of competency
  development a year (PP 11/2017 Pasal 203; Peraturan LAN 10/2018);
- ``PILLARS``: the four pillars of Indonesia's digital literacy framework the assessment scores
  (cakap, etika, aman, budaya digital), plus ``total`` for the whole test;
- ``JP_BUCKETS``: the JP distribution's bands;
- ``FUNNEL``: the states an innovation idea passes on its way to a program, in order; the other
  states (returned, rejected, withdrawn) leave the funnel;
- quarters are numbered by ``quarter_index`` (year x 4 + quarter - 1) so windows are plain ranges.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from companion_service.openedx_sync.data import PILLARS as PILLARS  # the assessment's pillar keys

TARGET_JP = 20
MINIMUM_WINDOW, MAXIMUM_WINDOW = 1, 4
MINIMUM_THRESHOLD, MAXIMUM_THRESHOLD = 0.05, 0.95
THRESHOLD_CHOICES = (0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9)

TOTAL = "total"
PILLAR_NAMES = {
    "cakap": _("Digital skills (Cakap Digital)"),
    "etika": _("Digital ethics (Etika Digital)"),
    "aman": _("Digital safety (Aman Digital)"),
    "budaya": _("Digital culture (Budaya Digital)"),
    TOTAL: _("Whole test"),
}

PILLAR_SHORT = {
    "cakap": "Cakap Digital",
    "etika": "Etika Digital",
    "aman": "Aman Digital",
    "budaya": "Budaya Digital",
    TOTAL: _("Whole test"),
}

JP_BUCKETS = (
    ("jp_0", _("0 JP")),
    ("jp_1_9", _("1-9 JP")),
    ("jp_10_19", _("10-19 JP")),
    ("jp_20_39", _("20-39 JP")),
    ("jp_40", _("40 JP or more")),
)

FUNNEL = ("submitted", "evaluating", "shortlisted", "accepted", "implemented")
SIDE_STATES = ("returned", "rejected", "withdrawn")
STATE_NAMES = {
    "submitted": _("Submitted"),
    "returned": _("Returned for revision"),
    "evaluating": _("Being evaluated"),
    "shortlisted": _("Shortlisted"),
    "accepted": _("Accepted"),
    "rejected": _("Rejected"),
    "withdrawn": _("Withdrawn"),
    "implemented": _("Implemented"),
}

# The unsur a training in digital public service is expected to move (skm-ikm.md).
TRAINING_UNSUR = ("U6", "U7", "U2", "U3")


def quarter_index(year: int, quarter: int) -> int:
    return year * 4 + quarter - 1


def quarter_of_index(index: int) -> tuple[int, int]:
    return index // 4, index % 4 + 1


def quarter_key(index: int) -> str:
    year, quarter = quarter_of_index(index)
    return f"{year}-Q{quarter}"


def quarter_end(year: int, quarter: int) -> dt.date:
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1
