"""Rows of the Open edX and plugin APIs read into plain records, checked field by field.

Each ``read_*`` takes one row as the LMS sent it (see ``tests/support/api_samples``) and returns a
record, or raises ``BadRow`` naming what is missing or wrong; the sync skips such a row and reports
it, it never guesses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlparse

from django.utils.dateparse import parse_datetime


class BadRow(ValueError):
    """A row lacks a field the sync needs, or has a value of the wrong kind."""


def _text(row: dict, key: str, *, required: bool = True, default: str = "") -> str:
    value = row.get(key)
    if value is None or value == "":
        if required:
            raise BadRow(f"no {key}")
        return default
    if not isinstance(value, str | int):
        raise BadRow(f"{key} is not text")
    return str(value)


def _bool(row: dict, key: str, *, default: bool | None = None) -> bool:
    value = row.get(key, default)
    if isinstance(value, bool):
        return value
    if value is None and default is not None:
        return default
    raise BadRow(f"{key} is not true or false")


def _number(value, key: str, *, required: bool = True) -> float | None:
    if value is None:
        if required:
            raise BadRow(f"no {key}")
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise BadRow(f"{key} is not a number")
    try:
        return float(value)
    except ValueError:
        raise BadRow(f"{key} is not a number") from None


def parse_time(value) -> datetime | None:
    """An ISO 8601 date-time as aware UTC (``Z``, ``+00:00`` and ``+0000`` all accepted); None if empty."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise BadRow("a date-time is not text")
    parsed = parse_datetime(value.strip())
    if parsed is None:
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            raise BadRow(f"{value!r} is not a date-time") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _time(row: dict, key: str, *, required: bool = False) -> datetime | None:
    value = parse_time(row.get(key))
    if value is None and required:
        raise BadRow(f"no {key}")
    return value


@dataclass(frozen=True, slots=True)
class CourseRecord:
    course_key: str
    name: str
    org: str
    number: str
    short_description: str
    start: datetime | None
    end: datetime | None
    effort: str
    pacing: str
    hidden: bool


def read_course(row: dict) -> CourseRecord:
    key = _text(row, "id", required=False) or _text(row, "course_id")
    return CourseRecord(
        course_key=key,
        name=_text(row, "name", required=False, default=key)[:255],
        org=_text(row, "org", required=False)[:255],
        number=_text(row, "number", required=False)[:255],
        short_description=_text(row, "short_description", required=False),
        start=_time(row, "start"),
        end=_time(row, "end"),
        effort=_text(row, "effort", required=False)[:100],
        pacing=_text(row, "pacing", required=False)[:20],
        hidden=_bool(row, "hidden", default=False),
    )


@dataclass(frozen=True, slots=True)
class EnrollmentRecord:
    username: str
    is_active: bool
    mode: str
    created: datetime | None


def read_enrollment(row: dict, course_key: str) -> EnrollmentRecord:
    row_course = row.get("course_id")
    if row_course not in (None, course_key):
        raise BadRow(f"belongs to another course ({row_course})")
    return EnrollmentRecord(
        username=_text(row, "user"),
        is_active=_bool(row, "is_active"),
        mode=_text(row, "mode", required=False)[:50],
        created=_time(row, "created"),
    )


@dataclass(frozen=True, slots=True)
class GradeRecord:
    username: str
    email: str
    passed: bool
    percent: float
    letter_grade: str


def read_grade(row: dict) -> GradeRecord:
    percent = _number(row.get("percent"), "percent")
    if not 0 <= percent <= 1:
        raise BadRow(f"percent {percent} is outside 0-1")
    return GradeRecord(
        username=_text(row, "username"),
        email=_text(row, "email", required=False)[:254],
        passed=_bool(row, "passed"),
        percent=percent,
        letter_grade=_text(row, "letter_grade", required=False)[:64],
    )


@dataclass(frozen=True, slots=True)
class CompletionRecord:
    username: str
    earned: float
    possible: float
    percent: float


