"""The incremental refresh: recompute only the rows whose inputs changed (ADR 0131).

Every aggregate is keyed by what it is computed from, so each step deletes and recomputes exactly
the keys a change reaches, with the same queries as the full refresh restricted to those keys:

- per ASN (learning records, programme completion, JP per year, skill pairs): the changed ASN,
  named in the scratch table ``RefreshScope`` (a join, not a list of thousands of ids);
- per OPD (quarters trained, OPD years and channels, skill gains): the OPDs of those ASN; every
  OPD when a year enters or leaves the ledger or the quarter span moves;
- per unit quarter (survey tallies): the changed (unit, year, quarter); IKM figures of those units,
  their OPDs and the city in the years concerned (pooled from every unit of those years);
- ideas, partner sessions and the exclusion counts: recomputed whole (small tables).

A test proves the result identical to a full refresh (tests/companion/evaluation/test_incremental.py).
"""

from __future__ import annotations

import time

from django.db.models import Subquery

from companion_service.roster.models import Asn

from ..definitions import quarter_of_index
from ..models import (
    AsnTraining,
    AsnYear,
    Exclusion,
    IdeaFact,
    IkmFigure,
    IkmLevel,
    LearningRecord,
    OpdQuarterTraining,
    OpdYear,
    OpdYearChannel,
    RefreshScope,
    SessionFact,
    SessionOpdFact,
    SkillGain,
    SkillPair,
    UnitQuarterSkm,
)
from . import coverage, innovation, partners, satisfaction, skills, training
from .changes import Scope


def apply(scope: Scope, counts: dict, years_of) -> None:
    """Recompute what ``scope`` reaches; ``counts`` gets the rows written and seconds per step.
    ``years_of`` is the full refresh's rule for the ledger's years."""
    timings = counts.setdefault("seconds", {})

    def step(name, function, *args, **kwargs):
        started = time.perf_counter()
        counts[name] = function(*args, **kwargs)
        timings[name] = round(time.perf_counter() - started, 3)

    started = time.perf_counter()
    RefreshScope.objects.all().delete()
    RefreshScope.objects.bulk_create([RefreshScope(asn_id=pk) for pk in sorted(scope.asns)], batch_size=5000)
    asns = Subquery(RefreshScope.objects.values("asn_id"))
    opds = set(Asn.objects.filter(pk__in=asns).values_list("opd_id", flat=True).distinct())
    opds |= set(AsnYear.objects.filter(asn__in=asns).values_list("opd_id", flat=True).distinct())
    timings["scope"] = round(time.perf_counter() - started, 3)
    current, course_ids = training.programme()
    if scope.asns:
        LearningRecord.objects.filter(asn__in=asns).delete()
        step("learning_records", training.learning_records, course_ids, asns=asns)
        AsnTraining.objects.filter(asn__in=asns).delete()
        step("asn_trained", training.asn_training, current, course_ids, asns=asns)

    if scope.unit_quarters:
        UnitQuarterSkm.objects.filter(satisfaction.unit_quarter_filter(scope.unit_quarters)).delete()
        step("unit_quarters", satisfaction.unit_quarters, scope.unit_quarters)

    first = UnitQuarterSkm.objects.order_by("year", "quarter").values_list("year", "quarter").first()
    first_quarter = first[0] * 4 + first[1] - 1 if first else None
    years = set(years_of(first_quarter))
    stored_years = set(AsnYear.objects.values_list("year", flat=True).distinct())
    new_years = years - stored_years
    all_opds = bool(new_years or stored_years - years)
    span = training.quarter_span(first_quarter)
    stored = OpdQuarterTraining.objects.order_by("year", "quarter").values_list("year", "quarter")
    stored_span = (stored.first(), stored.last())
    same_span = stored_span == (
        (None, None)
        if not stored.exists()
        else tuple(quarter_of_index(index) for index in (span.start, span.stop - 1))
    )
    if not same_span:
        OpdQuarterTraining.objects.all().delete()
        step("opd_quarters", training.opd_quarters, first_quarter)
        all_opds = True
    elif opds:
        OpdQuarterTraining.objects.filter(opd__in=opds).delete()
        step("opd_quarters", training.opd_quarters, first_quarter, opds=opds)

    AsnYear.objects.exclude(year__in=years).delete()
    if new_years:
        step("asn_years_new", training.asn_years, sorted(new_years), course_ids)
    if scope.asns:
        AsnYear.objects.filter(asn__in=asns, year__in=years - new_years).delete()
        step("asn_years", training.asn_years, sorted(years - new_years), course_ids, asns=asns)

    scope_opds = None if all_opds else opds
    if all_opds or opds:
        _by_opd(OpdYear, scope_opds).delete()
        step("opd_years", training.opd_years, scope_opds)
        _by_opd(OpdYearChannel, scope_opds).delete()
        step("opd_channels", training.opd_channels, scope_opds)

    if scope.unit_quarters:
        started = time.perf_counter()
        units = {unit for unit, _, _ in scope.unit_quarters}
        unit_opds = set(
            UnitQuarterSkm.objects.filter(unit__in=units).values_list("opd_id", flat=True).distinct()
        )
        unit_opds |= set(IkmFigure.objects.filter(unit__in=units).values_list("opd_id", flat=True).distinct())
        # A quarter's figures pool that quarter's tallies; a year's (quarter 0) pool its four quarters.
        periods = {(year, quarter) for _, year, quarter in scope.unit_quarters}
        periods |= {(year, 0) for year, _ in periods}
        ikm_years = {year for year, _ in periods}

        def keep(key) -> bool:
            level, opd, unit, year, quarter = key
            return (year, quarter) in periods and (
                level == IkmLevel.CITY
                or (level == IkmLevel.OPD and opd in unit_opds)
                or (level == IkmLevel.UNIT and unit in units)
            )

        for year, quarter in periods:
            figures = IkmFigure.objects.filter(year=year, quarter=quarter)
            figures.filter(level=IkmLevel.CITY).delete()
            figures.filter(level=IkmLevel.OPD, opd__in=unit_opds).delete()
            figures.filter(level=IkmLevel.UNIT, unit__in=units).delete()
        timings["ikm_delete"] = round(time.perf_counter() - started, 3)
        step("ikm_figures", satisfaction.ikm_figures, years=ikm_years, keep=keep)

    if scope.asns:
        SkillPair.objects.filter(asn__in=asns).delete()
        step("skill_pairs", skills.skill_pairs, asns=asns)
    if all_opds or opds:
        _by_opd(SkillGain, scope_opds).delete()
        step("skill_gains", skills.skill_gains, scope_opds)

    if scope.ideas:  # ideas changed, or links (an idea's OPD is its author's when it names none)
        IdeaFact.objects.all().delete()
        step("ideas", innovation.idea_facts)
    if scope.sessions:  # sessions, attendance or reactions changed, or links (attendance per OPD)
        SessionOpdFact.objects.all().delete()
        SessionFact.objects.all().delete()
        step("sessions", partners.session_facts)
    Exclusion.objects.all().delete()
    step("exclusions", coverage.exclusions)
    RefreshScope.objects.all().delete()


def _by_opd(model, opds):
    return model.objects.all() if opds is None else model.objects.filter(opd__in=opds)
