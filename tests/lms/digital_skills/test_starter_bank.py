"""The starter bank every new block holds: two parallel forms from one blueprint, sound items (issue 16).

Run with ``-s`` to see the blueprint: items per competence, level and form, and key positions.
"""

from collections import Counter

import pytest

from xblocks.digital_skills import bankio, itemwriting, rules
from xblocks.digital_skills.bank import COMPETENCES, PILLARS, crosswalk_warnings
from xblocks.digital_skills.resources import PACKAGE, STARTER_BANK

KNOWLEDGE = [item for item in STARTER_BANK if item["type"] != "likert"]


def form_items(form):
    return [item for item in KNOWLEDGE if item["form"] == form]


def test_print_the_blueprint():
    levels = range(1, 7)
    lines = ["", "Blueprint of the starter bank (knowledge items per competence and level, form A / form B)"]
    lines.append(f"{'pillar':8} {'comp':5} " + " ".join(f"L{level:<4}" for level in levels) + " total")
    cells = itemwriting.blueprint(STARTER_BANK)
    for pillar in PILLARS:
        codes = sorted({item["competence"] for item in KNOWLEDGE if item["pillar"] == pillar})
        for code in codes:
            row = [
                f"{cells[('A', pillar, code, level)]}/{cells[('B', pillar, code, level)]}" for level in levels
            ]
            total = sum(cells[(form, pillar, code, level)] for form in "AB" for level in levels)
            lines.append(
                f"{pillar:8} {code or 'lokal':5} " + " ".join(f"{cell:5}" for cell in row) + f" {total}"
            )
    for form in "AB":
        keyed = [item for item in form_items(form) if itemwriting.is_keyed(item)]
        positions = Counter("abcdef"[itemwriting.key_position(item)] for item in keyed)
        longest = sum(itemwriting.key_is_longest(item) for item in keyed)
        lines.append(
            f"form {form}: {len(form_items(form))} knowledge items; "
            f"keys of {len(keyed)} single-answer items: "
            + ", ".join(f"{letter} {positions[letter]}" for letter in "abcd")
            + f"; key is the longest option in {longest} ({100 * longest / len(keyed):.0f}%)"
        )
    lines.append(f"self-ratings (both forms): {sum(1 for item in STARTER_BANK if item['type'] == 'likert')}")
    print("\n".join(lines))
    assert len(lines) > 25


def test_the_starter_bank_passes_the_validator_and_imports_as_a_file():
    assert itemwriting.check(STARTER_BANK).errors == []
    assert crosswalk_warnings(STARTER_BANK) == []
    data = PACKAGE.joinpath("bank", "starter_bank_id.yaml").read_bytes()
    assert bankio.read_bank(data, "yaml") == STARTER_BANK  # with every hard item-writing rule
    settings = {
        "display_name": "Asesmen",
        "mode": "pre",
        "pairing_key": "k",
        "show_answers": "after_post_test",
    }
    assert rules.check({**settings, "items_per_pillar": 0}, STARTER_BANK, str).errors == []


def test_at_least_96_knowledge_items_in_two_forms_of_one_blueprint():
    assert len(KNOWLEDGE) >= 96
    assert len(form_items("A")) == len(form_items("B")) == len(KNOWLEDGE) // 2
    cells = itemwriting.blueprint(STARTER_BANK)
    for (form, pillar, code, level), count in cells.items():
        assert form in "AB"
        assert cells[("B" if form == "A" else "A", pillar, code, level)] == count
    # Twins: cakap-a07 and cakap-b07 sit in the same cell.
    by_id = {item["id"]: item for item in KNOWLEDGE}
    for item in form_items("A"):
        twin = by_id[item["id"].replace("-a", "-b", 1)]
        assert (twin["pillar"], twin["competence"], twin["level"], twin["type"]) == (
            item["pillar"],
            item["competence"],
            item["level"],
            item["type"],
        )


@pytest.mark.parametrize("form", ["A", "B"])
def test_each_form_covers_all_21_competences_the_four_pillars_and_levels_1_to_6(form):
    items = form_items(form)
    assert {item["competence"] for item in items} - {""} == set(COMPETENCES)
    assert {item["pillar"] for item in items} == set(PILLARS)
    assert {item["level"] for item in items} == set(range(1, 7))
    assert sum(1 for item in items if item["level"] >= 5) >= 10  # advanced is within reach


def test_keys_are_spread_and_not_the_longest_and_ticking_everything_earns_nothing():
    for form in "AB":
        keyed = [item for item in form_items(form) if itemwriting.is_keyed(item)]
        positions = Counter(itemwriting.key_position(item) for item in keyed)
        assert len(positions) == 4 and max(positions.values()) / len(keyed) <= 0.35
        assert sum(itemwriting.key_is_longest(item) for item in keyed) / len(keyed) <= 0.30
    for item in KNOWLEDGE:
        if item["type"] == "multiple":
            assert itemwriting.tick_all_fraction(item) == 0.0, item["id"]
        assert not any(itemwriting.ALL_OF_THE_ABOVE.search(option["text"]) for option in item["options"])
        assert item["feedback"], item["id"]


def test_self_ratings_are_shared_by_both_forms():
    ratings = [item for item in STARTER_BANK if item["type"] == "likert"]
    assert len(ratings) == 8 and all(item["form"] == "" for item in ratings)
    assert {item["pillar"] for item in ratings} == set(PILLARS)
