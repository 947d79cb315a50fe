"""Bank files: import and export an item bank as CSV, JSON or YAML, so courses can share banks.

The format is documented in ``docs/reference/assessment-bank-format.rst``. JSON and YAML hold
``{"format": "bina-digital-skills-bank", "version": 1, "items": [...]}`` (a bare list of items is
accepted too); CSV holds one item per row with the columns in ``CSV_COLUMNS``. A file is taken whole
or not at all: ``read_bank`` raises ``BankFileError`` listing every problem by row or item.
"""

from __future__ import annotations

import csv
import io
import json

import yaml

from . import itemwriting
from .bank import OPTION_IDS, Gettext, _identity, normalize_bank

FORMATS = ("csv", "json", "yaml")
FILE_KIND = "bina-digital-skills-bank"
FILE_VERSION = 1
MAX_FILE_BYTES = 1_500_000  # as base64 in a JSON body it stays under the LMS request limit
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "yaml": "application/yaml; charset=utf-8",
}

ITEM_COLUMNS = ["id", "type", "form", "pillar", "competence", "level", "element", "scenario", "stem"]
OPTION_COLUMNS = [f"option_{letter}" for letter in OPTION_IDS]
POINTS_COLUMNS = [f"points_{letter}" for letter in OPTION_IDS]
OPTION_FEEDBACK_COLUMNS = [f"feedback_{letter}" for letter in OPTION_IDS]
CSV_COLUMNS = [
    *ITEM_COLUMNS,
    *OPTION_COLUMNS,
    "correct",
    *POINTS_COLUMNS,
    *OPTION_FEEDBACK_COLUMNS,
    "feedback",
]
REQUIRED_CSV_COLUMNS = ("id", "pillar", "level", "stem", "option_a", "option_b")


class BankFileError(ValueError):
    """The file cannot be taken; ``messages`` lists every problem (by row for CSV, by item otherwise)."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def format_of(filename: str) -> str | None:
    """The format a file name suggests (``.csv``, ``.json``, ``.yaml``/``.yml``), or None."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return {"csv": "csv", "json": "json", "yaml": "yaml", "yml": "yaml"}.get(extension)


