"""Plain data classes passed across app boundaries (OEP-49). Each block's issue adds its own."""

# --- Digital-skills assessment (bina_digital_skills) ---------------------------------------------

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class NewAssessmentAttempt:
    """A submitted attempt as the block hands it over to be recorded."""

    course_id: str
    usage_id: str
    user_id: int
    anonymous_user_id: str
    mode: str
    pairing_key: str
    attempt_number: int
    score: float
    passed: bool
    pillar_scores: dict
    pillar_index: dict
    competence_scores: dict
    area_bands: dict
    item_scores: dict
    answers: dict
    item_ids: list
    started: datetime
    submitted: datetime


@dataclass(frozen=True)
class AssessmentAttemptData(NewAssessmentAttempt):
    """A recorded attempt (``id`` is the row's stable identifier)."""

    id: int = 0
    created: datetime | None = field(default=None)
