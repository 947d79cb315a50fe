"""The first, plainly written difference-in-differences (loops over units), kept as the reference the
vectorised ``stats.did`` must agree with."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from companion_service.evaluation.stats import (
    BOOTSTRAP_SAMPLES,
    BOOTSTRAP_SEED,
    Cell,
    DidResult,
    EventPoint,
    UnitChange,
    UnitSeries,
    windows,
)


def _is_control_for(candidate: UnitSeries, treated: UnitSeries, width: int) -> bool:
    """Not trained before the end of the treated unit's after-window."""
    end_of_after = treated.trained_from + width
    return candidate.code != treated.code and (
        candidate.trained_from is None or candidate.trained_from > end_of_after
    )


def unit_changes(units: Sequence[UnitSeries], width: int, min_respondents: int = 1) -> list[UnitChange]:
    """Before/after changes of every trained unit with data on both sides, and its controls' change."""
    results = []
    for unit in units:
        if unit.trained_from is None:
            continue
        before_periods, after_periods = windows(unit.trained_from, width)
        before, after = unit.pooled(before_periods), unit.pooled(after_periods)
        if before.n < min_respondents or after.n < min_respondents:
            continue
        control_deltas, control_codes = [], []
        for candidate in units:
            if not _is_control_for(candidate, unit, width):
                continue
            c_before, c_after = candidate.pooled(before_periods), candidate.pooled(after_periods)
            if c_before.n >= min_respondents and c_after.n >= min_respondents:
                control_deltas.append(c_after.mean - c_before.mean)
                control_codes.append(candidate.code)
        results.append(
            UnitChange(
                code=unit.code,
                trained_from=unit.trained_from,
                before=before,
                after=after,
                change=after.mean - before.mean,
                control_change=float(np.mean(control_deltas)) if control_deltas else None,
                controls=tuple(control_codes),
            )
        )
    return results


def _contrast_matrix(units: Sequence[UnitSeries], width: int, min_respondents: int):
    """For each trained unit i: its change, and every unit c's change over i's windows when c is a
    usable control for i (NaN otherwise). Built once; the bootstrap only reweights it."""
    treated_index = [i for i, u in enumerate(units) if u.trained_from is not None]
    own = np.full(len(treated_index), np.nan)
    matrix = np.full((len(treated_index), len(units)), np.nan)
    for row, i in enumerate(treated_index):
        unit = units[i]
        before_periods, after_periods = windows(unit.trained_from, width)
        before, after = unit.pooled(before_periods), unit.pooled(after_periods)
        if before.n < min_respondents or after.n < min_respondents:
            continue
        own[row] = after.mean - before.mean
        for col, candidate in enumerate(units):
            if not _is_control_for(candidate, unit, width):
                continue
            c_before, c_after = candidate.pooled(before_periods), candidate.pooled(after_periods)
            if c_before.n >= min_respondents and c_after.n >= min_respondents:
                matrix[row, col] = c_after.mean - c_before.mean
    return treated_index, own, matrix


def _weighted_estimate(own, matrix, row_weights, col_weights) -> float | None:
    """Mean over trained units (weighted) of own change minus the weighted mean of controls' change."""
    valid = ~np.isnan(matrix)
    weights = valid * col_weights
    control_weight = weights.sum(axis=1)
    control_mean = np.divide(
        np.where(valid, matrix, 0.0) @ col_weights,
        control_weight,
        out=np.full(len(own), np.nan),
        where=control_weight > 0,
    )
    contrast = own - control_mean
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
) -> DidResult:
    """Difference-in-differences with not-yet-trained units as controls, and a cluster bootstrap CI.

    The bootstrap resamples units (trained and never-trained separately, with replacement) and
    recomputes the estimate; the interval is the 2.5th to 97.5th percentile. The seed is fixed so a
    report reads the same each time it is opened.
    """
    changes = unit_changes(units, width, min_respondents)
    usable = [c for c in changes if c.control_change is not None]
    treated = [c.code for c in usable]
    controls = sorted({code for c in usable for code in c.controls})
    if not usable:
        return DidResult(None, None, treated, controls, changes)
    treated_index, own, matrix = _contrast_matrix(units, width, min_respondents)
    ones_rows, ones_cols = np.ones(len(treated_index)), np.ones(len(units))
    estimate = _weighted_estimate(own, matrix, ones_rows, ones_cols)
    never_index = [i for i, u in enumerate(units) if u.trained_from is None]
    rng = np.random.default_rng(seed)
    draws = []
    for _ in range(samples):
        picked_treated = np.bincount(
            rng.integers(0, len(treated_index), len(treated_index)), minlength=len(treated_index)
        ).astype(float)
        col_weights = np.zeros(len(units))
        col_weights[treated_index] = picked_treated
        if never_index:
            picked_never = np.bincount(
                rng.integers(0, len(never_index), len(never_index)), minlength=len(never_index)
            )
            col_weights[never_index] = picked_never
        value = _weighted_estimate(own, matrix, picked_treated, col_weights)
        if value is not None:
            draws.append(value)
    if len(draws) < samples // 2:
        return DidResult(estimate, None, treated, controls, changes)
    low, high = np.percentile(draws, [2.5, 97.5])
    return DidResult(estimate, (float(low), float(high)), treated, controls, changes)


def event_study(units: Sequence[UnitSeries], width: int) -> list[EventPoint]:
    """The pre-trend chart: offsets -width..+width (0 is the crossing period), pooled per side."""
    points = []
    for offset in range(-width, width + 1):
        treated_cell, control_cell = Cell(0, 0.0, 0.0), Cell(0, 0.0, 0.0)
        for unit in units:
            if unit.trained_from is None:
                continue
            period = unit.trained_from + offset
            treated_cell = treated_cell + unit.cells.get(period, Cell(0, 0.0, 0.0))
            for candidate in units:
                if _is_control_for(candidate, unit, width):
                    control_cell = control_cell + candidate.cells.get(period, Cell(0, 0.0, 0.0))
        points.append(
            EventPoint(offset, treated_cell.mean, control_cell.mean, treated_cell.n, control_cell.n)
        )
    return points
