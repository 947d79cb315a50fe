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

from django.db.models import Exists, OuterRef, Subquery

# The steps' modules by their full names: this module depends on them, not on the refresh package
# that imports it (no import cycle, tests/system/test_layout.py).
import companion_service.evaluation.refresh.coverage as coverage
import companion_service.evaluation.refresh.innovation as innovation
import companion_service.evaluation.refresh.partners as partners
import companion_service.evaluation.refresh.satisfaction as satisfaction
import companion_service.evaluation.refresh.skills as skills
import companion_service.evaluation.refresh.training as training
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
    RecordKind,
    RefreshPair,
    RefreshScope,
    SessionFact,
    SessionOpdFact,
    SkillGain,
    SkillPair,
    UnitQuarterSkm,
)
from .changes import Scope
from .sql import analyze, bulk_insert


def apply(scope: Scope, counts: dict, years_of) -> None:
    """Recompute what ``scope`` reaches; ``counts`` gets the rows written and seconds per step.
    ``years_of`` is the full refresh's rule for the ledger's years."""
    timings = counts.setdefault("seconds", {})

    def step(name, function, *args, clear=None, **kwargs):
        """Delete the keys ``clear`` (a queryset) and recompute them; both timed."""
        started = time.perf_counter()
        if clear is not None:
            clear.delete()
        counts[name] = function(*args, **kwargs)
        timings[name] = round(time.perf_counter() - started, 3)

    started = time.perf_counter()
    RefreshScope.objects.all().delete()
    RefreshPair.objects.all().delete()
    training_asns = scope.training_asns
    bulk_insert(
        [
            RefreshScope(
                asn_id=pk,
                records=pk in scope.asns,
                training=pk in training_asns,
                skills=pk in scope.skill_asns,
            )
            for pk in sorted(training_asns | scope.skill_asns)
        ]
    )
    bulk_insert([RefreshPair(asn_id=asn, course_id=course) for asn, course in sorted(scope.pairs)])
    # Fresh statistics, or the planner guesses the scratch tables' sizes from a past refresh.
    analyze(RefreshScope, RefreshPair)
    whole = Subquery(RefreshScope.objects.filter(records=True).values("asn_id"))
    asns = Subquery(RefreshScope.objects.filter(training=True).values("asn_id"))
    skill_asns = Subquery(RefreshScope.objects.filter(skills=True).values("asn_id"))
    opds = set(Asn.objects.filter(pk__in=asns).values_list("opd_id", flat=True).distinct())
    opds |= set(AsnYear.objects.filter(asn__in=asns).values_list("opd_id", flat=True).distinct())
    skill_opds = set(Asn.objects.filter(pk__in=skill_asns).values_list("opd_id", flat=True).distinct())
    skill_opds |= set(
        SkillPair.objects.filter(asn__in=skill_asns).values_list("opd_id", flat=True).distinct()
    )
    timings["scope"] = round(time.perf_counter() - started, 3)
    current, course_ids = training.programme()
    if scope.asns:
        step(
            "learning_records",
            training.learning_records,
            course_ids,
            asns=whole,
            clear=LearningRecord.objects.filter(asn__in=whole),
        )
    if scope.pairs:
        pair = RefreshPair.objects.filter(asn_id=OuterRef("asn_id"), course_id=OuterRef("source_id"))
        step(
            "course_records",
            training.learning_records,
            course_ids,
            pairs=RefreshPair.objects.all(),
            clear=LearningRecord.objects.filter(Exists(pair), kind=RecordKind.COURSE),
        )
    if training_asns:
        step(
            "asn_trained",
            training.asn_training,
            current,
            course_ids,
            asns=asns,
            clear=AsnTraining.objects.filter(asn__in=asns),
        )

    if scope.unit_quarters:
        step(
            "unit_quarters",
            satisfaction.unit_quarters,
            scope.unit_quarters,
            clear=UnitQuarterSkm.objects.filter(satisfaction.unit_quarter_filter(scope.unit_quarters)),
        )

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
        step("opd_quarters", training.opd_quarters, first_quarter, clear=OpdQuarterTraining.objects.all())
        all_opds = True
    elif opds:
        step(
            "opd_quarters",
            training.opd_quarters,
            first_quarter,
            opds=opds,
            span=span,
            clear=OpdQuarterTraining.objects.filter(opd__in=opds),
        )

    AsnYear.objects.exclude(year__in=years).delete()
    if new_years:
        step("asn_years_new", training.asn_years, sorted(new_years), course_ids)
    if training_asns:
        step(
            "asn_years",
            training.asn_years,
            sorted(years - new_years),
            course_ids,
            asns=asns,
            clear=AsnYear.objects.filter(asn__in=asns, year__in=years - new_years),
        )

    scope_opds = None if all_opds else opds
    if all_opds or opds:
        step("opd_years", training.opd_years, scope_opds, clear=_by_opd(OpdYear, scope_opds))
        step("opd_channels", training.opd_channels, scope_opds, clear=_by_opd(OpdYearChannel, scope_opds))

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

    if scope.skill_asns:
        step(
            "skill_pairs",
            skills.skill_pairs,
            asns=skill_asns,
            clear=SkillPair.objects.filter(asn__in=skill_asns),
        )
    gains_opds = None if all_opds else skill_opds
    if all_opds or skill_opds:
        step("skill_gains", skills.skill_gains, gains_opds, clear=_by_opd(SkillGain, gains_opds))

    if scope.ideas:  # ideas changed, or links (an idea's OPD is its author's when it names none)
        IdeaFact.objects.all().delete()
        step("ideas", innovation.idea_facts)
    if scope.sessions:  # sessions, attendance or reactions changed, or links (attendance per OPD)
        SessionOpdFact.objects.all().delete()
        SessionFact.objects.all().delete()
        step("sessions", partners.session_facts)
    step("exclusions", coverage.exclusions, clear=Exclusion.objects.all())
    RefreshScope.objects.all().delete()
    RefreshPair.objects.all().delete()


def _by_opd(model, opds):
    return model.objects.all() if opds is None else model.objects.filter(opd__in=opds)
