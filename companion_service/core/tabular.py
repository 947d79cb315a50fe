"""Spreadsheets in and out.

Reading: the spreadsheets people already have: CSV (``;`` or ``,``; UTF-8 with or without BOM, or
Windows-1252) and XLSX, as rows numbered the way the person sees them in their file, streamed from
the file (never all held in memory) and within limits on rows and unpacked size (ADR 0109). Importers
(roster, OPDs and units, SKM, grade reports) validate these rows and report errors by line number;
see ``ImportReport``.

Writing: every CSV and XLSX file the companion hands out is made by ``write_csv`` or ``write_xlsx``
(a test fails on any other writer; ADR 0105). Text that a spreadsheet would run as a formula is
neutralised, identifiers such as NIPs stay text, and CSV comes in the Indonesian Excel layout
(``;``, decimal comma) or the comma layout. The blocks' twin is ``xblocks/common/spreadsheet.py``:
the same rules, checked cell for cell by a shared test (the halves never import each other).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

MAX_BYTES = 50 * 1024 * 1024
CHUNK = 1024 * 1024


class TableError(ValueError):
    """The file cannot be read as a table at all; the message says why, for the person importing."""


@dataclass
class Row:
    """One data row: its line number in the file (the header is line 1) and its cells by column."""

    line: int
    cells: dict[str, str]

    def get(self, column: str, default: str = "") -> str:
        return self.cells.get(column, default)


@dataclass
class Table:
    """Normalised column names (lower case, trimmed) and the non-empty rows (a ``RowStream`` when read
    from a file: iterate it, do not keep it as a list)."""

    columns: list[str]
    rows: Iterable[Row]
    encoding: str = ""
    delimiter: str = ""


@dataclass
class RowError:
    """Why one row was rejected."""

    line: int
    message: str
    column: str = ""


@dataclass
class ImportReport:
    """What an import did or, in a dry run, would do."""

    dry_run: bool
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def accepted(self) -> int:
        return self.created + self.updated + self.unchanged


def normalise_column(name) -> str:
    return str(name or "").strip().lower()


def column_key(name) -> str:
    """A header compared loosely: ``Kode OPD``, ``kode-opd`` and ``kode_opd`` are the same column."""
    return re.sub(r"[\s\-./]+", "_", normalise_column(name)).strip("_")


@dataclass(frozen=True)
class Column:
    """A column an importer reads: its field, the header names files use for it, and whether it must exist."""

    field: str
    aliases: tuple[str, ...]
    required: bool = False

    @property
    def label(self) -> str:
        """The documented header (the first alias)."""
        return self.aliases[0]


@dataclass
class ColumnMap:
    """Which file column feeds each field, and the file's columns no field reads."""

    columns: dict[str, str]
    missing: list[str]
    ignored: list[str]

    def value(self, row: Row, field_name: str) -> str | None:
        """The cell for ``field_name`` (trimmed), or None when the file has no such column."""
        column = self.columns.get(field_name)
        return None if column is None else row.get(column).strip()


def map_columns(table: Table, spec) -> ColumnMap:
    """Match the file's headers to ``spec`` (a sequence of ``Column``), the first alias present winning."""
    by_key = {}
    for column in table.columns:
        if column:
            by_key.setdefault(column_key(column), column)
    columns, missing, used = {}, [], set()
    for wanted in spec:
        found = next((by_key[column_key(a)] for a in wanted.aliases if column_key(a) in by_key), None)
        if found is None:
            if wanted.required:
                missing.append(wanted.label)
            continue
        columns[wanted.field] = found
        used.add(found)
    ignored = [c for c in table.columns if c and c not in used]
    return ColumnMap(columns=columns, missing=missing, ignored=ignored)


def require_columns(table: Table, spec) -> ColumnMap:
    """``map_columns``, refusing the file (``TableError``) when a required column is missing."""
    mapped = map_columns(table, spec)
    if mapped.missing:
        raise TableError(
            _("The file lacks the column(s): %(columns)s. The first row must hold the column names.")
            % {"columns": ", ".join(mapped.missing)}
        )
    return mapped


def _setting(name: str, default: int) -> int:
    """A limit from the settings, or its default where no settings are configured (this module
    also serves scripts and tests that read a file without Django's settings)."""
    return int(getattr(settings, name, default) if settings.configured else default)


def max_rows() -> int:
    return _setting("COMPANION_IMPORT_MAX_ROWS", 100_000)


def max_unpacked_bytes() -> int:
    return _setting("COMPANION_IMPORT_MAX_UNPACKED_MB", 200) * 1024 * 1024


