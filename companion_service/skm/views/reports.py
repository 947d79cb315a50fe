"""IKM pages for evaluators and administrators: every unit in a period, one unit over time, one
unit and period in detail (NRR table, kinds of service, profiles, comments, RTL), all comments."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from companion_service.organization.models import ServiceUnit

from .. import conf, selectors, services
from ..forms import PopulationForm
from ..ikm import UNSUR_CODES, Weighting
from ..periods import Period, PeriodKind
from ..permissions import READERS, can_import, role_required


def weighting_of(request) -> Weighting:
    try:
        return Weighting(request.GET.get("weighting", conf.default_weighting()))
    except ValueError:
        return Weighting(conf.default_weighting())


def kind_of(request) -> PeriodKind:
    try:
        return PeriodKind(request.GET.get("kind", PeriodKind.QUARTER))
    except ValueError:
        return PeriodKind.QUARTER


def period_of(key: str) -> Period:
    try:
        return Period.parse(key)
    except ValueError as exc:
        raise Http404 from exc


def choices_context(kind: PeriodKind, weighting: Weighting) -> dict:
    return {
        "kind": kind.value,
        "weighting": weighting.value,
        "kinds": [
            (PeriodKind.QUARTER, _("Quarter")),
            (PeriodKind.SEMESTER, _("Semester")),
            (PeriodKind.YEAR, _("Year")),
        ],
        "weightings": [
            (Weighting.REGULATION, _("Regulation (0.111)")),
            (Weighting.EXACT, _("Exact (1/9)")),
        ],
    }


@role_required(READERS)
def overview(request):
    """The IKM of every unit in one period, under the chosen weighting, with the other beside it."""
    kind, weighting = kind_of(request), weighting_of(request)
    latest = selectors.latest_period(kind)
    periods = []
    if latest:
        years = selectors.years_with_responses()
        periods = [
            period for year in years for period in reversed(Period(year, PeriodKind.YEAR).sub_periods(kind))
        ]
    requested = request.GET.get("period")
    period = latest
    if requested:
        try:
            candidate = Period.parse(requested)
        except ValueError:
            candidate = None
        if candidate and candidate.kind == kind:
            period = candidate
    rows, other = [], {}
    if period:
        rows = [
            row
            for row in selectors.ikm_grid(kind, years=[period.year], weighting=weighting)
            if row.period == period.key
        ]
        other_weighting = Weighting.EXACT if weighting is Weighting.REGULATION else Weighting.REGULATION
        other = {
            row.unit_code: row
            for row in selectors.ikm_grid(kind, years=[period.year], weighting=other_weighting)
            if row.period == period.key
        }
    context = {
        "skm_section": "ikm",
        "period": period,
        "periods": periods,
        "rows": [(row, other.get(row.unit_code)) for row in rows],
        "codes": UNSUR_CODES,
        "short_count": sum(1 for row in rows if row.minimum_sample.short),
        "unknown_count": sum(1 for row in rows if row.minimum_sample.met is None),
        **choices_context(kind, weighting),
    }
    return render(request, "skm/overview.html", context)


@role_required(READERS)
def unit_detail(request, code):
    """One unit over time: every period of the chosen kind with responses."""
    unit = get_object_or_404(ServiceUnit.objects.select_related("opd"), code=code)
    kind, weighting = kind_of(request), weighting_of(request)
    grid = selectors.ikm_grid(kind, units=[unit], weighting=weighting)
    other_weighting = Weighting.EXACT if weighting is Weighting.REGULATION else Weighting.REGULATION
    other = {row.period: row for row in selectors.ikm_grid(kind, units=[unit], weighting=other_weighting)}
    rows = [(row, other.get(row.period)) for row in reversed(grid)]
    return render(
        request,
        "skm/unit_detail.html",
        {
            "skm_section": "ikm",
            "unit": unit,
            "rows": rows,
            "codes": UNSUR_CODES,
            "survey_url": request.build_absolute_uri(reverse("survei:form", args=[unit.code])),
            "summary": selectors.follow_up_summary(unit),
            **choices_context(kind, weighting),
        },
    )


@role_required(READERS)
def period_report(request, code, period):
    """One unit and period: respondents and sample, NRR per unsur, kinds of service, profiles,
    comments and the RTL, under the chosen weighting (the other weighting's IKM beside it)."""
    unit = get_object_or_404(ServiceUnit.objects.select_related("opd"), code=code)
    period, weighting = period_of(period), weighting_of(request)
    other_weighting = Weighting.EXACT if weighting is Weighting.REGULATION else Weighting.REGULATION
    result = selectors.unit_ikm(unit, period, weighting)
    population = selectors.population_for(unit, period)
    context = {
        "skm_section": "ikm",
        "unit": unit,
        "period": period,
        "result": result,
        "other": selectors.unit_ikm(unit, period, other_weighting),
        "by_kind": selectors.ikm_by_service_kind(unit, period, weighting),
        "profiles": selectors.profile_breakdowns(unit, period, weighting),
        "comments": selectors.comments(unit, period, limit=10),
        "comment_count": selectors.comment_count(unit, period),
        "sources": selectors.source_counts(unit, period),
        "follow_ups": selectors.follow_ups(unit, period),
        "follow_up_summary": selectors.follow_up_summary(unit, period),
        "weakest": weakest_unsur(result),
        "population_form": PopulationForm(
            initial={"users": population[0] if population and population[1] == "entered" else None}
        ),
        "can_enter": can_import(request.user),
        "previous": period.previous(),
        "next": period.next(),
        **choices_context(period.kind, weighting),
    }
    return render(request, "skm/period_report.html", context)


def weakest_unsur(result):
    """The unsur with the lowest converted score: where a follow-up most likely belongs."""
    scored = [score for score in result.unsur if score.converted_display is not None]
    return min(scored, key=lambda score: score.nrr) if scored else None


@require_POST
@role_required(READERS)
def set_population(request, code, period):
    """Enter (or clear) the number of service users of a unit in a period."""
    unit = get_object_or_404(ServiceUnit, code=code)
    period = period_of(period)
    if not can_import(request.user):
        raise Http404
    form = PopulationForm(request.POST)
    if form.is_valid():
        users = form.cleaned_data["users"]
        if users:
            services.set_service_users(unit, period, users, form.cleaned_data["note"], request.user)
            messages.success(request, _("Number of service users saved."))
        else:
            services.clear_service_users(unit, period)
            messages.success(request, _("Number of service users cleared."))
    else:
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    return redirect(reverse("skm:report", args=[unit.code, period.key]) + "#sample")


@role_required(READERS)
def comment_list(request, code, period):
    """Every comment of the unit and period, newest first, without the answers."""
    unit = get_object_or_404(ServiceUnit.objects.select_related("opd"), code=code)
    period = period_of(period)
    page = Paginator(selectors.comments(unit, period), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "skm/comments.html",
        {"skm_section": "ikm", "unit": unit, "period": period, "page": page},
    )
