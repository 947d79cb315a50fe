"""Plain data classes passed across app boundaries (OEP-49). Each block's issue adds its own."""

# --- Innovation-idea competition (bina_innovation) -------------------------------------------------

from collections.abc import Mapping  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from datetime import date, datetime  # noqa: E402


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
