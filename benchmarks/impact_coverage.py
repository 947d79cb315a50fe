"""Does the impact interval cover the true effect, and does ``pretrend`` fire when it should?

    .venv/bin/python -m benchmarks.impact_coverage [--cities 500] [--sweep 200]

Simulates Sibolga-sized cities: 30 service units in 12 OPDs (six OPDs of three units, six of two),
8 quarters, 40-120 respondents per unit and quarter. A unit's quarter mean is
75 + unit effect (sd 4) + quarter effect (sd 1) + OPD-quarter shock (sd 0.5) + unit-quarter shock
(sd 1) + the effect after training; each respondent's score scatters around it with sd 9 IKM points,
and the cell's mean and sum of squares are drawn from that (normal mean, chi-square variance). The
draws are vectorised over cities with numpy; each city then goes through the production code
(``did.did``: estimate, wild cluster bootstrap, placebo, randomization inference).

Scenarios (window 2, minimum 5 respondents):

1. *clean, unit level*: 60% of units are trained, each from a quarter drawn from 2-7, effect +3;
2. *pre-trend violation*: the same, no effect, but units that will be trained rise 1.5 points a
   quarter faster throughout (the issue's synthetic city);
3. *clean, OPD level*: training assigned per OPD (60% of OPDs), clustered per OPD;
4. *cluster sweeps*: k trained units (dates 2-5) and k (then 20) never trained, k = 2..10, to
   decide below how many clusters no interval is given (``inference.MIN_CLUSTERS``, ADR 0091).

Reported: the share of intervals covering the truth (goal 93-97%), their mean width, how often
``pretrend`` fires, randomization inference's coverage, the mean minimum detectable effect, and the
runtime. Goals are figures to read, never asserts.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from companion_service.evaluation.did import did
from companion_service.evaluation.inference import infer
from companion_service.evaluation.panel import Panel, UnitSeries, contrasts
from companion_service.evaluation.stats import Cell

QUARTERS = 8
OPD_SIZES = [3] * 6 + [2] * 6
OPD_OF_UNIT = np.repeat(np.arange(len(OPD_SIZES)), OPD_SIZES)
UNITS = len(OPD_OF_UNIT)
EFFECT = 3.0
RESPONDENT_SD = 9.0


def training_dates(rng, cities: int, level: str) -> np.ndarray:
    """Cities x units: the quarter each unit crossed the threshold (NaN: never)."""
    if level == "opd":
        opd_dates = np.where(
            rng.random((cities, len(OPD_SIZES))) < 0.6,
            rng.integers(2, QUARTERS, (cities, len(OPD_SIZES))),
            -1,
        )
        dates = opd_dates[:, OPD_OF_UNIT].astype(float)
    else:
        dates = np.where(rng.random((cities, UNITS)) < 0.6, rng.integers(2, QUARTERS, (cities, UNITS)), -1)
        dates = dates.astype(float)
    dates[dates < 0] = np.nan
    return dates


def simulate(rng, dates: np.ndarray, effect: float, trend: float = 0.0, opd_of_unit=OPD_OF_UNIT):
    """Cells (n, sum, sum of squares) for cities x units x quarters."""
    cities, units = dates.shape
    opds = int(opd_of_unit.max()) + 1
    quarter = np.arange(QUARTERS)[None, None, :]
    trained = ~np.isnan(dates)[:, :, None]
    after = trained & (quarter > np.nan_to_num(dates, nan=99)[:, :, None])
    mean = (
        75
        + rng.normal(0, 4, (cities, units, 1))
        + rng.normal(0, 1, (cities, 1, QUARTERS))
        + rng.normal(0, 0.5, (cities, opds, QUARTERS))[:, opd_of_unit, :]
        + rng.normal(0, 1, (cities, units, QUARTERS))
        + effect * after
        + trend * quarter * trained
    )
    n = rng.integers(40, 121, (cities, units, QUARTERS)).astype(float)
    sample_mean = rng.normal(mean, RESPONDENT_SD / np.sqrt(n))
    sample_var = RESPONDENT_SD**2 * rng.chisquare(n - 1) / (n - 1)
    return n, sample_mean * n, (n - 1) * sample_var + n * sample_mean**2


def city_units(c, dates, n, total, total_sq, clusters=None) -> list[UnitSeries]:
    units = []
    for u in range(dates.shape[1]):
        cells = {
            q: Cell(int(n[c, u, q]), float(total[c, u, q]), float(total_sq[c, u, q])) for q in range(QUARTERS)
        }
        date = None if np.isnan(dates[c, u]) else int(dates[c, u])
        cluster = None if clusters is None else f"OPD{clusters[u]:02d}"
        units.append(UnitSeries(f"U{u:02d}", cells, date, cluster))
    return units


def run(
    rng, cities, level, effect, trend=0.0, randomize=True, dates=None, opd_of_unit=OPD_OF_UNIT, draws=1999
):
    dates = training_dates(rng, cities, level) if dates is None else dates
    n, total, total_sq = simulate(rng, dates, effect, trend, opd_of_unit)
    out = {"covered": [], "width": [], "ri_covered": [], "pretrend": [], "tested": [], "mde": [], "few": 0}
    for c in range(cities):
        units = city_units(c, dates, n, total, total_sq, opd_of_unit if level == "opd" else None)
        result = did(units, 2, 5, draws=draws, randomize=randomize)
        inference = result.inference
        if inference is None:
            out["few"] += 1
            continue
        out["tested"].append(inference.pretrend_tested)
        out["pretrend"].append(inference.pretrend)
        if inference.mde is not None:
            out["mde"].append(inference.mde)
        if inference.few_clusters or result.ci95 is None:
            out["few"] += 1
            continue
        low, high = result.ci95
        out["covered"].append(low <= effect <= high)
        out["width"].append(high - low)
        if inference.randomization is not None and inference.randomization.ci95 is not None:
            ri_low, ri_high = inference.randomization.ci95
            out["ri_covered"].append(ri_low <= effect <= ri_high)
    return out


def share(values) -> str:
    return f"{np.mean(values):.1%} of {len(values)}" if len(values) else "n/a"


def report(name, out) -> None:
    print(f"\n{name}")
    print(f"  interval covers the truth: {share(out['covered'])} (goal 93-97%)")
    if out["width"]:
        print(f"  mean interval width: {np.mean(out['width']):.2f} IKM points")
    print(f"  randomization interval covers: {share(out['ri_covered'])}")
    tested = [p for p, t in zip(out["pretrend"], out["tested"], strict=True) if t]
    print(f"  pretrend fires: {share(tested)} of cities where it was tested ({share(out['tested'])} tested)")
    if out["mde"]:
        print(f"  mean minimum detectable effect: {np.mean(out['mde']):.2f} IKM points")
    print(f"  cities without an interval (few clusters): {out['few']}")


def sweep(rng, cities, draws, comparison=None) -> None:
    """k trained units (dates 2-5) and k (or ``comparison``) never trained: coverage at each k."""
    others = "k" if comparison is None else str(comparison)
    print(f"\ncluster sweep (k trained and {others} comparison units; interval forced on)")
    for k in (2, 3, 4, 5, 6, 8, 10):
        size = k + (k if comparison is None else comparison)
        dates = np.full((cities, size), np.nan)
        dates[:, :k] = rng.integers(2, 6, (cities, k))
        opd_of_unit = np.arange(size)
        n, total, total_sq = simulate(rng, dates, EFFECT, 0.0, opd_of_unit)
        covered, pretrend, widths, analysed = [], [], [], 0
        for c in range(cities):
            units = city_units(c, dates, n, total, total_sq)
            panel = Panel(units, 2, 5)
            rows = contrasts(panel)
            if rows.estimate is None:
                continue
            result = infer(panel, rows, draws=draws, min_clusters=1, randomize=False)
            analysed += 1
            if result.ci95 is not None:
                covered.append(result.ci95[0] <= EFFECT <= result.ci95[1])
                widths.append(result.ci95[1] - result.ci95[0])
            if result.pretrend_tested:
                pretrend.append(result.pretrend)
        bounded = len(covered) / analysed if analysed else 0
        width = f"{np.median(widths):.2f}" if widths else "n/a"
        print(
            f"  k={k:2d}: interval bounded in {bounded:.0%}; covers {share(covered)}; median width {width}; "
            f"pretrend fires {share(pretrend)} (no violation)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cities", type=int, default=500)
    parser.add_argument("--sweep", type=int, default=200, help="cities per k in the sweep (0: skip)")
    parser.add_argument("--draws", type=int, default=1999)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    started = time.perf_counter()
    for name, level, effect, trend in (
        ()
        if args.cities == 0
        else (
            ("clean city, unit level (effect +3)", "unit", EFFECT, 0.0),
            ("pre-trend violation (trained units +1.5 a quarter, no effect)", "unit", 0.0, 1.5),
            ("clean city, OPD level (effect +3)", "opd", EFFECT, 0.0),
        )
    ):
        began = time.perf_counter()
        out = run(rng, args.cities, level, effect, trend, draws=args.draws)
        report(f"{name}: {args.cities} cities, {time.perf_counter() - began:.1f} s", out)
    if args.sweep:
        for comparison in (None, 20):
            began = time.perf_counter()
            sweep(rng, args.sweep, args.draws, comparison)
            print(f"  ({time.perf_counter() - began:.1f} s)")
    print(f"\ntotal runtime: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
