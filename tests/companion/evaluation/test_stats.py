"""Golden tests for the evaluation's statistics, with values worked out by hand."""

import math

import pytest

from companion_service.evaluation import did as did_module
from companion_service.evaluation import stats
from companion_service.evaluation.panel import UnitSeries
from companion_service.evaluation.stats import Cell, Mean


def test_rate_uses_the_wilson_interval():
    # 8 of 10: p = 0.8; Wilson 95%: centre (0.8 + 1.96^2/20) / (1 + 1.96^2/10) = 0.7291...
    result = stats.rate(8, 10)
    assert result.value == 0.8
    assert result.low == pytest.approx(0.4902, abs=1e-4)
    assert result.high == pytest.approx(0.9433, abs=1e-4)


def test_rate_at_the_edges_stays_inside_0_and_1():
    assert stats.rate(0, 20).low == 0.0
    assert stats.rate(20, 20).high == 1.0
    assert stats.rate(20, 20).low == pytest.approx(0.8389, abs=1e-4)


def test_cells_under_five_people_are_suppressed():
    small = stats.rate(3, 4)
    assert small.suppressed and small.value is None and small.low is None
    assert not stats.rate(3, 5).suppressed


def test_rate_refuses_impossible_counts():
    with pytest.raises(ValueError):
        stats.rate(6, 5)


def test_mean_with_t_interval():
    # values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample sd sqrt(32/7) = 2.138; t(7) = 2.3646
    result = Mean.of([2, 4, 4, 4, 5, 5, 7, 9])
    assert result.value == 5
    assert result.sd == pytest.approx(math.sqrt(32 / 7))
    half = 2.364624 * math.sqrt(32 / 7) / math.sqrt(8)
    assert result.low == pytest.approx(5 - half, abs=1e-4)
    assert result.high == pytest.approx(5 + half, abs=1e-4)


def test_mean_from_sql_sums_equals_mean_of_values():
    values = [70.0, 75.5, 80.25, 66.0, 91.0, 88.0]
    direct = Mean.of(values)
    from_sums = Mean.from_sums(len(values), sum(values), sum(v * v for v in values))
    assert from_sums == direct


def test_welch_difference():
    before, after = Mean.of([60, 62, 64, 66, 68]), Mean.of([70, 72, 74, 76, 78])
    change = stats.difference(before, after)
    assert change.value == 10
    # equal variances (10) and sizes: se = sqrt(2 * 10 / 5) = 2, dof = 8, t = 2.306
    assert change.low == pytest.approx(10 - 2.306004 * 2, abs=1e-3)
    assert change.high == pytest.approx(10 + 2.306004 * 2, abs=1e-3)


def test_difference_of_a_suppressed_side_is_unknown():
    change = stats.difference(Mean.of([1, 2]), Mean.of([3, 4, 5, 6, 7]))
    assert change.value is None


@pytest.mark.parametrize(
    ("pre", "post", "gain"), [(40, 70, 0.5), (80, 90, 0.5), (50, 40, -0.2), (100, 100, None)]
)
def test_normalised_gain(pre, post, gain):
    assert stats.normalised_gain(pre, post) == (pytest.approx(gain) if gain is not None else None)


def series(code, trained_from, means, n=10):
    """A unit with ``n`` respondents in each period, all answering ``mean`` (zero spread)."""
    cells = {period: Cell(n, mean * n, mean * mean * n) for period, mean in means.items()}
    return UnitSeries(code, cells, trained_from)


def test_did_recovers_a_known_effect():
    # Periods 0-7. Every unit rises 1 point a period (common trend). Trained units jump +5
    # from the period after their OPD crossed the threshold.
    def path(base, trained_from=None, effect=5.0):
        return {
            p: base + p + (effect if trained_from is not None and p > trained_from else 0.0) for p in range(8)
        }

    units = [
        series("A", 3, path(70, 3)),
        series("B", 4, path(65, 4)),
        series("C", None, path(80)),
        series("D", None, path(60)),
    ]
    result = did_module.did(units, width=2)
    # Unit A: before (periods 1, 2) = 71.5, after (4, 5) = 79.5: change 8; controls change 3 -> 5.
    assert result.estimate == pytest.approx(5.0)
    assert result.treated_units == ["A", "B"]
    assert result.control_units == ["C", "D"]
    a = next(c for c in result.per_unit if c.code == "A")
    assert (a.before.mean, a.after.mean, a.change, a.control_change) == (71.5, 79.5, 8.0, 3.0)
    # Two trained units and two comparison units: too few clusters for an interval (the old cluster
    # bootstrap gave [5.0, 5.0], as if four units could pin the effect down exactly).
    assert result.ci95 is None and result.inference.few_clusters


def test_did_uses_not_yet_trained_units_as_controls():
    units = [
        series("EARLY", 2, dict.fromkeys(range(8), 70.0)),
        series("LATE", 6, dict.fromkeys(range(8), 70.0)),
    ]
    result = did_module.did(units, width=2)
    assert result.treated_units == ["EARLY"]  # LATE has no not-yet-trained control for its windows
    assert result.control_units == ["LATE"]
    assert result.estimate == 0.0


def test_did_without_controls_has_no_estimate():
    result = did_module.did([series("A", 3, dict.fromkeys(range(8), 70.0))], width=2)
    assert result.estimate is None and result.ci95 is None


