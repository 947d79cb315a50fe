"""NIP (Nomor Induk Pegawai): the 18-digit number that identifies an ASN, always kept as text.

Two structures exist (see ../shared/domain/asn-development.md):

- PNS (civil servant): birth date YYYYMMDD, CPNS start (TMT) YYYYMM, sex (1 male, 2 female),
  sequence 001-999;
- PPPK (government employee on contract): birth date YYYYMMDD, start year YYYY, the digit ``2``,
  intake 1-9, sex, sequence. The 13th digit tells them apart: a PNS start month begins with 0 or 1.

``parse_nip`` validates the dates and returns what the number says; ``NipError`` carries a message
for the person who typed it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PNS = "PNS"
PPPK = "PPPK"
MALE = "L"  # laki-laki
FEMALE = "P"  # perempuan

# Limits that no real NIP crosses; they catch typing mistakes, not unusual careers.
EARLIEST_BIRTH_YEAR = 1930
EARLIEST_PNS_START_YEAR = 1950
EARLIEST_PPPK_START_YEAR = 2019  # PPPK recruitment began in 2019 (PP 49/2018)
MINIMUM_AGE_AT_START = 16

_SPACES = re.compile(r"[\s\u00a0._-]+")


class NipError(ValueError):
    """The text is not a valid NIP; ``str(error)`` says why in the user's language."""


@dataclass(frozen=True)
class Nip:
    """What a valid NIP says about its holder."""

    value: str
    kind: str  # PNS or PPPK
    birth_date: date
    start_year: int
    start_month: int | None  # PNS only (TMT CPNS); PPPK numbers carry only the year
    sex: str  # L or P
    sequence: int
    intake: int | None = None  # PPPK only

    def __str__(self) -> str:
        return self.value


def normalise_nip(raw) -> str:
    """The digits of a NIP as people write it: ``19671110 199203 1 001``, ``'196711101992031001``.

    Spaces, dots, dashes and Excel's leading apostrophe go; nothing else is changed.
    """
    text = str(raw or "").strip().lstrip("'")
    return _SPACES.sub("", text)


def _date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise NipError(
            _("Digits 1-8 of the NIP must be a birth date (YYYYMMDD); %(value)s is not a date.")
            % {"value": f"{year:04d}{month:02d}{day:02d}"}
        ) from exc


def _sex(digit: str, position: int) -> str:
    if digit == "1":
        return MALE
    if digit == "2":
        return FEMALE
    raise NipError(
        _("Digit %(position)d of the NIP is the sex code and must be 1 or 2, not %(digit)s.")
        % {"position": position, "digit": digit}
    )


def _years_between(earlier: date, year: int, month: int) -> float:
    return (year - earlier.year) + (month - earlier.month) / 12


def parse_nip(raw, today: date | None = None) -> Nip:
    """Validate ``raw`` as a PNS or PPPK NIP and return what it says; raise ``NipError`` otherwise."""
    today = today or date.today()
    value = normalise_nip(raw)
    if not value:
        raise NipError(_("The NIP is empty."))
    if re.fullmatch(r"\d+(\.\d+)?[eE][+-]?\d+", value) or re.fullmatch(r"\d{15,}\.\d+", str(raw).strip()):
        raise NipError(
            _(
                "The NIP %(value)s was stored as a number and lost digits; format the NIP column as "
                "Text in the spreadsheet and type the 18 digits again."
            )
            % {"value": str(raw).strip()}
        )
    if not value.isdigit():
        raise NipError(_("A NIP has only digits; %(value)s has other characters.") % {"value": value})
    if len(value) != 18:
        raise NipError(
            _("A NIP has 18 digits; %(value)s has %(count)d.") % {"value": value, "count": len(value)}
        )
    birth = _date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    if birth.year < EARLIEST_BIRTH_YEAR or birth > today:
        raise NipError(
            _("The birth date in the NIP (%(date)s) is not plausible.") % {"date": birth.isoformat()}
        )
    if value[12] == "2":
        return _parse_pppk(value, birth, today)
    return _parse_pns(value, birth, today)


def _parse_pns(value: str, birth: date, today: date) -> Nip:
    year, month = int(value[8:12]), int(value[12:14])
    if not 1 <= month <= 12:
        raise NipError(
            _("Digits 13-14 of a PNS NIP are the month of the CPNS start (01-12), not %(month)s.")
            % {"month": value[12:14]}
        )
    if year < EARLIEST_PNS_START_YEAR or (year, month) > (today.year + 1, 12):
        raise NipError(_("The CPNS start year in the NIP (%(year)d) is not plausible.") % {"year": year})
    if _years_between(birth, year, month) < MINIMUM_AGE_AT_START:
        raise NipError(
            _("The NIP says the CPNS start (%(start)s) came before the holder was %(age)d years old.")
            % {"start": f"{year:04d}-{month:02d}", "age": MINIMUM_AGE_AT_START}
        )
    sequence = int(value[15:18])
    if sequence == 0:
        raise NipError(_("The last three digits of a NIP are a sequence from 001 to 999, not 000."))
    return Nip(
        value=value,
        kind=PNS,
        birth_date=birth,
        start_year=year,
        start_month=month,
        sex=_sex(value[14], 15),
        sequence=sequence,
    )


def _parse_pppk(value: str, birth: date, today: date) -> Nip:
    year = int(value[8:12])
    if year < EARLIEST_PPPK_START_YEAR or year > today.year + 1:
        raise NipError(_("The PPPK start year in the NIP (%(year)d) is not plausible.") % {"year": year})
    if _years_between(birth, year, 12) < MINIMUM_AGE_AT_START:
        raise NipError(
            _("The NIP says the PPPK start (%(year)d) came before the holder was %(age)d years old.")
            % {"year": year, "age": MINIMUM_AGE_AT_START}
        )
    intake = int(value[13])
    if intake == 0:
        raise NipError(_("Digit 14 of a PPPK NIP is the intake (1-9), not 0."))
    sequence = int(value[15:18])
    if sequence == 0:
        raise NipError(_("The last three digits of a NIP are a sequence from 001 to 999, not 000."))
    return Nip(
        value=value,
        kind=PPPK,
        birth_date=birth,
        start_year=year,
        start_month=None,
        sex=_sex(value[14], 15),
        sequence=sequence,
        intake=intake,
    )


def is_valid_nip(raw) -> bool:
    try:
        parse_nip(raw)
    except NipError:
        return False
    return True


def validate_nip(value) -> None:
    """Django field validator: the model and admin forms reject what ``parse_nip`` rejects."""
    try:
        parse_nip(value)
    except NipError as exc:
        raise ValidationError(str(exc), code="invalid_nip") from exc
