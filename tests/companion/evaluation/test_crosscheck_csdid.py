"""The impact estimate checked against the field's library: csdid (Callaway & Sant'Anna 2021).

On the same unit-quarter panel (each cell's mean IKM), our difference-in-differences with a window
of one quarter is Callaway & Sant'Anna's group-time ATT with not-yet-treated controls, ATT(g, g+1)
with base period g-1, where g is the quarter a unit crossed the threshold; our mean over trained
units is those ATTs weighted by group size, which is csdid's event-time ("dynamic") aggregation at
e = 1. See ADR 0092 for the mapping and why wider windows pool quarters instead.
"""

import random
import warnings

import numpy as np
import pandas as pd
import pytest

from companion_service.evaluation.did import did
from companion_service.evaluation.panel import Panel, UnitSeries, unit_changes
from companion_service.evaluation.stats import Cell

PERIODS = 8


def panel_units(seed: int, count: int = 30) -> list[UnitSeries]:
    """A balanced panel: staggered crossings (quarters 2-7, some never), 40-120 respondents a cell,
    a unit effect, a common trend, noise, and +3 after the crossing."""
    rng = random.Random(seed)
    units = []
    for index in range(count):
        trained = rng.choice([None, None, None, 2, 3, 3, 4, 4, 5, 6, 7])
        base = rng.uniform(65, 85)
        cells = {}
        for period in range(PERIODS):
            n = rng.randint(40, 120)
            mean = (
                base
                + 0.5 * period
                + rng.gauss(0, 1.5)
                + (3.0 if trained is not None and period > trained else 0)
            )
            spread = rng.uniform(6, 12)
            cells[period] = Cell(n, mean * n, n * mean * mean + (n - 1) * spread**2)
        units.append(UnitSeries(f"U{index:02d}", cells, trained))
    return units


def library_att(units: list[UnitSeries]):
    """csdid on the cell means: periods 1..8, group = crossing quarter + 1 (0: never trained)."""
    from csdid.att_gt import ATTgt

    rows = [
        {
            "id": index,
            "period": period + 1,
            "group": 0 if unit.trained_from is None else unit.trained_from + 1,
            "ikm": unit.cells[period].mean,
        }
        for index, unit in enumerate(units)
        for period in range(PERIODS)
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fitted = ATTgt(
            yname="ikm",
            tname="period",
            idname="id",
            gname="group",
            data=pd.DataFrame(rows),
            control_group="notyettreated",
        ).fit(est_method="reg", bstrap=False)
        results = fitted.results
        dynamic = fitted.aggte(typec="dynamic", bstrap=False).atte
    att = {
        (int(g), int(t)): float(value)
        for g, t, value in zip(results["group"], results["year"], results["att"], strict=True)
    }
    by_event = dict(
        zip(np.asarray(dynamic["egt"]).tolist(), np.asarray(dynamic["att_egt"]).tolist(), strict=True)
    )
    return att, by_event


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_estimate_equals_callaway_santanna_with_not_yet_treated_controls(seed):
    units = panel_units(seed)
    att, by_event = library_att(units)
    ours = did(units, width=1, min_respondents=1, draws=99, randomize=False)
    # Per cohort: our trained units' change minus their controls' equals ATT(g, g+1).
    changes = unit_changes(Panel(units, 1, 1))
    cohorts = {}
    for change in changes:
        if change.control_change is not None:
            cohorts.setdefault(change.trained_from, []).append(change.change - change.control_change)
    assert cohorts, "the panel must have trained units with comparisons"
    for crossing, contrasts in cohorts.items():
        g = crossing + 1
        assert np.mean(contrasts) == pytest.approx(att[(g, g + 1)], abs=1e-6)
    # Aggregated the same way: weighted by the number of trained units in each cohort.
    sizes = {crossing: len(contrasts) for crossing, contrasts in cohorts.items()}
    weighted = sum(sizes[c] * att[(c + 1, c + 2)] for c in sizes) / sum(sizes.values())
    assert ours.estimate == pytest.approx(weighted, abs=1e-6)
    # ... which is csdid's own event-time aggregation at one quarter after the crossing quarter.
    assert ours.estimate == pytest.approx(by_event[1], abs=1e-6)


def test_a_unit_trained_later_is_a_control_until_it_is_trained():
    # Check the control rule itself against the library on a panel built for it: a cohort crossing
    # at 3 compares with one crossing at 5 (not trained by the end of the after-window, quarter 4)
    # but not with one crossing at 4.
    units = panel_units(7, count=12)
    units = [
        UnitSeries(u.code, u.cells, {0: 3, 1: 3, 2: 4, 3: 4, 4: 5, 5: 5}.get(i)) for i, u in enumerate(units)
    ]
    att, _ = library_att(units)
    changes = {c.code: c for c in unit_changes(Panel(units, 1, 1))}
    assert set(changes["U00"].controls) == {"U04", "U05", *[f"U{i:02d}" for i in range(6, 12)]}
    contrasts = [changes[code].change - changes[code].control_change for code in ("U00", "U01")]
    assert np.mean(contrasts) == pytest.approx(att[(4, 5)], abs=1e-6)
