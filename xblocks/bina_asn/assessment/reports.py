"""Reads for the course team and evaluators: item analysis per block and form, cohort gains per key.

Item analysis takes each learner's **first** attempt at a block (a retake has already met the items),
groups the attempts by the form they used, and analyses the knowledge items of the block's bank
snapshot with ``analysis.analyse``. Cohort gains pair each learner's latest post-test with the latest
pre-test submitted before it (same course and pairing key), as the block and the companion do.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict

from xblocks.bina_asn.data import AssessmentBank
from xblocks.bina_asn.models import AssessmentAttempt, AssessmentBankSnapshot

from . import analysis, gains

PILLARS = ("cakap", "etika", "aman", "budaya")
OVERALL = "overall"
_saved_digests: dict[str, str] = {}  # usage id -> digest written by this process (saves a query per submit)


def bank_digest(items: list) -> str:
    return hashlib.sha256(json.dumps(items, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def save_bank_snapshot(bank: AssessmentBank, *, force: bool = False) -> bool:
    """Store the block's knowledge items for item analysis when they changed; True when written.

    A digest this process already wrote is trusted (one query saved per submit) unless ``force``:
    the course team's view always compares with the table, so a lost write is repaired there.
    """
    digest = bank_digest(bank.items)
    if not force and _saved_digests.get(bank.usage_id) == digest:
        return False
    values = {
        "course_id": bank.course_id,
        "display_name": bank.display_name[:255],
        "mode": bank.mode,
        "pairing_key": bank.pairing_key,
        "digest": digest,
        "items": bank.items,
    }
    current = (
        AssessmentBankSnapshot.objects.filter(usage_id=bank.usage_id).values_list("digest", flat=True).first()
    )
    written = current != digest
    if written:
        AssessmentBankSnapshot.objects.update_or_create(usage_id=bank.usage_id, defaults=values)
    _saved_digests[bank.usage_id] = digest
    return written


def _first_attempts(usage_id: str):
    """(form, item ids, item scores, answers) of each learner's first attempt (numbers start at 1)."""
    return AssessmentAttempt.objects.filter(usage_id=usage_id, attempt_number=1).values_list(
        "form", "item_ids", "item_scores", "answers"
    )


def block_item_analysis(bank: AssessmentBank) -> dict:
    """Item analysis of one block: per form, its statistics and every knowledge item's figures."""
    items = [item for item in bank.items if item.get("type") != "likert"]
    by_form = defaultdict(list)
    for form, item_ids, item_scores, answers in _first_attempts(bank.usage_id):
        by_form[form or ""].append((item_ids, item_scores, answers))
    forms = sorted({item.get("form", "") for item in items} - {""}) or [""]
    result = []
    for form in forms:
        form_items = [item for item in items if not form or item.get("form", "") in ("", form)]
        keys = [analysis.ItemKey.from_item(item) for item in form_items]
        statistics = analysis.analyse(analysis.responses(keys, by_form.get(form, [])))
        described = []
        for item, stats in zip(form_items, statistics.item_statistics, strict=True):
            described.append(
                {
                    "id": item["id"],
                    "type": item.get("type", "single"),
                    "pillar": item.get("pillar", ""),
                    "competence": item.get("competence", ""),
                    "level": item.get("level"),
                    "stem": item.get("stem", ""),
                    "options": [
                        {
                            "id": option["id"],
                            "text": option["text"],
                            "correct": bool(option.get("correct")),
                            "share": stats.shares.get(option["id"]),
                            "top_share": stats.top_shares.get(option["id"]),
                            "bottom_share": stats.bottom_shares.get(option["id"]),
                        }
                        for option in item["options"]
                    ],
                    "answered": stats.answered,
                    "p": stats.p,
                    "r": stats.r,
                    "d": stats.d,
                    "flags": stats.flags,
                }
            )
        summary = statistics.to_dict()
        summary.pop("item_statistics")
        summary["item_count"] = summary.pop("items")
        result.append({"form": form, **summary, "items": described})
    return {
        "usage_id": bank.usage_id,
        "display_name": bank.display_name,
        "mode": bank.mode,
        "pairing_key": bank.pairing_key,
        "forms": result,
    }


def _bank_of(snapshot: AssessmentBankSnapshot) -> AssessmentBank:
    return AssessmentBank(
        course_id=snapshot.course_id,
        usage_id=snapshot.usage_id,
        display_name=snapshot.display_name,
        mode=snapshot.mode,
        pairing_key=snapshot.pairing_key,
        items=snapshot.items,
    )


def cohort_gains(course_id: str, pairing_key: str) -> dict:
    """The course cohort's gains for one pairing key: overall and per pillar (``gains.cohort_gain``)."""
    rows = (
        AssessmentAttempt.objects.filter(
            course_id=course_id, pairing_key=pairing_key, mode__in=("pre", "post")
        )
        .order_by("user_id", "submitted", "id")
        .values_list("user_id", "mode", "submitted", "score", "pillar_scores", "form")
    )
    by_learner = defaultdict(list)
    for user_id, mode, submitted, score, pillar_scores, form in rows:
        by_learner[user_id].append((mode, submitted, {OVERALL: score * 100, **pillar_scores}, form))
    pairs = defaultdict(list)
    for attempts in by_learner.values():
        posts = [attempt for attempt in attempts if attempt[0] == "post"]
        if not posts:
            continue
        post = posts[-1]
        pres = [attempt for attempt in attempts if attempt[0] == "pre" and attempt[1] < post[1]]
        if not pres:
            continue
        pre = pres[-1]
        for part in (OVERALL, *PILLARS):
            if part in pre[2] and part in post[2]:
                pairs[part].append(gains.Pair(pre[2][part], post[2][part], pre[3], post[3]))
    return {
        "pairing_key": pairing_key,
        OVERALL: gains.cohort_gain(pairs[OVERALL]).to_dict(),
        "pillars": {
            pillar: gains.cohort_gain(pairs[pillar]).to_dict() for pillar in PILLARS if pairs[pillar]
        },
    }


def course_analysis(course_id: str) -> dict:
    """Every block of a course with a bank snapshot, analysed, and the cohort gains per pairing key."""
    snapshots = AssessmentBankSnapshot.objects.filter(course_id=course_id).order_by("usage_id")
    blocks = [block_item_analysis(_bank_of(snapshot)) for snapshot in snapshots]
    keys = sorted(
        set(
            AssessmentAttempt.objects.filter(course_id=course_id, mode="post")
            .exclude(pairing_key="")
            .values_list("pairing_key", flat=True)
        )
    )
    return {"course_id": course_id, "blocks": blocks, "gains": [cohort_gains(course_id, key) for key in keys]}
