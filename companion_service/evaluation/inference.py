"""How sure the impact estimate is, and whether its assumption holds (ADR 0090, 0091).

- **Interval**: a wild cluster bootstrap with the null imposed (WCR), clustered where training was
  assigned (the unit, or the OPD at the OPD level), inverted into a 95% interval. Under a candidate
  effect tau the unit changes are refitted (a common trend per cohort and the effect tau on trained
  units); each cluster's residuals, which carry its respondents' sampling noise as well as the
  unit's own shocks, are multiplied by one Webb weight per draw (Webb 2014: six points, for few
  clusters). Residuals are scaled by sqrt(m/(m-1)) for the cohort's m rows.
- **Too few clusters**: below ``MIN_CLUSTERS`` treated or comparison clusters no interval is given
  (the coverage simulation in ``benchmarks/impact_coverage.py`` decided the number).
- **Randomization inference**, the second opinion when clusters are few: the clusters' training
  dates are shuffled among the clusters and the estimate recomputed; the p-value is the share of
  shuffles at least as far from the candidate effect; the interval inverts it.
- **Pre-trend**: the placebo estimate (the same design "trained" one period early, on periods before
  training only) and its WCR p-value; ``pretrend`` when p < 0.05.
- **Minimum detectable effect** (80% power, 5% two-sided): (t(0.975) + t(0.80)) x SE with
  clusters - 1 degrees of freedom; the SE is the clustered one, never below the respondents'
  sampling noise alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats as scipy_stats

from .panel import Contrasts, Panel, contrasts, windows

MIN_CLUSTERS = 5  # treated and comparison clusters needed for an interval (ADR 0091)
RI_BELOW_CLUSTERS = 60  # randomization inference is computed when there are fewer clusters than this
WILD_DRAWS = 1999
PERMUTATIONS = 999
SEED = 20261128
ALPHA = 0.05
POWER = 0.80
WEBB = np.array([-math.sqrt(1.5), -1.0, -math.sqrt(0.5), math.sqrt(0.5), 1.0, math.sqrt(1.5)])


@dataclass(frozen=True)
class Test:
    """An estimate with its interval (None when not given) and the p-value of "zero"."""

    estimate: float | None
    ci95: tuple[float, float] | None
    p_value: float | None


@dataclass(frozen=True)
class Inference:
    ci95: tuple[float, float] | None
    p_value: float | None
    se: float | None
    mde: float | None
    treated_clusters: int
    control_clusters: int
    few_clusters: bool
    placebo: Test | None
    placebo_clusters: tuple[int, int]
    pretrend: bool
    pretrend_tested: bool
    randomization: Test | None
    permutations: int


# --- the wild cluster bootstrap ---------------------------------------------------------------------


class Wild:
    """The WCR bootstrap of one set of contrasts: p(tau) for any candidate effect tau."""

    def __init__(self, rows: Contrasts, cluster_of_unit: np.ndarray, draws: int, seed: int):
        self.estimate = rows.estimate
        cohorts, group = np.unique(rows.cohort, return_inverse=True)
        size = np.bincount(group).astype(float)
        treated = rows.treated.astype(float)
        mean_change = np.bincount(group, rows.change) / size
        mean_treated = np.bincount(group, treated) / size
        scale = np.sqrt(size / np.maximum(size - 1, 1))[group]
        d = (rows.change - mean_change[group]) * scale
        e = (treated - mean_treated[group]) * scale
        names, cluster = np.unique(cluster_of_unit[rows.unit], return_inverse=True)
        self.clusters = len(names)
        # Each cluster's weighted residual under tau is P_k - tau * Q_k.
        self.p = np.bincount(cluster, rows.weight * d, minlength=self.clusters)
        self.q = np.bincount(cluster, rows.weight * e, minlength=self.clusters)
        weights = np.random.default_rng(seed).choice(WEBB, size=(draws, self.clusters))
        self.sp, self.sq = weights @ self.p, weights @ self.q

    def p_value(self, tau: float) -> float:
        observed = abs(self.estimate - tau)
        extreme = np.count_nonzero(np.abs(self.sp - tau * self.sq) >= observed - 1e-12)
        return float((1 + extreme) / (len(self.sp) + 1))

    @property
    def se(self) -> float:
        """The clustered standard error (restricted residuals at the estimate)."""
        return float(np.sqrt(np.sum((self.p - self.estimate * self.q) ** 2)))

    def interval(self) -> tuple[float, float] | None:
        return invert(self.p_value, self.estimate, self.se)


def invert(p_value, estimate: float, scale: float, limit: float = 200.0) -> tuple[float, float] | None:
    """The candidate effects not rejected at 5% (p >= 0.05) around ``estimate``: bisection on each
    side. None when the test rejects nothing within ``limit`` points (the data cannot bound it)."""
    if not scale > 0 or p_value(estimate) < ALPHA:
        return None
    bounds = []
    for direction in (-1.0, 1.0):
        inside, step = 0.0, scale
        while p_value(estimate + direction * step) >= ALPHA:
            inside, step = step, step * 2
            if step > limit:
                return None
        outside = step
        for _ in range(40):
            middle = (inside + outside) / 2
            if p_value(estimate + direction * middle) >= ALPHA:
                inside = middle
            else:
                outside = middle
        bounds.append(estimate + direction * inside)
    return bounds[0], bounds[1]


# --- randomization inference ------------------------------------------------------------------------


def randomization(panel: Panel, estimate: float, permutations: int, seed: int) -> tuple[Test, int] | None:
    """Shuffle the clusters' training dates among the clusters; invert the test into an interval.

    Under "the effect is tau everywhere", outcome - tau x (trained in that period) has no effect,
    and the estimator is linear, so each shuffle needs only two numbers: its estimate on the
    outcomes (A) and on the training indicator (B); its statistic is |A - tau B|.
    """
    clusters = len(panel.cluster_names)
    dates = np.full(clusters, np.nan)
    for k in range(clusters):
        members = panel.trained[panel.cluster == k]
        dates[k] = np.nanmin(members) if (~np.isnan(members)).any() else np.nan
    candidates = sorted({int(d) for d in dates if not np.isnan(d)})
    if len(candidates) == 0:
        return None
    periods = np.arange(panel.n.shape[1]) + panel.first
    indicator = (~np.isnan(panel.trained))[:, None] & (periods[None, :] > panel.trained[:, None])
    indicator = indicator.astype(float)
    rng = np.random.default_rng(seed)
    shuffles = np.array([np.arange(clusters)] + [rng.permutation(clusters) for _ in range(permutations)])
    unit_dates = dates[shuffles][:, panel.cluster]  # shuffles x units; row 0 is what happened
    numerator = {"y": np.zeros(len(shuffles)), "d": np.zeros(len(shuffles))}
    count = np.zeros(len(shuffles))
    for t in candidates:
        on_t = unit_dates == t
        controls = np.isnan(unit_dates) | (unit_dates > t + panel.width)
        for key, values in (("y", None), ("d", indicator)):
            delta = panel.changes(t, values=values)
            valid = ~np.isnan(delta)
            filled = np.where(valid, delta, 0.0)
            treated = on_t & panel.scope & valid
            comparison = controls & valid
            n_t, n_c = treated.sum(axis=1), comparison.sum(axis=1)
            usable = (n_t > 0) & (n_c > 0)
            control_mean = np.divide(comparison @ filled, n_c, out=np.zeros(len(n_c)), where=usable)
            numerator[key] += np.where(usable, treated @ filled - n_t * control_mean, 0.0)
            if key == "y":
                count += np.where(usable, n_t, 0)
    kept = count > 0
    a = numerator["y"][kept] / count[kept]
    b = numerator["d"][kept] / count[kept]
    if not kept[0]:
        return None
    observed_a, observed_b, a, b = a[0], b[0], a[1:], b[1:]

    def p_value(tau: float) -> float:
        extreme = np.count_nonzero(np.abs(a - tau * b) >= abs(observed_a - tau * observed_b) - 1e-12)
        return float((1 + extreme) / (len(a) + 1))

    spread = float(np.std(a)) or 1.0
    return Test(estimate, invert(p_value, estimate, spread), p_value(0.0)), int(len(a))


# --- respondents' noise and the minimum detectable effect ---------------------------------------------


def respondent_variance(panel: Panel, rows: Contrasts) -> float:
    """The estimate's variance from the respondents' sampling alone (cells' variance / n)."""
    coefficients = np.zeros_like(panel.n)
    for t in np.unique(rows.cohort):
        chosen = rows.cohort == t
        units, weight = rows.unit[chosen], rows.weight[chosen]
        for periods, sign in zip(windows(int(t), panel.width), (-1.0, 1.0), strict=True):
            columns = slice(periods.start - panel.first, periods.stop - panel.first)
            n = panel.n[units, columns]
            coefficients[units, columns] += sign * weight[:, None] * n / n.sum(axis=1, keepdims=True)
    n = panel.n
    with np.errstate(divide="ignore", invalid="ignore"):
        variance = np.where(n > 1, (panel.total_sq - panel.total**2 / np.where(n > 0, n, 1)) / (n - 1), 0.0)
        per_cell = np.where(n > 0, np.maximum(variance, 0.0) / np.where(n > 0, n, 1), 0.0)
    return float(np.sum(coefficients**2 * per_cell))


def minimum_detectable(se: float, clusters: int) -> float | None:
    """The effect a two-sided 5% test would find with 80% power, with ``clusters`` - 1 d.o.f."""
    if se is None or not se > 0 or clusters < 2:
        return None
    dof = clusters - 1
    return float((scipy_stats.t.ppf(1 - ALPHA / 2, dof) + scipy_stats.t.ppf(POWER, dof)) * se)


# --- everything at once -------------------------------------------------------------------------------


def _clusters(panel: Panel, rows: Contrasts) -> tuple[int, int]:
    treated = {int(panel.cluster[i]) for i in rows.units_of(True)}
    comparison = {int(panel.cluster[i]) for i in rows.units_of(False)}
    return len(treated), len(comparison)


def infer(
    panel: Panel,
    rows: Contrasts,
    draws: int = WILD_DRAWS,
    permutations: int = PERMUTATIONS,
    seed: int = SEED,
    min_clusters: int = MIN_CLUSTERS,
    randomize: bool | None = None,
) -> Inference:
    """The interval, the pre-trend test, randomization inference and the minimum detectable effect."""
    treated_clusters, control_clusters = _clusters(panel, rows)
    few = bool(min(treated_clusters, control_clusters) < min_clusters)
    wild = Wild(rows, panel.cluster, draws, seed)
    total_clusters = wild.clusters
    ci = None if few else wild.interval()
    p_value = None if few else wild.p_value(0.0)
    se = max(wild.se, math.sqrt(respondent_variance(panel, rows)))
    placebo_rows = contrasts(panel, placebo=True)
    placebo_clusters = _clusters(panel, placebo_rows) if placebo_rows.estimate is not None else (0, 0)
    placebo, pretrend, tested = None, False, False
    if placebo_rows.estimate is not None:
        if min(placebo_clusters) >= min_clusters:
            check = Wild(placebo_rows, panel.cluster, draws, seed + 1)
            placebo = Test(placebo_rows.estimate, check.interval(), check.p_value(0.0))
            pretrend, tested = bool(placebo.p_value < ALPHA), True
        else:
            placebo = Test(placebo_rows.estimate, None, None)
    if randomize is None:
        randomize = total_clusters < RI_BELOW_CLUSTERS
    ri, shuffles = (None, 0)
    if randomize and not few:
        found = randomization(panel, rows.estimate, permutations, seed + 2)
        if found is not None:
            ri, shuffles = found
    return Inference(
        ci95=ci,
        p_value=p_value,
        se=se,
        mde=minimum_detectable(se, total_clusters),
        treated_clusters=treated_clusters,
        control_clusters=control_clusters,
        few_clusters=few,
        placebo=placebo,
        placebo_clusters=placebo_clusters,
        pretrend=pretrend,
        pretrend_tested=tested,
        randomization=ri,
        permutations=shuffles,
    )
