"""The evaluators' assessment-items page, API and downloads (issue 16), on the payload the LMS serves."""

import copy
import csv
import io

import pytest
from django.utils import timezone

from companion_service.openedx_sync.models import AssessmentAnalysis, LmsConnection
from tests.support.fake_lms import sample

COURSE = "course-v1:KotaSibolga+ASN-DIGITAL+2026"


@pytest.fixture
def analysis(db):
    connection = LmsConnection.objects.create(
        name="LMS uji", base_url="https://lms.contoh.go.id", client_id="x"
    )
    payload = copy.deepcopy(sample("bina.v1.assessment-analysis.course"))
    return AssessmentAnalysis.objects.create(
        connection=connection, course_key=COURSE, payload=payload, fetched=timezone.now()
    )


def test_the_page_shows_forms_gains_and_items(client, make_user, analysis):
    client.force_login(make_user("eva", "evaluator"))
    response = client.get("/evaluasi/butir-soal/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "KR-20" in page and "cakap-a01" in page
    assert "literasi-digital-2026" in page
    assert 'href="/evaluasi/butir-soal/"' in page  # in the navigation


def test_the_api_and_the_csv_hold_the_same_rows(client, make_user, analysis):
    client.force_login(make_user("eva", "evaluator"))
    body = client.get("/api/evaluation/v1/assessment-items/").json()
    assert body["courses"] == 1
    assert {row["form"] for row in body["forms"]} == {"A", "B"}
    assert all(row["reliability_kind"] == "kr20" for row in body["forms"])
    overall = next(row for row in body["gains"] if row["part"] == "overall")
    assert overall["pairs"] == 12 and overall["g"]["low"] <= overall["g"]["value"] <= overall["g"]["high"]
    download = client.get("/evaluasi/unduh/items/items.csv")
    assert download.status_code == 200
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert len(rows) - 1 == len(body["items"]) == 8  # two items kept per form in the recorded sample
    assert rows[1][0] == body["items"][0]["item"]


def test_gains_of_fewer_than_five_learners_are_suppressed(client, make_user, analysis):
    analysis.payload["gains"][0]["overall"]["pairs"] = 4
    analysis.save()
    client.force_login(make_user("eva", "evaluator"))
    overall = next(
        row
        for row in client.get("/api/evaluation/v1/assessment-items/").json()["gains"]
        if row["part"] == "overall"
    )
    assert overall["g"]["suppressed"] is True and overall["g"]["value"] is None and overall["pre"] is None


def test_partners_and_readers_without_a_role_may_not_read_it(client, make_user, analysis):
    for user in (make_user("mitra", "partner"), make_user("tamu")):
        client.force_login(user)
        assert client.get("/evaluasi/butir-soal/").status_code == 403
        assert client.get("/api/evaluation/v1/assessment-items/").status_code == 403


def test_without_analysis_the_page_says_so(client, make_user, db):
    client.force_login(make_user("eva", "evaluator"))
    assert "Belum ada analisis butir soal" in client.get("/evaluasi/butir-soal/").content.decode()
