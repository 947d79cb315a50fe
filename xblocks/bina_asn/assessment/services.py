"""Writes: recording a submitted attempt, once per attempt number."""

from __future__ import annotations

from dataclasses import fields

from django.db import IntegrityError, transaction

from xblocks.bina_asn.data import AssessmentAttemptData, NewAssessmentAttempt
from xblocks.bina_asn.models import AssessmentAttempt

from .selectors import to_data


class AttemptAlreadyRecorded(Exception):
    """This learner's attempt with this number is already recorded (a double submit or a race)."""


def record_submitted_attempt(attempt: NewAssessmentAttempt) -> AssessmentAttemptData:
    """Store a submitted attempt; the unique (block, learner, attempt number) makes a retry harmless.

    Raises ``AttemptAlreadyRecorded`` when the attempt number is taken, ``ValueError`` for a score
    outside 0-1 or an attempt number below 1 (the table's check constraints).
    """
    if not 0 <= attempt.score <= 1 or attempt.attempt_number < 1:
        raise ValueError(f"score {attempt.score} / attempt {attempt.attempt_number} out of range")
    # The field values as they are: ``asdict`` would deep-copy every score and answer map first.
    columns = {field.name: getattr(attempt, field.name) for field in fields(attempt)}
    try:
        with transaction.atomic():
            row = AssessmentAttempt.objects.create(**columns)
    except IntegrityError as exc:
        taken = AssessmentAttempt.objects.filter(
            usage_id=attempt.usage_id, user_id=attempt.user_id, attempt_number=attempt.attempt_number
        ).exists()
        if taken:
            raise AttemptAlreadyRecorded(attempt.attempt_number) from exc
        raise
    return to_data(row)
