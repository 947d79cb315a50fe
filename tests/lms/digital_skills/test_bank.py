"""The bank rules authors meet in Studio and in imported files."""

import pytest

from xblocks.digital_skills.bank import crosswalk_warnings, normalize_bank, pool_sizes

from .factories import likert, multiple, single


def problems_of(raw_items):
    return normalize_bank(raw_items)[1]


def test_a_good_bank_has_no_problems_and_is_canonical():
    items, problems = normalize_bank(
        [
            single("c1", "Cakap Digital", competence=1.1),
            multiple("a1", "Keamanan Digital", competence="4,2"),
            likert("b1"),
        ]
    )
    assert problems == []
    assert [item["pillar"] for item in items] == ["cakap", "aman", "budaya"]
    assert [item["competence"] for item in items] == ["1.1", "4.2", "2.3"]
    assert set(items[0]["options"][0]) == {"id", "text", "correct", "points", "feedback"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda item: item["options"][1].update(correct=False), "no option is marked correct"),
        (lambda item: item["options"][0].update(correct=True), "exactly one correct option"),
        (lambda item: item.update(competence="6.1"), "unknown DigComp competence code 6.1"),
        (lambda item: item.update(pillar="digital"), "unknown pillar digital"),
        (lambda item: item.update(level=9), "level must be a whole number from 1 to 8"),
        (lambda item: item.update(level="tiga"), "level must be a whole number from 1 to 8"),
        (lambda item: item.update(type="essay"), "unknown item type essay"),
        (lambda item: item.update(stem=""), "stem) is missing"),
        (lambda item: item.update(id="ada spasi"), "may only use letters"),
        (lambda item: item.update(options=item["options"][:1]), "needs 2 to 6 options"),
        (lambda item: item["options"][2].update(text="Pilihan a"), "same text"),
        (lambda item: item["options"][2].update(text=""), "option 3 has no text"),
        (lambda item: item.update(type="scenario"), "needs the scenario text"),
        (lambda item: item["options"][0].update(points="banyak"), "points must be a number"),
    ],
)
def test_broken_items_are_named_with_a_clear_problem(change, expected):
    item = single("c1")
    change(item)
    problems = problems_of([single("c0"), item])
    assert len(problems) >= 1
    assert problems[0].startswith("Item 2")
    assert any(expected in problem for problem in problems), problems


def test_duplicate_ids_are_refused():
    problems = problems_of([single("c1"), single("c2"), single("c1")])
    assert problems == ["Item 3 (c1): the id c1 is already used by item 1; item ids must be unique"]


def test_self_assessment_needs_five_points_on_the_scale():
    item = likert("b1")
    item["options"] = item["options"][:4]
    assert any("exactly 5 options" in problem for problem in problems_of([item]))


def test_not_a_list_or_not_an_object():
    assert normalize_bank({"items": []})[1] == ["The bank must be a list of items."]
    assert "must be an object" in problems_of(["teks"])[0]


def test_messages_go_through_the_given_gettext():
    items, problems = normalize_bank([single("c1", competence="9.9")], lambda message: f"<{message}>")
    assert problems[0].startswith("<Item 1 (c1)>: <unknown DigComp competence code 9.9;")


def test_crosswalk_warnings_and_pool_sizes():
    items, _ = normalize_bank(
        [single("c1", "cakap", competence="4.2"), single("a1", "aman", competence="4.2")]
    )
    assert crosswalk_warnings(items) == [
        "Item c1: competence 4.2 is outside the crosswalk of Digital skills (Cakap Digital)."
    ]
    assert pool_sizes(items) == {"cakap": 1, "etika": 0, "aman": 1, "budaya": 0}
