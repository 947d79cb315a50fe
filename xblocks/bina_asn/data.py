"""Plain data classes passed across app boundaries (OEP-49). Each block's issue adds its own."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

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


def jp_status(status: str, credited_at: datetime | None) -> str:
    """A registration's JP: ``credited``, ``pending`` (attended, attendance not yet standing) or ``none``."""
    if status != "attended":
        return "none"
    return "credited" if credited_at else "pending"


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
    jp_credited_at: datetime | None = None
    jp_counts_from: datetime | None = None  # when an attendee's JP are credited (end + check-in close)
    jp_session: int = 0  # the session's JP

    @property
    def jp_status(self) -> str:
        """``credited``, ``pending`` (attended; credited once the attendance stands) or ``none``."""
        return jp_status(self.status, self.jp_credited_at)


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
    jp_credited_at: datetime | None = None

    @property
    def jp_status(self) -> str:
        return jp_status(self.status, self.jp_credited_at)


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
    form: str = ""  # the parallel form taken ("A", "B"), "" for a bank without forms
    self_ratings: dict = field(default_factory=dict)  # mean 1-5 per pillar: self-perception, not knowledge


@dataclass(frozen=True)
class AssessmentBank:
    """A block's knowledge items as item analysis needs them (see ``AssessmentBankSnapshot``).

    ``items``: dicts with id, form, type, pillar, competence, level, stem and options (id, text,
    correct), in bank order.
    """

    course_id: str
    usage_id: str
    display_name: str
    mode: str
    pairing_key: str
    items: list


@dataclass(frozen=True)
class AssessmentAttemptData(NewAssessmentAttempt):
    """A recorded attempt (``id`` is the row's stable identifier)."""

    id: int = 0
    created: datetime | None = field(default=None)


# --- Innovation-idea competition (bina_innovation) -------------------------------------------------


@dataclass(frozen=True)
class RubricCriterion:
    """One jury rubric criterion; ``weight`` is its share of 100."""

    code: str
    label: str
    weight: float
    description: str = ""


@dataclass(frozen=True)
class InnovationRules:
    """One block's competition settings, as the plugin app needs them to check every write.

    ``jury`` maps a jury member's username to the code of their own OPD ("" when not known);
    ``opds`` and ``categories`` map codes to names; ``category_forms`` maps a category code to its
    PP 38/2017 form (``governance``, ``public_service`` or ``other``).
    """

    course_id: str
    usage_id: str
    support_budget: int = 5
    max_ideas_per_learner: int = 3
    submission_start: datetime | None = None
    submission_end: datetime | None = None
    support_start: datetime | None = None
    support_end: datetime | None = None
    enabled_states: frozenset = frozenset()
    rubric: tuple = ()
    score_scale: int = 5
    jury: Mapping = field(default_factory=dict)
    jury_excludes_own_opd: bool = True
    opds: Mapping = field(default_factory=dict)
    categories: Mapping = field(default_factory=dict)
    category_forms: Mapping = field(default_factory=dict)
    anonymous_gallery: bool = False


@dataclass(frozen=True)
class Actor:
    """Who is asking: an LMS user, and whether they are course staff."""

    user_id: int
    username: str
    full_name: str = ""
    is_staff: bool = False


@dataclass(frozen=True)
class GalleryQuery:
    """What a learner asked the gallery for; the block has checked the types."""

    page: int = 1
    page_size: int = 12
    search: str = ""
    state: str = ""
    opd_code: str = ""
    category: str = ""
    sort: str = "supports"  # or "newest"


@dataclass(frozen=True)
class IdeaCard:
    """An idea as the gallery and the lists show it."""

    id: int
    title: str
    state: str
    opd_code: str
    opd_name: str
    service_name: str
    category: str
    is_digital: bool | None
    author_name: str  # "" when the gallery is anonymous and the reader is not staff
    summary: str
    supports_count: int
    comments_count: int
    submitted_at: datetime | None
    state_changed_at: datetime | None
    supported_by_me: bool = False
    is_mine: bool = False
    version: int = 1


@dataclass(frozen=True)
class GalleryPage:
    """One page of the gallery and where the reader's support budget stands."""

    items: list
    page: int
    num_pages: int
    count: int
    budget: int
    budget_spent: int


@dataclass(frozen=True)
class CommentData:
    id: int
    author_name: str
    text: str
    created: datetime
    is_hidden: bool
    hidden_reason: str = ""
    is_mine: bool = False


@dataclass(frozen=True)
class StateChangeData:
    from_state: str
    to_state: str
    reason: str
    created: datetime
    actor_name: str = ""  # only for staff and jury


@dataclass(frozen=True)
class AnswerData:
    text: str
    cost: int | None
    execution_period: str
    answered_at: datetime


@dataclass(frozen=True)
class ProgramData:
    responsible_opd_code: str
    responsible_opd_name: str
    start_date: date
    budget: int | None
    kpi: str
    kpi_target: str
    stage: str
    evidence_url: str = ""


@dataclass(frozen=True)
class ScoreAggregate:
    """The jury's aggregate for one idea: mean and spread (population SD) on 0-100, and how many scored."""

    mean: float | None
    stdev: float | None
    count: int
    criteria_means: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class JuryScoreData:
    criteria: Mapping
    note: str
    total: float
    juror_name: str = ""
    modified: datetime | None = None


@dataclass(frozen=True)
class IdeaDetail:
    """An idea's page: the proposal, its answer, program, history, comments and what the reader may do."""

    card: IdeaCard
    fields: Mapping  # every proposal field, by name
    co_proposers: list
    evidence_links: list
    answer: AnswerData | None
    program: ProgramData | None
    history: list
    comments: list
    can_edit: bool
    can_support: bool
    can_comment: bool
    can_score: bool
    can_moderate: bool
    transitions: list  # states staff may move it to now
    author_moves: list  # states its author may move it to now (submit again, withdraw)
    my_score: JuryScoreData | None = None
    aggregate: ScoreAggregate | None = None  # for staff, and jurors who have scored
    jury_scores: list = field(default_factory=list)  # staff only
    not_scorable_reason: str = ""


@dataclass(frozen=True)
class JuryItem:
    """An idea in a jury member's queue."""

    card: IdeaCard
    my_total: float | None
    can_score: bool
    not_scorable_reason: str = ""


@dataclass(frozen=True)
class SupportResult:
    idea_id: int
    supported: bool
    supports_count: int
    budget: int
    budget_spent: int
    first_support: bool = False


@dataclass(frozen=True)
class OpdChoice:
    """An OPD a block may offer: its code (the units file's) and its name."""

    code: str
    name: str
