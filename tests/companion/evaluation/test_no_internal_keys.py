"""No page, CSV or PDF shows an internal key where a reader expects a word (issue 17).

The golden dataset has reactions keyed ``relevance`` and ``trainer``, sessions of kind ``workshop``
and ``seminar``, ideas in every state and training quarters. Rendered in Indonesian, every page of
the evaluation (as the administrator, and the partner's own page), every table's CSV and both PDF
reports must name them in the shared vocabulary's words: "Relevansi", "Lokakarya",
"Triwulan II 2026", never the code.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from pypdf import PdfReader

from companion_service.evaluation.views.pages import BUILDERS

YEAR = "year=2026"
PAGES = [
    "/evaluasi/",
    "/evaluasi/opd/",
    "/evaluasi/opd/DISDUKCAPIL/",
    "/evaluasi/dampak/",
    "/evaluasi/jp/",
    "/evaluasi/inovasi/",
    "/evaluasi/mitra/",
    "/evaluasi/cakupan/",
    "/evaluasi/butir-soal/",
]
PDFS = ["/evaluasi/laporan/skor.pdf", "/evaluasi/laporan/dampak.pdf"]

# Codes the data carries; a reader must never meet one as a cell, a heading or a word on its own.
KEYS = {
    # reaction questions, session kinds and modes, partner kinds
    "relevance", "engagement", "trainer", "usefulness", "recommend",
    "workshop", "seminar", "onsite", "online", "hybrid",
    "local_tech", "university", "state_enterprise", "startup", "ngo",
    # idea states and program stages
    "draft", "submitted", "returned", "evaluating", "shortlisted", "accepted", "rejected", "withdrawn",
    "implemented", "inisiatif", "uji_coba", "penerapan",
    # learning channels, JP sources, pillars
    "e_learning", "bimtek", "distance_learning", "self_study",
    "community_of_practice", "set", "estimated", "missing", "cakap", "etika", "aman", "budaya",
}  # fmt: skip
QUARTER_KEY = re.compile(r"\b(19|20)\d\d-Q[1-4]\b")
CELL = re.compile(r"<t[dh][^>]*>(.*?)</t[dh]>", re.S)
TAG = re.compile(r"<[^>]+>")


def cells_of(html: str) -> list[str]:
    return [" ".join(TAG.sub(" ", cell).split()) for cell in CELL.findall(html)]


def visible_text(html: str) -> str:
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(TAG.sub(" ", body).split())


def problems_in(where: str, cells: list[str], text: str) -> list[str]:
    found = [f"{where}: cell {cell!r}" for cell in cells if cell in KEYS]
    found += [f"{where}: quarter key {m.group(0)!r}" for m in QUARTER_KEY.finditer(text)]
    return sorted(set(found))


@pytest.fixture
def admin(client, make_user):
    client.force_login(make_user("admin-eva", "evaluator"))
    return client


def test_pages_speak_the_vocabulary_not_the_codes(data, admin):
    problems = []
    for url in PAGES:
        response = admin.get(f"{url}?{YEAR}")
        assert response.status_code == 200, url
        html = response.content.decode()
        problems += problems_in(url, cells_of(html), visible_text(html))
    assert problems == [], "\n".join(problems)


def test_every_download_speaks_the_vocabulary(data, admin):
    problems = []
    for page in BUILDERS:
        code = "DISDUKCAPIL" if page == "opd" else ""
        for table in build_tables(admin, page, code):
            url = f"/evaluasi/unduh/{page}/{table}.csv?{YEAR}&code={code}"
            response = admin.get(url)
            assert response.status_code == 200, url
            rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
            cells = [cell.strip() for row in rows for cell in row]
            problems += problems_in(url, cells, "\n".join(cells))
    assert problems == [], "\n".join(problems)


def build_tables(client, page, code) -> list[str]:
    from django.test import RequestFactory

    from companion_service.accounts.api import Scope

    request = RequestFactory().get(f"/?{YEAR}")
    build, _needs = BUILDERS[page]
    return list(build(request, Scope.everything(), code=code or None, full=True)["tables"])


def test_pdf_reports_speak_the_vocabulary(data, admin):
    problems = []
    for url in PDFS:
        response = admin.get(f"{url}?{YEAR}", follow=True)  # a worker makes it (ADR 0130)
        assert response.status_code == 200, url
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
        problems += problems_in(url, [line.strip() for line in text.splitlines()], text)
    assert problems == [], "\n".join(problems)


def test_reaction_questions_and_session_kinds_have_names(data, admin):
    partners = admin.get(f"/evaluasi/unduh/partners/partners.csv?{YEAR}").content.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(partners), delimiter=";"))
    assert "Relevansi materi (1-5)" in header and "Penyampaian pelatih (1-5)" in header
    sessions = admin.get(f"/evaluasi/unduh/partners/sessions.csv?{YEAR}").content.decode("utf-8-sig")
    kinds = {row[2] for row in list(csv.reader(io.StringIO(sessions), delimiter=";"))[1:]}
    assert kinds == {"Lokakarya", "Seminar"}


def test_change_columns_read_as_a_change_not_the_admin_button(data, admin):
    """Django's admin translates the button "Change" as "Ubah" and its catalog comes first: the
    column "Change" (before - after) is its own message, "Perubahan"."""
    units = admin.get(f"/evaluasi/unduh/impact/units.csv?{YEAR}").content.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(units), delimiter=";"))
    assert "Perubahan" in header and "Ubah" not in header
    opd = admin.get(f"/evaluasi/unduh/opd/unsur.csv?{YEAR}&code=DISDUKCAPIL").content.decode("utf-8-sig")
    assert "Perubahan" in next(csv.reader(io.StringIO(opd), delimiter=";"))


@pytest.mark.parametrize(
    ("trigger", "name"),
    [
        ("command", "perintah evaluate"),
        ("skm_population", "pengisian jumlah pengguna layanan"),
        ("grade_report", "impor laporan nilai"),
    ],
)
def test_the_last_refresh_says_what_started_it_in_words(data, admin, trigger, name):
    from companion_service.evaluation.models import RefreshRun

    RefreshRun.objects.filter(pk=RefreshRun.objects.latest("started").pk).update(trigger=trigger)
    text = visible_text(admin.get(f"/evaluasi/cakupan/?{YEAR}").content.decode())
    assert f"setelah {name}" in text
    assert trigger not in text
    assert not re.search(r"\bstatus (ok|partial|failed|running)\b", text)
