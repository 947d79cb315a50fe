"""Small pieces: JP from effort per week x weeks, encrypted secrets, the scheduled sync of connections."""

from datetime import UTC, datetime, timedelta

import pytest
from cryptography.fernet import Fernet

from companion_service.openedx_sync import secrets
from companion_service.openedx_sync.channels import (
    course_weeks,
    effort_minutes,
    estimate_jp,
    is_klasikal,
    jp_source,
)
from companion_service.openedx_sync.tasks import sync_active_connections

from .conftest import lms_data


@pytest.mark.parametrize(
    ("effort", "minutes"),
    [
        ("6 hours", 360),
        ("06:30", 390),
        ("15:00", 900),
        ("1:30:00", 90),
        ("90 minutes", 90),
        ("6 jam 30 menit", 390),
        ("1,5 jam", 90),
        ("4-6 hours", 240),
        ("45 menit", 45),
        ("", None),
        ("self-paced", None),
        ("00:00", None),
    ],
)
def test_effort_minutes(effort, minutes):
    assert effort_minutes(effort) == minutes


START = datetime(2026, 2, 2, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("effort", "days", "weeks", "jp"),
    [
        ("03:00", 42, 6, 24),  # Studio's "Hours of Effort per Week": 180 min x 6 weeks / 45 = 24, not 4
        ("03:00", 40, 6, 24),  # 5.7 weeks: 6 whole weeks
        ("03:00", 38, 5, 20),  # 5.4 weeks: 5
        ("2 hours", 7, 1, 3),  # 120 / 45 = 2.7 -> 3
        ("1 jam", 2, 1, 2),  # under a week counts as one week: 60 / 45 -> 2
        ("6 hours", 64, 9, 72),
        ("45 menit", 364, 52, 52),
    ],
)
def test_jp_are_effort_per_week_times_weeks(effort, days, weeks, jp):
    estimate = estimate_jp(effort, START, START + timedelta(days=days), "instructor")
    assert (estimate.weeks, estimate.jp, estimate.reason) == (weeks, jp, "")
    assert estimate.minutes_per_week == effort_minutes(effort)


@pytest.mark.parametrize(
    ("effort", "start", "end", "pacing", "reason"),
    [
        ("03:00", START, START + timedelta(days=42), "self", "self_paced"),
        ("03:00", START, None, "instructor", "no_dates"),
        ("03:00", None, START, "instructor", "no_dates"),
        ("03:00", START, START, "instructor", "no_dates"),
        ("03:00", START, START + timedelta(days=400), "instructor", "too_long"),
        ("", START, START + timedelta(days=42), "instructor", "no_effort"),
        ("self-paced", START, START + timedelta(days=42), "", "no_effort"),
    ],
)
def test_no_estimate_without_a_schedule(effort, start, end, pacing, reason):
    estimate = estimate_jp(effort, start, end, pacing)
    assert (estimate.jp, estimate.reason) == (None, reason)


def test_course_weeks_needs_both_dates():
    assert course_weeks(START, START + timedelta(days=3, hours=12)) == 1  # 0.5 weeks rounds up
    assert course_weeks(START, START + timedelta(days=3)) == 1  # never less than one week
    assert course_weeks(None, START) is None


def test_where_jp_come_from():
    assert jp_source(12, True) == "set"
    assert jp_source(0, True) == "set"
    assert jp_source(24, False) == "estimated"
    assert jp_source(None, False) == "missing"


def test_channels():
    assert is_klasikal("workshop") and is_klasikal("seminar")
    assert not is_klasikal("e_learning")


def test_secrets_round_trip_and_rotation(settings):
    token = secrets.encrypt("rahasia")
    assert "rahasia" not in token and secrets.decrypt(token) == "rahasia"
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.COMPANION_SECRETS_KEYS = [old]
    token = secrets.encrypt("rahasia")
    settings.COMPANION_SECRETS_KEYS = [new, old]  # rotation: the new key first, the old one still reads
    assert secrets.decrypt(token) == "rahasia"
    settings.COMPANION_SECRETS_KEYS = [new]
    with pytest.raises(secrets.SecretUnreadable, match="enter it again"):
        secrets.decrypt(token)


def test_scheduled_sync_of_every_active_connection(start_lms, connection_to, roster):
    from companion_service.openedx_sync.models import LmsConnection

    connection_to(start_lms(lms_data()))
    LmsConnection.objects.create(name="Grade reports only", base_url="", client_id="")
    LmsConnection.objects.create(name="Off", base_url="http://127.0.0.1:9", client_id="x", is_active=False)
    results = sync_active_connections()
    assert [r["status"] for r in results] == ["ok"]
    assert LmsConnection.objects.get(name="LMS Kota Sibolga").runs.get().trigger == "schedule"


def test_a_pending_workshop_attendance_is_read_as_pending():
    from companion_service.openedx_sync.parsing import read_workshop_attendance

    row = {
        "id": 7, "session_id": 3, "course_id": "course-v1:A+B+C", "username": "ani", "status": "attended",
        "attended_at": "2026-12-03T06:09:00Z", "jp_credited": 0, "jp_status": "pending",
        "jp_credited_at": None, "jp_counts_from": "2026-12-03T10:34:00Z", "method": "code",
        "created": "2026-12-03T06:09:00Z", "modified": "2026-12-03T06:09:00Z",
    }  # fmt: skip
    username, values = read_workshop_attendance(row)
    assert (username, values["jp_credited"], values["jp_status"]) == ("ani", 0, "pending")
    assert values["jp_counts_from"].isoformat() == "2026-12-03T10:34:00+00:00"
    older = {k: v for k, v in row.items() if not k.startswith("jp_") or k == "jp_credited"}
    assert read_workshop_attendance(older)[1]["jp_status"] == ""  # a plugin before 14: counted as given
