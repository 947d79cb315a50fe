"""The rules an outside training must meet, shared by the ASN's form and BKPSDM's import.

- JP: as written on the certificate, or from the hours: 1 JP = 45 minutes of learning (PP 11/2017,
  Peraturan LAN 10/2018), rounded up; one of the two is needed; 1-999 JP;
- dates: the last day on or after the first, not in the future, from 2000 on;
- the channel is one of Peraturan LAN 10/2018's (``LearningChannel``).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from companion_service.openedx_sync.channels import MINUTES_PER_JP, LearningChannel

from .data import TrainingInput

MAX_JP = 999
MAX_HOURS = Decimal(1000)
EARLIEST = dt.date(2000, 1, 1)


def jp_from_hours(hours: Decimal) -> int:
    return math.ceil(hours * 60 / MINUTES_PER_JP)


def credited_jp(data: TrainingInput) -> tuple[int, bool]:
    """(JP, computed from hours?)."""
    if data.jp is not None:
        return data.jp, False
    return jp_from_hours(data.hours), True


def problems(data: TrainingInput) -> dict[str, str]:
    """Field name -> what is wrong (empty when the training may be recorded)."""
    found = {}
    if not data.title.strip():
        found["title"] = _("Write the name of the training.")
    if not data.provider.strip():
        found["provider"] = _("Write who organised it (e.g. LAN, BPSDM Provinsi, a university).")
    if data.channel not in LearningChannel.values:
        found["channel"] = _("Choose a learning channel from the list.")
    today = timezone.localdate()
    if data.finished_on < data.started_on:
        found["finished_on"] = _("The last day is before the first day.")
    elif data.finished_on > today:
        found["finished_on"] = _("The training has not ended yet; record it after its last day.")
    if data.started_on < EARLIEST:
        found["started_on"] = _("The first day is before 2000.")
    if data.jp is None and data.hours is None:
        found["jp"] = _("Write the JP on the certificate, or the hours of learning.")
    if data.jp is not None and not 1 <= data.jp <= MAX_JP:
        found["jp"] = _("JP must be a whole number from 1 to 999.")
    if data.hours is not None and not Decimal(0) < data.hours <= MAX_HOURS:
        found["hours"] = _("Hours must be more than 0 and at most 1,000.")
    elif data.jp is None and data.hours is not None and jp_from_hours(data.hours) > MAX_JP:
        found["hours"] = _("That many hours give more than 999 JP; record each part separately.")
    return found
