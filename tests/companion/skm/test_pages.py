"""The staff pages: who may open them, what they show (aggregates, never one citizen's answers),
and the import, RTL, population and setup flows through the browser's requests."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from companion_service.core.roles import Role
from companion_service.skm import services
from companion_service.skm.models import FollowUp, ImportBatch, ServiceUserCount, SurveyResponse, UnitSurvey

from .test_ikm import WORKED_29


@pytest.fixture
def evaluator(client, make_user):
    client.force_login(make_user("siti", Role.EVALUATOR))
    return client


@pytest.fixture
def administrator(client, make_user):
    client.force_login(make_user("admin", Role.ADMINISTRATOR))
    return client


@pytest.fixture
def with_data(unit, add_responses):
    kind = services.add_service_kind(unit, "KTP-el")
    add_responses(unit, "2025-02-10", *WORKED_29, kind=kind, sex="P", age_group="30-39")
    add_responses(unit, "2025-02-11", 2, comment="Ruang tunggu <script>alert(1)</script> panas")
    return unit


STAFF_PAGES = [
    "/skm/",
    "/skm/unit/DUKCAPIL-LOKET/",
    "/skm/unit/DUKCAPIL-LOKET/2025-Q1/",
    "/skm/unit/DUKCAPIL-LOKET/2025-Q1/komentar/",
    "/skm/unit/DUKCAPIL-LOKET/poster/",
    "/skm/impor/",
    "/skm/rtl/",
]


@pytest.mark.parametrize("url", STAFF_PAGES + ["/skm/unit-survei/", "/skm/rtl/baru/", "/api/skm/v1/ikm/"])
def test_anonymous_users_are_sent_to_sign_in(client, with_data, url):
    response = client.get(url)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url.startswith("/login/")


@pytest.mark.parametrize("url", STAFF_PAGES + ["/skm/unit-survei/", "/api/skm/v1/ikm/"])
def test_users_without_a_role_are_refused(client, make_user, with_data, url):
    client.force_login(make_user("tamu"))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_evaluators_read_every_page(evaluator, with_data, url):
    assert evaluator.get(url).status_code == 200


def test_only_administrators_set_up_units(evaluator, with_data):
    assert evaluator.get("/skm/unit-survei/").status_code == 403
    assert evaluator.get("/skm/unit-survei/DUKCAPIL-LOKET/").status_code == 403


def test_overview_shows_ikm_grade_both_weightings_and_the_sample_flag(evaluator, with_data):
    page = evaluator.get("/skm/?kind=quarter&period=2025-Q1").content.decode()
    assert "Loket Pelayanan Dukcapil" in page
    assert "Triwulan I 2025" in page
    assert "jumlah pengguna belum diisi" in page
    html = re.sub(r"\s+", " ", page)
    # 30 respondents: the worked example's 29 (answers summing to 955) and one answering 2 to all nine:
    # (955 + 18) / 30 x 0.111 x 25 = 90.0025 -> 90,00; with 1/9: (973 / 30) / 9 x 25 = 90.093 -> 90,09.
    assert "<strong>90,00</strong>" in html
    assert "90,09" in html
    exact = evaluator.get("/skm/?kind=quarter&period=2025-Q1&weighting=exact").content.decode()
    assert "Bobot: tepat 1/9 per unsur" in exact


def test_period_report_shows_aggregates_and_escaped_comments_only(evaluator, with_data):
    page = evaluator.get("/skm/unit/DUKCAPIL-LOKET/2025-Q1/?weighting=exact").content.decode()
    assert "Penanganan Pengaduan, Saran dan Masukan" in page
    assert "KTP-el" in page and "(tanpa jenis layanan)" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "Perempuan" in page and "30-39 tahun" in page
    # No page lists a respondent's answers: the response ids never appear.
    for response in SurveyResponse.objects.all():
        assert f"/skm/response/{response.pk}" not in page


def test_population_entry_flags_the_sample(evaluator, with_data):
    response = evaluator.post(
        "/skm/unit/DUKCAPIL-LOKET/2025-Q1/pengguna/", {"users": "1000", "note": "buku register"}
    )
    assert response.status_code == 302
    assert ServiceUserCount.objects.get().users == 1000
    page = evaluator.get("/skm/unit/DUKCAPIL-LOKET/2025-Q1/").content.decode()
    assert "sampel kurang (min. 278)" in page
    evaluator.post("/skm/unit/DUKCAPIL-LOKET/2025-Q1/pengguna/", {"users": "", "note": ""})
    assert not ServiceUserCount.objects.exists()


def test_ikm_api_returns_units_and_periods(evaluator, with_data):
    data = evaluator.get("/api/skm/v1/ikm/?kind=quarter&weighting=exact").json()
    [row] = data
    assert row["unit_code"] == "DUKCAPIL-LOKET" and row["period"] == "2025-Q1"
    assert row["respondents"] == 30 and row["weighting"] == "exact"
    assert [item["code"] for item in row["unsur"]] == [f"U{n}" for n in range(1, 10)]
    assert row["minimum_sample"]["met"] is None
    assert evaluator.get("/api/skm/v1/ikm/?kind=decade").status_code == 400


HEADER = "tanggal;unit;layanan;U1;U2;U3;U4;U5;U6;U7;U8;U9"


def test_import_through_the_pages(evaluator, unit):
    services.add_service_kind(unit, "KTP-el")
    content = (
        HEADER + "\n2025-01-05;DUKCAPIL-LOKET;KTP-el;4;4;4;4;4;4;4;4;4\n2025-01-06;X;;4;4;4;4;4;4;4;4;9\n"
    ).encode()
    response = evaluator.post("/skm/impor/", {"file": SimpleUploadedFile("skm.csv", content)})
    batch = ImportBatch.objects.get()
    assert response.url == f"/skm/impor/{batch.pk}/"
    page = evaluator.get(response.url).content.decode()
    assert "Baris yang ditolak" in page and "unit layanan &#x27;X&#x27; tidak dikenal" in page
    assert SurveyResponse.objects.count() == 0
    errors = evaluator.get(f"/skm/impor/{batch.pk}/ditolak.csv").content.decode("utf-8-sig")
    assert errors.splitlines()[1:] == [
        "3;unit;unit layanan 'X' tidak dikenal",
        "3;U9;'9' bukan jawaban 1 sampai 4",
    ]
    mapping = {f"map_{name}": name.lower() for name in HEADER.split(";")}
    evaluator.post(response.url, {**mapping, "action": "commit"})
    assert SurveyResponse.objects.count() == 0  # refused: a row is rejected
    evaluator.post(response.url, {**mapping, "action": "commit-valid"})
    batch.refresh_from_db()
    assert (batch.status, batch.imported_rows, batch.rejected_rows) == ("committed", 1, 1)
    assert SurveyResponse.objects.count() == 1
    evaluator.post(f"/skm/impor/{batch.pk}/batal/")
    batch.refresh_from_db()
    assert batch.status == "undone" and SurveyResponse.objects.count() == 0


def test_unreadable_upload_is_refused_with_a_message(evaluator, db):
    page = evaluator.post(
        "/skm/impor/", {"file": SimpleUploadedFile("x.xlsx", b"PK\x03\x04broken")}
    ).content.decode()
    assert "XLSX" in page and not ImportBatch.objects.exists()
    page = evaluator.post("/skm/impor/", {"file": SimpleUploadedFile("x.pdf", b"%PDF")}).content.decode()
    assert ".csv" in page


def test_drafts_are_private_to_their_uploader(client, make_user, unit):
    client.force_login(make_user("a", Role.EVALUATOR))
    client.post("/skm/impor/", {"file": SimpleUploadedFile("s.csv", (HEADER + "\n").encode() + b"x;y\n")})
    batch = ImportBatch.objects.get()
    client.force_login(make_user("b", Role.EVALUATOR))
    assert client.get(f"/skm/impor/{batch.pk}/").status_code == 404
    client.post(f"/skm/impor/{batch.pk}/batal/")
    assert ImportBatch.objects.exists()


def test_follow_up_register(evaluator, with_data):
    page = evaluator.get("/skm/rtl/baru/?unit=DUKCAPIL-LOKET&period=2025-Q1&unsur=U3").content.decode()
    assert 'value="2025-Q1"' in page
    data = {
        "unit": with_data.pk,
        "period": "2025-Q1",
        "unsur": "U3",
        "problem": "Antrean lama",
        "action": "Antrean daring",
        "owner": "Kasi Pelayanan",
        "due_on": "2025-06-30",
        "status": "planned",
    }
    assert evaluator.post("/skm/rtl/baru/", data).status_code == 302
    follow_up = FollowUp.objects.get()
    assert follow_up.period.key == "2025-Q1" and follow_up.created_by.username == "siti"
    evaluator.post(f"/skm/rtl/{follow_up.pk}/", {**data, "status": "done", "done_on": "2025-05-01"})
    follow_up.refresh_from_db()
    assert follow_up.status == "done"
    page = evaluator.get("/skm/rtl/").content.decode()
    assert "100,00" in page
    bad = evaluator.post("/skm/rtl/baru/", {**data, "period": "2025-Q7"}).content.decode()
    assert "2025-Q1" in bad and FollowUp.objects.count() == 1


def test_setup_of_a_units_survey(administrator, unit):
    url = "/skm/unit-survei/DUKCAPIL-LOKET/"
    assert "Loket Pelayanan Dukcapil" in administrator.get(url).content.decode()
    administrator.post(url, {"action": "add-kind", "kind-name": "Akta Kelahiran"})
    kind = unit.skm_service_kinds.get()
    administrator.post(url, {"action": "kind-off", "kind": kind.pk})
    kind.refresh_from_db()
    assert not kind.is_active
    labels = {
        "U9-label_1": "Kurang",
        "U9-label_2": "Cukup",
        "U9-label_3": "Bagus",
        "U9-label_4": "Sangat bagus",
    }
    administrator.post(url, {"action": "wording-U9", "U9-question": "Bagaimana ruang tunggu kami?", **labels})
    assert unit.skm_wordings.get(code="U9").label_3 == "Bagus"
    page = administrator.post(url, {"action": "wording-U1", "U1-label_1": "Satu"}).content.decode()
    assert "keempat jawaban" in page
    administrator.post(url, {"action": "settings", "settings-ask_officer": "on", "settings-intro": "Halo"})
    assert not UnitSurvey.objects.get(unit=unit).is_open
