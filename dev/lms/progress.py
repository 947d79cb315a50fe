"""Grades and completion in the dev LMS, computed from what blocks published.

Open edX keeps persistent grades and block completions; the dev LMS has only the events the runtime
recorded (``TrackingEvent``). This module derives the same per-learner course figures from them:

- a block's score is the learner's latest ``grade`` event for it (``value / max_value``);
- the course grade is the mean score over the course's graded blocks (every block anyone was
  graded on), unanswered blocks counting 0; it passes at ``BINA_DEVLMS_PASS_CUTOFF`` (0.5 by
  default, like Open edX's default grading policy), rounded to two decimals as the LMS rounds;
- completion counts the course's completable blocks (any block with a ``completion`` or ``grade``
  event); a learner's block is complete at their latest ``completion`` value, or 1.0 once graded.

All of this is development stand-in logic, not a model of Open edX's grading policies.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings

from .models import TrackingEvent


@dataclass(frozen=True)
class LearnerProgress:
    percent: float
    passed: bool
    earned: float
    possible: float

    @property
    def completion_percent(self) -> float:
        return self.earned / self.possible if self.possible else 0.0


def course_progress(course_id: str, user_ids: list[int]) -> dict[int, LearnerProgress]:
    """Grade and completion of ``user_ids`` in the dev course (other course ids have no blocks)."""
    if course_id != settings.BINA_DEVLMS_COURSE_ID:
        return {uid: LearnerProgress(0.0, False, 0.0, 0.0) for uid in user_ids}
    scores: dict[tuple[int, str], float] = {}
    completion: dict[tuple[int, str], float] = {}
    graded_blocks, completable = set(), set()
    events = TrackingEvent.objects.filter(event_type__in=("grade", "completion")).order_by("id")
    for user_id, usage_id, event_type, data in events.values_list(
        "user_id", "usage_id", "event_type", "data"
    ):
        completable.add(usage_id)
        if event_type == "grade":
            graded_blocks.add(usage_id)
            try:
                maximum = float(data.get("max_value") or 0)
                scores[(user_id, usage_id)] = float(data.get("value") or 0) / maximum if maximum else 0.0
            except (TypeError, ValueError, AttributeError):
                continue
        else:
            try:
                completion[(user_id, usage_id)] = max(0.0, min(1.0, float(data.get("completion", 1.0))))
            except (TypeError, ValueError, AttributeError):
                continue
    cutoff = settings.BINA_DEVLMS_PASS_CUTOFF
    result = {}
    per_user_blocks = defaultdict(float)
    for (user_id, usage_id), value in completion.items():
        per_user_blocks[(user_id, usage_id)] = value
    for user_id, usage_id in scores:
        per_user_blocks.setdefault((user_id, usage_id), 1.0)
    for user_id in user_ids:
        mean = (
            sum(scores.get((user_id, block), 0.0) for block in graded_blocks) / len(graded_blocks)
            if graded_blocks
            else 0.0
        )
        percent = round(mean, 2)
        earned = sum(per_user_blocks.get((user_id, block), 0.0) for block in completable)
        result[user_id] = LearnerProgress(percent, percent >= cutoff, earned, float(len(completable)))
    return result
