"""The evaluation's pages. Each builder returns the page's context (numbers, tables, charts) for a
scope and the request's filters; the page view renders it and the download view exports one of its
tables, so a download holds exactly what the page shows."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .. import charts, selectors, tables
from ..definitions import MAXIMUM_WINDOW, MINIMUM_WINDOW, PILLAR_SHORT, THRESHOLD_CHOICES
from ..inference import MIN_CLUSTERS
from ..models import Programme
from .access import ANYONE, PARTNERS, TRAINING, allowed, evaluation_view, sections_for


def _filters(request, *names):
    query = request.GET
    values = {}
    if "weighting" in names:
        values["weighting"] = selectors.choose_weighting(query.get("weighting"))
    if "window" in names:
        values["window"] = selectors.choose_window(query.get("window"))
    if "threshold" in names:
        values["threshold"] = selectors.choose_threshold(query.get("threshold"))
    if "level" in names:
        values["level"] = selectors.choose_level(query.get("level"))
    values["year"] = query.get("year")
    return values


FOREST_UNITS = 50  # units drawn in the forest plot (the table lists them all)


def _chart(key: str, spec: dict | None, table: str | None = None) -> dict | None:
    """A chart of the page, or None when it has nothing to draw (its table says so)."""
    if spec is None:
        return None
    return {"id": f"chart-{key}", "spec_id": f"chart-{key}-spec", "spec": spec, "table": table or key}


def _limit(tables_by_key: dict, **shown) -> dict:
    """Show only the first rows of long tables on the page (a national dataset has thousands)."""
    for key, rows in shown.items():
        if key in tables_by_key:
            tables_by_key[key].shown = rows
    return tables_by_key


def _common(request, scope, section: str, title: str, **extra) -> dict:
    return {
        "sections": sections_for(scope, section),
        "page_title": title,
        "scope": scope,
        "query": request.GET.urlencode(),
        "weightings": [("regulation", _("Regulation (0.111)")), ("exact", _("Exact (1/9)"))],
        "computed_at": parse_datetime(selectors.computed_at() or ""),
        **extra,
    }


# --- builders ------------------------------------------------------------------------------------------


def build_scorecard(request, scope, **kwargs) -> dict:
    f = _filters(request, "weighting")
    card = selectors.scorecard(scope, f["year"], f["weighting"])
    table_map = _limit(tables.scorecard_tables(card), opds=100)
    coverage_rows = [(row[0], row[1]) for row in table_map["coverage"].rows]
    pillar_values = []
    for item in card.skills:
        for series, mean in ((_("Pre-test"), item.pre), (_("Post-test"), item.post)):
            if not mean.suppressed:
                pillar_values.append(
                    {
                        "category": str(PILLAR_SHORT[item.pillar]),
                        "series": series,
                        "value": round(mean.value, 1),
                    }
                )
    return {
        "card": card,
        "year": card.year,
        "years": card.years,
        "weighting": card.weighting,
        "tables": table_map,
        "charts": [
            _chart(
                "coverage",
                charts.rate_bars(
                    coverage_rows,
                    _("Training coverage, %(year)s") % {"year": card.year},
                    _(
                        "Bar chart: share of ASN enrolled, completed, passed and with at "
                        "least 20 JP, with intervals (95%)."
                    ),
                ),
            ),
            _chart(
                "skills",
                charts.grouped_bars(
                    pillar_values,
                    _("Pillar"),
                    _("Mean score (0-100)"),
                    _("Digital skills before and after training"),
                    _("Grouped bar chart: mean pre-test and post-test score per digital-literacy pillar."),
                    domain=[0, 100],
                ),
            ),
            _chart(
                "ikm",
                charts.ikm_line(
                    card.ikm_quarters,
                    _("Citizen satisfaction (IKM) per quarter"),
                    _("Line chart: IKM per quarter of the year over the grade bands A to D."),
                ),
            ),
        ],
    }


def build_opd(request, scope, code=None, **kwargs) -> dict:
    code = code or request.GET.get("code", "")
    f = _filters(request, "weighting", "threshold", "window")
    detail = selectors.opd_detail(scope, code, f["year"], f["weighting"], f["threshold"], f["window"])
    table_map = tables.opd_tables(detail)
    marks = [detail.trained_from] if detail.trained_from else []
    before_after = []
    for row in detail.before_after:
        for series, value in ((_("Before"), row.before), (_("After"), row.after)):
            if value is not None:
                before_after.append({"category": row.code, "series": series, "value": value})
    chart_list = [
        _chart(
            "coverage",
            charts.rate_bars(
                [(row[0], row[1]) for row in table_map["coverage"].rows],
                _("Training coverage, %(year)s") % {"year": detail.year},
                _("Bar chart: share of the OPD's ASN enrolled, completed, passed and with at least 20 JP."),
            ),
        ),
        _chart(
            "jp",
            charts.simple_bars(
                [{"category": label, "value": count} for _k, label, count in detail.jp_buckets],
                _("JP"),
                _("ASN"),
                _("ASN by JP earned"),
                _("Bar chart: number of the OPD's ASN in each band of JP earned this year."),
            ),
        ),
        _chart(
            "ikm",
            charts.ikm_line(
                detail.ikm_quarters,
                _("IKM of the OPD per quarter"),
                _(
                    "Line chart: the OPD's IKM per quarter over the grade bands; a dashed line marks the "
                    "quarter its staff reached the training threshold."
                ),
                marks=marks,
            ),
        ),
        _chart(
            "trained",
            charts.simple_bars(
                [
                    {"category": s.period, "value": round(s.share * 100, 1)}
                    for s in detail.shares
                    if s.share is not None
                ],
                _("Quarter"),
                _("Share trained (%)"),
                _("Share of ASN trained"),
                _(
                    "Bar chart: share of the OPD's ASN who completed the programme "
                    "by the end of each quarter."
                ),
            ),
        ),
        _chart(
            "unsur",
            charts.grouped_bars(
                before_after,
                _("Unsur"),
                _("Converted score (NRR x 25)"),
                _("Each unsur before and after training"),
                _("Grouped bar chart: converted score of each unsur before and after the OPD was trained."),
            ),
        ),
    ]
    download = request.GET.copy()
    download["code"] = detail.code
    return {
        "download_query": download.urlencode(),
        "detail": detail,
        "year": detail.year,
        "years": detail.years,
        "weighting": detail.weighting,
        "threshold": detail.threshold,
        "window": detail.window,
        "tables": table_map,
        "charts": chart_list,
        "unit_tables": [table_map[f"unit-{u.code}".lower()] for u in detail.units],
    }


def build_impact(request, scope, **kwargs) -> dict:
    f = _filters(request, "weighting", "threshold", "window", "level")
    analysis = selectors.impact(scope, f["window"], f["threshold"], f["weighting"], level=f["level"])
    unsur = [
        {"category": r["code"], "value": r["difference"]}
        for r in analysis.unsur
        if r["difference"] is not None
    ]
    return {
        "analysis": analysis,
        "weighting": analysis.weighting,
        "threshold": analysis.threshold,
        "window": analysis.window,
        "level": analysis.level,
        "level_choices": [("unit", _("Service unit (its own staff)")), ("opd", _("OPD (all its staff)"))],
        "tables": _limit(tables.impact_tables(analysis), units=100, dose=100),
        "trained_units": [u for u in analysis.units if u.trained_from],
        "untrained_units": [u for u in analysis.units if not u.trained_from],
        "charts": [
            _chart(
                "units",
                charts.forest(
                    analysis.units[:FOREST_UNITS],
                    _("Change in IKM per unit, with intervals (95%)"),
                    _(
                        "Forest plot: each trained unit's change in IKM from before to after training, with "
                        "its interval (95%); the dotted line is no change."
                    ),
                ),
            ),
            _chart(
                "event",
                charts.event_lines(
                    analysis.event,
                    _("Pre-trend: trained units and units not yet trained"),
                    _(
                        "Line chart: mean IKM of trained units and of their comparison units in the "
                        "quarters before and after training (0)."
                    ),
                ),
            ),
            _chart(
                "dose",
                charts.dose_scatter(
                    analysis.dose,
                    _("Dose-response"),
                    _(
                        "Scatter plot: change in the share of a unit's staff trained (its OPD's at "
                        "the OPD level) against the unit's change in IKM, with a fitted line."
                    ),
                ),
            ),
            _chart(
                "unsur",
                charts.simple_bars(
                    unsur,
                    _("Unsur"),
                    _("Difference of changes (points)"),
                    _("Each unsur: trained minus comparison change"),
                    _(
                        "Bar chart: per unsur, the change among trained units minus the "
                        "change among comparison units."
                    ),
                ),
            ),
        ],
    }


def build_ledger(request, scope, **kwargs) -> dict:
    query = request.GET
    result = selectors.ledger(
        scope,
        query.get("year"),
        opd_code=query.get("opd") or None,
        short_only=query.get("short") in ("1", "on", "true"),
        search=query.get("q", ""),
        page=query.get("page", 1),
    )
    shares = [(opd.name, opd.meets_target) for opd in result.opds]
    without_page = request.GET.copy()
    without_page.pop("page", None)
    return {
        "query_without_page": without_page.urlencode(),
        "ledger": result,
        "year": result.year,
        "years": result.years,
        "tables": _limit(tables.ledger_tables(result), opds=100),
        "opd_choices": [(o.code, o.name) for o in selectors.readable_opds(scope)],
        "search": query.get("q", ""),
        "charts": [
            _chart(
                "opds",
                charts.rate_bars(
                    shares,
                    _("ASN with at least 20 JP, per OPD"),
                    _(
                        "Bar chart: per OPD, the share of ASN with at least 20 JP this "
                        "year, with intervals (95%)."
                    ),
                ),
            )
        ]
        if len(shares) <= 60
        else [],
    }


def build_innovation(request, scope, **kwargs) -> dict:
    result = selectors.innovation(scope, request.GET.get("year"))
    return {
        "innovation": result,
        "year": result.year,
        "years": result.years,
        "tables": _limit(tables.innovation_tables(result), opds=50, programs=50),
        "charts": [
            _chart(
                "funnel",
                charts.simple_bars(
                    [{"category": step.name, "value": step.count} for step in result.funnel],
                    _("Stage"),
                    _("Ideas"),
                    _("Idea funnel"),
                    _("Bar chart: ideas that reached each stage, from submitted to implemented."),
                    horizontal=True,
                ),
            ),
            _chart(
                "opds",
                charts.simple_bars(
                    [
                        {"category": name or _("(no OPD)"), "value": submitted}
                        for _c, name, submitted, _a, _i in result.per_opd[:30]
                    ],
                    _("OPD"),
                    _("Ideas"),
                    _("Ideas per OPD"),
                    _("Bar chart: ideas submitted per OPD this year."),
                    horizontal=True,
                ),
            ),
        ],
    }


def build_partners(request, scope, **kwargs) -> dict:
    result = selectors.partners(scope, request.GET.get("year"))
    return {
        "partners": result,
        "year": result.year,
        "years": result.years,
        "tables": _limit(tables.partner_tables(result), partners=100, sessions=100),
        "charts": [
            _chart(
                "partners",
                charts.rate_bars(
                    [(p.name, p.attendance) for p in result.partners[:40]],
                    _("Attendance rate per partner"),
                    _(
                        "Bar chart: per partner, the share of seats due that were "
                        "attended, with intervals (95%)."
                    ),
                ),
            )
        ],
    }


def build_coverage(request, scope, full=False, **kwargs) -> dict:
    result = selectors.coverage(scope, sample_limit=None if full else 200)
    return {"coverage": result, "tables": tables.coverage_tables(result), "charts": []}


def build_items(request, scope, full=False, **kwargs) -> dict:
    result = selectors.item_analysis(scope)
    table_map = tables.item_tables(result)
    if not full:
        _limit(table_map, items=200)
    flagged = sum(1 for row in result.items if row.flags)
    return {"analysis": result, "tables": table_map, "charts": [], "flagged": flagged}


BUILDERS = {
    "scorecard": (build_scorecard, TRAINING),
    "opd": (build_opd, TRAINING),
    "impact": (build_impact, TRAINING),
    "ledger": (build_ledger, TRAINING),
    "innovation": (build_innovation, TRAINING),
    "partners": (build_partners, PARTNERS),
    "coverage": (build_coverage, TRAINING),
    "items": (build_items, TRAINING),
}


# --- views ---------------------------------------------------------------------------------------------


def _page(request, scope, section, template, title, build, **kwargs):
    context = _common(request, scope, section, title, **build(request, scope, **kwargs))
    context["threshold_choices"] = THRESHOLD_CHOICES
    context["window_choices"] = list(range(MINIMUM_WINDOW, MAXIMUM_WINDOW + 1))
    return render(request, template, context)


@evaluation_view("scorecard")
def scorecard(request, scope):
    return _page(
        request, scope, "evaluation:scorecard", "evaluation/scorecard.html", _("Scorecard"), build_scorecard
    )


@evaluation_view("opds")
def opd_index(request, scope):
    opds = list(selectors.readable_opds(scope))
    if scope.is_opd and len(opds) >= 1:
        top = [opd for opd in opds if opd.parent_id not in {o.id for o in opds}]
        return redirect(reverse("evaluation:opd", args=[(top or opds)[0].code]))
    context = _common(request, scope, "evaluation:opds", _("OPD"), opds=opds)
    return render(request, "evaluation/opd_index.html", context)


@evaluation_view("opd")
def opd(request, scope, code):
    return _page(request, scope, "evaluation:opds", "evaluation/opd.html", _("OPD"), build_opd, code=code)


@evaluation_view("impact")
def impact(request, scope):
    return _page(request, scope, "evaluation:impact", "evaluation/impact.html", _("Impact"), build_impact)


@evaluation_view("ledger")
def ledger(request, scope):
    return _page(request, scope, "evaluation:ledger", "evaluation/ledger.html", _("JP ledger"), build_ledger)


@evaluation_view("innovation")
def innovation(request, scope):
    return _page(
        request,
        scope,
        "evaluation:innovation",
        "evaluation/innovation.html",
        _("Innovation"),
        build_innovation,
    )


@evaluation_view("partners", needs=PARTNERS)
def partners(request, scope):
    return _page(
        request, scope, "evaluation:partners", "evaluation/partners.html", _("Partners"), build_partners
    )


@evaluation_view("coverage")
def coverage(request, scope):
    return _page(
        request, scope, "evaluation:coverage", "evaluation/coverage.html", _("Data coverage"), build_coverage
    )


@evaluation_view("items")
def items(request, scope):
    return _page(
        request, scope, "evaluation:items", "evaluation/items.html", _("Assessment items"), build_items
    )


@evaluation_view("methodology", needs=ANYONE)
def methodology(request, scope):
    threshold, window = selectors.programme_defaults()
    programme = Programme.objects.first() or Programme()
    courses = list(programme.courses.values_list("name", flat=True)) if programme.pk else []
    context = _common(
        request,
        scope,
        "evaluation:methodology",
        _("Methodology"),
        default_threshold=threshold,
        default_window=window,
        programme=programme,
        programme_courses=courses,
        min_clusters=MIN_CLUSTERS,
    )
    if allowed(scope, TRAINING) and selectors.latest_refresh() is not None:
        # The default analysis (kept since the refresh): what the data at hand can detect.
        weighting = selectors.choose_weighting(None)
        context["impact_default"] = selectors.impact(scope, window, threshold, weighting)
    return render(request, "evaluation/methodology.html", context)
