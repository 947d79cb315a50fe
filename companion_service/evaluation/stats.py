"""Statistics of the evaluation, as pure functions over plain numbers (no database, no Django).

- ``rate``: a share estimated from a sample, with its Wilson 95% interval, suppressed when fewer
  than 5 people are counted;
- ``share``: a share of everyone (the whole roster, every registrant): a count, so no interval;
- ``Mean``: a mean with its t-based 95% interval, built from raw values or from SQL aggregates
  (count, sum, sum of squares) so pages never load rows; ``Mean.census_from_sums`` is the mean of
  everyone, without an interval;
- ``difference``: after minus before, with a Welch 95% interval;
- ``normalised_gain``: g = (post - pre) / (max - pre) (Hake), undefined when pre is already max;
- ``Cell``: the respondents of a unit in a period (count, sum, sum of squares), which the
  difference-in-differences (``did``) and its inference (``inference``) read;
- ``linear_fit``: the dose-response slope with its 95% interval.

Everything here describes an association, never proof of cause.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from scipy import stats as scipy_stats

MIN_CELL = 5  # cells about fewer people than this are suppressed
CONFIDENCE = 0.95
Z95 = 1.959963984540054


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


def share(k: int, n: int, min_cell: int = MIN_CELL) -> Rate:
    """k of all n people (a census: nothing sampled, so no interval); suppressed when n < ``min_cell``."""
    if k < 0 or n < 0 or k > n:
        raise ValueError(f"a share needs 0 <= k <= n, got k={k}, n={n}")
    if n < min_cell:
        return Rate(k, n, None, None, None, True)
    return Rate(k, n, k / n, None, None, False)


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
    def census_from_sums(cls, n: int, total: float, total_sq: float, min_cell: int = MIN_CELL) -> Mean:
        """The mean of everyone (e.g. JP per ASN of the whole roster): its spread, but no interval."""
        mean = cls.from_sums(n, total, total_sq, min_cell)
        return cls(mean.n, mean.value, mean.sd, None, None, mean.suppressed)

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


# --- Cells of respondents (the difference-in-differences is in ``did``) -----------------------------


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
