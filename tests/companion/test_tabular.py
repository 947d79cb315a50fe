"""Reading the spreadsheets people already have."""

import io

import pytest
from openpyxl import Workbook

from companion_service.core.tabular import TableError, read_table


def test_semicolon_utf8_with_bom():
    table = read_table("\ufeffNIP;Nama\n196711101992031001;Ani Siregar\n".encode())
    assert table.columns == ["nip", "nama"]
    assert table.delimiter == ";"
    assert table.rows[0].line == 2
    assert table.rows[0].cells == {"nip": "196711101992031001", "nama": "Ani Siregar"}


def test_comma_windows_1252():
    table = read_table("nip,nama\n1,Débora\n".encode("cp1252"))
    assert table.encoding == "cp1252"
    assert table.rows[0].get("nama") == "Débora"


def test_blank_rows_are_skipped_but_line_numbers_stay_true():
    table = read_table(b"a;b\n1;2\n;\n3;4\n")
    assert [row.line for row in table.rows] == [2, 4]


def test_quoted_delimiters_inside_cells():
    table = read_table(b'nama;saran\nAni;"lebih cepat; lebih ramah"\n')
    assert table.rows[0].get("saran") == "lebih cepat; lebih ramah"


def xlsx(*rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_cells_become_text_as_typed():
    table = read_table(
        xlsx(["NIP", "Nama", "JP"], ["196711101992031001", "Ani", 12.0]), filename="roster.xlsx"
    )
    assert table.rows[0].cells == {"nip": "196711101992031001", "nama": "Ani", "jp": "12"}


def test_xlsx_number_too_long_for_excel_is_not_silently_rounded():
    table = read_table(xlsx(["NIP"], [196711101992031001]), filename="roster.xlsx")
    assert table.rows[0].get("nip") in {"196711101992031001", "1.96711101992031e+17"}
    table = read_table(xlsx(["NIP"], [196711101992031001.0]), filename="roster.xlsx")
    assert not table.rows[0].get("nip").isdigit()


@pytest.mark.parametrize("data", [b"", b"   \n", b";;\n"])
def test_empty_or_headerless_files_are_refused(data):
    with pytest.raises(TableError):
        read_table(data)


def test_damaged_xlsx_is_refused():
    with pytest.raises(TableError, match="XLSX"):
        read_table(b"PK\x03\x04 not really a zip", filename="x.xlsx")
