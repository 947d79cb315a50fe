"""Statistics of the evaluation, as pure functions over plain numbers (no database, no Django).

- ``rate``: a share with its Wilson 95% interval, suppressed when fewer than 5 people are counted;
- ``Mean``: a mean with its t-based 95% interval, built from raw values or from SQL aggregates
  (count, sum, sum of squares) so pages never load rows;
- ``difference``: after minus before, with a Welch 95% interval;
- ``normalised_gain``: g = (post - pre) / (max - pre) (Hake), undefined when pre is already max;
- ``did``: difference-in-differences of a unit's IKM around the period its OPD crossed a training
  threshold, against units not yet trained over the same calendar periods, with a cluster
  bootstrap 95% interval; ``event_study`` gives the pre-trend chart's points;
- ``linear_fit``: the dose-response slope with its 95% interval.

Everything here describes an association, never proof of cause.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy import stats as scipy_stats

MIN_CELL = 5  # cells about fewer people than this are suppressed
CONFIDENCE = 0.95
Z95 = 1.959963984540054
BOOTSTRAP_SAMPLES = 2000
BOOTSTRAP_SEED = 20261128


@lru_cache(maxsize=4096)
def t_quantile(probability: float, dof: float) -> float:
    """Student's t quantile (cached: a national page asks for the same few hundred many times)."""
    return float(scipy_stats.t.ppf(probability, dof))


@dataclass(frozen=True)
class Rate:
    """``k`` of ``n`` people, the share and its 95% interval; all None when suppressed."""

    k: int
    n: int
    value: float | None
    low: float | None
    high: float | None
    suppressed: bool


def rate(k: int, n: int, min_cell: int = MIN_CELL) -> Rate:
    """The share k/n with the Wilson score interval; suppressed when n < ``min_cell``."""
    if k < 0 or n < 0 or k > n:
        raise ValueError(f"a rate needs 0 <= k <= n, got k={k}, n={n}")
    if n < min_cell:
        return Rate(k, n, None, None, None, True)
    p = k / n
    denominator = 1 + Z95**2 / n
    centre = (p + Z95**2 / (2 * n)) / denominator
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95**2 / (4 * n * n)) / denominator
    return Rate(k, n, p, max(0.0, centre - half), min(1.0, centre + half), False)


@dataclass(frozen=True)
class Mean:
    """A mean of ``n`` values with its sample standard deviation and t-based 95% interval."""

    n: int
    value: float | None
    sd: float | None
    low: float | None
    high: float | None
    suppressed: bool = False

    @classmethod
    def from_sums(cls, n: int, total: float, total_sq: float, min_cell: int = MIN_CELL) -> Mean:
        """From SQL aggregates: COUNT, SUM and SUM of squares of the values."""
        if n < min_cell or n == 0:
            return cls(n, None, None, None, None, True)
        value = total / n
        variance = max(0.0, (total_sq - n * value * value) / (n - 1)) if n > 1 else 0.0
        sd = math.sqrt(variance)
        half = t_quantile(0.5 + CONFIDENCE / 2, n - 1) * sd / math.sqrt(n) if n > 1 else math.nan
        return cls(n, value, sd, value - half, value + half, False)

    @classmethod
    def of(cls, values: Iterable[float], min_cell: int = MIN_CELL) -> Mean:
        data = [float(v) for v in values]
        return cls.from_sums(len(data), sum(data), sum(v * v for v in data), min_cell)


@dataclass(frozen=True)
class Change:
    """after - before, with a Welch 95% interval (None when either side is suppressed)."""

    before: Mean
    after: Mean
    value: float | None
    low: float | None
    high: float | None


def difference(before: Mean, after: Mean) -> Change:
    """The change of a mean between two independent samples (Welch-Satterthwaite degrees of freedom)."""
    if before.suppressed or after.suppressed or before.n < 2 or after.n < 2:
        return Change(before, after, None, None, None)
    value = after.value - before.value
    v1, v2 = before.sd**2 / before.n, after.sd**2 / after.n
    se = math.sqrt(v1 + v2)
    if se == 0:
        return Change(before, after, value, value, value)
    dof = (v1 + v2) ** 2 / (v1**2 / (before.n - 1) + v2**2 / (after.n - 1))
    half = scipy_stats.t.ppf(0.5 + CONFIDENCE / 2, dof) * se
    return Change(before, after, value, value - half, value + half)


