"""Who sees what: every role over every page, API route and export of the evaluation.

On the golden dataset (three OPDs), each reader gets exactly the statuses the design says, and no
response of an OPD head or a partner -- HTML, JSON, CSV, XLSX or PDF -- holds a row of an OPD (or a
partner) that is not theirs. Every read leaves an audit event.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from companion_service.accounts.models import AccessLink, AuditEvent
from companion_service.evaluation.views.pages import BUILDERS

from . import golden

YEAR = "year=2026"
PAGES = [
    "/evaluasi/",
    "/evaluasi/opd/",
    "/evaluasi/opd/{own}/",
    "/evaluasi/dampak/",
    "/evaluasi/jp/",
    "/evaluasi/inovasi/",
    "/evaluasi/mitra/",
    "/evaluasi/cakupan/",
    "/evaluasi/butir-soal/",
    "/evaluasi/metodologi/",
]
API = [
    "/api/evaluation/v1/scorecard/",
    "/api/evaluation/v1/opds/",
    "/api/evaluation/v1/opds/{own}/",
    "/api/evaluation/v1/impact/",
    "/api/evaluation/v1/jp-ledger/",
    "/api/evaluation/v1/innovation/",
    "/api/evaluation/v1/partners/",
    "/api/evaluation/v1/coverage/",
    "/api/evaluation/v1/assessment-items/",
]
EXPORTS = [
    "/evaluasi/unduh/jp.csv",
    "/evaluasi/unduh/jp.xlsx",
    "/evaluasi/unduh/siasn-riwayat-kursus.csv",
    "/evaluasi/unduh/siasn-riwayat-kursus.xlsx",
    "/evaluasi/unduh/siasn-periksa.csv",
    "/evaluasi/unduh/siasn-periksa.xlsx",
    "/evaluasi/laporan/skor.pdf",
    "/evaluasi/laporan/dampak.pdf",
]
PARTNER_ONLY = {"/evaluasi/mitra/", "/evaluasi/metodologi/", "/api/evaluation/v1/partners/"}

# What each reader must never see: names, codes, people and titles of the other OPDs / partners.
OPD_A = [
    "Dinas Kependudukan",
    "UNIT-A1",
    "Layanan KTP-el",
    "ASN A0",
    "Antrean daring KTP-el",
    "Formulir digital akta",
]
OPD_B = ["RSUD Dr. F.L. Tobing", "UNIT-B1", "Instalasi Rawat Jalan", "ASN B0", "Pendaftaran poli daring"]
OPD_C = ["Dinas Sosial", "UNIT-C1", "Layanan Bantuan Sosial", "ASN C0"]
OTHER_PARTNER = ["CV Lain", "Seminar data pribadi"]


@pytest.fixture
def world(db, make_user):
    data = golden.build()
    from companion_service.evaluation.refresh import refresh

    assert refresh("test").status == "ok"
    users = {
        "administrator": make_user("admin", "administrator"),
        "evaluator": make_user("eva", "evaluator"),
        "head_a": make_user("kadis_a", "opd_head"),
        "head_b": make_user("kadis_b", "opd_head"),
        "partner": make_user("mitra", "partner"),
        "norole": make_user("tamu"),
        "head_unlinked": make_user("kadis_x", "opd_head"),
    }
    AccessLink.objects.create(user=users["head_a"], opd=data.opds["A"])
    AccessLink.objects.create(user=users["head_b"], opd=data.opds["B"])
    AccessLink.objects.create(user=users["partner"], partner_name="PT Teknologi Tapanuli")
    return data, users


def routes(own: str):
    tables = []
    for page in BUILDERS:
        for table in TABLES[page]:
            suffix = f"&code={own}" if page == "opd" else ""
            tables += [f"/evaluasi/unduh/{page}/{table}.{fmt}?{YEAR}{suffix}" for fmt in ("csv", "xlsx")]
    urls = [url.format(own=own) for url in PAGES + API] + EXPORTS
    return [url if "?" in url else f"{url}?{YEAR}" for url in urls] + tables


TABLES = {
    "scorecard": ["coverage", "skills", "ikm", "opds"],
    "opd": ["coverage", "jp", "channels", "skills", "ikm", "trained", "unsur"],
    "impact": ["units", "event", "dose", "unsur"],
    "ledger": ["opds", "asn"],
    "innovation": ["funnel", "opds", "top", "programs"],
    "partners": ["partners", "sessions"],
    "coverage": ["samples", "exclusions"],
    "items": ["forms", "items", "gains"],
}


def text_of(response) -> str:
    content = response.content if not response.streaming else b"".join(response.streaming_content)
    kind = response.get("Content-Type", "")
    if "pdf" in kind:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            " ".join("" if cell is None else str(cell) for cell in row)
            for sheet in book
            for row in sheet.iter_rows(values_only=True)
        )
    return content.decode("utf-8", errors="replace")


def expected_status(role: str, url: str) -> int:
    path = url.split("?")[0]
    if role in ("administrator", "evaluator"):
        return 200
    if role in ("head_a", "head_b"):
        return 302 if path == "/evaluasi/opd/" else 200  # straight to their own OPD
    if role == "partner":
        return 200 if path in PARTNER_ONLY or path.startswith("/evaluasi/unduh/partners/") else 403
    return 200 if path == "/evaluasi/metodologi/" else 403


@pytest.mark.parametrize(
    "role", ["administrator", "evaluator", "head_a", "head_b", "partner", "norole", "head_unlinked"]
)
def test_every_route_answers_as_designed_and_never_leaks(world, client, role):
    data, users = world
    client.force_login(users[role])
    own = {"head_b": "RSUD"}.get(role, "DISDUKCAPIL")
    forbidden = {
        "head_a": OPD_B + OPD_C,
        "head_b": OPD_A + OPD_C,
        "partner": OPD_A + OPD_B + OPD_C + OTHER_PARTNER,
    }.get(role, [])
    checked = 0
    for url in routes(own):
        before = AuditEvent.objects.count()
        pdf = url.split("?")[0].endswith(".pdf")  # made by a worker: the link leads through the job's page
        response = client.get(url, follow=pdf)
        assert response.status_code == expected_status(role, url), (role, url, response.status_code)
        assert AuditEvent.objects.count() == before + 1, f"no audit event for {url}"
        event = AuditEvent.objects.order_by("-id").first()
        first = response.redirect_chain[0][1] if pdf and response.redirect_chain else response.status_code
        assert event.username == users[role].username and event.status == first
        if response.status_code == 200:
            text = text_of(response)
            leaked = [word for word in forbidden if word in text]
            assert not leaked, f"{role} sees {leaked} at {url}"
            checked += 1
    assert checked >= {"partner": 6, "norole": 1, "head_unlinked": 1}.get(role, 40)


def test_an_opd_head_cannot_open_another_opd(world, client):
    _data, users = world
    client.force_login(users["head_a"])
    for url in (
        "/evaluasi/opd/RSUD/",
        "/api/evaluation/v1/opds/RSUD/",
        "/evaluasi/unduh/opd/coverage.csv?code=RSUD",
        "/evaluasi/jp/?opd=RSUD",
        "/api/evaluation/v1/jp-ledger/?opd=RSUD",
        "/evaluasi/unduh/jp.csv?opd=RSUD",
        "/evaluasi/unduh/siasn-riwayat-kursus.csv?opd=RSUD",
        "/evaluasi/unduh/siasn-periksa.csv?opd=RSUD",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"RSUD Dr. F.L. Tobing" not in response.content


def test_anonymous_readers_sign_in_first(world, client):
    for url in ["/evaluasi/", "/evaluasi/dampak/", "/evaluasi/unduh/jp.csv", "/evaluasi/laporan/skor.pdf"]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get("/api/evaluation/v1/scorecard/").status_code in (401, 403)
    assert not AuditEvent.objects.exists()


def test_exports_are_audited_as_exports_with_their_filters(world, client):
    _data, users = world
    client.force_login(users["evaluator"])
    client.get("/evaluasi/unduh/jp.xlsx?year=2026&q=Budi&short=1")
    event = AuditEvent.objects.get()
    assert (event.action, event.file_format, event.resource) == ("export", "xlsx", "evaluation:ledger-export")
    assert event.parameters == {"short": "1", "year": "2026"}  # the searched name is not kept


def test_evaluators_never_see_citizens_answers(world, client):
    """No evaluation route returns a response row or a citizen's comment: only aggregates."""
    from companion_service.skm.models import SurveyResponse

    SurveyResponse.objects.filter(pk=SurveyResponse.objects.first().pk).update(
        comment="Komentar warga rahasia"
    )
    _data, users = world
    client.force_login(users["evaluator"])
    for url in routes("DISDUKCAPIL"):
        response = client.get(url)
        assert "Komentar warga rahasia" not in text_of(response), url


