"""Plain data classes passed across app boundaries (OEP-49). Each block's issue adds its own."""

from dataclasses import dataclass, field
from datetime import datetime

# --- Partner workshop (issue 5) ---------------------------------------------------------------


@dataclass(frozen=True)
class WorkshopSessionDefinition:
    """One session as the author defined it in Studio (times aware, UTC or any zone)."""

    key: str
    title: str
    starts_at: datetime
    duration_minutes: int
    capacity: int
    kind: str = "workshop"
    international: bool = False
    mode: str = "onsite"
    location: str = ""
    meeting_url: str = ""
    registration_deadline: datetime | None = None  # None: registration closes when the session starts
    jp_explicit: int | None = None
    cancelled: bool = False


@dataclass(frozen=True)
class WorkshopDefinition:
    """A partner workshop block's Studio settings, as the sync writes them into the tables."""

    course_id: str
    usage_id: str
    title: str
    partner_name: str
    partner_kind: str
    sessions: tuple[WorkshopSessionDefinition, ...] = ()
    partner_description: str = ""
    partner_website: str = ""
    partner_logo_url: str = ""
    partner_contact_name: str = ""
    partner_contact_email: str = ""
    partner_contact_phone: str = ""
    attendance_method: str = "code_and_staff"
    checkin_opens_minutes: int = 30
    checkin_closes_minutes: int = 30
    one_session_per_learner: bool = True


@dataclass(frozen=True)
class WorkshopSessionData:
    """A session with its seat counts, as learner and staff views show it."""

    id: int
    key: str
    title: str
    kind: str
    international: bool
    starts_at: datetime
    ends_at: datetime
    duration_minutes: int
    mode: str
    location: str
    meeting_url: str
    capacity: int
    registration_deadline: datetime
    jp_credit: int
    jp_is_explicit: bool
    cancelled: bool
    checkin_opens_at: datetime
    checkin_closes_at: datetime
    registered_count: int
    waiting_count: int
    attended_count: int
    no_show_count: int

    @property
    def seats_taken(self) -> int:
        return self.registered_count + self.attended_count + self.no_show_count

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.seats_taken, 0)


@dataclass(frozen=True)
class WorkshopRegistrationData:
    """One learner's registration in one session."""

    session_id: int
    session_key: str
    status: str
    queue_position: int | None
    attended_at: datetime | None
    attendance_method: str
    jp_credited: int
    reaction_answers: dict | None = None
    reaction_comment: str = ""


@dataclass(frozen=True)
class WorkshopRegistrationOutcome:
    """What a register, cancel or check-in call did."""

    status: str
    queue_position: int | None = None
    promoted_user_ids: tuple[int, ...] = ()
    already: bool = False  # nothing changed: the learner was already in this state


@dataclass(frozen=True)
class WorkshopRosterEntry:
    """One line of a session's roster for the course team."""

    user_id: int
    username: str
    full_name: str
    email: str
    status: str
    queue_position: int | None
    registered_at: datetime | None
    waitlisted_at: datetime | None
    cancelled_at: datetime | None
    attended_at: datetime | None
    attendance_method: str
    marked_by: str
    jp_credited: int
    reacted: bool


@dataclass(frozen=True)
class WorkshopReactionSummary:
    """Reaction-survey results of one session: averages per question (1-5) and the comments."""

    session_id: int
    responses: int
    attended: int
    averages: dict = field(default_factory=dict)  # question key -> mean, or None without answers
    distribution: dict = field(default_factory=dict)  # question key -> {1: n, ..., 5: n}
    comments: tuple[tuple[datetime, str], ...] = ()


# --- Digital-skills assessment (bina_digital_skills) ---------------------------------------------


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
