"""The first, plainly written difference-in-differences (loops over units), kept as the reference the
vectorised ``did.did`` must agree with (estimate, per-unit changes, pre-trend chart)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from companion_service.evaluation.did import EventPoint
from companion_service.evaluation.panel import UnitChange, UnitSeries, windows
from companion_service.evaluation.stats import Cell


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


def estimate(units: Sequence[UnitSeries], width: int, min_respondents: int = 1) -> float | None:
    """The mean over trained units (with controls) of their change minus their controls' mean change."""
    contrasts = [
        c.change - c.control_change
        for c in unit_changes(units, width, min_respondents)
        if c.control_change is not None
    ]
    return float(np.mean(contrasts)) if contrasts else None


def event_study(units: Sequence[UnitSeries], width: int) -> list[EventPoint]:
    """The pre-trend chart: offsets -width..+width, pooled per side, over the trained units with
    respondents at every offset and, for each, its controls with respondents in the same periods."""
    offsets = range(-width, width + 1)
    treated_cells = {o: Cell(0, 0.0, 0.0) for o in offsets}
    control_cells = dict(treated_cells)
    treated_codes, control_codes = set(), set()
    for unit in units:
        if unit.trained_from is None:
            continue
        periods = [unit.trained_from + o for o in offsets]
        if any(unit.cells.get(p, Cell(0, 0.0, 0.0)).n == 0 for p in periods):
            continue
        treated_codes.add(unit.code)
        for offset, period in zip(offsets, periods, strict=True):
            treated_cells[offset] = treated_cells[offset] + unit.cells[period]
        for candidate in units:
            if not _is_control_for(candidate, unit, width):
                continue
            if any(candidate.cells.get(p, Cell(0, 0.0, 0.0)).n == 0 for p in periods):
                continue
            control_codes.add(candidate.code)
            for offset, period in zip(offsets, periods, strict=True):
                control_cells[offset] = control_cells[offset] + candidate.cells[period]
    return [
        EventPoint(
            o,
            treated_cells[o].mean,
            control_cells[o].mean,
            treated_cells[o].n,
            control_cells[o].n,
            len(treated_codes),
            len(control_codes),
        )
        for o in offsets
    ]
