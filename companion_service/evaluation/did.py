"""The difference-in-differences of the impact analysis, as pure functions over plain numbers.

A unit (or OPD, at the OPD level) is *trained from* the period it crossed the training threshold.
For each trained unit: its IKM over the ``width`` periods after that period minus its IKM over the
``width`` periods before (respondents pooled; the crossing period itself is left out), minus the
mean of the same change among units *not trained by the end of its after-window* (never trained, or
trained later: "clean" controls). The estimate is the mean over trained units (ADR 0063, 0090).

The estimate is a weighted sum of unit changes (``Contrasts``): one row per (cohort, unit) pair,
where a cohort is the trained units that crossed in the same period and share their controls. The
inference (``inference``) reweights those rows. ``event_study`` gives the pre-trend chart over a
fixed set of units; the placebo (``placebo_changes``) moves the "training" one period earlier.

Everything here describes an association, never proof of cause.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .inference import infer
from .panel import Panel, UnitChange, UnitSeries, contrasts, unit_changes
from .stats import Cell


@dataclass(frozen=True)
class EventPoint:
    """Mean IKM of trained units ``offset`` periods from their crossing, and of their controls."""

    offset: int
    treated_mean: float | None
    control_mean: float | None
    treated_n: int
    control_n: int
    treated_units: int = 0
    control_units: int = 0


def event_study(units: Sequence[UnitSeries], width: int, treated_codes=None) -> list[EventPoint]:
    """The pre-trend chart: offsets -width..+width (0 is the crossing period), pooled per side.

    The same units at every offset: a trained unit is drawn when it has respondents in every period
    of its windows (-width..+width), and with it the comparison units (not trained by the end of its
    after-window) that have respondents in all those periods. A unit whose window is cut at the
    edge of the data is left out of the chart rather than dropping out of one line part way.
    """
    panel = Panel(units, width, 0, treated_codes)
    treated_cells = {o: Cell(0, 0.0, 0.0) for o in range(-width, width + 1)}
    control_cells = dict(treated_cells)
    treated_units, control_units = set(), set()
    for t in panel.cohorts:
        span = range(t - width, t + width + 1)
        columns = [p - panel.first for p in span]
        complete = (panel.n[:, columns] > 0).all(axis=1)
        members = np.flatnonzero(panel.analysed & (panel.trained == t) & complete)
        if not len(members):
            continue
        controls = np.flatnonzero(panel.eligible(t) & complete)
        treated_units.update(int(i) for i in members)
        control_units.update(int(i) for i in controls)
        for offset, column in zip(range(-width, width + 1), columns, strict=True):
            for cells, rows, times in ((treated_cells, members, 1), (control_cells, controls, len(members))):
                cells[offset] = cells[offset] + Cell(
                    int(panel.n[rows, column].sum()) * times,
                    float(panel.total[rows, column].sum()) * times,
                    float(panel.total_sq[rows, column].sum()) * times,
                )
    return [
        EventPoint(
            offset,
            treated_cells[offset].mean,
            control_cells[offset].mean,
            treated_cells[offset].n,
            control_cells[offset].n,
            len(treated_units),
            len(control_units),
        )
        for offset in range(-width, width + 1)
    ]


@dataclass(frozen=True)
class DidResult:
    """The average over trained units of (their change - the not-yet-trained units' change), and
    what can be said about it (``inference.Inference``)."""

    estimate: float | None
    ci95: tuple[float, float] | None
    treated_units: list[str]
    control_units: list[str]
    per_unit: list[UnitChange] = field(default_factory=list)
    inference: object | None = None  # inference.Inference


def did(
    units: Sequence[UnitSeries],
    width: int,
    min_respondents: int = 1,
    treated_codes=None,
    data_periods: tuple[int, int] | None = None,
    **options,
) -> DidResult:
    """Difference-in-differences with clean not-yet-trained controls, with its inference.

    ``treated_codes`` limits the trained units whose change is estimated (an OPD head's units);
    every other unit can still serve as a control. ``options`` go to ``inference.infer`` (draws,
    permutations, seed).
    """
    panel = Panel(units, width, min_respondents, treated_codes)
    rows = contrasts(panel)
    changes = unit_changes(panel)
    used = set(rows.units_of(True).tolist())
    treated = [panel.units[i].code for i in sorted(used)]
    controls = sorted(panel.units[i].code for i in rows.units_of(False))
    if rows.estimate is None:
        return DidResult(None, None, treated, controls, changes, None)
    result = infer(panel, rows, **options)
    return DidResult(rows.estimate, result.ci95, treated, controls, changes, result)
