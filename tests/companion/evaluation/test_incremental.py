"""The incremental refresh gives exactly the figures of a full refresh (ADR 0131).

Changes arrive through the code paths real data takes (the sync engine's ``store`` of a unit, the
SKM's ``record_responses`` and ``set_service_users``, an administrator's link and course JP), which
note them; the incremental refresh recomputes what the notes reach; then a full refresh recomputes
everything, and every aggregate table must be the same, row for row.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from companion_service.evaluation.models import PendingChange, RefreshRun
from companion_service.evaluation.refresh import TABLES, refresh
from companion_service.learning import importing
from companion_service.learning import services as learning_services
from companion_service.learning.models import ImportBatch, OutsideTraining
from companion_service.openedx_sync.engine import SyncEngine, Unit
from companion_service.openedx_sync.linking import link_manually
from companion_service.openedx_sync.models import Course, RunStatus, RunTrigger, SyncRun
from companion_service.openedx_sync.signals import send_changes
from companion_service.openedx_sync.writers import write_grades
from companion_service.skm import services as skm_services
from companion_service.skm.ikm import UNSUR_CODES
from companion_service.skm.models import ResponseSource
from companion_service.skm.periods import Period

IGNORED = {"id", "created", "modified"}


def _value(value):
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {key: _value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_value(item) for item in value]
    return value


def snapshot() -> dict[str, list]:
    """Every aggregate table's rows (without surrogate ids and timestamps), sorted."""
    tables = {}
    for model in TABLES:
        names = [f.attname for f in model._meta.concrete_fields if f.attname not in IGNORED]
        if model._meta.pk.attname == "id" and model.__name__ in ("IdeaFact", "SessionFact"):
            names.append("id")  # these keep the source row's id
        rows = [tuple(repr(_value(getattr(row, name))) for name in names) for row in model.objects.all()]
        tables[model.__name__] = sorted(rows)
    return tables


def sync_grades(data, rows: list[dict], course_key: str) -> None:
    """One grades unit written by the sync engine, as a run does it (notes included)."""
    now = timezone.now()
    run = SyncRun.objects.create(
        connection=data.connection,
        status=RunStatus.RUNNING,
        trigger=RunTrigger.COMMAND,
        started=now,
        heartbeat=now,
    )
    engine = SyncEngine(run, client=None)
    course = Course.objects.get(connection=data.connection, course_key=course_key)
    unit = Unit(
        "grades",
        "grades",
        course_key,
        pages=lambda: iter(()),
        write=lambda rows: write_grades(course, rows, engine.learners, engine.now),
        endpoint="/api/grades/v1/",
    )
    engine.store(unit, (rows, "fingerprint-of-test-pages"))
    run.status = RunStatus.OK
    run.save()


def answers(unit, day: dt.date, fours: int, count: int = 10) -> None:
    skm_services.record_responses(
        [
            skm_services.NewResponse(
                unit_id=unit.id, answered_on=day, answers=dict.fromkeys(UNSUR_CODES, 4 if i < fours else 3)
            )
            for i in range(count)
        ],
        ResponseSource.FORM,
    )


@pytest.fixture
def no_auto_refresh(settings):
    """The changes stay noted until the test refreshes (no refresh task after each one)."""
    settings.COMPANION_EVALUATION_AUTO_REFRESH = False


