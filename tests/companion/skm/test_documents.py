"""The printable documents: the SKM report PDF and the publication poster rendered by WeasyPrint
and read back with pypdf, and the QR poster."""

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from companion_service.core.roles import Role
from companion_service.skm import services
from companion_service.skm.periods import Period

from .test_ikm import WORKED_29


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", text)


@pytest.fixture
def evaluator(client, make_user):
    client.force_login(make_user("siti", Role.EVALUATOR))
    return client


@pytest.fixture
def surveyed(unit, add_responses):
    kind = services.add_service_kind(unit, "KTP-el")
    add_responses(
        unit, "2025-02-10", *WORKED_29, kind=kind, sex="L", education="sma", comment="Pelayanan cepat"
    )
    services.set_service_users(unit, Period.parse("2025-Q1"), 30)
    services.create_follow_up(
        unit,
        Period.parse("2025-Q1"),
        unsur="U9",
        problem="Ruang tunggu panas",
        action="Pasang kipas angin",
        owner="Kasubag Umum",
        due_on=dt.date(2025, 6, 30),
        status="done",
        done_on=dt.date(2025, 5, 2),
    )
    return unit


def test_report_pdf_has_the_published_structure(evaluator, surveyed):
    response = evaluator.get("/skm/unit/DUKCAPIL-LOKET/2025-Q1/laporan.pdf?weighting=exact", follow=True)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "laporan-skm-dukcapil-loket-2025-Q1.pdf" in response["Content-Disposition"]
    pages, text = pdf_text(response.content)
    assert pages >= 2
    for expected in [
        "Laporan Survei Kepuasan Masyarakat (SKM)",
        "Loket Pelayanan Dukcapil",
        "Triwulan I 2025",
        "IKM 91,48",
        "Mutu A",
        "29 responden",
        "bobot per unsur 1/9",
        "dengan bobot lainnya: 91,38",
        "Metode",
        "Peraturan Menteri PANRB Nomor 14 Tahun 2017",
        "Sampel minimal (tabel Krejcie dan Morgan) untuk 30 pengguna layanan",
        "28 responden",
        "Sampel minimal terpenuhi",
        "Laki-laki",
        "U8 Penanganan Pengaduan, Saran dan Masukan 3,655",
        "U9 Sarana dan Prasarana 3,655",
        "IKM unit pelayanan 91,48",
        'kinerja unit pelayanan "Sangat Baik"',
        "Per jenis layanan",
        "KTP-el",
        "Pelayanan cepat",
        "Rencana tindak lanjut (RTL)",
        "RTL selesai: 100,00%",
        "Pasang kipas angin",
    ]:
        assert expected in text, expected


def test_report_pdf_flags_a_short_sample_and_a_missing_population(evaluator, surveyed):
    services.set_service_users(surveyed, Period.parse("2025-Q1"), 500)
    _, text = pdf_text(evaluator.get("/skm/unit/DUKCAPIL-LOKET/2025-Q1/laporan.pdf", follow=True).content)
    assert "IKM 91,38" in text and "bobot per unsur 0,111" in text
    assert "Jumlah responden kurang dari sampel minimal (217)" in text
    assert "Sampel minimal TIDAK terpenuhi" in text
    _, text = pdf_text(evaluator.get("/skm/unit/DUKCAPIL-LOKET/2025-Q2/laporan.pdf", follow=True).content)
    assert "belum diisi" in text and "Tidak ada kritik dan saran tertulis" in text


def test_publication_poster_is_one_page(evaluator, surveyed):
    response = evaluator.get("/skm/unit/DUKCAPIL-LOKET/2025-Q1/publikasi.pdf", follow=True)
    pages, text = pdf_text(response.content)
    assert pages == 1
    for expected in [
        "Hasil Survei Kepuasan Masyarakat",
        "91,38",
        "Mutu A",
        "Sangat Baik",
        "Dari 29 responden",
        "U6 Kompetensi Pelaksana",
        "http://testserver/survei/DUKCAPIL-LOKET/",
    ]:
        assert expected in text, expected


def test_qr_poster_page_pdf_and_svg(evaluator, unit, settings):
    page = evaluator.get("/skm/unit/DUKCAPIL-LOKET/poster/").content.decode()
    assert "http://testserver/survei/DUKCAPIL-LOKET/" in page and "<svg" in page
    assert "Pindai kode QR" in page
    settings.COMPANION_SKM_PUBLIC_URL = "https://skm.sibolgakota.go.id/"
    pages, text = pdf_text(evaluator.get("/skm/unit/DUKCAPIL-LOKET/poster.pdf", follow=True).content)
    assert pages == 1
    assert "https://skm.sibolgakota.go.id/survei/DUKCAPIL-LOKET/" in text
    assert "Bagaimana pelayanan kami hari ini?" in text
    svg = evaluator.get("/skm/unit/DUKCAPIL-LOKET/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml" and svg.content.startswith(b"<svg")


def test_qr_code_on_the_poster_scales_to_its_box(evaluator, unit):
    """The poster's CSS sizes the code (95 mm): an SVG with a pixel size of its own would be cut, not scaled;
    the whole symbol, quiet zone included, is the SVG's viewBox."""
    import segno

    page = evaluator.get("/skm/unit/DUKCAPIL-LOKET/poster/").content.decode()
    svg = re.search(r"<svg[^>]*>", page).group(0)
    code = segno.make("http://testserver/survei/DUKCAPIL-LOKET/", error="m")
    width, height = code.symbol_size(scale=1, border=2)
    assert f'viewBox="0 0 {width} {height}"' in svg
    assert "width=" not in svg and "height=" not in svg


def test_a_report_is_made_by_a_worker_for_the_reader_who_asked_only(evaluator, surveyed, make_user, client):
    from companion_service.core.models import Job

    response = evaluator.get("/skm/unit/DUKCAPIL-LOKET/2025-Q1/laporan.pdf")
    assert response.status_code == 302 and response["Location"].startswith("/tugas/")
    job = Job.objects.get()
    assert (job.kind, job.status, job.params["unit"]) == ("skm.report_pdf", "done", "DUKCAPIL-LOKET")
    assert evaluator.get(f"/tugas/{job.pk}/").url == f"/tugas/{job.pk}/berkas/"
    assert evaluator.get(f"/tugas/{job.pk}/status/").json() == {
        "active": False,
        "status": "done",
        "text": "Siap.",
    }
    client.force_login(make_user("evaluator2", "evaluator"))
    assert client.get(f"/tugas/{job.pk}/").status_code == 404
    assert client.get(f"/tugas/{job.pk}/berkas/").status_code == 404
