"""A small Sibolga-like dataset whose every figure was worked out by hand (see test_golden.py).

Three OPDs with one service unit each, over eight quarters (2025-Q1 .. 2026-Q4); every ASN serves
in their OPD's unit, so a unit's staff are its OPD's and both levels of the impact analysis agree:

* DISDUKCAPIL (OPD A, unit A1): 10 ASN in service (+1 retired). Four finish the programme in 2026-Q1
  or Q2 (a09 already in 2025-Q4), so its share trained is 0.1 (2025-Q4), 0.4 (Q1), 0.6 (Q2): with a
  threshold of 0.5 it is trained from 2026-Q2.
* RSUD (OPD B, unit B1): 6 ASN; four pass in 2026-Q3 (4/6): trained from 2026-Q3.
* DINSOS (OPD C, unit C1): 4 ASN, never trained: the comparison unit.

SKM: 10 respondents per unit and quarter, each answering every unsur with 3 or 4; ``k`` of them
answer 4, so the mean answer is 3 + k/10 and the IKM (exact weighting) 25 x (3 + k/10).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from companion_service.openedx_sync.models import (
    AssessmentAttempt,
    Completion,
    Course,
    DateSource,
    Enrollment,
    Grade,
    Idea,
    Learner,
    LinkMethod,
    LmsConnection,
    WorkshopAttendance,
    WorkshopReaction,
    WorkshopSession,
)
from companion_service.organization.models import Opd, ServiceUnit
from companion_service.roster.models import Asn
from companion_service.skm import services as skm_services
from companion_service.skm.ikm import UNSUR_CODES
from companion_service.skm.models import ResponseSource, ServiceUserCount

QUARTERS = [(2025, q) for q in range(1, 5)] + [(2026, q) for q in range(1, 5)]
# Respondents (of 10) answering 4 in each quarter 2025-Q1 .. 2026-Q4.
K = {
    "C1": [0, 0, 1, 1, 2, 2, 3, 3],
    "A1": [1, 1, 2, 2, 3, 3, 6, 6],
    "B1": [0, 0, 1, 1, 2, 2, 3, 5],
}
# Service users (the minimum sample's N) where entered: (unit, quarter index 0-7) -> users.
POPULATIONS = {("A1", 3): 10, ("A1", 4): 12, ("B1", 4): 10, ("B1", 5): 10, ("B1", 7): 10}


def at(day: str, hour: int = 5) -> dt.datetime:
    """A moment in UTC (05:00 UTC is 12:00 WIB: the same calendar day in both)."""
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=dt.UTC)


@dataclass
class Golden:
    opds: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)
    asn: dict = field(default_factory=dict)
    learners: dict = field(default_factory=dict)
    courses: dict = field(default_factory=dict)
    connection: LmsConnection | None = None


_nip_counter = [0]


def _nip(index: int) -> str:
    # Valid PNS NIPs: born 1990-01-01 + index days, TMT 2015-03, male, sequence.
    birth = dt.date(1990, 1, 1) + dt.timedelta(days=index)
    return f"{birth:%Y%m%d}201503{1}{index % 999 + 1:03d}"


def build() -> Golden:
    g = Golden()
    now = timezone.now()
    g.opds["A"] = Opd.objects.create(code="DISDUKCAPIL", name="Dinas Kependudukan dan Pencatatan Sipil")
    g.opds["B"] = Opd.objects.create(code="RSUD", name="RSUD Dr. F.L. Tobing", kind="rsud")
    g.opds["C"] = Opd.objects.create(code="DINSOS", name="Dinas Sosial")
    for key, name in (
        ("A1", "Layanan KTP-el"),
        ("B1", "Instalasi Rawat Jalan"),
        ("C1", "Layanan Bantuan Sosial"),
    ):
        g.units[key] = ServiceUnit.objects.create(code=f"UNIT-{key}", name=name, opd=g.opds[key[0]])
    index = 0
    for opd_key, count in (("A", 11), ("B", 6), ("C", 4)):
        for number in range(1, count + 1):
            index += 1
            code = f"{opd_key.lower()}{number:02d}"
            g.asn[code] = Asn.objects.create(
                nip=_nip(index),
                name=f"ASN {code.upper()}",
                opd=g.opds[opd_key],
                service_unit=g.units[f"{opd_key}1"],
                is_active=code != "a11",
                openedx_username=code,
            )
    g.connection = LmsConnection.objects.create(
        name="LMS uji", base_url="https://lms.contoh.go.id", client_id="x"
    )
    for code, asn in g.asn.items():
        g.learners[code] = Learner.objects.create(
            connection=g.connection, username=code, asn=asn, link_method=LinkMethod.USERNAME, first_seen=now
        )
    g.learners["u1"] = Learner.objects.create(connection=g.connection, username="tamu", first_seen=now)
    # K1's JP were set by BKPSDM; K2's are estimated from the LMS (02:00 a week for 4 weeks); K3 has none.
    for key, name, jp, set_by_admin in (
        ("K1", "Literasi Digital ASN", 20, True),
        ("K2", "Pelayanan Prima Digital", 8, False),
        ("K3", "Orientasi", None, False),
    ):
        g.courses[key] = Course.objects.create(
            connection=g.connection,
            course_key=f"course-v1:KotaSibolga+{key}+2026",
            name=name,
            org="KotaSibolga",
            jp=jp,
            jp_set_by_admin=set_by_admin,
            effort="02:00" if key == "K2" else "",
            start=at("2026-04-01") if key == "K2" else None,
            end=at("2026-04-29") if key == "K2" else None,
            pacing="instructor",
            first_seen=now,
            last_seen=now,
        )
    _training(g, now)
    _assessment(g)
    _ideas(g)
    _workshops(g)
    _skm(g)
    return g


def _enroll(g, who, course, day, now):
    Enrollment.objects.create(
        course=g.courses[course],
        learner=g.learners[who],
        mode="audit",
        enrolled_at=at(day),
        first_seen=now,
        modified=now,
    )


def _pass(g, who, course, day, now, enrolled):
    _enroll(g, who, course, enrolled, now)
    Grade.objects.create(
        course=g.courses[course],
        learner=g.learners[who],
        percent=0.9,
        passed=True,
        passed_at=at(day),
        passed_at_source=DateSource.CERTIFICATE,
        first_seen=now,
        modified=now,
    )


def _complete(g, who, course, day, now, enrolled, graded=False):
    _enroll(g, who, course, enrolled, now)
    Completion.objects.create(
        course=g.courses[course],
        learner=g.learners[who],
        earned=10,
        possible=10,
        percent=1.0,
        source="aggregator",
        completed_at=at(day),
        completed_at_source=DateSource.FIRST_SYNC,
        checked=now,
        first_seen=now,
        modified=now,
    )
    if graded:  # a grade that does not pass: the course is credited at its completion date
        Grade.objects.create(
            course=g.courses[course],
            learner=g.learners[who],
            percent=0.3,
            passed=False,
            first_seen=now,
            modified=now,
        )


def _training(g, now):
    _pass(g, "a01", "K1", "2026-02-10", now, "2026-01-10")
    _complete(g, "a01", "K2", "2026-05-05", now, "2026-04-01")
    _pass(g, "a02", "K1", "2026-02-20", now, "2026-01-10")
    _pass(g, "a03", "K1", "2026-03-15", now, "2026-01-10")
    _complete(g, "a04", "K1", "2026-04-10", now, "2026-03-01", graded=True)
    _pass(g, "a05", "K2", "2026-04-20", now, "2026-04-01")
    _enroll(g, "a06", "K1", "2026-06-01", now)
    _complete(g, "a08", "K3", "2026-03-01", now, "2026-02-01")
    _pass(g, "a09", "K1", "2025-11-10", now, "2025-10-01")
    _pass(g, "a11", "K1", "2026-01-20", now, "2026-01-02")
    for who, day in (
        ("b01", "2026-08-10"),
        ("b02", "2026-08-11"),
        ("b03", "2026-08-12"),
        ("b04", "2026-09-01"),
    ):
        _pass(g, who, "K1", day, now, "2026-07-01")
    # c03's pass of June 2025 came from a grade report imported today: no enrollment date, first
    # seen today. The enrollment dates from the pass, not from today.
    Enrollment.objects.create(
        course=g.courses["K1"], learner=g.learners["c03"], mode="audit", first_seen=now, modified=now
    )
    Grade.objects.create(
        course=g.courses["K1"], learner=g.learners["c03"], percent=0.7, passed=True,
        passed_at=at("2025-06-01"), passed_at_source=DateSource.GRADE_REPORT, first_seen=now, modified=now,
    )  # fmt: skip
    # An unlinked learner's pass: left out (counted in the exclusions).
    Grade.objects.create(
        course=g.courses["K1"], learner=g.learners["u1"], percent=0.8, passed=True,
        passed_at=at("2026-03-03"), first_seen=now, modified=now,
    )  # fmt: skip


def _plugin(model, g, remote_id, **values):
    moment = values.pop("moment", at("2026-06-01"))
    return model.objects.create(
        connection=g.connection,
        remote_id=remote_id,
        course_key="course-v1:KotaSibolga+K1+2026",
        lms_created=moment,
        lms_modified=moment,
        synced=moment,
        **values,
    )


CAKAP = {  # (pre, post) of the cakap pillar; the whole test's score is the same divided by 100
    "a01": (40, 70),
    "a02": (60, 80),
    "a03": (50, 50),
    "a04": (80, 90),
    "a05": (100, 100),
    "a06": (20, 60),
}


def _attempt(g, remote_id, who, mode, value, day):
    pillars = {"cakap": value, "etika": value, "aman": value, "budaya": value}
    return _plugin(
        AssessmentAttempt,
        g,
        remote_id,
        learner=g.learners[who],
        usage_id="block-v1:x",
        mode=mode,
        pairing_key="literasi-2026",
        attempt_number=1,
        score=value / 100,
        passed=value >= 60,
        pillar_scores=pillars,
        submitted_at=at(day),
    )


def _assessment(g):
    remote = 100
    for who, (pre, post) in CAKAP.items():
        remote += 1
        _attempt(g, remote, who, "pre", pre, "2026-01-05")
        remote += 1
        _attempt(g, remote, who, "post", post, "2026-03-10")
    # a01's older pre-test is not the one paired (the latest before the post-test is).
    _attempt(g, 90, "a01", "pre", 10, "2025-12-01")
    # a02's earlier post-test is not the one paired (the latest post-test is).
    _attempt(g, 91, "a02", "post", 65, "2026-03-01")
    # A post-test without pre-test, and an unlinked learner's post-test: left out.
    _attempt(g, 92, "a07", "post", 75, "2026-03-10")
    _attempt(g, 93, "u1", "post", 75, "2026-03-10")


def _ideas(g):
    ideas = [
        (1, "Antrean daring KTP-el", "implemented", "DISDUKCAPIL", None, 82.5, "2026-02-01",
         {"kpi": "Waktu tunggu (menit)", "kpi_target": "< 15", "start_date": "2026-06-01",
          "budget": 25000000}),
        (2, "Formulir digital akta", "accepted", "", "a01", 75.0, "2026-03-01", None),
        (3, "Pendaftaran poli daring", "rejected", "RSUD", None, 60.0, "2026-04-01", None),
        (4, "Ide tanpa OPD", "submitted", "TIDAK-ADA", None, None, "2026-05-01", None),
        (5, "Ide tahun lalu", "submitted", "DISDUKCAPIL", None, None, "2025-05-01", None),
    ]  # fmt: skip
    for remote_id, title, state, opd_code, author, score, day, program in ideas:
        _plugin(
            Idea,
            g,
            remote_id,
            usage_id="block-v1:idea",
            title=title,
            state=state,
            opd_code=opd_code,
            author=g.learners[author] if author else None,
            score_mean=score,
            score_count=3 if score else None,
            supports_count=remote_id * 2,
            submitted_at=at(day),
            program=program,
        )


def _workshops(g):
    s1 = _plugin(
        WorkshopSession, g, 1, usage_id="w", partner_name="PT Teknologi Tapanuli", partner_kind="local_tech",
        title="Analisis data layanan", kind="workshop", starts_at=at("2026-05-10", 2), duration_minutes=225,
        capacity=10, jp_credit=5,
    )  # fmt: skip
    s2 = _plugin(
        WorkshopSession, g, 2, usage_id="w", partner_name="CV Lain", partner_kind="startup",
        title="Seminar data pribadi", kind="seminar", starts_at=at("2026-06-01", 2), duration_minutes=180,
        capacity=20, jp_credit=4,
    )  # fmt: skip
    remote = 10
    for who, status, jp in (
        ("a07", "attended", 5),
        ("b01", "attended", 5),
        ("b02", "attended", 5),
        ("c01", "attended", 5),
        ("u1", "attended", 5),
        ("c02", "no_show", 0),
        ("a10", "cancelled", 0),
    ):
        remote += 1
        _plugin(
            WorkshopAttendance, g, remote, session_remote_id=s1.remote_id, learner=g.learners[who],
            status=status, attended_at=at("2026-05-10", 3) if status == "attended" else None, jp_credited=jp,
        )  # fmt: skip
    _plugin(
        WorkshopAttendance, g, 30, session_remote_id=s2.remote_id, learner=g.learners["b03"],
        status="attended", attended_at=at("2026-06-01", 3), jp_credited=4,
    )  # fmt: skip
    for remote_id, (who, relevance) in enumerate(
        (("a07", 5), ("b01", 4), ("b02", 5), ("c01", 3), ("u1", 4)), start=40
    ):
        _plugin(
            WorkshopReaction, g, remote_id, session_remote_id=s1.remote_id, learner=g.learners[who],
            answers={"relevance": relevance, "trainer": 4}, comment="",
        )  # fmt: skip


def _skm(g):
    for key, ks in K.items():
        unit = g.units[key]
        for position, ((year, quarter), k) in enumerate(zip(QUARTERS, ks, strict=True)):
            day = dt.date(year, 3 * quarter - 1, 15)
            rows = [
                skm_services.NewResponse(
                    unit_id=unit.id, answered_on=day, answers=dict.fromkeys(UNSUR_CODES, 4 if i < k else 3)
                )
                for i in range(10)
            ]
            skm_services.record_responses(rows, ResponseSource.IMPORT)
            users = POPULATIONS.get((key, position))
            if users:
                ServiceUserCount.objects.create(
                    unit=unit, period_kind="quarter", year=year, number=quarter, users=users
                )
