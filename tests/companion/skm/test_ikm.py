"""The IKM engine against fixtures worked out by hand (PermenPANRB 14/2017, both weightings)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from companion_service.skm import ikm
from companion_service.skm.ikm import UNSUR_CODES, Tally, Weighting, compute, grade_of, round_half_up


def respondents(per_unsur: dict[str, list[int]]) -> list[dict]:
    """Rows of answers from columns of answers (one list per unsur code, same length)."""
    length = len(next(iter(per_unsur.values())))
    return [{code: per_unsur[code][row] for code in per_unsur} for row in range(length)]


def column(fours: int, threes: int = 0, twos: int = 0, ones: int = 0) -> list[int]:
    return [4] * fours + [3] * threes + [2] * twos + [1] * ones


# The worked example of skm-ikm.md: 29 respondents whose NRR add up to 32.931 (955/29).
# U1: 20 fours and 9 threes = 107; U2-U9: 19 fours and 10 threes = 106 each; total 107 + 8 x 106 = 955.
WORKED_29 = respondents({"U1": column(20, 9), **{code: column(19, 10) for code in UNSUR_CODES[1:]}})


def test_worked_example_exact_weighting_gives_91_48():
    result = compute(Tally.of(WORKED_29), Weighting.EXACT)
    assert result.respondents == 29
    assert result.nrr_sum == Fraction(955, 29)  # 32.931...
    # 955/29 x 1/9 x 25 = 23875/261 = 91.4751 -> 91.48
    assert result.ikm == Fraction(23875, 261)
    assert result.ikm_display == Decimal("91.48")
    assert (result.grade.letter, result.grade.label) == ("A", "Sangat Baik")


def test_worked_example_regulation_weighting_gives_91_38():
    result = compute(Tally.of(WORKED_29), Weighting.REGULATION)
    # 955/29 x 0.111 x 25 = 2650.125/29 = 91.3836 -> 91.38
    assert result.ikm == Fraction(2650125, 29000)
    assert result.ikm_display == Decimal("91.38")
    assert result.weighting == "regulation"


def test_worked_example_per_unsur_values():
    result = compute(Tally.of(WORKED_29), Weighting.REGULATION)
    u1, u2 = result.score("U1"), result.score("U2")
    assert (u1.total, u1.answered) == (107, 29)
    assert u1.nrr_display == Decimal("3.690")  # 3.68966
    assert u1.converted_display == Decimal("92.24")  # 92.241
    assert u1.weighted_display == Decimal("0.410")  # 3.68966 x 0.111 = 0.40955
    assert u2.nrr_display == Decimal("3.655")  # 3.65517
    assert u2.converted_display == Decimal("91.38")  # 91.379
    assert {score.grade.letter for score in result.unsur} == {"A"}


# Ten respondents: U1-U6 five fours and five threes (35, NRR 3.5); U7-U9 six fours, four threes
# (36, NRR 3.6). Sum of NRR = 6 x 3.5 + 3 x 3.6 = 31.8.
TEN = respondents(
    {**{code: column(5, 5) for code in UNSUR_CODES[:6]}, **{code: column(6, 4) for code in UNSUR_CODES[6:]}}
)


def test_the_weighting_can_change_the_grade():
    exact = compute(Tally.of(TEN), "exact")
    regulation = compute(Tally.of(TEN), "regulation")
    assert exact.ikm_display == Decimal("88.33")  # 31.8 / 9 x 25 = 88.333
    assert exact.grade.letter == "A"
    # 31.8 x 0.111 x 25 = 88.245 exactly: half-up gives 88.25 (a float would say 88.24), grade B.
    assert regulation.ikm == Fraction("88.245")
    assert regulation.ikm_display == Decimal("88.25")
    assert (regulation.grade.letter, regulation.grade.label) == ("B", "Baik")


def test_per_unsur_grades_use_the_converted_score():
    result = compute(Tally.of(TEN), "exact")
    assert result.score("U1").converted_display == Decimal("87.50")
    assert result.score("U1").grade.letter == "B"
    assert result.score("U9").converted_display == Decimal("90.00")
    assert result.score("U9").grade.letter == "A"


def test_all_fours_gives_100_exact_and_99_90_regulation():
    tally = Tally.of([dict.fromkeys(UNSUR_CODES, 4)] * 3)
    assert compute(tally, "exact").ikm_display == Decimal("100.00")
    assert compute(tally, "regulation").ikm_display == Decimal("99.90")


def test_all_ones_gives_25_exact_and_24_98_regulation():
    tally = Tally.of([dict.fromkeys(UNSUR_CODES, 1)])
    assert compute(tally, "exact").ikm_display == Decimal("25.00")
    assert compute(tally, "regulation").ikm_display == Decimal("24.98")
    assert compute(tally, "regulation").grade.letter == "D"


def test_unanswered_items_are_left_out_of_that_unsurs_nrr():
    rows = [dict.fromkeys(UNSUR_CODES, 4), {**dict.fromkeys(UNSUR_CODES, 2), "U4": None}]
    result = compute(Tally.of(rows), "exact")
    assert result.respondents == 2
    assert result.score("U4").answered == 1
    assert result.score("U4").nrr == 4
    assert result.score("U1").nrr == 3
    # (8 x 3 + 4) / 9 x 25 = 77.78
    assert result.ikm_display == Decimal("77.78")


def test_no_ikm_while_an_unsur_has_no_answer():
    result = compute(Tally.of([{**dict.fromkeys(UNSUR_CODES, 3), "U8": None}]), "exact")
    assert result.missing == ("U8",)
    assert result.ikm is None and result.grade is None and result.ikm_display is None
    assert result.score("U8").grade is None


def test_empty_tally():
    result = compute(Tally(), "regulation")
    assert result.respondents == 0
    assert result.missing == UNSUR_CODES


def test_answers_outside_the_scale_are_refused():
    with pytest.raises(ValueError, match="U3"):
        Tally.of([{"U3": 5}])
    with pytest.raises(ValueError):
        Tally.of([{"U1": 0}])


def test_tallies_add_up_like_their_responses():
    assert Tally.of(WORKED_29) + Tally.of(TEN) == Tally.of(WORKED_29 + TEN)


def test_unknown_weighting_is_refused():
    with pytest.raises(ValueError):
        compute(Tally(), "0.1")


@pytest.mark.parametrize(
    ("score", "letter"),
    [
        ("100", "A"),
        ("88.31", "A"),
        ("88.30", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25", "D"),
        # Values that round across a boundary: graded after rounding to 2 decimals (half up).
        ("88.305", "A"),
        ("88.3049", "B"),
        ("76.605", "B"),
        ("76.6049", "C"),
        ("64.995", "C"),
        ("64.9949", "D"),
    ],
)
def test_grade_boundaries(score, letter):
    assert grade_of(Decimal(score)).letter == letter


def test_grade_labels():
    assert [(grade.letter, grade.label) for grade in ikm.GRADES] == [
        ("A", "Sangat Baik"),
        ("B", "Baik"),
        ("C", "Kurang Baik"),
        ("D", "Tidak Baik"),
    ]


def tally_with(respondents: int, totals: list[int]) -> Tally:
    """A tally where every respondent answered every unsur, with these per-unsur sums."""
    assert all(respondents <= total <= 4 * respondents for total in totals)
    return Tally(
        respondents=respondents,
        sums=dict(zip(UNSUR_CODES, totals, strict=True)),
        counts=dict.fromkeys(UNSUR_CODES, respondents),
    )


def spread(total: int) -> list[int]:
    """Split ``total`` over the nine unsur as evenly as possible."""
    base, extra = divmod(total, 9)
    return [base + (1 if index < extra else 0) for index in range(9)]


@pytest.mark.parametrize(
    ("respondents", "total", "unrounded", "shown", "letter"),
    [
        # exact IKM = 25 x total / (9 x respondents)
        (100, 3179, "88.3056", "88.31", "A"),  # below 88.31 unrounded, A after rounding
        (500, 13789, "76.6056", "76.61", "B"),  # below 76.61 unrounded, B after rounding
        (1000, 23399, "64.9972", "65.00", "C"),  # below 65 unrounded, C after rounding
        (1000, 23397, "64.9917", "64.99", "D"),
    ],
)
def test_ikm_is_rounded_before_it_is_graded(respondents, total, unrounded, shown, letter):
    result = compute(tally_with(respondents, spread(total)), "exact")
    assert round_half_up(result.ikm, 4) == Decimal(unrounded)
    assert result.ikm_display == Decimal(shown)
    assert result.grade.letter == letter


def test_round_half_up_is_exact():
    assert round_half_up(Fraction(88245, 1000), 2) == Decimal("88.25")
    assert round_half_up(Fraction(88244999, 1000000), 2) == Decimal("88.24")
    assert round_half_up(Fraction(-5, 1000), 2) == Decimal("-0.01")
    assert round_half_up(3, 3) == Decimal("3.000")


def test_minimum_sample_is_flagged_against_respondents():
    tally = Tally.of(WORKED_29)
    assert compute(tally, population=30).minimum_sample == ikm.MinimumSample(30, 28, True)
    assert compute(tally, population=100).minimum_sample == ikm.MinimumSample(100, 80, False)
    assert compute(tally).minimum_sample == ikm.MinimumSample(None, None, None)


def test_json_object_of_the_cli():
    data = ikm.as_json(compute(Tally.of(WORKED_29), "regulation", population=60))
    assert list(data) == ["respondents", "weighting", "unsur", "ikm", "grade", "label", "minimum_sample"]
    assert data["respondents"] == 29
    assert data["weighting"] == "regulation"
    assert [item["code"] for item in data["unsur"]] == list(UNSUR_CODES)
    assert data["unsur"][0] == {"code": "U1", "nrr": 3.69, "converted": 92.24, "grade": "A"}
    assert data["unsur"][1] == {"code": "U2", "nrr": 3.655, "converted": 91.38, "grade": "A"}
    assert (data["ikm"], data["grade"], data["label"]) == (91.38, "A", "Sangat Baik")
    # 60 users: the published table's row N = 60 needs 52.
    assert data["minimum_sample"] == {"population": 60, "required": 52, "met": False}