def too_many_rows(limit: int) -> TableError:
    return TableError(
        _(
            "The file has more than %(limit)s rows; split it into files of at most %(limit)s rows "
            "and import them one after the other. Nothing was imported."
        )
        % {"limit": f"{limit:,}".replace(",", ".")}
    )


class RowStream:
    """The data rows of a table, read from the file each time they are iterated (never all held in
    memory); ``len()`` and indexing (``rows[0]``, ``rows[:5]``) read as far as they need. More rows
    than ``limit`` raise ``TableError``."""

    def __init__(self, open_matrix, limit: int, count: int | None = None):
        self._open = open_matrix
        self._limit = limit
        self._count = count

    def __iter__(self):
        matrix = self._open()
        try:
            header = next(matrix, None)
            columns = [normalise_column(cell) for cell in header or ()]
            count = 0
            for line, values in enumerate(matrix, start=2):
                cells = {c: cell_text(v) for c, v in zip(columns, values, strict=False) if c}
                if any(cells.values()):
                    count += 1
                    if count > self._limit:
                        raise too_many_rows(self._limit)
                    yield Row(line=line, cells=cells)
            self._count = count
        finally:
            close = getattr(matrix, "close", None)
            if close:
                close()

    def __len__(self) -> int:
        if self._count is None:
            self._count = sum(1 for _row in self)
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(itertools.islice(self, index.start, index.stop, index.step))
        if index < 0:
            return list(self)[index]
        try:
            return next(itertools.islice(self, index, None))
        except StopIteration:
            raise IndexError(index) from None

    def __bool__(self) -> bool:
        return next(iter(self), None) is not None


def encoding_of(data: bytes) -> str:
    """UTF-8 (BOM or not) first, Windows-1252 when that fails; checked in pieces, nothing kept."""
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for start in range(0, len(data), CHUNK):
                decoder.decode(data[start : start + CHUNK])
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise TableError(
        _("The file is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8 and try again.")
    )


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (BOM or not) first, Windows-1252 when that fails."""
    encoding = encoding_of(data)
    return data.decode(encoding), encoding


def sniff_delimiter(text: str) -> str:
    """``;`` or ``,`` (or a tab), from the first lines; Indonesian Excel exports use ``;``."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        header = text.splitlines()[0] if text else ""
        return ";" if header.count(";") > header.count(",") else ","


def cell_text(value) -> str:
    """A cell as text. Whole numbers lose their ".0"; numbers too long for Excel's 15 significant
    digits (an 18-digit NIP typed as a number) keep their float form so validation rejects them
    instead of importing silently changed digits. An identifier our CSV wrote as ``="…"`` reads back
    as its digits."""
    if value is None:
        return ""
    if isinstance(value, str) and (kept := IDENTIFIER_FORMULA.fullmatch(value.strip())):
        return kept.group(1)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value).strip()


def _columns(header) -> list[str]:
    if not header or not any(str(cell or "").strip() for cell in header):
        raise TableError(_("The file has no header row."))
    return [normalise_column(cell) for cell in header]


def read_csv_bytes(data: bytes) -> Table:
    encoding = encoding_of(data)
    head = data[:CHUNK].decode(encoding, errors="ignore")
    delimiter = sniff_delimiter(head)

    def open_matrix():
        text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
        return iter(csv.reader(text, delimiter=delimiter))

    columns = _columns(next(open_matrix(), None))
    rows = RowStream(open_matrix, max_rows())
    len(rows)  # one streamed pass: refuses too many rows before any importer starts
    return Table(columns=columns, rows=rows, encoding=encoding, delimiter=delimiter)


def _check_unpacked_size(data: bytes) -> None:
    """Refuse an XLSX (a zip) whose members unpack to more than the limit, before opening it: the
    sizes in the zip's directory also cap what ``zipfile`` will inflate."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise TableError(
            _("The XLSX file cannot be opened: it may be damaged or not an Excel file.")
        ) from exc
    limit = max_unpacked_bytes()
    if unpacked > limit:
        raise TableError(
            _(
                "This XLSX file unpacks to %(size)s MB, more than the %(limit)s MB allowed; split it into "
                "smaller files. Nothing was imported."
            )
            % {"size": unpacked // (1024 * 1024), "limit": limit // (1024 * 1024)}
        )


ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b[^>]*?(/?)>")


def _count_sheet_rows(data: bytes, member: str) -> int:
    """Rows with content in a worksheet's XML (``<row>`` elements that are not empty), read in pieces."""
    count, tail = 0, b""
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(member) as sheet:
        while chunk := sheet.read(CHUNK):
            text = tail + chunk
            cut = text.rfind(b"<")
            cut = cut if cut > len(text) - 512 else len(text)
            count += sum(1 for match in ROW_TAG.finditer(text, 0, cut) if not match.group(1))
            tail = text[cut:]
        count += sum(1 for match in ROW_TAG.finditer(tail) if not match.group(1))
    return count


