"""Plain data classes the evaluation's selectors return to pages, the JSON API, exports and the CLI.

Rates are ``stats.Rate`` (k of n with a Wilson 95% interval, suppressed under 5 people) and means
``stats.Mean`` (n, mean, sd and a t-based 95% interval, suppressed under 5). IKM values are
``Decimal`` rounded half-up to 2 decimals, as the SKM engine gives them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .stats import Mean, Rate


@dataclass(frozen=True)
class IkmValue:
    """The IKM of the city, an OPD or a unit in a quarter or year; ``suppressed`` under 5 respondents."""

    period: str
    label: str
    respondents: int
    ikm: Decimal | None
    grade: str
    unsur: dict  # {"U1": [nrr, converted, grade], ...}
    population: int | None = None
    required: int | None = None
    sample_met: bool | None = None
    units_short: int = 0
    units_unknown: int = 0
    suppressed: bool = False


@dataclass(frozen=True)
class PillarResult:
    """Paired pre/post results on one pillar: scores (0-100) and Hake's normalised gain."""

    pillar: str
    name: str
    pairs: int
    pre: Mean
    post: Mean
    gain: Mean
    at_max: int


@dataclass(frozen=True)
class OpdRow:
    """One OPD's line in the scorecard."""

    code: str
    name: str
    asn: int
    completed: Rate
    meets_target: Rate
    trained: Rate
    ikm: IkmValue | None


@dataclass(frozen=True)
class Scorecard:
    year: int
    years: list[int]
    weighting: str
    opd_code: str | None
    opd_name: str | None
    asn_count: int
    enrolled: Rate
    completed: Rate
    passed: Rate
    meets_target: Rate
    jp_mean: Mean
    skills: list[PillarResult]
    ikm_latest: IkmValue | None
    ikm_year: IkmValue | None
    ikm_quarters: list[IkmValue]
    ideas_submitted: int
    ideas_accepted: int
    ideas_implemented: int
    workshops: int
    attendances: int
    opds: list[OpdRow]
    computed_at: str | None


@dataclass(frozen=True)
class QuarterShare:
    """An OPD's share of ASN trained by the end of a quarter."""

    period: str
    trained: int
    asn: int
    newly_trained: int
    share: float | None


@dataclass(frozen=True)
class UnitTimeline:
    code: str
    name: str
    quarters: list[IkmValue]


@dataclass(frozen=True)
class UnsurBeforeAfter:
    """One unsur's converted score (NRR x 25) in the windows before and after the OPD was trained."""

    code: str
    name: str
    before: float | None
    after: float | None
    n_before: int
    n_after: int


@dataclass(frozen=True)
class OpdDetail:
    code: str
    name: str
    year: int
    years: list[int]
    weighting: str
    threshold: float
    window: int
    asn_count: int
    enrolled: Rate
    completed: Rate
    passed: Rate
    meets_target: Rate
    jp_mean: Mean
    jp_buckets: list[tuple[str, str, int]]  # (key, label, ASN)
    jp_channels: list[tuple[str, str, int, int]]  # (channel, label, JP, ASN)
    skills: list[PillarResult]
    ikm_quarters: list[IkmValue]
    units: list[UnitTimeline]
    shares: list[QuarterShare]
    trained_from: str | None
    before_after: list[UnsurBeforeAfter]
    before_periods: list[str]
    after_periods: list[str]


@dataclass(frozen=True)
class LedgerOpd:
    code: str
    name: str
    asn: int
    meets_target: Rate
    jp_mean: Mean
    channels: dict  # channel -> JP


@dataclass(frozen=True)
class LedgerRow:
    nip: str
    name: str
    opd_code: str
    opd_name: str
    position: str
    jp_total: int
    channels: dict
    shortfall: int
    jp_estimated: int = 0  # of ``jp_total``, JP of courses estimated from effort x weeks


@dataclass(frozen=True)
class Ledger:
    year: int
    years: list[int]
    target: int
    channels: list[tuple[str, str]]
    opds: list[LedgerOpd]
    rows: list[LedgerRow]
    total_rows: int
    page: int
    pages: int
    short_only: bool
    opd_filter: str | None


@dataclass(frozen=True)
class FunnelStep:
    state: str
    name: str
    count: int


