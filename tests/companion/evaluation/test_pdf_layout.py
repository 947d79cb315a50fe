"""Printed reports keep every column: each table header of the scorecard and impact PDFs is in the
PDF's text, and no text is drawn beyond the A4 page (read back with pypdf)."""

from pathlib import Path

import pytest

from tests.support.pdf_layout import missing_headers, read_pdf, record_pdf_sources

REPO = Path(__file__).resolve().parents[3]
DOCUMENTS = REPO / "companion_service/evaluation/templates/evaluation/documents"
# Every evaluation document, each with the requests that give it its widest tables.
REPORTS = {
    "scorecard.html": ["/evaluasi/laporan/skor.pdf?year=2026&weighting=exact"],
    "impact.html": [
        "/evaluasi/laporan/dampak.pdf?window=2&threshold=0.5&weighting=exact",
        "/evaluasi/laporan/dampak.pdf?window=2&threshold=0.5&weighting=regulation&level=opd",
    ],
}


@pytest.fixture
def evaluator(client, make_user):
    client.force_login(make_user("eva", "evaluator"))
    return client


def test_every_evaluation_document_is_checked():
    assert {path.name for path in DOCUMENTS.glob("[!_]*.html")} == set(REPORTS)


@pytest.mark.parametrize("url", [url for urls in REPORTS.values() for url in urls])
def test_every_column_header_is_printed_inside_the_page(data, evaluator, url):
    with record_pdf_sources() as sources:
        response = evaluator.get(url, follow=True)  # a worker makes it (ADR 0130); its job page hands it out
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    (source,) = sources
    pdf = read_pdf(response.content)
    assert missing_headers(source, pdf) == []
    assert pdf.outside == []
