"""The impact estimate's inference, on small panels whose answers are worked out by hand."""

import math

import numpy as np
import pytest
from scipy import stats as scipy_stats

from companion_service.evaluation import inference
from companion_service.evaluation.did import did
from companion_service.evaluation.panel import Panel, UnitSeries, contrasts
from companion_service.evaluation.stats import Cell


def cell(n, mean, sd):
    """``n`` respondents with this mean and sample standard deviation."""
    return Cell(n, n * mean, n * mean * mean + (n - 1) * sd * sd)


def noisy_city(seed, treated=8, comparison=8, effect=3.0, trend=0.0, cluster=None):
    rng = np.random.default_rng(seed)
    units = []
    for index in range(treated + comparison):
        trained = int(rng.integers(2, 6)) if index < treated else None
        level = rng.normal(75, 4)
        cells = {}
        for period in range(8):
            mean = level + 0.4 * period + rng.normal(0, 1)
            if trained is not None:
                mean += trend * period + (effect if period > trained else 0.0)
            n = int(rng.integers(40, 121))
            cells[period] = cell(n, rng.normal(mean, 9 / math.sqrt(n)), 9.0)
        units.append(UnitSeries(f"U{index:02d}", cells, trained, cluster(index) if cluster else None))
    return units


def test_the_estimate_is_a_weighted_sum_of_unit_changes():
    units = noisy_city(1)
    panel = Panel(units, 2, 5)
    rows = contrasts(panel)
    # Treated rows weigh 1/N each; each cohort's control weights sum to minus its treated share.
    treated = rows.treated
    assert rows.weight[treated] == pytest.approx(np.full(treated.sum(), 1 / treated.sum()))
    for cohort in np.unique(rows.cohort):
        assert rows.weight[rows.cohort == cohort].sum() == pytest.approx(0.0, abs=1e-12)
    assert rows.weight @ rows.change == pytest.approx(did(units, 2, 5, draws=99, randomize=False).estimate)


def test_below_the_minimum_of_clusters_there_is_no_interval():
    units = noisy_city(2, treated=4, comparison=9)
    result = did(units, 2, 5)
    assert result.estimate is not None and result.ci95 is None
    assert result.inference.few_clusters and result.inference.treated_clusters == 4
    assert result.inference.randomization is None  # nor a second opinion dressed as an interval
    enough = did(noisy_city(2, treated=5, comparison=9), 2, 5)
    assert enough.inference.treated_clusters == 5 and enough.ci95 is not None


def test_the_interval_is_clustered_where_training_is_assigned():
    # The same units, clustered per unit or in OPDs of two: fewer clusters, a wider interval (the
    # units of an OPD share one bootstrap weight).
    per_unit = did(noisy_city(3, treated=12, comparison=12), 2, 5)
    per_pair = did(noisy_city(3, treated=12, comparison=12, cluster=lambda i: f"OPD{i // 2}"), 2, 5)
    assert per_unit.estimate == per_pair.estimate
    assert per_unit.inference.treated_clusters == 12 and per_pair.inference.treated_clusters == 6
    width = {name: r.ci95[1] - r.ci95[0] for name, r in (("unit", per_unit), ("pair", per_pair))}
    assert width["pair"] != width["unit"]


def test_wild_bootstrap_p_value_and_interval_agree():
    units = noisy_city(4, treated=10, comparison=10)
    panel = Panel(units, 2, 5)
    wild = inference.Wild(contrasts(panel), panel.cluster, 1999, 1)
    low, high = wild.interval()
    assert low < wild.estimate < high
    assert wild.p_value(wild.estimate) == 1.0  # nothing is farther from tau than 0
    assert wild.p_value(low - 0.01) < 0.05 <= wild.p_value(low + 0.01)
    assert wild.p_value(high + 0.01) < 0.05 <= wild.p_value(high - 0.01)
    # Reads the same each time (fixed seed).
    assert inference.Wild(contrasts(panel), panel.cluster, 1999, 1).interval() == (low, high)


def test_respondent_noise_alone_is_a_floor_of_the_standard_error():
    # One trained and one comparison unit, window 1, every change exactly alike between them: the
    # clustered residuals are zero, yet four cells of 50 respondents with sd 10 leave
    # var = 4 x 100 / 50 = 8 from sampling alone.
    units = [
        UnitSeries("T", {p: cell(50, 70 + p + (5 if p > 3 else 0), 10) for p in range(8)}, 3),
        UnitSeries("C", {p: cell(50, 60 + p, 10) for p in range(8)}, None),
    ]
    panel = Panel(units, 1, 5)
    rows = contrasts(panel)
    assert inference.respondent_variance(panel, rows) == pytest.approx(8.0)
    result = did(units, 1, 5)
    assert result.estimate == pytest.approx(5.0) and result.ci95 is None
    assert result.inference.se == pytest.approx(math.sqrt(8.0))
    expected = (scipy_stats.t.ppf(0.975, 1) + scipy_stats.t.ppf(0.8, 1)) * math.sqrt(8.0)
    assert result.inference.mde == pytest.approx(expected)


def test_minimum_detectable_effect_formula():
    assert inference.minimum_detectable(1.0, 30) == pytest.approx(
        scipy_stats.t.ppf(0.975, 29) + scipy_stats.t.ppf(0.8, 29)
    )
    assert inference.minimum_detectable(0.0, 30) is None and inference.minimum_detectable(1.0, 1) is None


def test_pretrend_fires_on_a_drift_and_not_on_a_clean_city():
    drifting = did(noisy_city(5, treated=12, comparison=12, effect=0.0, trend=1.5), 2, 5)
    clean = did(noisy_city(5, treated=12, comparison=12, effect=3.0), 2, 5)
    assert drifting.inference.pretrend and drifting.inference.placebo.p_value < 0.05
    assert drifting.inference.placebo.estimate == pytest.approx(1.5 * 1.5, abs=1.0)  # t-1 vs (t-3, t-2)
    assert not clean.inference.pretrend and clean.inference.pretrend_tested


def test_randomization_keeps_the_units_of_a_cluster_together():
    # At the OPD level the shuffles move whole OPDs; the observed arrangement is the first.
    units = noisy_city(6, treated=10, comparison=10, cluster=lambda i: f"OPD{i // 2}")
    units = [  # both units of an OPD share the OPD's date
        UnitSeries(u.code, u.cells, units[2 * (i // 2)].trained_from, u.cluster) for i, u in enumerate(units)
    ]
    panel = Panel(units, 2, 5)
    rows = contrasts(panel)
    test, shuffles = inference.randomization(panel, rows.estimate, 499, 3)
    assert shuffles == 499 and 0 < test.p_value <= 1
    low, high = test.ci95
    assert low < rows.estimate < high


def test_no_interval_when_the_test_rejects_nothing():
    assert inference.invert(lambda tau: 1.0, 0.0, 1.0) is None
    assert inference.invert(lambda tau: 0.01, 0.0, 1.0) is None
    low, high = inference.invert(lambda tau: 1.0 if abs(tau - 2) <= 1 else 0.0, 2.0, 0.5)
    assert low == pytest.approx(1.0, abs=1e-6) and high == pytest.approx(3.0, abs=1e-6)
