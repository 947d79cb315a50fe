"""Item analysis (issue 16): a simulated cohort answering by a Rasch model, crafted responses for
every flag, and cross-checks of each statistic against scipy on the same data.

Run with ``-s`` to see the simulation's figures.
"""

import numpy as np
import pytest
from scipy import stats

from xblocks.bina_asn.assessment.analysis import ItemKey, Responses, analyse, cronbach_alpha, responses


def keys_for(k, options="abcd"):
    return [ItemKey(f"i{i:02d}", tuple(options), frozenset(options[i % len(options)])) for i in range(k)]


def choices_for(scores, keys, rng, distractor_weights=(0.5, 0.3, 0.2)):
    """The option each simulated learner chose: the key when right, else a distractor by weight."""
    n, k = scores.shape
    chosen = np.zeros((n, k, 6), dtype=bool)
    for i, key in enumerate(keys):
        key_position = key.options.index(next(iter(key.keys)))
        wrong = [j for j in range(len(key.options)) if j != key_position]
        picks = rng.choice(wrong, size=n, p=list(distractor_weights))
        chosen[np.arange(n), i, np.where(scores[:, i] == 1, key_position, picks)] = True
    return chosen


@pytest.fixture(scope="module")
def rasch_cohort():
    """3,000 learners of known ability answer 40 items of known difficulty (Rasch model)."""
    rng = np.random.default_rng(2026)
    n, k = 3000, 40
    ability = rng.normal(0.0, 1.0, n)
    difficulty = rng.uniform(-2.2, 2.2, k)
    probability = 1 / (1 + np.exp(-(ability[:, None] - difficulty[None, :])))
    scores = (rng.random((n, k)) < probability).astype(float)
    keys = keys_for(k)
    return {
        "difficulty": difficulty,
        "probability": probability,
        "scores": scores,
        "result": analyse(Responses(scores, choices_for(scores, keys, rng), keys)),
    }


def test_the_simulated_difficulty_order_is_recovered(rasch_cohort):
    p = np.array([item.p for item in rasch_cohort["result"].item_statistics])
    rho = stats.spearmanr(p, -rasch_cohort["difficulty"]).statistic
    print(f"\nSpearman(p, -b) over 40 items: {rho:.4f}")
    assert rho >= 0.9


def test_kr20_is_within_003_of_the_simulations_reliability(rasch_cohort):
    result, scores = rasch_cohort["result"], rasch_cohort["scores"]
    # The simulation's reliability, independently: true-score variance over observed-score variance,
    # the true score being each learner's expected total sum_i P_i(theta).
    true_score = rasch_cohort["probability"].sum(axis=1)
    simulated = true_score.var() / scores.sum(axis=1).var()
    print(
        f"KR-20 {result.reliability:.4f}, simulation var(true)/var(observed) {simulated:.4f}, "
        f"SEM {result.sem}"
    )
    assert result.reliability_kind == "kr20"
    assert abs(result.reliability - simulated) <= 0.03
    # The same coefficient another way: alpha from the item covariance matrix (numpy's cov).
    cov = np.cov(scores, rowvar=False)
    k = scores.shape[1]
    assert result.reliability == pytest.approx(k / (k - 1) * (1 - np.trace(cov) / cov.sum()), abs=1e-3)
    total = scores.sum(axis=1)
    assert result.sem == pytest.approx(total.std() * np.sqrt(1 - result.reliability), abs=0.01)


def test_corrected_point_biserial_matches_scipy(rasch_cohort):
    scores, result = rasch_cohort["scores"], rasch_cohort["result"]
    total = scores.sum(axis=1)
    for i in (0, 7, 23):
        expected = stats.pointbiserialr(scores[:, i], total - scores[:, i]).statistic
        assert result.item_statistics[i].r == pytest.approx(expected, abs=1e-3)


def test_discrimination_is_positive_and_shares_add_up_in_a_sound_simulation(rasch_cohort):
    for item in rasch_cohort["result"].item_statistics:
        assert item.r > 0.2 and item.d > 0.2
        assert sum(item.shares.values()) == pytest.approx(1.0, abs=0.005)
        if item.p >= 0.3:  # on a very hard item even the top group may mostly guess
            assert "distractor_beats_key" not in item.flags