def read_aggregated_completion(row: dict) -> CompletionRecord:
    completion = row.get("completion")
    if not isinstance(completion, dict):
        raise BadRow("no completion")
    earned = _number(completion.get("earned"), "earned")
    possible = _number(completion.get("possible"), "possible")
    percent = _number(completion.get("percent"), "percent", required=False)
    if percent is None:
        percent = earned / possible if possible else 0.0
    return CompletionRecord(
        username=_text(row, "username"), earned=earned, possible=possible, percent=percent
    )


def completion_from_blocks(username: str, data: dict) -> CompletionRecord:
    """Completion over completable leaf blocks of a blocks-API answer (``requested_fields=completion``).

    Leaves are blocks without children; a leaf whose ``completion`` is null or absent is not
    completable and does not count. Parents carry roll-ups the LMS computes; they are ignored.
    """
    earned = possible = 0.0
    for block in data.get("blocks", {}).values():
        if not isinstance(block, dict) or block.get("children"):
            continue
        value = block.get("completion")
        if value is None or isinstance(value, bool):
            continue
        possible += 1
        earned += min(1.0, max(0.0, float(value)))
    return CompletionRecord(
        username=username, earned=earned, possible=possible, percent=(earned / possible) if possible else 0.0
    )


@dataclass(frozen=True, slots=True)
class CertificateRecord:
    username: str
    course_key: str
    status: str
    created: datetime | None
    is_passing: bool
    number: str = ""


# A web certificate's address ends in its verify id: edx-platform's ``format_certificate_for_user``
# (lms/djangoapps/certificates/api.py) gives ``get_certificate_url(..., uuid=cert.verify_uuid)``,
# i.e. ``/certificates/<32 hex digits>``. PDF certificates have no number the API shows.
_CERTIFICATE_URL = re.compile(r"/certificates/([0-9a-f]{32})/?$")


def certificate_number(download_url) -> str:
    """The verify id in a web certificate's address, or ""."""
    match = _CERTIFICATE_URL.search(urlparse(download_url).path) if isinstance(download_url, str) else None
    return match.group(1) if match else ""


def read_certificate(row: dict) -> CertificateRecord:
    return CertificateRecord(
        username=_text(row, "username"),
        course_key=_text(row, "course_id"),
        status=_text(row, "status", required=False),
        created=_time(row, "created_date"),
        is_passing=_bool(row, "is_passing", default=row.get("status") == "downloadable"),
        number=certificate_number(row.get("download_url")) if row.get("status") == "downloadable" else "",
    )


def certificate_date(record: CertificateRecord | None) -> datetime | None:
    """The date a certificate was issued, when it is a passing, issued one."""
    if record is None or not record.created:
        return None
    if record.status not in ("downloadable", "") or not record.is_passing:
        return None
    return record.created


# -- plugin API v1 (docs/reference/plugin-api-v1.rst) ----------------------------------------------


def _common(row: dict) -> dict:
    remote_id = row.get("id")
    if not isinstance(remote_id, int) or isinstance(remote_id, bool):
        raise BadRow("no integer id")
    return {
        "remote_id": remote_id,
        "course_key": _text(row, "course_id")[:255],
        "lms_created": _time(row, "created", required=True),
        "lms_modified": _time(row, "modified", required=True),
    }


def _dict(row: dict, key: str) -> dict:
    value = row.get(key) or {}
    if not isinstance(value, dict):
        raise BadRow(f"{key} is not an object")
    return value


def _int(row: dict, key: str, default: int | None = 0) -> int | None:
    value = row.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRow(f"{key} is not a whole number")
    return value