def test_did_interval_widens_with_noise():
    import random

    rng = random.Random(1)

    def noisy(base, trained_from=None):
        return {
            p: base + rng.uniform(-3, 3) + (4 if trained_from is not None and p > trained_from else 0)
            for p in range(8)
        }

    units = [series(f"T{i}", 3, noisy(70, 3)) for i in range(6)] + [
        series(f"C{i}", None, noisy(70)) for i in range(6)
    ]
    result = did_module.did(units, width=2)
    low, high = result.ci95
    assert low < result.estimate < high
    assert high - low > 0.5


def test_event_study_points():
    units = [
        series("A", 3, {p: 70.0 + p for p in range(8)}),
        series("C", None, {p: 60.0 + p for p in range(8)}),
    ]
    points = did_module.event_study(units, width=2)
    assert [p.offset for p in points] == [-2, -1, 0, 1, 2]
    assert points[0].treated_mean == 71.0 and points[0].control_mean == 61.0
    assert points[4].treated_mean == 75.0 and points[4].treated_n == 10


def test_linear_fit_of_a_perfect_line_and_too_few_points():
    fit = stats.linear_fit([0.1, 0.5, 0.9], [1.0, 3.0, 5.0])
    assert fit.slope == pytest.approx(5.0) and fit.intercept == pytest.approx(0.5)
    assert fit.low == pytest.approx(5.0) and fit.r == pytest.approx(1.0)
    assert stats.linear_fit([0.1, 0.2], [1, 2]).slope is None


# --- the vectorised DiD agrees with the plain reference ----------------------------------------------


def random_units(seed, count=14, periods=10, missing=0.15):
    import random

    rng = random.Random(seed)
    units = []
    for index in range(count):
        trained = rng.choice([None, None, 2, 3, 3, 4, 5, 6, 7])
        base = rng.uniform(60, 85)
        cells = {}
        for period in range(periods):
            if rng.random() < missing:
                continue
            n = rng.randint(1, 40)
            effect = 3.0 if trained is not None and period > trained else 0.0
            values = [base + period * 0.4 + effect + rng.gauss(0, 6) for _ in range(n)]
            cells[period] = Cell(n, sum(values), sum(v * v for v in values))
        units.append(UnitSeries(f"U{index:02d}", cells, trained))
    return units


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("width", [1, 2, 3])
def test_vectorised_did_matches_the_reference(seed, width):
    from . import reference_did

    units = random_units(seed)
    expected = reference_did.unit_changes(units, width, min_respondents=5)
    got = did_module.did(units, width, min_respondents=5)
    usable = [c for c in expected if c.control_change is not None]
    assert got.treated_units == [c.code for c in usable]
    assert got.control_units == sorted({code for c in usable for code in c.controls})
    reference = reference_did.estimate(units, width, min_respondents=5)
    if reference is None:
        assert got.estimate is None
    else:
        assert got.estimate == pytest.approx(reference, abs=1e-9)
    expected = type("Expected", (), {"per_unit": expected})()
    for mine, theirs in zip(got.per_unit, expected.per_unit, strict=True):
        assert (mine.code, mine.trained_from, mine.controls) == (
            theirs.code,
            theirs.trained_from,
            theirs.controls,
        )
        assert mine.change == pytest.approx(theirs.change, abs=1e-9)
        assert mine.before.n == theirs.before.n and mine.after.n == theirs.after.n
        if theirs.control_change is None:
            assert mine.control_change is None
        else:
            assert mine.control_change == pytest.approx(theirs.control_change, abs=1e-9)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_vectorised_event_study_matches_the_reference(seed):
    from . import reference_did

    units = random_units(seed)
    for mine, theirs in zip(
        did_module.event_study(units, 2), reference_did.event_study(units, 2), strict=True
    ):
        assert (mine.offset, mine.treated_n, mine.control_n, mine.treated_units, mine.control_units) == (
            theirs.offset,
            theirs.treated_n,
            theirs.control_n,
            theirs.treated_units,
            theirs.control_units,
        )
        for a, b in ((mine.treated_mean, theirs.treated_mean), (mine.control_mean, theirs.control_mean)):
            assert (a is None and b is None) or a == pytest.approx(b, abs=1e-9)


def test_did_limited_to_some_treated_units_keeps_the_others_as_controls():
    def path(base, trained_from=None, effect=5.0):
        return {
            p: base + p + (effect if trained_from is not None and p > trained_from else 0.0) for p in range(8)
        }

    units = [
        series("A", 3, path(70, 3)),
        series("B", 4, path(65, 4, effect=2.0)),
        series("LATE", 7, path(75, 7)),
        series("C", None, path(80)),
    ]
    everyone = did_module.did(units, width=2)
    only_b = did_module.did(units, width=2, treated_codes={"B"})
    # B gains 2 over the common trend; its controls are C and LATE (trained after period 6).
    assert only_b.treated_units == ["B"]
    assert only_b.control_units == ["C", "LATE"]
    assert only_b.estimate == pytest.approx(2.0)
    assert everyone.estimate == pytest.approx((5.0 + 2.0) / 2)
    assert [p.treated_n for p in did_module.event_study(units, 2, treated_codes={"B"})] == [10] * 5