def read_xlsx_bytes(data: bytes) -> Table:
    from openpyxl import load_workbook

    _check_unpacked_size(data)

    def open_workbook():
        try:
            return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a damaged file
            raise TableError(
                _("The XLSX file cannot be opened: it may be damaged or not an Excel file.")
            ) from exc

    def open_matrix():
        workbook = open_workbook()

        def rows():
            try:
                yield from workbook.worksheets[0].iter_rows(values_only=True)
            finally:
                workbook.close()

        return rows()

    workbook = open_workbook()
    try:
        sheet = workbook.worksheets[0]
        member = getattr(sheet, "_worksheet_path", "")
        header = next(sheet.iter_rows(values_only=True, max_row=1), None)
    finally:
        workbook.close()
    columns = _columns(header)
    limit = max_rows()
    if member and _count_sheet_rows(data, member) - 1 > limit:
        raise too_many_rows(limit)
    return Table(columns=columns, rows=RowStream(open_matrix, limit), encoding="xlsx", delimiter="")


def read_table(source, filename: str = "") -> Table:
    """Read a CSV or XLSX file from a path, bytes or an uploaded file; the kind comes from its name.

    The rows are streamed from the file (``RowStream``); a file larger than 50 MB, an XLSX that would
    unpack to more than ``COMPANION_IMPORT_MAX_UNPACKED_MB`` or one with more than
    ``COMPANION_IMPORT_MAX_ROWS`` rows is refused with ``TableError`` before any row is handed out.
    """
    if isinstance(source, str | Path):
        filename = filename or str(source)
        if Path(source).stat().st_size > MAX_BYTES:
            raise TableError(_("The file is larger than 50 MB; split it into smaller files."))
        data = Path(source).read_bytes()
    elif isinstance(source, bytes):
        data = source
    else:
        data = source.read(MAX_BYTES + 1)
        filename = filename or getattr(source, "name", "")
    if len(data) > MAX_BYTES:
        raise TableError(_("The file is larger than 50 MB; split it into smaller files."))
    if not data.strip():
        raise TableError(_("The file is empty."))
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        return read_xlsx_bytes(data)
    return read_csv_bytes(data)


# --- Writing ------------------------------------------------------------------------------------
# The rules below are the same, line for line, as xblocks/common/spreadsheet.py (tests/system/
# test_spreadsheet_writers.py runs one set of hostile and tricky cells through both).

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
XLSX_TEXT_LIMIT = 32767  # characters Excel keeps in one cell
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


@dataclass
class Sheet:
    """A table for a spreadsheet file: its title (the XLSX sheet's name), header and rows."""

    title: str
    header: list
    rows: list = field(default_factory=list)

    def append(self, row) -> None:
        self.rows.append(list(row))


SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_title(title: str) -> str:
    """A name Excel accepts for a sheet: no ``[]:*?/\\``, at most 31 characters, not empty."""
    return SHEET_TITLE_FORBIDDEN.sub(" ", ILLEGAL_CHARACTERS.sub("", str(title))).strip()[:31] or "Sheet1"


def _xlsx_cell(sheet, value, bold=False):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet)
    if value is None:
        cell.value = None
    elif is_identifier(value):
        cell.value = str(value)
        cell.data_type = "s"
        cell.number_format = "@"  # Text: stays text when edited
    elif isinstance(value, int | float | Decimal):
        number = float(value) if isinstance(value, Decimal) else value
        cell.value = None if isinstance(number, float) and not math.isfinite(number) else number
    elif isinstance(value, dt.datetime):
        cell.value = wib(value)
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = safe_text(str(value))[:XLSX_TEXT_LIMIT]
        cell.data_type = "s"  # never "f": text is never a formula
    if bold:
        cell.font = Font(bold=True)
    return cell


def write_xlsx(*sheets: Sheet) -> bytes:
    """An XLSX workbook with one sheet per table: typed cells (numbers, dates, text), identifiers as
    text cells formatted as Text, the header bold and frozen."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    used = set()
    for sheet in sheets:
        title = sheet_title(sheet.title)
        while title.casefold() in used:
            title = f"{title[:28]} {len(used) + 1}"
        used.add(title.casefold())
        target = book.create_sheet(title=title)
        target.freeze_panes = "A2"
        target.append([_xlsx_cell(target, str(cell), bold=True) for cell in sheet.header])
        for row in sheet.rows:
            target.append([_xlsx_cell(target, cell) for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
