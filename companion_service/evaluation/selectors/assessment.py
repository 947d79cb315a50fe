"""Item analysis of the digital-skills assessments, as the LMS computed it and the sync brought it.

Per course (``openedx_sync.AssessmentAnalysis``): each assessment block, each parallel form with its
reliability (KR-20 or alpha) and standard error of measurement, every item's difficulty,
discrimination, option shares and flags, and the course cohort's gain per pairing key. Course-level
aggregates about questions, not people; the LMS withholds a form's items below five attempts, and
gains of fewer than five learners are suppressed here as everywhere in the evaluation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from companion_service.openedx_sync.models import AssessmentAnalysis, Course

from ..stats import Mean

MIN_PEOPLE = 5


@dataclass
class FormRow:
    course: str
    block: str
    mode: str
    form: str
    attempts: int
    reliability: float | None
    reliability_kind: str
    sem: float | None
    mean: float | None
    sd: float | None
    item_count: int
    flagged: int
    items_withheld: bool


@dataclass
class ItemRow:
    course: str
    block: str
    form: str
    item: str
    pillar: str
    competence: str
    level: int | None
    stem: str
    answered: int
    p: float | None
    r: float | None
    d: float | None
    key: str
    shares: str
    flags: list[str]


@dataclass
class GainRow:
    course: str
    pairing_key: str
    part: str  # "overall" or a pillar code
    pairs: int
    pre: float | None
    post: float | None
    gain: float | None
    g: Mean
    form_difference: float | None
    first_a: int
    first_b: int


@dataclass
class ItemAnalysis:
    courses: int = 0
    forms: list[FormRow] = field(default_factory=list)
    items: list[ItemRow] = field(default_factory=list)
    gains: list[GainRow] = field(default_factory=list)
    fetched: object = None


def _shares(options: list[dict]) -> str:
    letters = "abcdef"
    parts = []
    for index, option in enumerate(options):
        share = option.get("share")
        text = "—" if share is None else f"{round(100 * share)}%"
        parts.append(f"{letters[index]}{'*' if option.get('correct') else ''} {text}")
    return " · ".join(parts)


def item_analysis(scope) -> ItemAnalysis:
    """Every synced course's assessment analysis (course names from the synced courses)."""
    result = ItemAnalysis()
    names = dict(Course.objects.values_list("course_key", "name"))
    for row in AssessmentAnalysis.objects.order_by("course_key"):
        result.courses += 1
        course = names.get(row.course_key) or row.course_key
        result.fetched = max(filter(None, [result.fetched, row.fetched]), default=None)
        for block in row.payload.get("blocks", []):
            name = block.get("display_name") or block.get("usage_id", "")
            for form in block.get("forms", []):
                items = form.get("items", [])
                result.forms.append(
                    FormRow(
                        course=course,
                        block=name,
                        mode=block.get("mode", ""),
                        form=form.get("form") or "—",
                        attempts=form.get("attempts", 0),
                        reliability=form.get("reliability"),
                        reliability_kind=form.get("reliability_kind", ""),
                        sem=form.get("sem"),
                        mean=form.get("mean"),
                        sd=form.get("sd"),
                        item_count=form.get("item_count", len(items)),
                        flagged=sum(1 for item in items if item.get("flags")),
                        items_withheld=bool(form.get("items_withheld")),
                    )
                )
                for item in items:
                    result.items.append(
                        ItemRow(
                            course=course,
                            block=name,
                            form=form.get("form") or "—",
                            item=item.get("id", ""),
                            pillar=item.get("pillar", ""),
                            competence=item.get("competence", ""),
                            level=item.get("level"),
                            stem=item.get("stem", ""),
                            answered=item.get("answered", 0),
                            p=item.get("p"),
                            r=item.get("r"),
                            d=item.get("d"),
                            key=",".join(o["id"] for o in item.get("options", []) if o.get("correct")),
                            shares=_shares(item.get("options", [])),
                            flags=list(item.get("flags", [])),
                        )
                    )
        for gain in row.payload.get("gains", []):
            parts = [("overall", gain.get("overall") or {})] + list((gain.get("pillars") or {}).items())
            for part, figures in parts:
                pairs = figures.get("pairs", 0)
                suppressed = pairs < MIN_PEOPLE
                counts = figures.get("first_form_counts") or {}
                result.gains.append(
                    GainRow(
                        course=course,
                        pairing_key=gain.get("pairing_key", ""),
                        part=part,
                        pairs=pairs,
                        pre=None if suppressed else figures.get("pre_mean"),
                        post=None if suppressed else figures.get("post_mean"),
                        gain=None if suppressed else figures.get("gain"),
                        g=Mean(
                            n=pairs,
                            value=None if suppressed else figures.get("g"),
                            sd=None,
                            low=None if suppressed else figures.get("g_low"),
                            high=None if suppressed else figures.get("g_high"),
                            suppressed=suppressed,
                        ),
                        form_difference=None if suppressed else figures.get("form_difference"),
                        first_a=counts.get("A", 0),
                        first_b=counts.get("B", 0),
                    )
                )
    return result
