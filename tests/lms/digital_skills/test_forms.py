"""Parallel forms: counterbalanced assignment, the post-test on the other form, and cohort gains
on the forms' common scale (issue 16)."""

import numpy as np
import pytest
from scipy import stats

from xblocks.bina_asn.assessment.gains import Pair, cohort_gain
from xblocks.digital_skills.forms import first_form, form_for


def test_half_the_learners_take_form_a_first_and_the_choice_is_stable():
    keys = [f"anon-{number:05d}" for number in range(4000)]
    firsts = [first_form(key, "literasi-digital-2026") for key in keys]
    assert set(firsts) == {"A", "B"}
    share = firsts.count("A") / len(firsts)
    assert 0.47 <= share <= 0.53, share
    assert firsts == [first_form(key, "literasi-digital-2026") for key in keys]
    # Another pairing key reshuffles the halves (a new course run is counterbalanced afresh).
    assert firsts != [first_form(key, "literasi-digital-2027") for key in keys]


def test_the_post_test_takes_the_form_the_pre_test_did_not_use():
    first = first_form("anon-1", "k")
    other = "B" if first == "A" else "A"
    assert form_for("pre", ["A", "B"], "anon-1", "k") == first
    assert form_for("standalone", ["A", "B"], "anon-1", "k") == first
    assert form_for("post", ["A", "B"], "anon-1", "k") == other
    assert form_for("post", ["A", "B"], "anon-1", "k", pre_form=other) == first  # what the pre-test used
    assert form_for("post", [""], "anon-1", "k") == ""


def test_a_pre_test_reveals_no_answers_by_default(taker, learner, scenario):
    ani = taker(learner, scenario(mode="pre", pairing_key="k-default"))
    ids = [item["id"] for item in ani.start()["draft"]["items"]]
    state = ani.call("submit", {"answers": ani.answers(ids, correct_ids=ids)}).json()
    assert state["result"]["review"] is None
    assert "post-test" in state["result"]["review_note"]
    assert ani.block().show_answers == "after_post_test"


def test_a_post_test_with_the_default_shows_answers_after_its_last_attempt(taker, learner, scenario):
    ani = taker(learner, scenario(mode="post", pairing_key="k-default"))
    ids = [item["id"] for item in ani.start()["draft"]["items"]]
    state = ani.call("submit", {"answers": ani.answers(ids)}).json()
    assert state["result"]["review"] is not None  # one attempt allowed: that was the last


def simulate(n, *, true_pre=45.0, true_gain=20.0, harder_b=8.0, share_a_first=0.5, seed=1):
    """Learners with a true pre and post score; form B scores ``harder_b`` points lower than A."""
    rng = np.random.default_rng(seed)
    pre_true = np.clip(rng.normal(true_pre, 12, n), 0, 100)
    post_true = np.clip(pre_true + rng.normal(true_gain, 8, n), 0, 100)
    a_first = rng.random(n) < share_a_first
    noise = lambda: rng.normal(0, 4, n)  # noqa: E731
    pre = np.where(a_first, pre_true + harder_b / 2, pre_true - harder_b / 2) + noise()
    post = np.where(a_first, post_true - harder_b / 2, post_true + harder_b / 2) + noise()
    pairs = [
        Pair(float(np.clip(p, 0, 100)), float(np.clip(q, 0, 100)), "A" if f else "B", "B" if f else "A")
        for p, q, f in zip(pre, post, a_first, strict=True)
    ]
    return pairs, pre_true.mean(), post_true.mean()


def test_equating_recovers_the_gain_when_one_form_is_harder_and_the_halves_are_unequal():
    pairs, pre_true, post_true = simulate(600, share_a_first=0.7)
    result = cohort_gain(pairs)
    raw_bias = abs(result.raw_gain - (post_true - pre_true))
    assert raw_bias > 2.5  # more learners went A (easier) -> B (harder): the raw gain is too low
    assert result.form_difference == pytest.approx(8.0, abs=1.5)
    assert result.gain == pytest.approx(post_true - pre_true, abs=1.2)
    g_true = (post_true - pre_true) / (100 - pre_true)
    assert result.g_low < g_true < result.g_high
    assert result.first_form_counts["A"] > result.first_form_counts["B"]


def test_the_gain_interval_agrees_with_scipys_bootstrap_without_forms():
    rng = np.random.default_rng(7)
    pre = np.clip(rng.normal(50, 15, 200), 0, 100)
    post = np.clip(pre + rng.normal(15, 10, 200), 0, 100)
    result = cohort_gain([Pair(float(p), float(q)) for p, q in zip(pre, post, strict=True)])
    assert result.form_difference is None and result.gain == result.raw_gain
    assert result.g == pytest.approx((post.mean() - pre.mean()) / (100 - pre.mean()), abs=1e-3)

    def hake(before, after, axis=-1):
        return (after.mean(axis=axis) - before.mean(axis=axis)) / (100 - before.mean(axis=axis))

    reference = stats.bootstrap(
        (pre, post), hake, paired=True, vectorized=True, method="percentile", n_resamples=4000, random_state=3
    ).confidence_interval
    assert result.g_low == pytest.approx(reference.low, abs=0.01)
    assert result.g_high == pytest.approx(reference.high, abs=0.01)


def test_a_tiny_cohort_has_no_interval_and_no_equating():
    result = cohort_gain([Pair(40.0, 60.0, "A", "B")])
    assert (result.pairs, result.g, result.g_low, result.form_difference) == (1, 0.333, None, None)
    assert cohort_gain([]).pairs == 0
