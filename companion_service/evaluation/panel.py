"""The panel of the impact analysis and its contrasts, as pure functions over plain numbers: each
unit's IKM series (``UnitSeries``), the before and after windows around a unit's crossing, the
panel of units (``Panel``), the weighted rows of unit changes the estimate sums (``Contrasts``) and
each trained unit's change against its clean controls (``unit_changes``). ``did`` estimates from
them and ``inference`` reweights them (ADR 0063, 0090).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .stats import Cell


@dataclass(frozen=True)
class UnitSeries:
    """A unit's IKM cells by period index, and the period it crossed the threshold."""

    code: str
    cells: Mapping[int, Cell]
    trained_from: int | None  # None: not trained (yet) in the data
    cluster: str | None = None  # where training was assigned (its OPD at the OPD level); None: itself

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


def placebo_windows(trained_from: int, width: int) -> tuple[range, range]:
    """The placebo: "training" one period early. After = the period just before the crossing (t-1);
    before = the ``width`` periods before that."""
    return range(trained_from - 1 - width, trained_from - 1), range(trained_from - 1, trained_from)


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


class Panel:
    """The units' cells as arrays (units x periods), so windows of every unit are summed at once."""

    def __init__(self, units: Sequence[UnitSeries], width: int, min_respondents: int, treated_codes=None):
        self.units, self.width, self.min = list(units), width, min_respondents
        periods = [p for unit in units for p in unit.cells] + [
            unit.trained_from for unit in units if unit.trained_from is not None
        ]
        self.first = (min(periods) if periods else 0) - width - 2
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
        # Units whose change is estimated: the trained ones (all, or those of ``treated_codes``).
        self.scope = np.array([treated_codes is None or u.code in treated_codes for u in units], dtype=bool)
        self.analysed = self.scope & ~np.isnan(self.trained)
        clusters = [u.cluster or u.code for u in units]
        names = sorted(set(clusters))
        self.cluster_names = names
        self.cluster = np.array([names.index(c) for c in clusters], dtype=int)
        self.cohorts = sorted({int(t) for t in self.trained[self.analysed]})

    def window(self, array, periods: range) -> np.ndarray:
        start, stop = periods.start - self.first, periods.stop - self.first
        start, stop = max(start, 0), max(min(stop, array.shape[1]), 0)
        if stop <= start:
            return np.zeros(array.shape[0])
        return array[:, start:stop].sum(axis=1)

    def change(self, before: range, after: range, values=None) -> np.ndarray:
        """Every unit's pooled mean over ``after`` minus over ``before`` (NaN without ``min``
        respondents on a side). ``values`` (units x periods) replaces the respondents' sums: the
        pooled mean of any per-cell value, weighted by respondents."""
        totals = self.total if values is None else values * self.n
        nb, na = self.window(self.n, before), self.window(self.n, after)
        usable = (nb >= max(self.min, 1)) & (na >= max(self.min, 1))
        result = np.full(len(self.units), np.nan)
        result[usable] = self.window(totals, after)[usable] / na[usable] - (
            self.window(totals, before)[usable] / nb[usable]
        )
        return result

    def changes(self, t: int, placebo: bool = False, values=None) -> np.ndarray:
        before, after = (placebo_windows if placebo else windows)(t, self.width)
        return self.change(before, after, values)

    def eligible(self, t: int, dates=None) -> np.ndarray:
        """Units that can compare with cohort ``t``: not trained by the end of its after-window."""
        dates = self.trained if dates is None else dates
        return np.isnan(dates) | (dates > t + self.width)


@dataclass(frozen=True)
class Contrasts:
    """The estimate as sum(weight x change) over (cohort, unit) rows: a treated row weighs 1/N (N
    trained units analysed), a control row -(n_g/N)/|C_g| (n_g trained units in cohort g, |C_g| its
    usable controls)."""

    cohort: np.ndarray
    unit: np.ndarray
    treated: np.ndarray
    change: np.ndarray
    weight: np.ndarray

    @property
    def estimate(self) -> float | None:
        return float(self.weight @ self.change) if len(self.weight) else None

    def units_of(self, treated: bool) -> np.ndarray:
        return np.unique(self.unit[self.treated == treated])


def contrasts(
    panel: Panel, placebo: bool = False, changes: Mapping[int, np.ndarray] | None = None
) -> Contrasts:
    """The rows of the estimate (or of the placebo) over the panel's trained units."""
    parts = []
    for t in panel.cohorts:
        delta = changes[t] if changes is not None else panel.changes(t, placebo)
        valid = ~np.isnan(delta)
        treated = np.flatnonzero(panel.analysed & (panel.trained == t) & valid)
        controls = np.flatnonzero(panel.eligible(t) & valid)
        if len(treated) and len(controls):
            parts.append((t, treated, controls, delta))
    total = sum(len(treated) for _, treated, _, _ in parts)
    cohort, unit, is_treated, change, weight = [], [], [], [], []
    for t, treated, controls, delta in parts:
        for indexes, flag, w in (
            (treated, True, 1 / total),
            (controls, False, -len(treated) / total / len(controls)),
        ):
            cohort.append(np.full(len(indexes), t))
            unit.append(indexes)
            is_treated.append(np.full(len(indexes), flag))
            change.append(delta[indexes])
            weight.append(np.full(len(indexes), w))
    if not parts:
        empty = np.zeros(0)
        return Contrasts(empty.astype(int), empty.astype(int), empty.astype(bool), empty, empty)
    return Contrasts(*(np.concatenate(x) for x in (cohort, unit, is_treated, change, weight)))


def unit_changes(panel: Panel) -> list[UnitChange]:
    """Each analysed trained unit with enough respondents on both sides, and its controls' change."""
    results = []
    for t in panel.cohorts:
        delta = panel.changes(t)
        controls = np.flatnonzero(panel.eligible(t) & ~np.isnan(delta))
        before, after = windows(t, panel.width)
        for i in np.flatnonzero(panel.analysed & (panel.trained == t)):
            if np.isnan(delta[i]):
                continue
            unit = panel.units[i]
            results.append(
                UnitChange(
                    code=unit.code,
                    trained_from=t,
                    before=unit.pooled(before),
                    after=unit.pooled(after),
                    change=float(delta[i]),
                    control_change=float(delta[controls].mean()) if len(controls) else None,
                    controls=tuple(panel.units[c].code for c in controls),
                )
            )
    order = {u.code: i for i, u in enumerate(panel.units)}
    return sorted(results, key=lambda change: order[change.code])
