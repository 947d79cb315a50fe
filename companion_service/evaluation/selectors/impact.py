"""The impact analysis: each unit's IKM before and after the quarter it crossed the training
threshold (its own staff's share trained, or its OPD's at the OPD level), the difference-in-
differences against units not yet trained with what the data can carry (interval, warnings,
pre-trend test, minimum detectable effect), the pre-trend chart, the dose-response and the unsur
breakdown. An association, never proof of cause.

The unit's IKM in a window is the regulation's IKM of its pooled answers; intervals and the DiD use
each respondent's score (their mean answer x 25 x 9 x the unsur weight), which averages to that
IKM when respondents answer every unsur. Results are kept per set of filters until the next refresh
(``ImpactResult``), so a national dataset is analysed once, not on every page view.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import asdict

from django.db import IntegrityError, transaction

from companion_service.organization.models import ServiceUnit
from companion_service.skm.api import UNSUR_CODES, Weighting

from ..data import ImpactAnalysis, UnitImpact
from ..definitions import quarter_index, quarter_key
from ..did import did, event_study
from ..inference import MIN_CLUSTERS
from ..models import ImpactResult, UnitQuarterSkm
from ..panel import UnitSeries
from ..refresh.satisfaction import COUNT_FIELDS, SUM_FIELDS, Pool, figure_values
from ..stats import MIN_CELL, Cell, Mean, difference, linear_fit
from .common import UnitTraining, shares_by_opd, trained_from_by_opd

FIELDS = (
    "unit_id",
    "opd_id",
    "year",
    "quarter",
    "respondents",
    "population",
    "sample_met",
    "score_n",
    "score_sum",
    "score_sq",
    *SUM_FIELDS,
    *COUNT_FIELDS,
)


def score_factor(weighting: str) -> float:
    """From a respondent's mean answer (1-4) to their score on the IKM scale under ``weighting``."""
    return float(25 * len(UNSUR_CODES) * Weighting(weighting).weight)


def _round(value, places=2):
    return None if value is None else round(value, places)


class _Unit:
    """One unit's quarters: tallies and respondent moments by quarter index."""

    def __init__(self, unit_id, opd_id):
        self.unit_id, self.opd_id = unit_id, opd_id
        self.rows: dict[int, dict] = {}

    def pool(self, periods) -> Pool:
        pool = Pool()
        for index in periods:
            if index in self.rows:
                pool.add(self.rows[index])
        return pool

    def moments(self, periods, factor) -> Mean:
        n = total = total_sq = 0
        for index in periods:
            row = self.rows.get(index)
            if row:
                n += row["score_n"]
                total += row["score_sum"] * factor
                total_sq += row["score_sq"] * factor * factor
        return Mean.from_sums(n, total, total_sq)

    def sample_met(self, periods) -> bool | None:
        """False when a quarter of ``periods`` fell short of the minimum sample, including a quarter
        without a single respondent (a window cut at the edge of the data); True when every quarter
        met it; None when a quarter's service users are unknown."""
        states = []
        for index in periods:
            row = self.rows.get(index)
            states.append(False if row is None or not row["respondents"] else row["sample_met"])
        if any(state is False for state in states):
            return False
        if states and all(state is True for state in states):
            return True
        return None


def _load(year):
    rows = UnitQuarterSkm.objects.all()
    if year:
        rows = rows.filter(year__lte=year)
    units: dict[int, _Unit] = {}
    for row in rows.values(*FIELDS).iterator(chunk_size=5000):
        unit = units.setdefault(row["unit_id"], _Unit(row["unit_id"], row["opd_id"]))
        unit.rows[quarter_index(row["year"], row["quarter"])] = row
    return units