def normalised_gain(pre: float, post: float, maximum: float = 100.0) -> float | None:
    """Hake's normalised gain; None when the pre-test was already at the maximum."""
    if pre >= maximum:
        return None
    return (post - pre) / (maximum - pre)


# --- Difference-in-differences over units and periods ---------------------------------------------


@dataclass(frozen=True)
class Cell:
    """The respondents of one unit in one period: count, sum and sum of squares of their IKM."""

    n: int
    total: float
    total_sq: float

    def __add__(self, other: Cell) -> Cell:
        return Cell(self.n + other.n, self.total + other.total, self.total_sq + other.total_sq)

    @property
    def mean(self) -> float | None:
        return self.total / self.n if self.n else None


@dataclass(frozen=True)
class UnitSeries:
    """A service unit's IKM cells by period index, and the period its OPD crossed the threshold."""

    code: str
    cells: Mapping[int, Cell]
    trained_from: int | None  # None: not trained (yet) in the data

    def pooled(self, periods: Iterable[int]) -> Cell:
        total = Cell(0, 0.0, 0.0)
        for period in periods:
            total = total + self.cells.get(period, Cell(0, 0.0, 0.0))
        return total


def windows(trained_from: int, width: int) -> tuple[range, range]:
    """The ``width`` periods before the crossing period and the ``width`` after it.

    The crossing period itself is left out: training happened during it, so it is neither before
    nor after.
    """
    return range(trained_from - width, trained_from), range(trained_from + 1, trained_from + 1 + width)


@dataclass(frozen=True)
class UnitChange:
    """One trained unit's before/after IKM and the same change among its comparison units."""

    code: str
    trained_from: int
    before: Cell
    after: Cell
    change: float
    control_change: float | None
    controls: tuple[str, ...]


@dataclass(frozen=True)
class DidResult:
    """The average over trained units of (their change - the not-yet-trained units' change)."""

    estimate: float | None
    ci95: tuple[float, float] | None
    treated_units: list[str]
    control_units: list[str]
    per_unit: list[UnitChange] = field(default_factory=list)


def _is_control_for(candidate: UnitSeries, treated: UnitSeries, width: int) -> bool:
    """Not trained before the end of the treated unit's after-window."""
    end_of_after = treated.trained_from + width
    return candidate.code != treated.code and (
        candidate.trained_from is None or candidate.trained_from > end_of_after
    )


class _Panel:
    """The units' cells as arrays (units x periods), so windows of every unit are summed at once.

    Units that crossed the threshold in the same period share their windows and so their controls
    (a *cohort*); the estimate is built per cohort, not per pair of units, which keeps a national
    dataset (thousands of units) to a fraction of a second.
    """

    def __init__(self, units: Sequence[UnitSeries], width: int, min_respondents: int, treated_codes=None):
        self.units, self.width, self.min = list(units), width, min_respondents
        periods = [p for unit in units for p in unit.cells] + [
            p for unit in units if unit.trained_from is not None for p in (unit.trained_from,)
        ]
        self.first = (min(periods) if periods else 0) - width - 1
        last = (max(periods) if periods else 0) + width + 2
        size = last - self.first
        self.n = np.zeros((len(units), size))
        self.total = np.zeros((len(units), size))
        self.total_sq = np.zeros((len(units), size))
        for row, unit in enumerate(units):
            for period, cell in unit.cells.items():
                column = period - self.first
                self.n[row, column], self.total[row, column] = cell.n, cell.total
                self.total_sq[row, column] = cell.total_sq
        self.trained = np.array(
            [np.nan if u.trained_from is None else float(u.trained_from) for u in units], dtype=float
        )
        # Rows of the analysis: trained units (all of them, or those of ``treated_codes``).
        self.rows = [
            i
            for i, u in enumerate(units)
            if u.trained_from is not None and (treated_codes is None or u.code in treated_codes)
        ]
        self.cohorts = sorted({units[i].trained_from for i in self.rows})
        self.cohort_of_row = np.array(
            [self.cohorts.index(units[i].trained_from) for i in self.rows], dtype=int
        )
        self._windows = {t: self._window_sums(t) for t in self.cohorts}

    def _sum(self, array, periods: range):
        return array[:, periods.start - self.first : periods.stop - self.first].sum(axis=1)

    def _window_sums(self, t: int):
        before, after = windows(t, self.width)
        return (self._sum(self.n, before), self._sum(self.total, before), self._sum(self.total_sq, before)), (
            self._sum(self.n, after),
            self._sum(self.total, after),
            self._sum(self.total_sq, after),
        )

    def cells(self, i: int) -> tuple[Cell, Cell]:
        """Unit ``i``'s pooled before and after cells around its own crossing."""
        (nb, tb, sb), (na, ta, sa) = self._windows[self.units[i].trained_from]
        return Cell(int(nb[i]), float(tb[i]), float(sb[i])), Cell(int(na[i]), float(ta[i]), float(sa[i]))

    def changes(self, t: int) -> np.ndarray:
        """Every unit's change over cohort ``t``'s windows where it is a usable control (NaN elsewhere)."""
        (nb, tb, _), (na, ta, _) = self._windows[t]
        eligible = np.isnan(self.trained) | (self.trained > t + self.width)
        usable = eligible & (nb >= self.min) & (na >= self.min)
        result = np.full(len(self.units), np.nan)
        result[usable] = ta[usable] / na[usable] - tb[usable] / nb[usable]
        return result

    def own(self) -> np.ndarray:
        """Each analysed unit's own change (NaN without enough respondents on a side)."""
        values = np.full(len(self.rows), np.nan)
        for row, i in enumerate(self.rows):
            (nb, tb, _), (na, ta, _) = self._windows[self.units[i].trained_from]
            if nb[i] >= self.min and na[i] >= self.min:
                values[row] = ta[i] / na[i] - tb[i] / nb[i]
        return values

    def cohort_matrix(self) -> np.ndarray:
        return np.array([self.changes(t) for t in self.cohorts]).reshape(len(self.cohorts), len(self.units))