def read_assessment_attempt(row: dict) -> tuple[str, dict]:
    """(username, model fields) of an assessment attempt."""
    score = _number(row.get("score"), "score")
    return _text(row, "username"), {
        **_common(row),
        "usage_id": _text(row, "usage_id", required=False)[:255],
        "anonymous_user_id": _text(row, "anonymous_user_id", required=False)[:64],
        "mode": _text(row, "mode")[:12],
        "pairing_key": _text(row, "pairing_key", required=False)[:100],
        "attempt_number": _int(row, "attempt_number", 1),
        "score": score,
        "passed": _bool(row, "passed", default=False),
        "pillar_scores": _dict(row, "pillar_scores"),
        "pillar_index": _dict(row, "pillar_index"),
        "competence_scores": _dict(row, "competence_scores"),
        "started_at": _time(row, "started"),
        "submitted_at": _time(row, "submitted"),
    }


def read_idea(row: dict) -> tuple[str, dict]:
    """(author username, model fields) of an idea."""
    co_proposers = row.get("co_proposers") or []
    if not isinstance(co_proposers, list):
        raise BadRow("co_proposers is not a list")
    program = row.get("program")
    if program is not None and not isinstance(program, dict):
        raise BadRow("program is not an object")
    return _text(row, "author_username", required=False), {
        **_common(row),
        "usage_id": _text(row, "usage_id", required=False)[:255],
        "title": _text(row, "title")[:255],
        "state": _text(row, "state")[:20],
        "category": _text(row, "category", required=False)[:100],
        "opd_code": _text(row, "opd_code", required=False)[:32],
        "opd_name": _text(row, "opd_name", required=False)[:255],
        "service_name": _text(row, "service_name", required=False)[:255],
        "is_digital": _bool(row, "is_digital", default=False),
        "co_proposers": [str(name) for name in co_proposers],
        "supports_count": _int(row, "supports_count"),
        "comments_count": _int(row, "comments_count"),
        "score_mean": _number(row.get("score_mean"), "score_mean", required=False),
        "score_stdev": _number(row.get("score_stdev"), "score_stdev", required=False),
        "score_count": _int(row, "score_count", None),
        "submitted_at": _time(row, "submitted_at"),
        "state_changed_at": _time(row, "state_changed_at"),
        "program": program,
    }


def read_workshop_session(row: dict) -> tuple[str, dict]:
    partner = _dict(row, "partner")
    return "", {
        **_common(row),
        "usage_id": _text(row, "usage_id", required=False)[:255],
        "partner_name": _text(partner, "name", required=False)[:255],
        "partner_kind": _text(partner, "kind", required=False)[:30],
        "title": _text(row, "title")[:255],
        "kind": _text(row, "kind", required=False, default="workshop")[:20],
        "starts_at": _time(row, "starts_at"),
        "duration_minutes": _int(row, "duration_minutes"),
        "mode": _text(row, "mode", required=False)[:20],
        "capacity": _int(row, "capacity", None),
        "jp_credit": _int(row, "jp_credit"),
        "registered_count": _int(row, "registered_count"),
        "waiting_count": _int(row, "waiting_count"),
        "attended_count": _int(row, "attended_count"),
    }


def read_workshop_attendance(row: dict) -> tuple[str, dict]:
    session_id = _int(row, "session_id", None)
    if session_id is None:
        raise BadRow("no session_id")
    return _text(row, "username"), {
        **_common(row),
        "session_remote_id": session_id,
        "anonymous_user_id": _text(row, "anonymous_user_id", required=False)[:64],
        "status": _text(row, "status")[:12],
        "attended_at": _time(row, "attended_at"),
        "jp_credited": _int(row, "jp_credited"),
        "jp_status": _text(row, "jp_status", required=False)[:10],
        "jp_counts_from": _time(row, "jp_counts_from"),
        "method": _text(row, "method", required=False)[:10],
    }


def read_workshop_reaction(row: dict) -> tuple[str, dict]:
    session_id = _int(row, "session_id", None)
    if session_id is None:
        raise BadRow("no session_id")
    return _text(row, "username"), {
        **_common(row),
        "session_remote_id": session_id,
        "answers": _dict(row, "answers"),
        "comment": _text(row, "comment", required=False),
    }