def compute(
    scope, window: int, threshold: float, weighting: str, year=None, level: str = "unit"
) -> ImpactAnalysis:
    units = _load(year)
    meta = {unit.id: unit for unit in ServiceUnit.objects.select_related("opd").filter(id__in=list(units))}
    opd_dates = trained_from_by_opd(threshold)
    staff = UnitTraining()
    if level == "opd":
        trained = {unit_id: opd_dates.get(unit.opd_id) for unit_id, unit in units.items()}
        known = set(units)
    else:
        by_unit = staff.trained_from(threshold)
        trained = {unit_id: by_unit.get(unit_id) for unit_id in units}
        known = {unit_id for unit_id in units if staff.staff.get(unit_id)}
    factor = score_factor(weighting)
    series, by_code = [], {}
    # By code: the bootstrap's draws follow the units' order, so the same data reads the same.
    for unit_id, unit in sorted(units.items(), key=lambda item: meta[item[0]].code):
        if unit_id not in known:
            continue  # no staff in the roster: whether the unit is trained is unknown
        code = meta[unit_id].code
        cells = {
            index: Cell(row["score_n"], row["score_sum"] * factor, row["score_sq"] * factor * factor)
            for index, row in unit.rows.items()
        }
        cluster = meta[unit_id].opd.code if level == "opd" else None
        series.append(UnitSeries(code, cells, trained.get(unit_id), cluster))
        by_code[code] = unit
    visible = {code for code, unit in by_code.items() if scope.allows_opd(unit.opd_id)}
    without_staff = sum(
        1 for unit_id, unit in units.items() if unit_id not in known and scope.allows_opd(unit.opd_id)
    )
    treated_codes = None if scope.sees_all else visible
    result = did(series, window, MIN_CELL, treated_codes=treated_codes)
    per_unit = {change.code: change for change in result.per_unit}
    horizon = sorted({index for unit in units.values() for index in unit.rows})
    edge = (horizon[0], horizon[-1]) if horizon else None
    rows = []
    for code in sorted(
        visible, key=lambda c: (meta[by_code[c].unit_id].opd.name, meta[by_code[c].unit_id].name)
    ):
        unit = by_code[code]
        rows.append(
            _unit_row(
                meta[unit.unit_id], unit, trained.get(unit.unit_id), window, weighting, factor, per_unit, edge
            )
        )
    rows.sort(key=lambda row: row.trained_from is None)  # trained units first, each group by OPD
    in_estimate = set(result.treated_units)
    short = [row.code for row in rows if row.code in in_estimate and row.short_window]
    not_met = [row.code for row in rows if row.code in in_estimate and row.sample_met is False]
    shares = (lambda unit_id, index: staff.share(unit_id, index)) if level == "unit" else _opd_share(units)
    dose, fit, dose_windows = _dose_response(units, meta, visible, known, window, factor, horizon, shares)
    event = event_study(series, window, treated_codes=treated_codes)
    inference = result.inference
    respondents = sum(row.n_before + row.n_after for row in rows if row.code in in_estimate)
    return ImpactAnalysis(
        window=window,
        threshold=threshold,
        weighting=weighting,
        year=year,
        units=rows,
        estimate=_round(result.estimate, 4),
        ci95=[_round(result.ci95[0], 4), _round(result.ci95[1], 4)] if result.ci95 else None,
        treated_units=[code for code in result.treated_units if code in visible],
        control_units=[code for code in result.control_units if code in visible],
        treated_count=len(result.treated_units),
        control_count=len(result.control_units),
        event=[
            {
                "offset": point.offset,
                "treated": _round(point.treated_mean),
                "control": _round(point.control_mean),
                "treated_n": point.treated_n,
                "control_n": point.control_n,
            }
            for point in event
        ],
        dose=dose,
        dose_fit=fit,
        dose_windows=dose_windows,
        unsur=_unsur_breakdown(by_code, result, window, trained),
        opds=_opd_timeline(scope, opd_dates, meta, units),
        quarters=[quarter_key(index) for index in range(horizon[0], horizon[-1] + 1)] if horizon else [],
        level=level,
        warnings=_warnings(result, short, not_met, without_staff),
        interval=_interval(result),
        clusters=_clusters(inference, level),
        placebo=_placebo(inference),
        randomization=_randomization(inference),
        mde=_round(inference.mde, 2) if inference and inference.mde is not None else None,
        respondents=respondents,
        units_without_staff=without_staff,
        short_window_units=short,
        sample_not_met_units=not_met,
        event_units={
            "treated": event[0].treated_units if event else 0,
            "comparison": event[0].control_units if event else 0,
        },
    )


WARNINGS = (
    "few_clusters",
    "pretrend",
    "pretrend_untested",
    "short_window",
    "sample_not_met",
    "units_without_staff",
)


def _warnings(result, short, not_met, without_staff) -> list[str]:
    """The codes of what the reader must know before trusting the estimate (in ``WARNINGS`` order)."""
    inference = result.inference
    found = set()
    if inference is not None:
        if inference.few_clusters:
            found.add("few_clusters")
        if inference.pretrend:
            found.add("pretrend")
        elif not inference.pretrend_tested:
            found.add("pretrend_untested")
    if short:
        found.add("short_window")
    if not_met:
        found.add("sample_not_met")
    if without_staff:
        found.add("units_without_staff")
    return [code for code in WARNINGS if code in found]


def _interval(result) -> dict:
    inference = result.inference
    if inference is None:
        return {"method": None, "p_value": None, "se": None, "reason": "no_estimate"}
    reason = None
    if inference.few_clusters:
        reason = "few_clusters"
    elif result.ci95 is None:
        reason = "unbounded"
    return {
        "method": "wild cluster bootstrap (restricted, Webb weights)",
        "p_value": _round(inference.p_value, 4),
        "se": _round(inference.se, 4),
        "reason": reason,
    }


