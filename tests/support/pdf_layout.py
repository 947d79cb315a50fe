"""What a printed table keeps: every column header of the HTML a PDF was made from, read back from the
PDF with pypdf, and every piece of text drawn inside the page.

``record_pdf_sources`` (a context manager around WeasyPrint's ``HTML``) keeps the HTML of each PDF the
code under test renders, so a test compares the document's own tables with what reached the paper.
"""

from __future__ import annotations

import io
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from lxml import html as lxml_html
from pypdf import PdfReader

# A glyph may start a hair left of the box or end at its edge; a lost column is centimetres off.
TOLERANCE_PT = 2.0


def squeeze(text: str) -> str:
    """Text without any whitespace: a header wrapped over lines in a narrow column still matches."""
    return re.sub(r"\s+", "", text or "")


def column_headers(source: str) -> list[str]:
    """The header cells of every table with columns: its ``thead`` cells, or a first row of ``th`` only."""
    headers = []
    for table in lxml_html.fromstring(source).iter("table"):
        rows = table.xpath("./thead/tr")
        if not rows:
            first = table.xpath("./tr[1] | ./tbody/tr[1]")[:1]
            rows = [row for row in first if all(cell.tag == "th" for cell in row.xpath("./th | ./td"))]
        for row in rows:
            headers.extend(" ".join(cell.text_content().split()) for cell in row.xpath("./th | ./td"))
    return [header for header in headers if header]


@dataclass
class PdfText:
    """The text of a PDF, and every piece drawn outside its page (page number, x, text)."""

    pages: int
    text: str
    outside: list[tuple[int, float, str]] = field(default_factory=list)


def read_pdf(content: bytes) -> PdfText:
    """The PDF's text (pypdf) and the pieces whose start lies beyond the page's right or left edge."""
    reader = PdfReader(io.BytesIO(content))
    texts, outside = [], []
    for number, page in enumerate(reader.pages, start=1):
        width = float(page.mediabox.width)

        def visit(text, cm, tm, font_dict, font_size, number=number, width=width):
            if not text.strip():
                return
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            if x < -TOLERANCE_PT or x > width + TOLERANCE_PT:
                outside.append((number, round(x, 1), text.strip()))

        texts.append(page.extract_text(visitor_text=visit))
    return PdfText(len(reader.pages), "\n".join(texts), outside)


def printed(header: str, text: str) -> bool:
    """Whether ``header`` is in ``text``, wrapped over lines anywhere, hyphenated or not."""
    letters = squeeze(header)
    pattern = r"(?:[-\u2010\u00ad]?\s+)?".join(re.escape(letter) for letter in letters)
    return bool(letters) and re.search(pattern, text) is not None


def missing_headers(source: str, pdf: PdfText) -> list[str]:
    """Column headers of ``source`` that the PDF's text does not carry."""
    return [header for header in column_headers(source) if not printed(header, pdf.text)]


@contextmanager
def record_pdf_sources():
    """Keep the HTML of every document WeasyPrint renders while the block runs (a list of strings)."""
    import weasyprint

    sources: list[str] = []
    original = weasyprint.HTML

    class RecordingHTML(original):
        def __init__(self, *args, string=None, **kwargs):
            if string is not None:
                sources.append(string)
            super().__init__(*args, string=string, **kwargs)

    weasyprint.HTML = RecordingHTML
    try:
        yield sources
    finally:
        weasyprint.HTML = original
