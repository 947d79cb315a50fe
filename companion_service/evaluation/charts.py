"""Vega-Lite specifications of the dashboard's charts, built from the same numbers as the tables.

Rendered in the browser as SVG by the vendored Vega, Vega-Lite and vega-embed (``static/evaluation/
vendor``; ADR 0061) with ARIA on: the SVG carries the chart's description as its label and every
mark a label with its values, and the table beside each chart holds every number. Suppressed
values are left out of the charts (the tables say they are suppressed).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from companion_service.skm.api import GRADES

# The grade bands behind IKM charts, from the SKM engine's grades (D lowest, up to 100).
GRADE_BANDS = [
    {"grade": grade.letter, "low": float(grade.minimum), "high": float(higher.minimum) if higher else 100}
    for grade, higher in reversed(list(zip(GRADES, (None, *GRADES[:-1]), strict=True)))
]
GRADE_COLOURS = {"A": "#d8f3dc", "B": "#e3f0fb", "C": "#fff1c2", "D": "#fde2e4"}
BRAND, SECOND, MUTED = "#0b5394", "#b35c00", "#4a5360"
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"


def _base(description: str, **spec) -> dict:
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": "container",
        "height": spec.pop("height", 220),
        "config": {
            "aria": True,
            "font": "system-ui, sans-serif",
            "axis": {"labelLimit": 220},
            "view": {"stroke": None},
        },
        **spec,
    }


def _pct(value):
    return None if value is None else round(value * 100, 1)


def rate_bars(rows, title: str, description: str) -> dict:
    """Horizontal bars of shares (%) with their 95% intervals; ``rows``: (label, Rate)."""
    values = [
        {"measure": label, "share": _pct(r.value), "low": _pct(r.low), "high": _pct(r.high), "n": r.n}
        for label, r in rows
        if not r.suppressed
    ]
    if not values:
        return None
    share = _("Share (%)")
    return _base(
        description,
        title=title,
        height=max(60, 34 * len(values)),
        data={"values": values},
        encoding={"y": {"field": "measure", "type": "nominal", "title": None, "sort": None}},
        layer=[
            {
                "mark": {"type": "bar", "color": BRAND},
                "encoding": {
                    "x": {
                        "field": "share",
                        "type": "quantitative",
                        "title": share,
                        "scale": {"domain": [0, 100]},
                    },
                    "tooltip": [
                        {"field": "measure", "title": _("Measure")},
                        {"field": "share", "title": share},
                        {"field": "low", "title": _("95% CI low")},
                        {"field": "high", "title": _("95% CI high")},
                        {"field": "n", "title": "n"},
                    ],
                },
            },
            {
                "mark": {"type": "rule", "color": "#000", "strokeWidth": 2},
                "encoding": {"x": {"field": "low", "type": "quantitative"}, "x2": {"field": "high"}},
            },
        ],
    )


def ikm_line(values, title: str, description: str, marks=None) -> dict:
    """IKM per period over the grade bands (A-D); ``marks``: periods to mark (training)."""
    points = [
        {"period": v.period, "ikm": float(v.ikm), "grade": v.grade, "n": v.respondents}
        for v in values
        if v.ikm is not None
    ]
    if not points:
        return None
    low = min([p["ikm"] for p in points] + [70]) - 5
    domain = [max(25, round(low)), 100]
    layers = [
        {
            "data": {"values": GRADE_BANDS},
            "mark": {"type": "rect", "opacity": 0.7, "aria": False},
            "encoding": {
                "y": {"field": "low", "type": "quantitative", "scale": {"domain": domain, "clamp": True}},
                "y2": {"field": "high"},
                "color": {
                    "field": "grade",
                    "type": "nominal",
                    "scale": {"domain": list(GRADE_COLOURS), "range": list(GRADE_COLOURS.values())},
                    "legend": {"title": _("Grade")},
                },
            },
        },
        {
            "data": {"values": points},
            "mark": {"type": "line", "point": {"filled": True, "size": 60}, "color": BRAND},
            "encoding": {
                "x": {"field": "period", "type": "ordinal", "title": _("Period"), "sort": None},
                "y": {
                    "field": "ikm",
                    "type": "quantitative",
                    "title": "IKM",
                    "scale": {"domain": domain, "clamp": True},
                },
                "tooltip": [
                    {"field": "period", "title": _("Period")},
                    {"field": "ikm", "title": "IKM"},
                    {"field": "grade", "title": _("Grade")},
                    {"field": "n", "title": _("Respondents")},
                ],
            },
        },
    ]
    if marks:
        layers.append(
            {
                "data": {"values": [{"period": m, "label": _("Trained")} for m in marks]},
                "mark": {"type": "rule", "color": SECOND, "strokeDash": [6, 3], "strokeWidth": 2},
                "encoding": {"x": {"field": "period", "type": "ordinal", "sort": None}},
            }
        )
    return _base(description, title=title, layer=layers, resolve={"scale": {"color": "independent"}})


def grouped_bars(values, x_title, y_title, title, description, domain=None) -> dict:
    """Bars per category and series: ``values`` = [{"category", "series", "value"}]."""
    if not values:
        return None
    y = {"field": "value", "type": "quantitative", "title": y_title}
    if domain:
        y["scale"] = {"domain": domain}
    return _base(
        description,
        title=title,
        data={"values": values},
        mark={"type": "bar"},
        encoding={
            "x": {
                "field": "category",
                "type": "nominal",
                "title": x_title,
                "sort": None,
                "axis": {"labelAngle": 0},
            },
            "xOffset": {"field": "series", "sort": None},
            "y": y,
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "sort": None,
                "scale": {"range": [MUTED, BRAND, SECOND]},
            },
            "tooltip": [
                {"field": "category", "title": x_title},
                {"field": "series", "title": _("Series")},
                {"field": "value", "title": y_title},
            ],
        },
    )


def simple_bars(values, x_title, y_title, title, description, horizontal=False) -> dict:
    """One bar per category: ``values`` = [{"category", "value"}]."""
    if not values:
        return None
    category = {"field": "category", "type": "nominal", "title": x_title, "sort": None}
    value = {"field": "value", "type": "quantitative", "title": y_title}
    encoding = (
        {"y": category, "x": value}
        if horizontal
        else {"x": {**category, "axis": {"labelAngle": 0}}, "y": value}
    )
    encoding["tooltip"] = [{"field": "category", "title": x_title}, {"field": "value", "title": y_title}]
    return _base(
        description,
        title=title,
        height=max(80, 26 * len(values)) if horizontal else 220,
        data={"values": values},
        mark={"type": "bar", "color": BRAND},
        encoding=encoding,
    )


def forest(units, title, description) -> dict:
    """Each unit's change in IKM with its 95% interval (a forest plot), zero marked."""
    values = [
        {
            "unit": u.name,
            "change": u.change,
            "low": u.change_low,
            "high": u.change_high,
            "n": u.n_before + u.n_after,
        }
        for u in units
        if u.change is not None
    ]
    if not values:
        return None
    unit = {"field": "unit", "type": "nominal", "title": None, "sort": None}
    return _base(
        description,
        title=title,
        height=max(80, 30 * len(values)),
        layer=[
            {
                "data": {"values": values},
                "mark": {"type": "rule", "color": MUTED, "strokeWidth": 2},
                "encoding": {
                    "y": unit,
                    "x": {"field": "low", "type": "quantitative", "title": _("Change in IKM (points)")},
                    "x2": {"field": "high"},
                },
            },
            {
                "data": {"values": values},
                "mark": {"type": "point", "filled": True, "size": 80, "color": BRAND},
                "encoding": {
                    "y": unit,
                    "x": {"field": "change", "type": "quantitative"},
                    "tooltip": [
                        {"field": "unit", "title": _("Service unit")},
                        {"field": "change", "title": _("Change")},
                        {"field": "low", "title": _("95% CI low")},
                        {"field": "high", "title": _("95% CI high")},
                    ],
                },
            },
            {
                "data": {"values": [{"zero": 0}]},
                "mark": {"type": "rule", "color": "#000", "strokeDash": [2, 2], "aria": False},
                "encoding": {"x": {"field": "zero", "type": "quantitative"}},
            },
        ],
    )


