"""The SIASN "riwayat kursus" export as SIASN takes it (ADR 0143): BKN's jenis diklat codes (not a
label), the certificate letter of that code, the certificate number wherever one exists, the NIP in
``nipBaru`` only (``pnsOrangId`` is SIASN's own person id), and a check naming each row SIASN would
refuse."""

import csv
import io

import pytest

from companion_service.evaluation import siasn
from companion_service.evaluation.refresh import refresh
from companion_service.openedx_sync.models import Grade


def rows_of(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def evaluator(client, make_user):
    client.force_login(make_user("eva", "evaluator"))
    return client


def test_the_reference_is_bkn_s_jenis_diklat_list():
    reference = siasn.reference()
    assert reference.jenis_diklat["16"].name == "E-Learning"
    assert reference.jenis_diklat["9"].name == "Seminar" and reference.jenis_diklat["9"].sertipikat == "P"
    assert len(reference.jenis_diklat) == 25
    assert set(reference.channels) == {
        "e_learning", "pelatihan", "seminar", "workshop", "kursus", "bimtek", "sosialisasi", "penataran",
        "coaching", "mentoring", "distance_learning", "magang", "detasering", "benchmarking", "self_study",
        "community_of_practice", "pertukaran",
    }  # fmt: skip
    assert all(code in reference.jenis_diklat for code in reference.channels.values())


def test_rows_carry_codes_numbers_and_the_nip_in_its_own_field(data, evaluator, settings):
    settings.COMPANION_SIASN_INSTANSI_ID = "A5EB03E23CFBF6A0E040640A040252AD"
    Grade.objects.filter(learner__asn=data.asn["a01"]).update(
        certificate_number="5d1c7e3f9a2b4c6d8e0f1a2b3c4d5e6f"
    )
    assert refresh("test").status == "ok"
    rows = rows_of(evaluator.get("/evaluasi/unduh/siasn-riwayat-kursus.csv?year=2026&opd=DISDUKCAPIL"))
    assert list(rows[0]) == ["nipBaru", *siasn.FIELDS, *siasn.REVIEW_FIELDS]
    course = next(
        r for r in rows if r["nipBaru"] == data.asn["a01"].nip and r["namaKursus"] == "Literasi Digital ASN"
    )
    assert (course["jenisDiklatId"], course["jenisKursusSertipikat"], course["jenisKursus"]) == (
        "16",
        "T",
        "",
    )
    assert course["nomorSertipikat"] == "5d1c7e3f9a2b4c6d8e0f1a2b3c4d5e6f"
    assert course["pnsOrangId"] == ""  # SIASN's id, unknown here; never the NIP
    workshop = next(r for r in rows if r["namaKursus"] == "Analisis data layanan")
    assert (workshop["jenisDiklatId"], workshop["jenisKursusSertipikat"]) == ("4", "P")
    assert all(row["pnsOrangId"] == "" and len(row["nipBaru"]) == 18 for row in rows)


def test_the_check_names_what_siasn_would_refuse(data, evaluator, settings):
    settings.COMPANION_SIASN_INSTANSI_ID = ""
    rows = rows_of(evaluator.get("/evaluasi/unduh/siasn-periksa.csv?year=2026&opd=DISDUKCAPIL"))
    assert rows and all("instansiId" in row["masalah"] for row in rows)
    settings.COMPANION_SIASN_INSTANSI_ID = "A5EB03E23CFBF6A0E040640A040252AD"
    rows = rows_of(evaluator.get("/evaluasi/unduh/siasn-periksa.csv?year=2026&opd=DISDUKCAPIL"))
    assert all("instansiId" not in row["masalah"] for row in rows)


def test_check_of_single_rows():
    good = {
        "nipBaru": "196711101992031001",
        "instansiId": "X1",
        "institusiPenyelenggara": "LAN",
        "jenisDiklatId": "16",
        "jenisKursus": "",
        "jenisKursusSertipikat": "T",
        "jumlahJam": 20,
        "lokasiId": "",
        "namaKursus": "Literasi Digital",
        "nomorSertipikat": "123",
        "pnsOrangId": "",
        "tahunKursus": 2026,
        "tanggalKursus": "10-01-2026",
        "tanggalSelesaiKursus": "10-02-2026",
    }
    assert siasn.problems(good) == []
    assert any("NIP" in p for p in siasn.problems({**good, "nipBaru": "19671110199203100"}))
    assert any("jenisDiklatId" in p for p in siasn.problems({**good, "jenisDiklatId": "E-learning"}))
    assert any("jenisKursusSertipikat" in p for p in siasn.problems({**good, "jenisKursusSertipikat": "P"}))
    assert any("tanggal" in p for p in siasn.problems({**good, "tanggalKursus": "11-02-2026"}))
    assert any("tahunKursus" in p for p in siasn.problems({**good, "tahunKursus": 2025}))
    assert any("institusiPenyelenggara" in p for p in siasn.problems({**good, "institusiPenyelenggara": ""}))
    assert any("jumlahJam" in p for p in siasn.problems({**good, "jumlahJam": 0}))
