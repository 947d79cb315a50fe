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

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from companion_service.core import vocabulary
from companion_service.openedx_sync.data import PILLARS as PILLARS  # the assessment's pillar keys

TARGET_JP = 20
MINIMUM_WINDOW, MAXIMUM_WINDOW = 1, 4
MINIMUM_THRESHOLD, MAXIMUM_THRESHOLD = 0.05, 0.95
THRESHOLD_CHOICES = (0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9)

TOTAL = "total"
# Names from the shared vocabulary (the blocks show the same words).
PILLAR_NAMES = {
    **{code: _(name) for code, name in vocabulary.PILLARS.items()},
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
STATE_NAMES = {code: _(name) for code, name in vocabulary.IDEA_STATES.items() if code != "draft"}

# What started a refresh of the figures (RefreshRun.trigger), as the coverage page says it:
# "after: <what>". The keys are those of evaluation/receivers.py, the evaluate command and the admin.
REFRESH_TRIGGERS = {
    "command": _("the evaluate command"),
    "admin": _("a request on the administration pages"),
    "programme": _("a change to the programme"),
    "sync": _("a sync from the LMS"),
    "grade_report": _("a grade report import"),
    "skm": _("new SKM answers"),
    "skm_population": _("an entry of the number of service users"),
    "roster": _("a change to the ASN roster"),
    "outside_learning": _("learning recorded outside the LMS"),
}
# How a sync from the LMS ended (openedx_sync's SyncRun.status).
SYNC_STATUSES = {
    "running": _("Running"),
    "ok": _("OK"),
    "partial": _("Partial"),
    "failed": _("Failed"),
}

# The unsur a training in digital public service is expected to move (skm-ikm.md).
TRAINING_UNSUR = ("U6", "U7", "U2", "U3")


def quarter_index(year: int, quarter: int) -> int:
    return year * 4 + quarter - 1


def quarter_of_index(index: int) -> tuple[int, int]:
    return index // 4, index % 4 + 1


def quarter_key(index: int) -> str:
    """``2026-Q3``: the key data and the API use (pages and downloads show ``quarter_name``)."""
    year, quarter = quarter_of_index(index)
    return f"{year}-Q{quarter}"


def quarter_name(key) -> str:
    """``Triwulan III 2026`` for the key ``2026-Q3``, in the active language (the shared vocabulary)."""
    return vocabulary.quarter_key_label(key, gettext)


def trigger_name(key) -> str:
    """What started a refresh, in words (any other key: "another step")."""
    return str(REFRESH_TRIGGERS.get(key, _("another step")))


def sync_status_name(key) -> str:
    """How a sync ended, in words."""
    return str(SYNC_STATUSES.get(key, key or "—"))


def quarter_end(year: int, quarter: int) -> dt.date:
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1
