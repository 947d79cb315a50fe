"""Reads: a learner's latest attempt, the paired pre-test, and the rows the companion syncs."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from xblocks.bina_asn.data import AssessmentAttemptData
from xblocks.bina_asn.models import AssessmentAttempt

_DATA_FIELDS = [name for name in AssessmentAttemptData.__dataclass_fields__ if name != "user_id"]


def to_data(row: AssessmentAttempt) -> AssessmentAttemptData:
    """The row as the plain data class the block receives."""
    return AssessmentAttemptData(user_id=row.user_id, **{name: getattr(row, name) for name in _DATA_FIELDS})


def latest_attempt(usage_id: str, user_id: int) -> AssessmentAttemptData | None:
    """The learner's most recent submitted attempt at one block (its number is the count so far)."""
    row = (
        AssessmentAttempt.objects.filter(usage_id=usage_id, user_id=user_id)
        .order_by("-attempt_number")
        .first()
    )
    return to_data(row) if row else None


def attempts_of(usage_id: str, user_id: int) -> list[AssessmentAttemptData]:
    """Every submitted attempt of the learner at one block, first to last."""
    rows = AssessmentAttempt.objects.filter(usage_id=usage_id, user_id=user_id).order_by("attempt_number")
    return [to_data(row) for row in rows]


def latest_paired_attempt(
    course_id: str, user_id: int, pairing_key: str, mode: str
) -> AssessmentAttemptData | None:
    """The learner's latest attempt in ``mode`` with the same pairing key in the same course."""
    if not pairing_key:
        return None
    row = (
        AssessmentAttempt.objects.filter(
            course_id=course_id, user_id=user_id, pairing_key=pairing_key, mode=mode
        )
        .order_by("-submitted", "-id")
        .first()
    )
    return to_data(row) if row else None


def attempts_for_sync(course_id: str | None = None, modified_since: datetime | None = None) -> QuerySet:
    """Submitted attempts with their learner's username, for the REST API (paged by the caller)."""
    rows = AssessmentAttempt.objects.select_related("user")
    if course_id:
        rows = rows.filter(course_id=course_id)
    if modified_since:
        rows = rows.filter(modified__gte=modified_since)
    return rows


def attempts_for_report(usage_id: str, usernames: list[str]) -> dict[str, list[AssessmentAttemptData]]:
    """Submitted attempts at one block of the given learners, by username, first to last."""
    rows = (
        AssessmentAttempt.objects.filter(usage_id=usage_id, user__username__in=usernames)
        .select_related("user")
        .order_by("user_id", "attempt_number")
    )
    by_username: dict[str, list[AssessmentAttemptData]] = {}
    for row in rows:
        by_username.setdefault(row.user.username, []).append(to_data(row))
    return by_username
