"""The one writer of the blocks' spreadsheet downloads (CSV): every export of the three blocks goes
through ``write_csv`` (a test fails on any other CSV writer in ``xblocks/``; ADR 0105).

Text that a spreadsheet would run as a formula is neutralised (OWASP's list, full-width forms
included), identifiers such as NIPs and usernames made of digits stay text (``="…"``), numbers stay
numbers (negative ones untouched), and the file comes in the layout Excel set to Indonesian reads
(``;`` and a decimal comma) or the comma layout, always UTF-8 with a byte-order mark.

The rules are the same, line for line, as the companion's writer (``companion_service/core/
tabular.py``); ``tests/system/test_spreadsheet_writers.py`` runs one set of hostile and tricky
cells through both. The blocks write no XLSX: openpyxl is not among edx-platform's requirements,
and the course team's files are small (ADR 0105).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import translation

# First characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection": = + - @,
# tab, carriage return, their full-width forms; ASVS 1.2.10 adds NUL; the small forms for safety).
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n\0\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b")
ESCAPE = "'"
# Control characters XML (hence XLSX) cannot hold; dropped from CSV too, so both files say the same.
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TRIGGERS = re.escape("".join(sorted(FORMULA_TRIGGERS)))
NEEDS_ESCAPE = re.compile(f"'*(?:[{_TRIGGERS}]| +[{_TRIGGERS}])")  # apostrophes, spaces, then a trigger
PLAIN_NUMBER = re.compile(r"-(?:\d+(?:[.,]\d+)?|[.,]\d+)")  # "-5", "-2.5", "-0,75": inert as they are
IDENTIFIER = re.compile(r"\+?\d+")  # NIP, NIK, codes, ids: digits that must not become a number
IDENTIFIER_FORMULA = re.compile(r'="(\+?\d+)"')
BIG_INTEGER = 10**15  # Excel keeps 15 significant digits; a longer whole number is an identifier
WIB = ZoneInfo("Asia/Jakarta")


@dataclass(frozen=True)
class CsvLayout:
    """How a CSV separates cells and writes decimals: ``semicolon`` is what Excel set to Indonesian
    reads (list separator ``;``, decimal comma); ``comma`` is what English-language spreadsheets read."""

    key: str
    delimiter: str
    decimal: str


SEMICOLON = CsvLayout("semicolon", ";", ",")
COMMA = CsvLayout("comma", ",", ".")
CSV_LAYOUTS = {layout.key: layout for layout in (SEMICOLON, COMMA)}


def csv_layout(choice: str | None = None, language: str | None = None) -> CsvLayout:
    """The layout asked for (``semicolon`` or ``comma``), else the language's: ``;`` for Indonesian."""
    if choice in CSV_LAYOUTS:
        return CSV_LAYOUTS[choice]
    return SEMICOLON if (language or "id").lower().split("-")[0] == "id" else COMMA


def safe_text(value: str) -> str:
    """Text no spreadsheet runs as a formula: when it starts with a trigger (after any spaces or
    apostrophes) an apostrophe goes in front, unless it is a plain negative number such as "-5";
    XML-illegal control characters are dropped. ``unescape_text`` undoes it exactly."""
    text = ILLEGAL_CHARACTERS.sub("", value)
    if NEEDS_ESCAPE.match(text) and not PLAIN_NUMBER.fullmatch(text):
        return ESCAPE + text
    return text


def unescape_text(text: str) -> str:
    """``safe_text`` undone, for files read back: the apostrophe it added comes off."""
    return text[1:] if text.startswith(ESCAPE) and NEEDS_ESCAPE.match(text[1:]) else text


def read_cell(text: str) -> str:
    """A cell of a file this writer made, as it was before writing: an identifier's ``="…"`` and
    the apostrophe of ``safe_text`` come off."""
    kept = IDENTIFIER_FORMULA.fullmatch(text)
    return kept.group(1) if kept else unescape_text(text)


def is_identifier(value) -> bool:
    """Digits (optionally after a +) held as text, or a whole number too long for a spreadsheet."""
    if isinstance(value, str):
        return bool(IDENTIFIER.fullmatch(value))
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) >= BIG_INTEGER


def number_text(value, decimal: str = ".") -> str:
    """A number as a spreadsheet reads it: no exponent, ``decimal`` as the decimal mark; empty for
    NaN and infinities."""
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        value = Decimal(repr(value))
    if not value.is_finite():
        return ""
    text = format(value, "f")
    return text.replace(".", decimal)


def wib(moment: dt.datetime) -> dt.datetime:
    """An aware time as WIB wall-clock time (naive), as every Bina ASN screen shows times."""
    return moment.astimezone(WIB).replace(tzinfo=None) if moment.tzinfo else moment


def csv_cell(value, layout: CsvLayout = SEMICOLON) -> str:
    """One cell of a CSV file in ``layout``."""
    if value is None:
        return ""
    if is_identifier(value):
        return f'="{value}"'  # Excel shows the digits as text (ADR 0105)
    if isinstance(value, int | float | Decimal):
        return number_text(value, layout.decimal)
    if isinstance(value, dt.datetime):
        return wib(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return safe_text(str(value))


def write_csv(header: Sequence, rows: Iterable[Sequence], layout: CsvLayout = SEMICOLON) -> bytes:
    """A CSV file: UTF-8 with a byte-order mark (so Excel reads the names right), CRLF line ends."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=layout.delimiter, lineterminator="\r\n")
    writer.writerow([safe_text(str(cell)) for cell in header])
    for row in rows:
        writer.writerow([csv_cell(cell, layout) for cell in row])
    return buffer.getvalue().encode("utf-8")


def request_layout(request) -> CsvLayout:
    """The layout a download asks for (``?sep=semicolon|comma``), else the learner's language's."""
    choice = request.GET.get("sep") if request is not None else None
    return csv_layout(choice, translation.get_language())
