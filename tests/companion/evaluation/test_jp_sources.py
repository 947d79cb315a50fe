"""Where JP come from, everywhere an evaluator reads them: every course on the coverage page and in
the API says whether its JP were set by BKPSDM, estimated from effort per week x weeks, or are missing
(and why); estimated JP are marked in the ledger's page, API and downloads; a workshop's JP count
only once the LMS has credited them (not while the attendance is pending)."""

import csv
import io

import pytest

from companion_service.evaluation.models import LearningRecord
from companion_service.evaluation.refresh import refresh
from companion_service.openedx_sync.models import WorkshopAttendance

from .golden import _plugin, at


@pytest.fixture
def evaluator(client, make_user):
    client.force_login(make_user("eva", "evaluator"))
    return client


def test_the_coverage_api_lists_every_courses_jp_source(data, evaluator):
    courses = {c["name"]: c for c in evaluator.get("/api/evaluation/v1/coverage/").json()["courses"]}
    assert (courses["Literasi Digital ASN"]["jp"], courses["Literasi Digital ASN"]["source"]) == (20, "set")
    prima = courses["Pelayanan Prima Digital"]
    assert (prima["jp"], prima["source"], prima["minutes_per_week"], prima["weeks"]) == (
        8,
        "estimated",
        120,
        4,
    )
    assert (courses["Orientasi"]["jp"], courses["Orientasi"]["source"], courses["Orientasi"]["reason"]) == (
        None,
        "missing",
        "no_effort",
    )


def test_the_coverage_page_shows_where_jp_come_from(data, evaluator):
    html = evaluator.get("/evaluasi/cakupan/").content.decode()
    assert "Kursus: JP dan asal-usulnya" in html
    for text in ("Ditetapkan BKPSDM", "Perkiraan dari effort x minggu", "Belum ada", "Kursus tanpa JP"):
        assert text in html
    assert "LMS tidak memberi effort per minggu." in html  # why Orientasi has none
    rows = list(
        csv.reader(
            io.StringIO(evaluator.get("/evaluasi/unduh/coverage/courses.csv").content.decode("utf-8-sig"))
        )
    )
    assert rows[0][:4] == ["Kursus", "JP", "Asal JP", "Mengapa tidak ada perkiraan"]
    assert len(rows) == 1 + 3


def test_the_ledger_marks_estimated_jp(data, evaluator):
    body = evaluator.get("/api/evaluation/v1/jp-ledger/?year=2026&opd=DISDUKCAPIL").json()
    by_nip = {row["nip"]: row for row in body["rows"]}
    a01, a05 = by_nip[data.asn["a01"].nip], by_nip[data.asn["a05"].nip]
    assert (a01["jp_total"], a01["jp_estimated"]) == (28, 8)  # K1 set by BKPSDM (20) + K2 estimated (8)
    assert (a05["jp_total"], a05["jp_estimated"]) == (8, 8)
    html = evaluator.get("/evaluasi/jp/?year=2026&opd=DISDUKCAPIL").content.decode()
    assert "Di antaranya perkiraan" in html and "JP perkiraan: upaya (effort) per minggu" in html


def test_pending_workshop_jp_are_not_counted(data):
    session = 1  # the golden workshop session's id in the LMS
    pending = _plugin(
        WorkshopAttendance, data, 90, session_remote_id=session, learner=data.learners["a03"],
        status="attended", attended_at=at("2026-05-10", 3), jp_credited=0, jp_status="pending",
    )  # fmt: skip
    refresh("test")
    mine = LearningRecord.objects.filter(asn=data.asn["a03"], kind="workshop")
    assert not mine.exists()  # checked in, the session not over: nothing in the ledger or SIASN
    WorkshopAttendance.objects.filter(pk=pending.pk).update(jp_credited=5, jp_status="credited")
    refresh("test")
    assert [
        (r.jp, r.jp_source) for r in LearningRecord.objects.filter(asn=data.asn["a03"], kind="workshop")
    ] == [(5, "workshop")]
