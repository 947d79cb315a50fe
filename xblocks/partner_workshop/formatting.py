"""Dates, times and durations as people in Sibolga read them: WIB, in the active language."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import formats, translation

WIB = ZoneInfo("Asia/Jakarta")


def wib(value: datetime | None) -> datetime | None:
    return value.astimezone(WIB) if value else None


def date_time(value: datetime | None) -> str:
    """``Kamis, 3 Desember 2026 pukul 09.00 WIB`` / ``Thursday, 3 December 2026, 09:00 WIB``."""
    if value is None:
        return ""
    local = wib(value)
    day = formats.date_format(local, "l, j F Y")
    clock = local.strftime("%H.%M") if translation.get_language() == "id" else local.strftime("%H:%M")
    if translation.get_language() == "id":
        return f"{day} pukul {clock} WIB"
    return f"{day}, {clock} WIB"


def date_only(value: datetime | None) -> str:
    """``Kamis, 3 Desember 2026`` / ``Thursday, 3 December 2026`` (WIB)."""
    return formats.date_format(wib(value), "l, j F Y") if value else ""


def time_only(value: datetime | None) -> str:
    if value is None:
        return ""
    local = wib(value)
    return local.strftime("%H.%M" if translation.get_language() == "id" else "%H:%M") + " WIB"


def iso(value: datetime | None) -> str:
    """Machine-readable time for ``<time datetime=...>`` (WIB offset kept)."""
    return wib(value).isoformat() if value else ""


def duration(minutes: int, gettext, ngettext) -> str:
    """``3 jam 45 menit`` / ``3 hours 45 minutes``."""
    hours, rest = divmod(int(minutes), 60)
    parts = []
    if hours:
        parts.append(ngettext("{n} hour", "{n} hours", hours).format(n=hours))
    if rest or not parts:
        parts.append(ngettext("{n} minute", "{n} minutes", rest).format(n=rest))
    return " ".join(parts)