@dataclass(frozen=True)
class IdeaRow:
    title: str
    opd_code: str
    opd_name: str
    state: str
    state_name: str
    score_mean: float | None
    score_stdev: float | None
    score_count: int | None
    supports: int
    is_digital: bool
    program: dict | None


@dataclass(frozen=True)
class Innovation:
    year: int
    years: list[int]
    total: int
    funnel: list[FunnelStep]
    side: list[FunnelStep]
    per_opd: list[tuple[str, str, int, int, int]]  # (code, name, submitted, accepted, implemented)
    top: list[IdeaRow]
    programs: list[IdeaRow]
    digital: int


@dataclass(frozen=True)
class ReactionScore:
    question: str
    mean: Mean


@dataclass(frozen=True)
class SessionRow:
    title: str
    partner: str
    kind: str
    starts_at: object
    jp_credit: int
    capacity: int | None
    registered: int
    attended: int
    no_show: int
    attendance: Rate
    jp_delivered: int
    reactions: int


@dataclass(frozen=True)
class PartnerRow:
    name: str
    kind: str
    sessions: int
    attended: int
    registered: int
    attendance: Rate
    jp_delivered: int
    reactions: list[ReactionScore]
    overall: Mean


@dataclass(frozen=True)
class Partners:
    year: int
    years: list[int]
    by_opd: bool  # figures limited to one OPD's ASN
    partners: list[PartnerRow]
    sessions: list[SessionRow]


@dataclass(frozen=True)
class SampleRow:
    unit_code: str
    unit_name: str
    opd_code: str
    period: str
    respondents: int
    population: int | None
    required: int | None
    met: bool | None


@dataclass(frozen=True)
class Coverage:
    computed_at: str | None
    refresh_seconds: float | None
    refresh_trigger: str | None
    sources: dict
    linked: Rate
    asn_active: int
    samples: list[SampleRow]
    samples_total: int
    samples_short: int
    samples_unknown: int
    exclusions: list[tuple[str, str, str, int]]  # (source, reason, explanation, count)
    sees_all: bool
    courses: list = field(default_factory=list)  # openedx_sync's CourseJp: JP and where they come from

    @property
    def course_sources(self) -> dict[str, int]:
        """How many courses have JP set by BKPSDM, estimated, or missing."""
        counts = {"set": 0, "estimated": 0, "missing": 0}
        for course in self.courses:
            counts[course.source] = counts.get(course.source, 0) + 1
        return counts


@dataclass
class UnitImpact:
    """One service unit in the impact analysis (the JSON contract's ``units`` entries)."""

    code: str
    name: str
    opd: str
    opd_name: str
    trained_from: str | None
    ikm_before: float | None
    ikm_after: float | None
    change: float | None
    change_low: float | None
    change_high: float | None
    n_before: int
    n_after: int
    sample_met: bool | None
    control_change: float | None = None
    did: float | None = None
    unsur_change: dict = field(default_factory=dict)
    short_window: bool = False  # a window runs past the first or last quarter with survey data


@dataclass
class ImpactAnalysis:
    """Before/after per unit, the difference-in-differences, the pre-trend and the dose-response."""

    window: int
    threshold: float
    weighting: str
    year: int | None
    units: list[UnitImpact]
    estimate: float | None
    ci95: list[float] | None
    treated_units: list[str]
    control_units: list[str]
    treated_count: int
    control_count: int
    event: list[dict]
    dose: list[dict]
    dose_fit: dict
    dose_windows: list[list[str]]
    unsur: list[dict]
    opds: list[dict]
    quarters: list[str]
    # Where training is assigned ("unit": a unit's own staff; "opd": the OPD's) and what the data
    # can carry (ADR 0090, 0091): warning codes, the interval's method and clusters, the placebo
    # (pre-trend) test, randomization inference and the minimum detectable effect.
    level: str = "unit"
    warnings: list[str] = field(default_factory=list)
    interval: dict = field(default_factory=dict)
    clusters: dict = field(default_factory=dict)
    placebo: dict = field(default_factory=dict)
    randomization: dict | None = None
    mde: float | None = None
    respondents: int = 0
    units_without_staff: int = 0
    short_window_units: list[str] = field(default_factory=list)
    sample_not_met_units: list[str] = field(default_factory=list)
    event_units: dict = field(default_factory=dict)
