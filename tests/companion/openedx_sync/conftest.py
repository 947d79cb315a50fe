"""Fixtures for the sync: a fake LMS on loopback and a client with short waits."""

import pytest
from edx_django_utils.cache import TieredCache

from companion_service.openedx_sync.client import ClientSettings, LmsClient
from tests.support.fake_lms import FakeLms, LmsData, course_item, sample

# Short waits so fault tests take seconds, with the same logic as production settings.
FAST = ClientSettings(
    connect_timeout=1.0,
    read_timeout=0.5,
    max_attempts=4,
    backoff_base=0.01,
    backoff_cap=0.05,
    max_retry_after=2.0,
    grades_page_size=100,
    completion_page_size=100,
    plugin_page_size=100,
)


@pytest.fixture(autouse=True)
def fresh_token_cache():
    """Tokens are cached per LMS URL; ports get reused between tests."""
    TieredCache.dangerous_clear_all_tiers()
    yield
    TieredCache.dangerous_clear_all_tiers()


@pytest.fixture
def start_lms():
    """Start fake LMSes for a test; all stop at its end."""
    running = []

    def start(data: LmsData | None = None, faults=None, **kwargs) -> FakeLms:
        lms = FakeLms(data or LmsData(), faults, **kwargs).__enter__()
        running.append(lms)
        return lms

    yield start
    for lms in running:
        lms.__exit__(None, None, None)


def client_for(lms, settings=FAST, secret=None, **kwargs) -> LmsClient:
    return LmsClient(lms.url, lms.data.client_id, secret or lms.data.client_secret, settings, **kwargs)


# -- a small LMS: three courses, a few dozen learners, our blocks' records ---------------------------

COURSES = [
    ("course-v1:KotaSibolga+DIGI101+2026", "Literasi Digital ASN", "6 hours"),
    ("course-v1:KotaSibolga+SPBE201+2026", "SPBE untuk Pelayanan Publik", "02:30"),
    ("course-v1:KotaSibolga+DATA301+2026", "Analisis Data Layanan", ""),
]
PERCENTS = [1.0, 0.3, 0.75]
NAMED = [
    "ani",
    "budi",
    "196711101992031001",
    "citra_m",
]  # roster username, roster username, a NIP, email only


def learners(extra=26):
    return NAMED + [f"asn{i:03d}" for i in range(extra)]


def plugin_rows(key=COURSES[0][0], modified="2026-11-20T03:00:00Z"):
    common = {"course_id": key, "usage_id": f"block-v1:{key[10:]}+type@x+block@1"}
    times = {"created": "2026-11-20T02:00:00Z", "modified": modified}
    return {
        "workshop-sessions": [
            {
                "id": 3,
                **common,
                "partner": {"name": "PT Teknologi Tapanuli", "kind": "local_tech"},
                "title": "Analisis data layanan dengan spreadsheet",
                "kind": "workshop",
                "starts_at": "2026-12-03T02:00:00Z",
                "duration_minutes": 225,
                "mode": "onsite",
                "capacity": 20,
                "jp_credit": 5,
                "registered_count": 2,
                "waiting_count": 0,
                "attended_count": 1,
                **times,
            }
        ],
        "workshop-attendance": [
            {
                "id": 44,
                "session_id": 3,
                "course_id": key,
                "username": "ani",
                "anonymous_user_id": "a1",
                "status": "attended",
                "attended_at": "2026-12-03T02:10:00Z",
                "jp_credited": 5,
                "jp_status": "credited",
                "jp_credited_at": "2026-12-03T06:15:00Z",
                "jp_counts_from": "2026-12-03T06:15:00Z",
                "method": "code",
                **times,
            },
            {
                "id": 45,
                "session_id": 3,
                "course_id": key,
                "username": "budi",
                "anonymous_user_id": "b1",
                "status": "registered",
                "attended_at": None,
                "jp_credited": 0,
                "jp_status": "none",
                "jp_credited_at": None,
                "jp_counts_from": "2026-12-03T06:15:00Z",
                "method": None,
                **times,
            },
        ],
        "workshop-reactions": [
            {
                "id": 9,
                "session_id": 3,
                "course_id": key,
                "username": "ani",
                "answers": {"relevance": 5, "engagement": 4, "trainer": 5, "usefulness": 4, "recommend": 5},
                "comment": "Sangat bermanfaat. <b>Terima kasih</b>",
                **times,
            },
        ],
        "assessment-attempts": [
            {
                "id": 17,
                **common,
                "username": "ani",
                "anonymous_user_id": "a1",
                "mode": "pre",
                "pairing_key": "literasi-digital-2026",
                "attempt_number": 1,
                "score": 0.725,
                "passed": True,
                "pillar_scores": {"cakap": 80.0, "etika": 75.0, "aman": 58.3, "budaya": 83.3},
                "pillar_index": {"cakap": 4.2, "etika": 4.0, "aman": 3.33, "budaya": 4.33},
                "competence_scores": {"1.1": 100.0, "4.2": 50.0},
                "started": "2026-11-20T02:00:00Z",
                "submitted": "2026-11-20T02:25:13Z",
                **times,
            },
        ],
        "ideas": [
            {
                "id": 5,
                **common,
                "title": "Antrean daring layanan KTP-el",
                "state": "submitted",
                "category": "pelayanan-publik",
                "opd_code": "DISDUKCAPIL",
                "opd_name": "Dinas Kependudukan dan Pencatatan Sipil",
                "service_name": "Perekaman KTP-el",
                "is_digital": True,
                "author_username": "ani",
                "co_proposers": ["budi"],
                "supports_count": 42,
                "comments_count": 7,
                "score_mean": None,
                "score_stdev": None,
                "score_count": None,
                "submitted_at": "2026-11-21T01:00:00Z",
                "state_changed_at": "2026-11-21T01:00:00Z",
                "program": None,
                **times,
            },
        ],
    }