def _clusters(inference, level) -> dict:
    return {
        "level": level,
        "treated": inference.treated_clusters if inference else 0,
        "comparison": inference.control_clusters if inference else 0,
        "minimum": MIN_CLUSTERS,
    }


def _placebo(inference) -> dict:
    placebo = inference.placebo if inference else None
    if placebo is None:
        return {"estimate": None, "ci95": None, "p_value": None, "tested": False, "rejected": False}
    return {
        "estimate": _round(placebo.estimate, 4),
        "ci95": [_round(placebo.ci95[0], 4), _round(placebo.ci95[1], 4)] if placebo.ci95 else None,
        "p_value": _round(placebo.p_value, 4),
        "tested": inference.pretrend_tested,
        "rejected": bool(inference.pretrend),
    }


def _randomization(inference) -> dict | None:
    test = inference.randomization if inference else None
    if test is None:
        return None
    return {
        "p_value": _round(test.p_value, 4),
        "ci95": [_round(test.ci95[0], 4), _round(test.ci95[1], 4)] if test.ci95 else None,
        "permutations": inference.permutations,
    }


def _opd_share(units):
    shares = shares_by_opd()
    opd_of = {unit_id: unit.opd_id for unit_id, unit in units.items()}
    return lambda unit_id, index: shares.get(opd_of[unit_id], {}).get(index, 0.0)


def _unit_row(unit_meta, unit: _Unit, trained_from, window, weighting, factor, per_unit, edge) -> UnitImpact:
    base = {
        "code": unit_meta.code,
        "name": unit_meta.name,
        "opd": unit_meta.opd.code,
        "opd_name": unit_meta.opd.name,
    }
    if trained_from is None:
        return UnitImpact(
            **base,
            trained_from=None,
            ikm_before=None,
            ikm_after=None,
            change=None,
            change_low=None,
            change_high=None,
            n_before=0,
            n_after=0,
            sample_met=None,
        )
    before = range(trained_from - window, trained_from)
    after = range(trained_from + 1, trained_from + 1 + window)
    pools = unit.pool(before), unit.pool(after)
    values = [figure_values(pool) for pool in pools]
    shown = [
        None if pool.respondents < MIN_CELL else value["unrounded"][weighting]
        for pool, value in zip(pools, values, strict=True)
    ]
    ikm = [
        None
        if pool.respondents < MIN_CELL or value["ikm"][weighting][0] is None
        else float(value["ikm"][weighting][0])
        for pool, value in zip(pools, values, strict=True)
    ]
    change = low = high = None
    if shown[0] is not None and shown[1] is not None:
        change = shown[1] - shown[0]
        welch = difference(unit.moments(before, factor), unit.moments(after, factor))
        if welch.low is not None:
            half = (welch.high - welch.low) / 2
            low, high = change - half, change + half
    unsur_change = {}
    for position, code in enumerate(UNSUR_CODES):
        if pools[0].respondents < MIN_CELL or pools[1].respondents < MIN_CELL:
            break
        before_count, after_count = pools[0].counts[position], pools[1].counts[position]
        if before_count and after_count:
            unsur_change[code] = round(
                (pools[1].sums[position] / after_count - pools[0].sums[position] / before_count) * 25, 2
            )
    contrast = per_unit.get(unit_meta.code)
    return UnitImpact(
        **base,
        trained_from=quarter_key(trained_from),
        ikm_before=ikm[0],
        ikm_after=ikm[1],
        change=_round(change),
        change_low=_round(low),
        change_high=_round(high),
        n_before=pools[0].respondents,
        n_after=pools[1].respondents,
        sample_met=unit.sample_met([*before, *after]),
        short_window=edge is None or before.start < edge[0] or after.stop - 1 > edge[1],
        control_change=_round(contrast.control_change)
        if contrast and contrast.control_change is not None
        else None,
        did=_round(contrast.change - contrast.control_change)
        if contrast and contrast.control_change is not None
        else None,
        unsur_change=unsur_change,
    )