# --- the ASN's own pages and the verification of learning outside the LMS -----------------------

LEARNING_ROLES = [
    "administrator", "evaluator", "head_a", "head_b", "partner", "norole", "head_unlinked",
    "verifier", "asn_a", "asn_b",
]  # fmt: skip


def learning_expected(role: str, page: str) -> int:
    """What each reader gets on the learning pages for a record of ``asn_a`` (OPD A)."""
    asn = role in ("asn_a", "asn_b")
    verifies = role in ("administrator", "verifier", "head_a")  # head_a: the record's OPD
    if page in ("my", "new"):
        return 200 if asn else 403
    if page == "queue":
        return 200 if role in ("administrator", "verifier", "head_a", "head_b") else 403
    # record, certificate: its ASN and its verifiers only; everyone else cannot tell it exists
    return 200 if role == "asn_a" or verifies else 404


@pytest.fixture
def learning_world(world, make_user):
    from django.core.files.base import ContentFile

    from companion_service.learning.models import OutsideTraining
    from companion_service.signin.models import AsnAccount

    data, users = world
    users["verifier"] = make_user("verifikator", "verifier")
    for name, key in (("asn_a", "a01"), ("asn_b", "b01")):
        users[name] = make_user(f"user_{key}")
        AsnAccount.objects.create(user=users[name], asn=data.asn[key], method="manual")
    training = OutsideTraining(
        asn=data.asn["a01"], title="Pelatihan luar rahasia", provider="LAN", channel="pelatihan",
        started_on="2026-03-02", finished_on="2026-03-06", jp=24, certificate_type="image/png",
    )  # fmt: skip
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, format="PNG")
    training.certificate.save("x", ContentFile(out.getvalue()), save=False)
    training.save()
    return data, users, training


@pytest.mark.parametrize("role", LEARNING_ROLES)
def test_learning_pages_answer_as_designed_and_never_leak(learning_world, client, role):
    _data, users, training = learning_world
    client.force_login(users[role])
    pages = {
        "my": "/jp-saya/",
        "new": "/jp-saya/pelatihan-luar/baru/",
        "queue": "/verifikasi/?status=",
        "record": f"/jp-saya/pelatihan-luar/{training.pk}/",
        "certificate": f"/jp-saya/pelatihan-luar/{training.pk}/sertifikat",
    }
    for page, url in pages.items():
        response = client.get(url)
        assert response.status_code == learning_expected(role, page), (role, url, response.status_code)
        if role in ("asn_b", "head_b", "evaluator", "partner", "norole") and response.status_code == 200:
            assert b"Pelatihan luar rahasia" not in b"".join(
                response.streaming_content if response.streaming else [response.content]
            ), (role, url)
    client.logout()
    for url in pages.values():
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