def crafted():
    """Eight learners, best (row 0) to weakest (row 7), and eight items built to show each flag."""
    correct_rows = {
        "i0": range(8),  # everybody: too easy
        "i1": [6],  # one weak learner: too hard
        "i2": range(4, 8),  # only the weaker half: negative discrimination
        "i3": range(5),
        "i4": range(4),
        "i5": range(3),
        "i6": range(2),
        "i7": range(6),
    }
    scores = np.zeros((8, len(correct_rows)))
    for col, rows in enumerate(correct_rows.values()):
        scores[list(rows), col] = 1
    keys = [ItemKey(item_id, ("a", "b", "c", "d"), frozenset("a")) for item_id in correct_rows]
    chosen = np.zeros((8, len(keys), 6), dtype=bool)
    for row in range(8):
        for col in range(len(keys)):
            # Right: "a". Wrong: "b" for the stronger learners, "c" for the two weakest; "d" never.
            chosen[row, col, 0 if scores[row, col] else (1 if row < 6 else 2)] = True
    return Responses(scores, chosen, keys)


def test_each_flag_on_crafted_responses():
    by_id = {item.id: item for item in analyse(crafted()).item_statistics}
    assert by_id["i0"].p == 1.0 and "too_easy" in by_id["i0"].flags
    assert by_id["i1"].p == 0.125 and "too_hard" in by_id["i1"].flags
    assert by_id["i2"].r < 0 and "negative_discrimination" in by_id["i2"].flags
    assert "distractor_beats_key" in by_id["i2"].flags  # the strongest learners chose "b"
    assert by_id["i3"].r > 0.2 and "negative_discrimination" not in by_id["i3"].flags
    assert all("rare_distractor" in item.flags for item in by_id.values())  # "d": chosen by nobody
    assert by_id["i3"].shares == {"a": 0.625, "b": 0.125, "c": 0.25, "d": 0.0}
    assert by_id["i2"].d == -1.0 and by_id["i6"].d == 1.0


def test_low_discrimination_is_flagged():
    rng = np.random.default_rng(5)
    ability = rng.normal(size=400)
    informative = (ability[:, None] + rng.normal(0, 0.8, (400, 6)) > 0).astype(float)
    noise = (rng.random((400, 1)) < 0.5).astype(float)  # unrelated to ability
    scores = np.hstack([informative, noise])
    keys = keys_for(7)
    result = analyse(Responses(scores, choices_for(scores, keys, rng), keys))
    assert "low_discrimination" in result.item_statistics[-1].flags
    assert not any("low_discrimination" in item.flags for item in result.item_statistics[:-1])


def test_upper_lower_index_by_hand():
    data = crafted()
    result = analyse(data)
    # Top 27% of 8 learners = 2 (the two best totals), bottom 2 (the two lowest).
    totals = data.scores.sum(axis=1)
    order = np.argsort(totals, kind="stable")
    top, bottom = order[-2:], order[:2]
    for i, item in enumerate(result.item_statistics):
        assert item.d == pytest.approx(data.scores[top, i].mean() - data.scores[bottom, i].mean(), abs=1e-3)


def test_fractional_items_give_alpha_and_incomplete_draws_leave_out_what_was_not_given():
    scores = np.array([[1, 0.5, 1], [0, 0.5, 0], [1, 1, np.nan], [0, 0, 0], [1, 0.5, 1]])
    keys = [ItemKey(f"i{i}", ("a", "b", "c", "d"), frozenset({"a", "c"}), "multiple") for i in range(3)]
    result = analyse(Responses(scores, np.zeros((5, 3, 6), dtype=bool), keys))
    assert result.reliability_kind == "alpha" and result.complete == 4
    complete = scores[[0, 1, 3, 4]]
    assert result.reliability == pytest.approx(cronbach_alpha(complete), abs=1e-3)
    assert result.item_statistics[2].answered == 4 and result.item_statistics[2].p == 0.5


def test_responses_are_built_from_attempt_rows():
    keys = [ItemKey("x", ("a", "b", "c"), frozenset("b")), ItemKey("y", ("a", "b"), frozenset("a"))]
    rows = [(["x", "y"], {"x": 1.0, "y": 0.0}, {"x": ["b"], "y": ["b"]}), (["x"], {"x": 0.0}, {"x": []})]
    data = responses(keys, rows)
    assert np.array_equal(np.isnan(data.scores), [[False, False], [False, True]])
    assert data.chosen[0, 0, 1] and data.chosen[0, 1, 1] and not data.chosen[1].any()
