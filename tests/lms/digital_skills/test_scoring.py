"""Scoring units: items, pillars, self-ratings apart, competences and evidence, DigComp bands, gains."""

import pytest

from xblocks.digital_skills.bank import normalize_item
from xblocks.digital_skills.scoring import (
    area_band,
    compare,
    competence_gaps,
    competence_items,
    item_fraction,
    normalised_gain,
    score_attempt,
    self_rating,
    strengths_and_gaps,
)

from .factories import bank, key_of, likert, multiple, single


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


def test_a_self_rating_is_a_point_on_its_scale_and_no_knowledge_score():
    item = norm(likert("l1"))
    assert item_fraction(item, ["e"]) is None
    assert [self_rating(item, [letter]) for letter in "abcde"] == [1, 2, 3, 4, 5]
    assert self_rating(item, []) is None
    assert self_rating(norm(single("c1")), ["b"]) is None


def test_self_ratings_are_averaged_per_pillar_apart_from_the_knowledge_score():
    items = [norm(single("c1", "cakap")), norm(likert("l1", "cakap")), norm(likert("l2", "cakap"))]
    result = score_attempt(items, {"c1": ["a"], "l1": ["e"], "l2": ["d"]})
    assert result.pillar_scores == {"cakap": 0.0}
    assert result.self_ratings == {"cakap": 4.5}
    assert "pillar_index" not in result.to_dict()  # no rescaled "national index"


def test_attempt_scores_per_pillar_competence_and_overall():
    items = bank(per_pillar=3)
    answers = {
        # cakap 3/3, etika 2/3, aman 1/3, budaya 0/3 (one wrong, two unanswered); keys b, c, d
        "cakap-01": [key_of(1)], "cakap-02": [key_of(2)], "cakap-03": [key_of(3)],
        "etika-01": [key_of(1)], "etika-02": [key_of(2)], "etika-03": ["a"],
        "aman-01": [key_of(1)], "aman-02": ["a"],
        "budaya-01": ["a"],
    }  # fmt: skip
    result = score_attempt(items, answers)
    assert result.pillar_scores == {"cakap": 100.0, "etika": 66.7, "aman": 33.3, "budaya": 0.0}
    assert result.competence_scores == {"1.2": 100.0, "2.3": 0.0, "2.5": 66.7, "4.2": 33.3}
    assert result.score == 0.5  # the mean of the four pillars
    assert (result.answered, result.total) == (9, 12)
    assert result.item_scores["etika-03"] == 0.0


def test_unscored_items_do_not_count_and_empty_pillars_are_left_out():
    items = [norm(single("c1", "cakap")), norm(likert("l1", "budaya"))]
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
    scores = {"4.2": 50, "1.1": 90, "2.5": 10, "1.3": 20}
    assert competence_gaps(scores, {"4.2": 3, "1.1": 3, "2.5": 4, "1.3": 2}) == ["2.5", "4.2"]


def test_a_competence_with_fewer_than_three_items_is_never_a_gap():
    items = [norm(single(f"c{n}", competence="1.3")) for n in range(2)] + [
        norm(likert("l1", competence="1.3"))
    ]
    counts = competence_items(items)
    assert counts == {"1.3": 2}  # the self-rating is no evidence of knowledge
    assert competence_gaps({"1.3": 0.0}, counts) == []
    assert competence_gaps({"1.3": 0.0}, {"1.3": 3}) == ["1.3"]


def test_normalised_gain():
    assert normalised_gain(40, 70) == 0.5
    assert normalised_gain(60, 50) == -0.25
    assert normalised_gain(100, 100) is None
    rows = compare({"cakap": 40.0, "aman": 50.0}, {"cakap": 70.0, "aman": 50.0, "etika": 90.0})
    assert rows == {
        "cakap": {"pre": 40.0, "post": 70.0, "gain": 30.0, "g": 0.5},
        "aman": {"pre": 50.0, "post": 50.0, "gain": 0.0, "g": 0.0},
    }
