"""Which items a learner gets, and in which order: the same for them on every reload, without storage.

Every choice ranks candidates by a hash of a **seed** (learner, assessment, attempt) and the item id,
so the draw is reproducible and stays put when the author edits the bank: adding an item displaces
at most one drawn item (only if it ranks higher), and deleting one brings in the next-ranked item.
The block freezes the drawn ids when an attempt starts, so even those edits do not move a learner's
items mid-attempt.

Pre- and post-tests with the same pairing key share the seed, so a learner meets the same items in
both (a comparable retest) as long as both blocks use the same bank.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from .bank import PILLARS


def seed_for(learner: str, assessment: str, attempt_number: int) -> str:
    """The seed of one learner's attempt at one assessment (a usage id or a pairing key)."""
    return f"{learner}|{assessment}|{attempt_number}"


def _rank(seed: str, *parts: str) -> bytes:
    digest = hashlib.blake2b(digest_size=8)
    digest.update(seed.encode())
    for part in parts:
        digest.update(b"\x1f")
        digest.update(part.encode())
    return digest.digest()


def draw_items(items: Sequence[dict], per_pillar: int, seed: str, *, shuffle: bool) -> list[str]:
    """Ids of the drawn items: ``per_pillar`` from each pillar (0 = all), in bank or shuffled order.

    Within the draw, bank order is kept unless ``shuffle``; pillars with fewer items than
    ``per_pillar`` give all of theirs (Studio validation warns the author before that happens).
    """
    chosen: set[str] = set()
    for pillar in PILLARS:
        pool = [item["id"] for item in items if item.get("pillar") == pillar]
        if per_pillar and per_pillar < len(pool):
            pool = sorted(pool, key=lambda item_id: _rank(seed, "draw", item_id))[:per_pillar]
        chosen.update(pool)
    ordered = [item["id"] for item in items if item["id"] in chosen]
    if shuffle:
        ordered.sort(key=lambda item_id: _rank(seed, "order", item_id))
    return ordered


def option_order(item: dict, seed: str, *, shuffle: bool) -> list[str]:
    """Option ids in the order shown; self-assessment scales always keep their 1-5 order."""
    ids = [option["id"] for option in item.get("options", [])]
    if shuffle and item.get("type") != "likert":
        ids.sort(key=lambda option_id: _rank(seed, "options", item["id"], option_id))
    return ids


def still_drawn(frozen: Iterable[str], items_by_id: dict) -> list[str]:
    """A frozen draw minus items the author deleted since the attempt started."""
    return [item_id for item_id in frozen if item_id in items_by_id]