def _dose_response(units, meta, visible, known, window, factor, horizon, share):
    """Each unit's change in IKM between the first and the last ``window`` quarters of the data
    against the change in its share of staff trained (its own, or its OPD's at the OPD level) over
    the same span; ``share(unit_id, quarter)``."""
    if not horizon or horizon[-1] - horizon[0] + 1 < 2 * window:
        return [], {"n": 0, "slope": None, "low": None, "high": None, "intercept": None, "r": None}, []
    first = range(horizon[0], horizon[0] + window)
    last = range(horizon[-1] - window + 1, horizon[-1] + 1)
    xs, ys, points = [], [], []
    for unit_id, unit in units.items():
        before, after = unit.moments(first, factor), unit.moments(last, factor)
        if before.suppressed or after.suppressed or unit_id not in known:
            continue
        x = share(unit_id, last[-1]) - share(unit_id, first[-1])
        y = after.value - before.value
        xs.append(x)
        ys.append(y)
        code = meta[unit_id].code
        if code in visible:
            points.append(
                {
                    "code": code,
                    "name": meta[unit_id].name,
                    "opd": meta[unit_id].opd.code,
                    "share_change": round(x, 4),
                    "ikm_change": round(y, 2),
                    "n_before": before.n,
                    "n_after": after.n,
                }
            )
    fit = linear_fit(xs, ys)
    return (
        sorted(points, key=lambda p: p["code"]),
        {
            "n": fit.n,
            "slope": _round(fit.slope),
            "low": _round(fit.low),
            "high": _round(fit.high),
            "intercept": _round(fit.intercept),
            "r": _round(fit.r, 3),
        },
        [[quarter_key(i) for i in first], [quarter_key(i) for i in last]],
    )


def _unsur_breakdown(by_code, result, window, trained):
    """Per unsur, the converted score (NRR x 25) of the analysed units before and after, and of
    their comparison units over the same quarters; the difference of the two changes."""
    treated = [by_code[code] for code in result.treated_units]
    sums = {side: [[0, 0] for _ in UNSUR_CODES] for side in ("tb", "ta", "cb", "ca")}

    def add(side, unit, periods, times=1):
        for index in periods:
            row = unit.rows.get(index)
            if row is None:
                continue
            for position, (s, c) in enumerate(zip(SUM_FIELDS, COUNT_FIELDS, strict=True)):
                sums[side][position][0] += row[s] * times
                sums[side][position][1] += row[c] * times

    cohorts = defaultdict(int)
    for unit in treated:
        t = trained[unit.unit_id]
        cohorts[t] += 1
        add("tb", unit, range(t - window, t))
        add("ta", unit, range(t + 1, t + 1 + window))
    for code in result.control_units:
        unit = by_code[code]
        own = trained.get(unit.unit_id)
        for t, count in cohorts.items():
            if own is None or own > t + window:
                add("cb", unit, range(t - window, t), count)
                add("ca", unit, range(t + 1, t + 1 + window), count)

    def score(side, position):
        total, count = sums[side][position]
        return total / count * 25 if count else None

    rows = []
    for position, code in enumerate(UNSUR_CODES):
        values = {side: score(side, position) for side in sums}
        contrast = None
        if None not in values.values():
            contrast = (values["ta"] - values["tb"]) - (values["ca"] - values["cb"])
        rows.append(
            {
                "code": code,
                "treated_before": _round(values["tb"]),
                "treated_after": _round(values["ta"]),
                "control_before": _round(values["cb"]),
                "control_after": _round(values["ca"]),
                "difference": _round(contrast),
            }
        )
    return rows


def _opd_timeline(scope, trained, meta, units):
    """The scope's OPDs with units in the analysis: when each crossed the threshold."""
    seen = {}
    for unit in units.values():
        opd = meta[unit.unit_id].opd
        if scope.allows_opd(opd.id) and opd.id not in seen:
            seen[opd.id] = {
                "code": opd.code,
                "name": opd.name,
                "trained_from": quarter_key(trained[opd.id]) if trained.get(opd.id) is not None else None,
            }
    return sorted(seen.values(), key=lambda item: item["name"])


def _key(scope, window, threshold, weighting, year, level) -> str:
    text = f"v2|{scope.label}|{window}|{threshold}|{weighting}|{year or ''}|{level}"
    return hashlib.sha256(text.encode()).hexdigest()


def to_payload(analysis: ImpactAnalysis) -> dict:
    return asdict(analysis)


def from_payload(payload: dict) -> ImpactAnalysis:
    data = dict(payload)
    data["units"] = [UnitImpact(**unit) for unit in payload["units"]]
    return ImpactAnalysis(**data)


def impact(
    scope, window: int, threshold: float, weighting: str, year=None, level: str = "unit"
) -> ImpactAnalysis:
    """The analysis for these filters: computed once per refresh and kept (``ImpactResult``)."""
    key = _key(scope, window, threshold, weighting, year, level)
    stored = ImpactResult.objects.filter(key=key).values_list("payload", flat=True).first()
    if stored is not None:
        return from_payload(stored)
    analysis = compute(scope, window, threshold, weighting, year, level)
    try:
        with transaction.atomic():
            ImpactResult.objects.create(key=key, payload=to_payload(analysis))
    except IntegrityError:
        pass  # another request stored the same analysis meanwhile
    return analysis
