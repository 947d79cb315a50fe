"""Scores of one attempt: per item, per pillar (0-100), per DigComp competence and area; self-ratings apart.

Rules (documented for authors in ``docs/author/assessment.rst``; ADRs 0011 and 0111):

* A knowledge item is worth 1. Single choice and scenario items earn the chosen option's points over
  the best option's points (by default the correct option has 1 point, the others 0).
  Multiple-response items earn "right minus wrong" (each correct option chosen +1, each wrong option
  chosen -1, never below 0) over the number of correct options, or with per-option points the sum of
  the chosen options' points over the sum of the positive points, never below 0.
* Self-ratings (the 1-5 ``likert`` items) are **self-perception**, not knowledge: they never enter the
  knowledge scores; the attempt reports their mean (1-5) per pillar apart.
* A pillar's score is the mean of its knowledge items on 0-100. The attempt's score (0-1) is the mean
  of the pillar scores, so every pillar weighs the same. No "national index" is derived from it: the
  national Digital Literacy Index is a perception survey on another scale, not comparable.
* A DigComp area's band is the highest band whose items (by their level) the learner mastered,
  60 % or more, with every lower band that has items also mastered; ``None`` means not yet at the
  lowest band the assessment measures there.
* A competence is called a strength or a gap only with ``MIN_EVIDENCE`` or more items behind it in
  the attempt; otherwise there is not enough evidence.
* The normalised gain between a pre- and a post-test is ``g = (post - pre) / (max - pre)``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field

from .bank import BANDS, PILLARS, band_of_level, uses_points

MASTERY = 0.6  # share of a band's points that shows mastery of that band
MIN_EVIDENCE = 3  # items behind a competence before it is called a strength or a gap
STRENGTH_AT = 75.0  # a pillar scoring this or more is a strength
GAP_BELOW = 60.0  # a pillar or competence scoring less is a gap


def item_points(item: Mapping, chosen: Sequence[str]) -> tuple[float, float]:
    """(earned, possible) points of ``item`` for the chosen option ids."""
    options = item.get("options", [])
    chosen_set = set(chosen)
    if item.get("type") == "multiple":
        if uses_points(options):
            possible = sum(max(option["points"] or 0.0, 0.0) for option in options)
            earned = sum(option["points"] or 0.0 for option in options if option["id"] in chosen_set)
        else:
            possible = float(sum(1 for option in options if option["correct"]))
            earned = sum(
                (1.0 if option["correct"] else -1.0) for option in options if option["id"] in chosen_set
            )
        return min(max(earned, 0.0), possible), possible
    if uses_points(options):
        points = {option["id"]: option["points"] or 0.0 for option in options}
    else:
        points = {option["id"]: 1.0 if option["correct"] else 0.0 for option in options}
    possible = max(points.values(), default=0.0)
    earned = max((points[option_id] for option_id in chosen if option_id in points), default=0.0)
    return max(earned, 0.0), possible


def item_fraction(item: Mapping, chosen: Sequence[str]) -> float | None:
    """The knowledge score of an item on 0-1; None for a self-rating or an item worth nothing."""
    if item.get("type") == "likert":
        return None
    earned, possible = item_points(item, chosen)
    if possible <= 0:
        return None
    return earned / possible


def self_rating(item: Mapping, chosen: Sequence[str]) -> int | None:
    """The point (1-5) a learner chose on a self-rating scale, or None (not a scale, or unanswered)."""
    if item.get("type") != "likert" or not chosen:
        return None
    ids = [option["id"] for option in item.get("options", [])]
    return ids.index(chosen[0]) + 1 if chosen[0] in ids else None


def competence_items(items: Sequence[Mapping]) -> dict[str, int]:
    """Knowledge items behind each DigComp competence among ``items``."""
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        if item.get("competence") and item.get("type") != "likert":
            counts[item["competence"]] += 1
    return dict(counts)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


@dataclass
class AttemptScores:
    """What an attempt earned; the block stores it on the attempt row and shows it to the learner."""

    score: float  # 0-1, the mean of the pillar scores
    pillar_scores: dict[str, float]  # 0-100, pillars that have scored items
    competence_scores: dict[str, float]  # 0-100 per DigComp code
    area_bands: dict[str, str | None]  # DigComp area "1".."5" -> band or None (not yet)
    item_scores: dict[str, float | None] = field(default_factory=dict)  # 0-1, None when not scored
    self_ratings: dict[str, float] = field(default_factory=dict)  # mean 1-5 per pillar, self-perception
    answered: int = 0
    total: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


def score_attempt(items: Sequence[Mapping], answers: Mapping[str, Sequence[str]]) -> AttemptScores:
    """Score the drawn ``items`` against the learner's ``answers`` (item id -> chosen option ids)."""
    by_pillar: dict[str, list[float]] = defaultdict(list)
    by_competence: dict[str, list[float]] = defaultdict(list)
    by_area_band: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    item_scores: dict[str, float | None] = {}
    ratings: dict[str, list[int]] = defaultdict(list)
    answered = 0
    for item in items:
        chosen = list(answers.get(item["id"], []))
        answered += bool(chosen)
        rating = self_rating(item, chosen)
        if rating is not None:
            ratings[item["pillar"]].append(rating)
        fraction = item_fraction(item, chosen)
        item_scores[item["id"]] = None if fraction is None else round(fraction, 4)
        if fraction is None:
            continue
        by_pillar[item["pillar"]].append(fraction)
        competence = item.get("competence")
        if competence:
            by_competence[competence].append(fraction)
            by_area_band[competence.split(".")[0]][band_of_level(item["level"])].append(fraction)

    raw_pillars = {pillar: 100 * _mean(by_pillar[pillar]) for pillar in PILLARS if by_pillar.get(pillar)}
    score = _mean(list(raw_pillars.values())) / 100 if raw_pillars else 0.0
    return AttemptScores(
        score=round(score, 4),
        pillar_scores={pillar: round(value, 1) for pillar, value in raw_pillars.items()},
        competence_scores={
            code: round(100 * _mean(values), 1) for code, values in sorted(by_competence.items())
        },
        area_bands={area: area_band(bands) for area, bands in sorted(by_area_band.items())},
        item_scores=item_scores,
        self_ratings={pillar: round(_mean(ratings[pillar]), 2) for pillar in PILLARS if ratings.get(pillar)},
        answered=answered,
        total=len(items),
    )