def decode(data: bytes) -> str:
    """Text of an uploaded file: UTF-8 (with or without BOM), else Windows-1252 as older Excel saves it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_bank(data: bytes, fmt: str, _: Gettext = _identity, *, item_writing: bool = True) -> list[dict]:
    """The canonical items of a bank file; raises ``BankFileError`` with every problem found.

    A file that breaks a hard item-writing rule (``itemwriting.check``) is refused too, unless
    ``item_writing`` is off (the shipped starter bank, which its own test checks once).
    """
    if len(data) > MAX_FILE_BYTES:
        raise BankFileError(
            [_("The file is larger than {max} MB.").format(max=MAX_FILE_BYTES // (1024 * 1024))]
        )
    if fmt not in FORMATS:
        raise BankFileError([_("Unknown file format {format}; use CSV, JSON or YAML.").format(format=fmt)])
    text = decode(data)
    if not text.strip():
        raise BankFileError([_("The file is empty.")])
    if fmt == "csv":
        raw_items, labels, row_problems = _rows_to_items(text, _)
        items, problems = normalize_bank(raw_items, _, label=lambda index, raw: labels[index])
        problems = _by_row(row_problems + problems, labels)
    else:
        raw_items = _structured_items(text, fmt, _)
        items, problems = normalize_bank(raw_items, _)
    if problems:
        raise BankFileError(problems)
    if not items:
        raise BankFileError([_("The file holds no items.")])
    refused = itemwriting.check(items, _).errors if item_writing else []
    if refused:
        raise BankFileError(refused)
    return items


def _structured_items(text: str, fmt: str, _: Gettext) -> list:
    try:
        document = json.loads(text) if fmt == "json" else yaml.load(text, Loader=_SafeLoader)  # noqa: S506
    except (ValueError, yaml.YAMLError) as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = _(" (line {line}, column {column})").format(line=mark.line + 1, column=mark.column + 1)
        elif isinstance(exc, json.JSONDecodeError):
            where = _(" (line {line}, column {column})").format(line=exc.lineno, column=exc.colno)
        raise BankFileError(
            [_("The file is not valid {format}{where}.").format(format=fmt.upper(), where=where)]
        ) from exc
    if isinstance(document, dict):
        kind = document.get("format")
        if kind not in (None, FILE_KIND):
            raise BankFileError([_("This file is not an item bank (format {kind}).").format(kind=kind)])
        if document.get("version", FILE_VERSION) != FILE_VERSION:
            raise BankFileError(
                [
                    _("This bank file has version {version}; this block reads version 1.").format(
                        version=document.get("version")
                    )
                ]
            )
        document = document.get("items")
    if not isinstance(document, list):
        raise BankFileError([_("The file must hold a list of items (or an object with an 'items' list).")])
    return document


try:  # libyaml's loader is about ten times faster; both are the safe loaders
    _SafeLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _SafeLoader = yaml.SafeLoader


def _header_key(name: str) -> str:
    return "_".join(name.strip().lower().split())


def _rows_to_items(text: str, _: Gettext) -> tuple[list[dict], list[str], list[str]]:
    """Raw items from CSV rows, a "Row N (id)" label for each (row 1 is the header), and row problems."""
    first_line = text.splitlines()[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [_header_key(name) for name in next(reader)]
    except csv.Error as exc:
        raise BankFileError([_("The CSV file cannot be read: {error}.").format(error=exc)]) from exc
    unknown = [name for name in header if name and name not in CSV_COLUMNS]
    missing = [name for name in REQUIRED_CSV_COLUMNS if name not in header]
    problems = []
    if unknown:
        problems.append(
            _("Unknown columns: {columns}. The columns are: {known}.").format(
                columns=", ".join(unknown), known=", ".join(CSV_COLUMNS)
            )
        )
    if missing:
        problems.append(_("Missing columns: {columns}.").format(columns=", ".join(missing)))
    duplicated = sorted({name for name in header if name and header.count(name) > 1})
    if duplicated:
        problems.append(_("Columns appear twice: {columns}.").format(columns=", ".join(duplicated)))
    if problems:
        raise BankFileError(problems)

    raw_items, labels, row_problems = [], [], []
    try:
        for row_number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            row = dict(zip(header, cells, strict=False))
            label = _("Row {n}").format(n=row_number)
            if row.get("id", "").strip():
                label = _("Row {n} ({id})").format(n=row_number, id=row["id"].strip())
            if len(cells) > len(header):
                row_problems.append(
                    _("{where}: the row has more cells than the header has columns.").format(where=label)
                )
            raw, problems = _row_to_item(row, _)
            row_problems.extend(f"{label}: {problem}" for problem in problems)
            raw_items.append(raw)
            labels.append(label)
    except csv.Error as exc:
        raise BankFileError([_("The CSV file cannot be read: {error}.").format(error=exc)]) from exc
    return raw_items, labels, row_problems


def _by_row(problems: list[str], labels: list[str]) -> list[str]:
    """Problems in the order of the rows they name (file-level problems first)."""
    order = {label: position for position, label in enumerate(labels)}

    def row_of(problem: str) -> int:
        label = problem.split(": ", 1)[0]
        return order.get(label, -1)

    return sorted(problems, key=row_of)


def _row_to_item(row: dict, _: Gettext) -> tuple[dict, list[str]]:
    problems = []
    correct = {
        letter.strip().lower()
        for letter in row.get("correct", "").replace(";", ",").replace(" ", ",").split(",")
        if letter.strip()
    }
    options = []
    for letter in OPTION_IDS:
        text = row.get(f"option_{letter}", "").strip()
        points = row.get(f"points_{letter}", "").strip()
        feedback = row.get(f"feedback_{letter}", "").strip()
        if not text:
            if points or feedback or letter in correct:
                problems.append(
                    _("option {letter} is empty but has points, feedback or is marked correct").format(
                        letter=letter
                    )
                )
            continue
        options.append(
            {
                "id": letter,
                "text": text,
                "correct": letter in correct,
                "points": points or None,
                "feedback": feedback,
            }
        )
    strange = sorted(letter for letter in correct if letter not in OPTION_IDS)
    if strange:
        problems.append(
            _("the correct column names {letters}; use the option letters a to {last}").format(
                letters=", ".join(strange), last=OPTION_IDS[-1]
            )
        )
    raw = {name: row.get(name, "") for name in ITEM_COLUMNS}
    raw["feedback"] = row.get("feedback", "")
    raw["options"] = options
    return raw, problems


def _compact_option(option: dict) -> dict:
    compact = {"id": option["id"], "text": option["text"]}
    if option.get("correct"):
        compact["correct"] = True
    if option.get("points") is not None:
        compact["points"] = option["points"]
    if option.get("feedback"):
        compact["feedback"] = option["feedback"]
    return compact


def _compact_item(item: dict) -> dict:
    compact = {name: value for name, value in item.items() if name != "form" or value}
    compact["options"] = [_compact_option(option) for option in item["options"]]
    return compact


def _document(items: list, *, compact: bool = True) -> dict:
    if compact:
        items = [_compact_item(item) for item in items]
    return {"format": FILE_KIND, "version": FILE_VERSION, "items": items}


def _points_text(points) -> str:
    if points is None:
        return ""
    return str(int(points)) if float(points).is_integer() else str(points)


def write_bank(items: list, fmt: str, *, as_stored: bool = False) -> bytes:
    """The bank as a file in ``fmt``; reading it back with ``read_bank`` gives the same items.

    ``as_stored`` writes a bank that breaks the rules exactly as it is (JSON or YAML only), so an
    author can repair it in a file without losing anything.
    """
    if fmt == "json":
        return json.dumps(_document(items, compact=not as_stored), ensure_ascii=False, indent=2).encode()
    if fmt == "yaml":
        document = _document(items, compact=not as_stored)
        return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100).encode()
    if fmt != "csv":
        raise ValueError(fmt)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for item in items:
        row = {name: item.get(name, "") for name in ITEM_COLUMNS}
        row["feedback"] = item.get("feedback", "")
        positional = list(item["options"])
        for position, letter in enumerate(OPTION_IDS):
            # CSV columns are positional: the first option is option_a whatever its id.
            option = positional[position] if position < len(positional) else None
            if option is None:
                continue
            row[f"option_{letter}"] = option["text"]
            row[f"points_{letter}"] = _points_text(option.get("points"))
            row[f"feedback_{letter}"] = option.get("feedback", "")
        row["correct"] = ",".join(
            OPTION_IDS[position] for position, option in enumerate(positional) if option.get("correct")
        )
        writer.writerow(row)
    # A BOM so that spreadsheet programs open the Indonesian text as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode()
