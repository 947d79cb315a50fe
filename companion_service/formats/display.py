"""Show stored values the way people in Sibolga read them, in the active language.

- ``to_wib``: a stored UTC datetime in Asia/Jakarta (WIB), whatever zone is active;
- ``format_wib``: ``28 November 2026, 14.30 WIB`` (also ``date``, ``time`` and ``short`` kinds);
- ``format_number``: ``1.234,5`` (grouped even where ``USE_THOUSAND_SEPARATOR`` is off; rounded half up);
- ``format_percent``: a ratio as ``87,5%``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.utils import formats

WIB = ZoneInfo("Asia/Jakarta")

KINDS = {
    "datetime": "DATETIME_FORMAT",
    "short": "SHORT_DATETIME_FORMAT",
    "date": "DATE_FORMAT",
    "short_date": "SHORT_DATE_FORMAT",
    "time": "TIME_FORMAT",
}


def to_wib(value: datetime) -> datetime:
    """``value`` in WIB; a naive datetime is taken as UTC (how the companion stores times)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(WIB)


def format_wib(value, kind: str = "datetime") -> str:
    """A date or datetime for people: ``28 November 2026, 14.30 WIB`` in Indonesian."""
    if value in (None, ""):
        return ""
    if kind not in KINDS:
        raise ValueError(f"Unknown kind {kind!r}; use one of {', '.join(KINDS)}.")
    if isinstance(value, datetime):
        value = to_wib(value)
        text = formats.date_format(value, KINDS[kind])
        return f"{text} {value.tzname()}" if kind == "time" else text
    if isinstance(value, date):
        return formats.date_format(value, KINDS["short_date" if kind in ("short", "short_date") else "date"])
    raise TypeError(f"format_wib needs a date or datetime, not {type(value).__name__}.")


def format_number(value, decimals: int | None = None) -> str:
    """``1234.5`` as ``1.234,5`` in Indonesian (``1,234.5`` in English); ``decimals`` fixes the digits."""
    if value in (None, ""):
        return ""
    if decimals is not None:
        # Half up, as reports are read (87,5 -> 88), not Python's half-to-even.
        value = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def format_percent(ratio, decimals: int = 1) -> str:
    """A ratio (0.875) as a percentage: ``87,5%``."""
    if ratio in (None, ""):
        return ""
    return f"{format_number(Decimal(str(ratio)) * 100, decimals)}%"