def lms_data(extra=26, *, plugin=True, aggregator=True) -> LmsData:
    names = learners(extra)
    data = LmsData(courses=[course_item(k, n, effort=e) for k, n, e in COURSES])
    data.completion = {} if aggregator else None
    for c, (key, _, _) in enumerate(COURSES):
        data.enrollments[key] = [
            {
                "course_id": key,
                "is_active": not (c == 0 and name == "asn000"),
                "mode": "masters" if name == "citra_m" else "audit",
                "user": name,
                "created": f"2026-0{c + 1}-0{1 + i % 9}T01:00:00Z",
            }
            for i, name in enumerate(names)
        ]
        data.grades[key] = [
            {
                "username": name,
                "email": "citra@contoh.sibolgakota.go.id" if name == "citra_m" else "",
                "course_id": key,
                "passed": PERCENTS[(i + c) % 3] >= 0.5,
                "percent": PERCENTS[(i + c) % 3],
                "letter_grade": "Pass" if PERCENTS[(i + c) % 3] >= 0.5 else None,
            }
            for i, name in enumerate(names)
            if not (c == 0 and name == "asn000")
        ]
        if aggregator:
            data.completion[key] = [
                {
                    "username": name,
                    "course_key": key,
                    "completion": {
                        "earned": float((i + c) % 5),
                        "possible": 4.0,
                        "percent": min(1.0, ((i + c) % 5) / 4),
                    },
                }
                for i, name in enumerate(names)
            ]
    data.certificates[("ani", COURSES[0][0])] = {
        **sample("certificates.v0.detail.webcert"),
        "username": "ani",
        "course_id": COURSES[0][0],
        "created_date": "2026-11-25T08:00:00+0000",
    }
    data.plugin = plugin_rows() if plugin else None
    data.analysis = {} if plugin else None  # the current plugin: an (empty) analysis for every course
    return data


@pytest.fixture
def roster(db):
    """The city's ASN that the learners above are: by username, by NIP-as-username, by email."""
    from companion_service.organization.models import Opd
    from companion_service.roster.models import Asn

    opd = Opd.objects.create(code="DISKOMINFO", name="Dinas Komunikasi dan Informatika")
    return {
        "ani": Asn.objects.create(
            nip="198001012005012001", name="Ani Siregar", opd=opd, openedx_username="ani"
        ),
        "budi": Asn.objects.create(
            nip="198503152010011003", name="Budi Hutagalung", opd=opd, openedx_username="budi"
        ),
        "dedi": Asn.objects.create(nip="196711101992031001", name="Dedi Simatupang", opd=opd),
        "citra": Asn.objects.create(
            nip="199002142021212005",
            name="Citra Pasaribu",
            opd=opd,
            employment_type="PPPK",
            email="Citra@contoh.sibolgakota.go.id",
        ),
    }


@pytest.fixture
def connection_to(db, monkeypatch):
    """A stored LMS connection for a running fake LMS (the secret from the environment)."""
    from companion_service.openedx_sync.models import LmsConnection

    def make(lms, **fields):
        monkeypatch.setenv("OPENEDX_CLIENT_SECRET", lms.data.client_secret)
        return LmsConnection.objects.create(
            name="LMS Kota Sibolga", base_url=lms.url, client_id=lms.data.client_id, **fields
        )

    return make


def sync(connection, lms=None, *, full=False, settings=FAST, **kwargs):
    """Run a sync with the fast client settings."""
    from companion_service.openedx_sync.services import client_for, run_sync

    return run_sync(connection, full=full, client=client_for(connection, settings, **kwargs))
