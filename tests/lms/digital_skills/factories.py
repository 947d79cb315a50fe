"""Small hand-written items and banks for the assessment tests."""

from xblocks.digital_skills.bank import PILLARS, normalize_bank

COMPETENCE_OF = {"cakap": "1.2", "etika": "2.5", "aman": "4.2", "budaya": "2.3"}


def single(item_id, pillar="cakap", *, correct="b", competence=None, level=3, **extra):
    """A single-choice item with options a-d and one correct option."""
    return {
        "id": item_id,
        "type": "single",
        "pillar": pillar,
        "competence": COMPETENCE_OF[pillar] if competence is None else competence,
        "level": level,
        "element": "knowledge",
        "stem": f"Pertanyaan {item_id}?",
        "options": [
            {"id": letter, "text": f"Pilihan {letter}", "correct": letter == correct} for letter in "abcd"
        ],
        "feedback": f"Pembahasan {item_id}.",
        **extra,
    }


def multiple(item_id, pillar="aman", *, correct=("a", "c"), **extra):
    item = single(item_id, pillar, **extra)
    item["type"] = "multiple"
    for option in item["options"]:
        option["correct"] = option["id"] in correct
    return item


def likert(item_id, pillar="budaya", **extra):
    item = single(item_id, pillar, **extra)
    item.update(type="likert", element="attitude")
    item["options"] = [{"id": letter, "text": f"Skala {n}"} for n, letter in enumerate("abcde", start=1)]
    return item


def key_of(number: int) -> str:
    """The key of a bank item ``number`` (1, 2, ...): b, c, d, a, b, ... so keys stay balanced."""
    return "abcd"[number % 4]


def bank(per_pillar=3):
    """A valid bank with ``per_pillar`` single-choice items in every pillar, keys balanced (``key_of``)."""
    raw = [
        single(f"{pillar}-{n:02d}", pillar, correct=key_of(n))
        for pillar in PILLARS
        for n in range(1, per_pillar + 1)
    ]
    items, problems = normalize_bank(raw)
    assert problems == []
    return items