def _unit_changes(panel: _Panel) -> list[UnitChange]:
    results = []
    matrix = panel.cohort_matrix()
    for row, i in enumerate(panel.rows):
        unit = panel.units[i]
        before, after = panel.cells(i)
        if before.n < panel.min or after.n < panel.min:
            continue
        control_row = matrix[panel.cohort_of_row[row]]
        valid = np.flatnonzero(~np.isnan(control_row))
        results.append(
            UnitChange(
                code=unit.code,
                trained_from=unit.trained_from,
                before=before,
                after=after,
                change=after.mean - before.mean,
                control_change=float(np.mean(list(control_row[valid]))) if len(valid) else None,
                controls=tuple(panel.units[c].code for c in valid),
            )
        )
    return results


def unit_changes(
    units: Sequence[UnitSeries], width: int, min_respondents: int = 1, treated_codes=None
) -> list[UnitChange]:
    """Before/after changes of every trained unit (or those in ``treated_codes``) with data on both
    sides, and the mean change of its not-yet-trained comparison units over the same periods."""
    return _unit_changes(_Panel(units, width, min_respondents, treated_codes))


def _cohort_estimate(own, cohort_matrix, cohort_of_row, row_weights, col_weights) -> float | None:
    """Mean over analysed units (weighted) of own change minus the weighted mean of controls' change."""
    valid = ~np.isnan(cohort_matrix)
    control_weight = valid @ col_weights
    control_mean = np.divide(
        np.where(valid, cohort_matrix, 0.0) @ col_weights,
        control_weight,
        out=np.full(len(cohort_matrix), np.nan),
        where=control_weight > 0,
    )
    contrast = own - control_mean[cohort_of_row]
    usable = ~np.isnan(contrast) & (row_weights > 0)
    if not usable.any():
        return None
    return float(np.average(contrast[usable], weights=row_weights[usable]))


