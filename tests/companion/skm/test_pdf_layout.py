"""Printed SKM documents keep every column: each table header of the report, the publication poster
and the QR poster is in the PDF's text, and no text is drawn beyond the A4 page (read with pypdf)."""

from pathlib import Path

import pytest

from tests.support.pdf_layout import missing_headers, read_pdf, record_pdf_sources

from .test_documents import evaluator, surveyed  # noqa: F401 (fixtures)

DOCUMENTS = Path(__file__).resolve().parents[3] / "companion_service/skm/templates/skm/documents"
REPORTS = {
    "report.html": [
        "/skm/unit/DUKCAPIL-LOKET/2025-Q1/laporan.pdf?weighting=exact",
        "/skm/unit/DUKCAPIL-LOKET/2025-Q1/laporan.pdf?weighting=regulation",
    ],
    "publication.html": ["/skm/unit/DUKCAPIL-LOKET/2025-Q1/publikasi.pdf"],
    "poster.html": ["/skm/unit/DUKCAPIL-LOKET/poster.pdf"],
}


def test_every_skm_document_is_checked():
    assert {path.name for path in DOCUMENTS.glob("[!_]*.html")} == set(REPORTS)


@pytest.mark.parametrize("url", [url for urls in REPORTS.values() for url in urls])
def test_every_column_header_is_printed_inside_the_page(evaluator, surveyed, url):  # noqa: F811
    with record_pdf_sources() as sources:
        response = evaluator.get(url, follow=True)  # a worker makes it (ADR 0130); its job page hands it out
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    (source,) = sources
    pdf = read_pdf(response.content)
    assert missing_headers(source, pdf) == []
    assert pdf.outside == []