def event_lines(points, title, description) -> dict:
    trained, control = _("Trained units"), _("Units not yet trained")
    values = []
    for p in points:
        if p["treated"] is not None:
            values.append(
                {"offset": p["offset"], "series": trained, "ikm": p["treated"], "n": p["treated_n"]}
            )
        if p["control"] is not None:
            values.append(
                {"offset": p["offset"], "series": control, "ikm": p["control"], "n": p["control_n"]}
            )
    if not values:
        return None
    return _base(
        description,
        title=title,
        layer=[
            {
                "data": {"values": values},
                "mark": {"type": "line", "point": {"filled": True, "size": 60}},
                "encoding": {
                    "x": {
                        "field": "offset",
                        "type": "ordinal",
                        "title": _("Quarters from the quarter of training (0)"),
                    },
                    "y": {"field": "ikm", "type": "quantitative", "title": "IKM", "scale": {"zero": False}},
                    "color": {
                        "field": "series",
                        "type": "nominal",
                        "title": None,
                        "scale": {"range": [BRAND, SECOND]},
                    },
                    "strokeDash": {"field": "series", "type": "nominal", "legend": None},
                    "tooltip": [
                        {"field": "series", "title": _("Series")},
                        {"field": "offset", "title": _("Quarters from training")},
                        {"field": "ikm", "title": "IKM"},
                        {"field": "n", "title": _("Respondents")},
                    ],
                },
            },
            {
                "data": {"values": [{"offset": 0}]},
                "mark": {"type": "rule", "color": MUTED, "strokeDash": [4, 4], "aria": False},
                "encoding": {"x": {"field": "offset", "type": "ordinal"}},
            },
        ],
    )


def dose_scatter(points, title, description) -> dict:
    values = [
        {"unit": p["name"], "x": round(p["share_change"] * 100, 1), "y": p["ikm_change"]} for p in points
    ]
    if not values:
        return None
    x_title, y_title = _("Change in share of staff trained (percentage points)"), _("Change in IKM (points)")
    return _base(
        description,
        title=title,
        data={"values": values},
        layer=[
            {
                "mark": {"type": "point", "filled": True, "size": 70, "color": BRAND},
                "encoding": {
                    "x": {"field": "x", "type": "quantitative", "title": x_title},
                    "y": {"field": "y", "type": "quantitative", "title": y_title},
                    "tooltip": [
                        {"field": "unit", "title": _("Service unit")},
                        {"field": "x", "title": x_title},
                        {"field": "y", "title": y_title},
                    ],
                },
            },
            {
                "mark": {"type": "line", "color": SECOND, "aria": False},
                "transform": [{"regression": "y", "on": "x"}],
                "encoding": {
                    "x": {"field": "x", "type": "quantitative"},
                    "y": {"field": "y", "type": "quantitative"},
                },
            },
        ],
    )