def did(
    units: Sequence[UnitSeries],
    width: int,
    min_respondents: int = 1,
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
    treated_codes=None,
) -> DidResult:
    """Difference-in-differences with not-yet-trained units as controls, and a cluster bootstrap CI.

    The bootstrap resamples units (trained and never-trained separately, with replacement) and
    recomputes the estimate; the interval is the 2.5th to 97.5th percentile. The seed is fixed so a
    report reads the same each time it is opened. ``treated_codes`` limits the trained units whose
    change is estimated (an OPD head's units); every other unit can still serve as a control, and
    is resampled with the never-trained units.
    """
    panel = _Panel(units, width, min_respondents, treated_codes)
    changes = _unit_changes(panel)
    usable = [c for c in changes if c.control_change is not None]
    treated = [c.code for c in usable]
    controls = sorted({code for c in usable for code in c.controls})
    if not usable:
        return DidResult(None, None, treated, controls, changes)
    own, matrix = panel.own(), panel.cohort_matrix()
    rows = panel.rows
    ones_rows, ones_cols = np.ones(len(rows)), np.ones(len(panel.units))
    estimate = _cohort_estimate(own, matrix, panel.cohort_of_row, ones_rows, ones_cols)
    in_rows = set(rows)
    others = [i for i in range(len(panel.units)) if i not in in_rows]
    if treated_codes is None:
        others = [i for i, u in enumerate(panel.units) if u.trained_from is None]
    rng = np.random.default_rng(seed)
    draws = []
    for _ in range(samples):
        picked_treated = np.bincount(rng.integers(0, len(rows), len(rows)), minlength=len(rows)).astype(float)
        col_weights = np.zeros(len(panel.units))
        col_weights[rows] = picked_treated
        if others:
            picked_others = np.bincount(rng.integers(0, len(others), len(others)), minlength=len(others))
            col_weights[others] = picked_others
        value = _cohort_estimate(own, matrix, panel.cohort_of_row, picked_treated, col_weights)
        if value is not None:
            draws.append(value)
    if len(draws) < samples // 2:
        return DidResult(estimate, None, treated, controls, changes)
    low, high = np.percentile(draws, [2.5, 97.5])
    return DidResult(estimate, (float(low), float(high)), treated, controls, changes)


@dataclass(frozen=True)
class EventPoint:
    """Mean IKM of trained units ``offset`` periods from their crossing, and of their controls."""

    offset: int
    treated_mean: float | None
    control_mean: float | None
    treated_n: int
    control_n: int


def event_study(units: Sequence[UnitSeries], width: int, treated_codes=None) -> list[EventPoint]:
    """The pre-trend chart: offsets -width..+width (0 is the crossing period), pooled per side.

    Each trained unit adds its own cell at the offset, and the cells of all its comparison units
    (not trained before the end of its after-window) at the same calendar period.
    """
    panel = _Panel(units, width, 0, treated_codes)
    per_cohort = {t: sum(1 for i in panel.rows if panel.units[i].trained_from == t) for t in panel.cohorts}
    points = []
    for offset in range(-width, width + 1):
        treated_cell, control_cell = Cell(0, 0.0, 0.0), Cell(0, 0.0, 0.0)
        for i in panel.rows:
            period = panel.units[i].trained_from + offset
            treated_cell = treated_cell + panel.units[i].cells.get(period, Cell(0, 0.0, 0.0))
        for t, count in per_cohort.items():
            column = t + offset - panel.first
            eligible = np.isnan(panel.trained) | (panel.trained > t + width)
            n = float(panel.n[eligible, column].sum()) * count
            total = float(panel.total[eligible, column].sum()) * count
            total_sq = float(panel.total_sq[eligible, column].sum()) * count
            control_cell = control_cell + Cell(int(n), total, total_sq)
        points.append(
            EventPoint(offset, treated_cell.mean, control_cell.mean, treated_cell.n, control_cell.n)
        )
    return points


@dataclass(frozen=True)
class LinearFit:
    """y = intercept + slope * x over ``n`` points, with the slope's 95% interval."""

    n: int
    slope: float | None
    intercept: float | None
    low: float | None
    high: float | None
    r: float | None


def linear_fit(xs: Sequence[float], ys: Sequence[float]) -> LinearFit:
    """Ordinary least squares (the dose-response view); None values when fewer than 3 points."""
    if len(xs) != len(ys):
        raise ValueError("xs and ys differ in length")
    n = len(xs)
    if n < 3 or len(set(xs)) < 2:
        return LinearFit(n, None, None, None, None, None)
    fit = scipy_stats.linregress(xs, ys)
    half = scipy_stats.t.ppf(0.5 + CONFIDENCE / 2, n - 2) * fit.stderr
    return LinearFit(
        n,
        float(fit.slope),
        float(fit.intercept),
        float(fit.slope - half),
        float(fit.slope + half),
        float(fit.rvalue),
    )
