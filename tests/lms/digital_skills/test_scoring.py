"""Scoring units: items, pillars and the 1-5 index, competences, DigComp bands, strengths, gains."""

import pytest

from xblocks.digital_skills.bank import normalize_item
from xblocks.digital_skills.scoring import (
    area_band,
    compare,
    competence_gaps,
    item_fraction,
    normalised_gain,
    pillar_index,
    score_attempt,
    strengths_and_gaps,
)

from .factories import bank, likert, multiple, single


def norm(raw):
    item, problems = normalize_item(raw)
    assert problems == []
    return item


@pytest.mark.parametrize(("chosen", "expected"), [(["b"], 1.0), (["a"], 0.0), ([], 0.0), (["zz"], 0.0)])
def test_single_choice_earns_only_the_correct_option(chosen, expected):
    assert item_fraction(norm(single("s1")), chosen) == expected


def test_single_choice_with_per_option_points_gives_partial_credit():
    raw = single("s1")
    for option, points in zip(raw["options"], [0, 2, 1, -1], strict=True):
        option["points"] = points
    item = norm(raw)
    assert [o["correct"] for o in item["options"]] == [False, True, False, False]
    assert item_fraction(item, ["b"]) == 1.0
    assert item_fraction(item, ["c"]) == 0.5
    assert item_fraction(item, ["d"]) == 0.0  # negative points never go below 0


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [(["a", "c"], 1.0), (["a"], 0.5), (["a", "b"], 0.0), (["a", "b", "c"], 0.5), (["a", "b", "c", "d"], 0.0)],
)
def test_multiple_response_is_right_minus_wrong(chosen, expected):
    assert item_fraction(norm(multiple("m1")), chosen) == expected


def test_multiple_response_with_points_sums_and_clips():
    raw = multiple("m1")
    for option, points in zip(raw["options"], [2, -1, 1, 0], strict=True):
        option["points"] = points
    item = norm(raw)
    assert [o["correct"] for o in item["options"]] == [True, False, True, False]
    assert item_fraction(item, ["a", "c"]) == 1.0
    assert item_fraction(item, ["a", "b"]) == pytest.approx(1 / 3)
    assert item_fraction(item, ["b"]) == 0.0


def test_self_assessment_scores_the_scale_and_can_be_unscored():
    item = norm(likert("l1"))
    assert [o["points"] for o in item["options"]] == [0, 1, 2, 3, 4]
    assert item_fraction(item, ["a"]) == 0.0
    assert item_fraction(item, ["d"]) == 0.75
    assert item_fraction(item, ["e"]) == 1.0
    raw = likert("l2")
    for option in raw["options"]:
        option["points"] = 0
    assert item_fraction(norm(raw), ["e"]) is None


def test_pillar_index_maps_0_100_onto_1_5():
    assert pillar_index(0) == 1.0
    assert pillar_index(100) == 5.0
    assert pillar_index(80) == 4.2
    assert pillar_index(58.333) == 3.33


def test_attempt_scores_per_pillar_competence_and_overall():
    items = bank(per_pillar=3)
    answers = {
        # cakap 3/3, etika 2/3, aman 1/3, budaya 0/3 (one wrong, two unanswered)
        "cakap-01": ["b"], "cakap-02": ["b"], "cakap-03": ["b"],
        "etika-01": ["b"], "etika-02": ["b"], "etika-03": ["a"],
        "aman-01": ["b"], "aman-02": ["c"],
        "budaya-01": ["a"],
    }  # fmt: skip
    result = score_attempt(items, answers)
    assert result.pillar_scores == {"cakap": 100.0, "etika": 66.7, "aman": 33.3, "budaya": 0.0}
    assert result.pillar_index == {"cakap": 5.0, "etika": 3.67, "aman": 2.33, "budaya": 1.0}
    assert result.competence_scores == {"1.2": 100.0, "2.3": 0.0, "2.5": 66.7, "4.2": 33.3}
    assert result.score == 0.5  # the mean of the four pillars
    assert (result.answered, result.total) == (9, 12)
    assert result.item_scores["etika-03"] == 0.0


def test_unscored_items_do_not_count_and_empty_pillars_are_left_out():
    raw_unscored = likert("l1", "budaya")
    for option in raw_unscored["options"]:
        option["points"] = 0
    items = [norm(single("c1", "cakap")), norm(raw_unscored)]
    result = score_attempt(items, {"c1": ["b"], "l1": ["e"]})
    assert result.pillar_scores == {"cakap": 100.0}
    assert result.score == 1.0
    assert result.item_scores["l1"] is None


def test_area_band_needs_every_lower_measured_band():
    assert area_band({"foundation": [1, 1], "intermediate": [1, 0.5], "advanced": [0, 0]}) == "intermediate"
    assert area_band({"foundation": [0, 0.5], "intermediate": [1, 1]}) is None
    assert area_band({"intermediate": [1.0], "highly_specialised": [0.6]}) == "highly_specialised"
    assert area_band({"advanced": [0.59]}) is None


def test_attempt_reports_bands_per_digcomp_area():
    items = [
        norm(single("a1", "aman", competence="4.2", level=2)),
        norm(single("a2", "aman", competence="4.1", level=4)),
        norm(single("a3", "aman", competence="4.1", level=6)),
        norm(single("c1", "cakap", competence="1.2", level=3)),
        norm(single("b1", "budaya", competence="", level=2)),  # a local item: no DigComp area
    ]
    result = score_attempt(items, {"a1": ["b"], "a2": ["b"], "a3": ["a"], "c1": ["a"], "b1": ["b"]})
    assert result.area_bands == {"1": None, "4": "intermediate"}


def test_strengths_and_gaps():
    strengths, gaps = strengths_and_gaps({"cakap": 80, "etika": 75, "aman": 40, "budaya": 59.9})
    assert strengths == ["cakap", "etika"]
    assert gaps == ["aman", "budaya"]
    assert competence_gaps({"4.2": 50, "1.1": 90, "2.5": 10}) == ["2.5", "4.2"]


def test_normalised_gain():
    assert normalised_gain(40, 70) == 0.5
    assert normalised_gain(60, 50) == -0.25
    assert normalised_gain(100, 100) is None
    rows = compare({"cakap": 40.0, "aman": 50.0}, {"cakap": 70.0, "aman": 50.0, "etika": 90.0})
    assert rows == {
        "cakap": {"pre": 40.0, "post": 70.0, "gain": 30.0, "g": 0.5},
        "aman": {"pre": 50.0, "post": 50.0, "gain": 0.0, "g": 0.0},
    }