def area_band(fractions_by_band: Mapping[str, Sequence[float]]) -> str | None:
    """The highest band mastered with every lower measured band mastered too (None: not yet)."""
    reached = None
    for band in BANDS:
        fractions = fractions_by_band.get(band)
        if not fractions:
            continue
        if _mean(fractions) < MASTERY:
            break
        reached = band
    return reached


def strengths_and_gaps(pillar_scores: Mapping[str, float]) -> tuple[list[str], list[str]]:
    """Pillars that are strengths (strongest first) and gaps (weakest first)."""
    strengths = sorted(
        (pillar for pillar, score in pillar_scores.items() if score >= STRENGTH_AT),
        key=lambda pillar: -pillar_scores[pillar],
    )
    gaps = sorted(
        (pillar for pillar, score in pillar_scores.items() if score < GAP_BELOW),
        key=lambda pillar: pillar_scores[pillar],
    )
    return strengths, gaps


def enough_evidence(code: str, counts: Mapping[str, int] | None) -> bool:
    """Are there ``MIN_EVIDENCE`` items behind competence ``code`` (``counts`` from ``competence_items``)?"""
    return counts is not None and counts.get(code, 0) >= MIN_EVIDENCE


def competence_gaps(competence_scores: Mapping[str, float], counts: Mapping[str, int] | None) -> list[str]:
    """DigComp competences with enough evidence scored below the gap line, weakest first."""
    return sorted(
        (
            code
            for code, score in competence_scores.items()
            if score < GAP_BELOW and enough_evidence(code, counts)
        ),
        key=lambda code: (competence_scores[code], code),
    )


def normalised_gain(pre: float, post: float, maximum: float = 100.0) -> float | None:
    """Hake's normalised gain ``(post - pre) / (max - pre)``; None when the pre-test was already perfect."""
    if pre >= maximum:
        return None
    return round((post - pre) / (maximum - pre), 3)


def compare(pre_scores: Mapping[str, float], post_scores: Mapping[str, float]) -> dict[str, dict]:
    """Per pillar measured in both tests: pre, post, the gain in points, and the normalised gain."""
    rows = {}
    for pillar in PILLARS:
        if pillar in pre_scores and pillar in post_scores:
            pre, post = pre_scores[pillar], post_scores[pillar]
            rows[pillar] = {
                "pre": pre,
                "post": post,
                "gain": round(post - pre, 1),
                "g": normalised_gain(pre, post),
            }
    return rows
