"""What the learner's screen (web and mobile) receives: items without answer keys, results, the review.

Every label is translated here with the block's ``gettext``; the JavaScript only lays things out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .bank import (
    AREAS,
    BAND_NAMES,
    COMPETENCES,
    ELEMENT_NAMES,
    PILLAR_NAMES,
    PILLARS,
    TYPE_NAMES,
)
from .drawing import option_order
from .scoring import (
    MIN_EVIDENCE,
    compare,
    competence_gaps,
    competence_items,
    enough_evidence,
    normalised_gain,
    strengths_and_gaps,
)

Gettext = Callable[[str], str]
SECONDS_PER_ITEM = 40  # DigCompSAT's pace: about 40 seconds an item
MAX_COMPETENCE_GAPS = 5  # the weakest competences named as gaps; all are in the competence table


def labels(_: Gettext) -> dict:
    """Translated names of the vocabulary the results use."""
    return {
        "pillars": {code: _(PILLAR_NAMES[code]) for code in PILLARS},
        "areas": {code: _(name) for code, name in AREAS.items()},
        "bands": {code: _(name) for code, name in BAND_NAMES.items()},
    }


def public_item(item: Mapping, seed: str, *, shuffle_options: bool, _: Gettext) -> dict:
    """An item as the learner sees it while answering: no answer key, no points, no feedback."""
    options = {option["id"]: option for option in item["options"]}
    return {
        "id": item["id"],
        "type": item["type"],
        "pillar": item["pillar"],
        "pillar_name": _(PILLAR_NAMES[item["pillar"]]),
        "scenario": item.get("scenario", ""),
        "stem": item["stem"],
        "options": [
            {"id": option_id, "text": options[option_id]["text"]}
            for option_id in option_order(item, seed, shuffle=shuffle_options)
        ],
    }


def estimated_minutes(item_count: int) -> int:
    return max(1, round(item_count * SECONDS_PER_ITEM / 60))


def review_items(
    attempt, items_by_id: Mapping[str, Mapping], seed: str, *, shuffle_options: bool, _: Gettext
) -> list[dict]:
    """Each answered item with the learner's choice, the answer key and the feedback."""
    review = []
    for number, item_id in enumerate(attempt.item_ids, start=1):
        item = items_by_id.get(item_id)
        if item is None:  # deleted from the bank since: nothing left to show
            continue
        chosen = set(attempt.answers.get(item_id, []))
        options = {option["id"]: option for option in item["options"]}
        review.append(
            {
                "id": item_id,
                "number": number,
                "type": item["type"],
                "type_name": _(TYPE_NAMES[item["type"]]),
                "pillar_name": _(PILLAR_NAMES[item["pillar"]]),
                "competence": item.get("competence", ""),
                "element_name": _(ELEMENT_NAMES[item["element"]]),
                "scenario": item.get("scenario", ""),
                "stem": item["stem"],
                "earned": attempt.item_scores.get(item_id),
                "feedback": item.get("feedback", ""),
                "options": [
                    {
                        "id": option_id,
                        "text": options[option_id]["text"],
                        "chosen": option_id in chosen,
                        "correct": bool(options[option_id]["correct"]),
                        "feedback": options[option_id].get("feedback", ""),
                    }
                    for option_id in option_order(item, seed, shuffle=shuffle_options)
                ],
            }
        )
    return review


def result(
    attempt,
    *,
    pass_threshold: int,
    recommendations: Mapping[str, Sequence[Mapping]],
    pre_attempt=None,
    review: list[dict] | None = None,
    review_note: str = "",
    items_by_id: Mapping[str, Mapping] | None = None,
    _: Gettext,
) -> dict:
    """The results screen of one submitted attempt; with ``pre_attempt``, the gains since the pre-test.

    ``items_by_id`` (the bank) says how many items stood behind each competence of the attempt: a
    competence with fewer than ``MIN_EVIDENCE`` is shown as "not enough evidence", never as a gap.
    """
    counts = (
        competence_items([items_by_id[i] for i in attempt.item_ids if i in items_by_id])
        if items_by_id
        else {}
    )
    pillar_names = {code: _(PILLAR_NAMES[code]) for code in PILLARS}
    strengths, gaps = strengths_and_gaps(attempt.pillar_scores)
    gains = compare(pre_attempt.pillar_scores, attempt.pillar_scores) if pre_attempt else {}
    pillars = []
    for code in PILLARS:
        if code not in attempt.pillar_scores:
            continue
        row = {
            "code": code,
            "name": pillar_names[code],
            "score": attempt.pillar_scores[code],
            "strength": code in strengths,
            "gap": code in gaps,
        }
        if code in gains:
            row.update(pre=gains[code]["pre"], gain=gains[code]["gain"], g=gains[code]["g"])
        pillars.append(row)

    overall = None
    if pre_attempt is not None:
        pre, post = round(pre_attempt.score * 100, 1), round(attempt.score * 100, 1)
        overall = {
            "pre": pre,
            "post": post,
            "gain": round(post - pre, 1),
            "g": normalised_gain(pre, post),
            "pre_submitted": pre_attempt.submitted.isoformat(),
            "pre_form": getattr(pre_attempt, "form", ""),
        }

    # Links for the gaps; with no gap, for the pillars that are not yet strengths.
    focus = gaps or [code for code in PILLARS if code in attempt.pillar_scores and code not in strengths]
    recommended = [
        {"pillar": code, "name": pillar_names[code], "links": list(recommendations.get(code, []))}
        for code in focus
        if recommendations.get(code)
    ]
    return {
        "attempt_number": attempt.attempt_number,
        "form": getattr(attempt, "form", ""),
        "submitted": attempt.submitted.isoformat(),
        "score": round(attempt.score * 100, 1),
        "passed": attempt.passed,
        "pass_threshold": pass_threshold,
        "answered": sum(1 for item_id in attempt.item_ids if attempt.answers.get(item_id)),
        "total": len(attempt.item_ids),
        "pillars": pillars,
        "overall": overall,
        "areas": [
            {
                "code": area,
                "name": _(AREAS[area]),
                "band": band,
                "band_name": _(BAND_NAMES[band]) if band else _("Not yet demonstrated"),
            }
            for area, band in sorted(attempt.area_bands.items())
        ],
        "strengths": [pillar_names[code] for code in strengths],
        "gaps": [pillar_names[code] for code in gaps],
        "competence_gaps": [
            {"code": code, "name": _(COMPETENCES[code]), "score": attempt.competence_scores[code]}
            for code in competence_gaps(attempt.competence_scores, counts)
            if code in COMPETENCES
        ][:MAX_COMPETENCE_GAPS],
        "competences": [
            {
                "code": code,
                "name": _(COMPETENCES[code]),
                "score": score,
                "items": counts.get(code, 0),
                "enough": enough_evidence(code, counts),
            }
            for code, score in sorted(attempt.competence_scores.items())
            if code in COMPETENCES
        ],
        "min_evidence": MIN_EVIDENCE,
        "self_ratings": [
            {"code": code, "name": pillar_names[code], "rating": rating}
            for code in PILLARS
            if (rating := (getattr(attempt, "self_ratings", None) or {}).get(code)) is not None
        ],
        "recommendations": recommended,
        "review": review,
        "review_note": review_note,
    }
