"""Read the spreadsheets people already have: CSV (``;`` or ``,``; UTF-8 with or without BOM, or
Windows-1252) and XLSX, as rows numbered the way the person sees them in their file.

Importers (roster, OPDs and units, SKM, grade reports) validate these rows and report errors by
line number; see ``ImportReport``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

MAX_BYTES = 50 * 1024 * 1024


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
    """Normalised column names (lower case, trimmed) and the non-empty rows."""

    columns: list[str]
    rows: list[Row]
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


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (BOM or not) first, Windows-1252 when that fails."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise TableError(
        _("The file is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8 and try again.")
    )


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
    instead of importing silently changed digits."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value).strip()


def _rows_from_matrix(matrix, first_line: int = 1) -> tuple[list[str], list[Row]]:
    iterator = iter(matrix)
    header = next(iterator, None)
    if not header or not any(str(cell or "").strip() for cell in header):
        raise TableError(_("The file has no header row."))
    columns = [normalise_column(cell) for cell in header]
    rows = []
    for offset, values in enumerate(iterator, start=first_line + 1):
        cells = {column: cell_text(value) for column, value in zip(columns, values, strict=False) if column}
        if any(cells.values()):
            rows.append(Row(line=offset, cells=cells))
    return columns, rows


def read_csv_bytes(data: bytes) -> Table:
    text, encoding = decode(data)
    delimiter = sniff_delimiter(text)
    columns, rows = _rows_from_matrix(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return Table(columns=columns, rows=rows, encoding=encoding, delimiter=delimiter)


def read_xlsx_bytes(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise TableError(
            _("The XLSX file cannot be opened: it may be damaged or not an Excel file.")
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        columns, rows = _rows_from_matrix(sheet.iter_rows(values_only=True))
    finally:
        workbook.close()
    return Table(columns=columns, rows=rows, encoding="xlsx", delimiter="")


def read_table(source, filename: str = "") -> Table:
    """Read a CSV or XLSX file from a path, bytes or an uploaded file; the kind comes from its name."""
    if isinstance(source, str | Path):
        filename = filename or str(source)
        data = Path(source).read_bytes()
    elif isinstance(source, bytes):
        data = source
    else:
        data = source.read()
        filename = filename or getattr(source, "name", "")
    if len(data) > MAX_BYTES:
        raise TableError(_("The file is larger than 50 MB; split it into smaller files."))
    if not data.strip():
        raise TableError(_("The file is empty."))
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        return read_xlsx_bytes(data)
    return read_csv_bytes(data)