def test_an_incremental_refresh_equals_a_full_refresh(data, no_auto_refresh, make_user, monkeypatch):
    from companion_service.evaluation.refresh import changes

    # The golden city has 21 ASN: this many changes would reach more than 30% of them, where a real
    # refresh goes full (as fast); here the incremental path must run to be compared.
    monkeypatch.setattr(changes, "FULL_SHARE", 0.9)
    assert not PendingChange.objects.exists()  # the fixture's full refresh took every note in
    key = data.courses["K2"].course_key
    # A sync: b05 now passes K2 (newly), c01 gets a failing grade, and a learner nobody knew appears.
    rows = [
        ("b05", True, 0.9, "Pass"),
        ("c01", False, 0.2, None),
        ("baru", True, 0.8, "Pass"),
    ]
    sync_grades(
        data,
        [
            {"username": u, "email": "", "course_id": key, "passed": p, "percent": g, "letter_grade": letter}
            for u, p, g, letter in rows
        ],
        key,
    )
    # Public-form answers in a quarter that had some, and in a quarter before any other (the span moves).
    answers(data.units["C1"], dt.date(2026, 11, 3), fours=9)
    answers(data.units["A1"], dt.date(2024, 8, 20), fours=2, count=4)
    skm_services.set_service_users(data.units["B1"], Period.parse("2026-Q4"), 40)
    # The plugin API brings a later post-test of a03 (the sync notes the learner's assessments).
    from companion_service.openedx_sync.models import AssessmentAttempt

    with transaction.atomic():
        post = AssessmentAttempt.objects.filter(learner=data.learners["a03"], mode="post").first()
        assert post is not None
        AssessmentAttempt.objects.filter(pk=post.pk).update(score=0.97, pillar_scores={"cakap": 97.0})
        send_changes(assessments=[data.learners["a03"].pk])
    # An administrator links the guest learner to an ASN and gives K3 (no JP) a JP.
    with transaction.atomic():
        link_manually(data.learners["u1"], data.asn["c02"], None)
    with transaction.atomic():
        Course.objects.filter(pk=data.courses["K3"].pk).update(jp=6, jp_set_by_admin=True)
        send_changes(courses=[data.courses["K3"].pk])
    # Learning outside the LMS (issue 19): a verifier approves a01's training; BKPSDM imports two
    # records and undoes another import; a unit's yearly number of service users (issue 14's rule:
    # the year's own number, else the sum of its quarters) is entered.
    verifier = make_user("verifikator", "verifier")
    waiting = OutsideTraining.objects.create(
        asn=data.asn["a01"],
        title="Pelatihan Dasar SPBE",
        provider="BPSDM Provinsi",
        channel="pelatihan",
        started_on=dt.date(2026, 3, 2),
        finished_on=dt.date(2026, 3, 6),
        jp=24,
    )
    learning_services.decide(verifier, waiting, approve=True)
    header = "nip;nama_pelatihan;penyelenggara;jalur;tanggal_mulai;tanggal_selesai;jp\n"
    kept = header + f"{data.asn['b01'].nip};Digitalent;Komdigi;e_learning;2026-04-01;2026-04-30;16\n"
    undone = header + f"{data.asn['c03'].nip};Coaching;BKPSDM;coaching;2025-05-01;2025-05-02;4\n"
    assert importing.run_import(kept.encode(), "lulusan.csv", dry_run=False, user=verifier).ok
    assert importing.run_import(undone.encode(), "salah.csv", dry_run=False, user=verifier).ok
    importing.undo(ImportBatch.objects.get(filename="salah.csv"), verifier)
    skm_services.set_service_users(data.units["A1"], Period.parse("2026"), 120)
    assert PendingChange.objects.exists()

    before = RefreshRun.objects.count()
    run = refresh("test", full=False)
    assert run.status == "ok", run.error
    assert run.full is False
    assert 0 < run.counts["scope"]["asn"] < 21  # a few ASN, not the roster
    assert run.counts["scope"]["asn_course_pairs"] >= 2 and run.counts["scope"]["asn_skills"] >= 2
    assert run.counts["scope"]["unit_quarters"] == 7  # C1 Q4, A1 2024-Q3, B1 2026-Q4, A1 2026's four
    assert not PendingChange.objects.exists()
    incremental = snapshot()

    full = refresh("test", full=True)
    assert full.status == "ok", full.error
    assert RefreshRun.objects.count() == before + 2
    recomputed = snapshot()
    for table in recomputed:
        assert incremental[table] == recomputed[table], table


def test_a_refresh_with_nothing_noted_changes_nothing(data):
    figures = snapshot()
    run = refresh("test", full=False)
    assert run.status == "ok" and run.full is False
    assert run.counts["scope"]["asn"] == run.counts["scope"]["unit_quarters"] == 0
    assert snapshot() == figures


def test_a_roster_change_makes_the_next_refresh_full(data):
    from companion_service.evaluation.refresh import changes

    changes.note_everything()
    run = refresh("test", full=False)
    assert run.status == "ok" and run.full is True
