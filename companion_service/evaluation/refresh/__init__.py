"""The refresh service: recompute the aggregates the evaluation pages read, in one transaction.

Changes are noted as they are committed (``changes``); a worker task refreshes after each sync run,
grade report, import and roster change, and a few seconds after public-form answers (``receivers``,
``tasks``). That refresh is incremental: it recomputes only what the noted changes reach
(``incremental``, ADR 0131). The full refresh recomputes everything: ``companion evaluate --refresh``,
nightly, and whenever a change reaches everything (roster, programme). Readers see the previous
figures until the new ones are committed. One refresh runs at a time (``sql.lock``).
"""

from __future__ import annotations

import logging
import time

from django.db import transaction
from django.utils import timezone

from ..models import (
    AsnTraining,
    AsnYear,
    Exclusion,
    IdeaFact,
    IkmFigure,
    ImpactResult,
    LearningRecord,
    OpdQuarterTraining,
    OpdYear,
    OpdYearChannel,
    RefreshRun,
    RefreshStatus,
    SessionFact,
    SessionOpdFact,
    SkillGain,
    SkillPair,
    UnitQuarterSkm,
)
from . import changes, coverage, incremental, innovation, partners, satisfaction, skills, training
from .sql import lock, vacuum

log = logging.getLogger(__name__)
LOCK_KEY = 0x62696E61  # "bina"

# Emptied in this order (children first), refilled in the order of ``_fill``.
TABLES = (
    SessionOpdFact,
    SessionFact,
    IdeaFact,
    Exclusion,
    SkillGain,
    SkillPair,
    IkmFigure,
    UnitQuarterSkm,
    OpdYearChannel,
    OpdYear,
    OpdQuarterTraining,
    AsnYear,
    AsnTraining,
    LearningRecord,
    ImpactResult,
)


def _years(first_quarter: int | None) -> list[int]:
    """Years of the ledger: every year with learning records or survey answers, and this one."""
    years = set(LearningRecord.objects.values_list("year", flat=True).distinct())
    years |= set(UnitQuarterSkm.objects.values_list("year", flat=True).distinct())
    years.add(timezone.localdate().year)
    return sorted(year for year in years if year)


def _fill(counts: dict) -> None:
    """Recompute every table; ``counts`` gets the rows written and the seconds of each step."""
    timings = counts.setdefault("seconds", {})

    def step(name, function, *args):
        started = time.perf_counter()
        counts[name] = function(*args)
        timings[name] = round(time.perf_counter() - started, 3)

    current, course_ids = training.programme()
    step("learning_records", training.learning_records, course_ids)
    step("asn_trained", training.asn_training, current, course_ids)
    step("unit_quarters", satisfaction.unit_quarters)
    first = UnitQuarterSkm.objects.order_by("year", "quarter").values_list("year", "quarter").first()
    first_quarter = first[0] * 4 + first[1] - 1 if first else None
    step("opd_quarters", training.opd_quarters, first_quarter)
    step("asn_years", training.asn_years, _years(first_quarter), course_ids)
    step("opd_years", training.opd_years)
    step("opd_channels", training.opd_channels)
    step("ikm_figures", satisfaction.ikm_figures)
    step("skill_pairs", skills.skill_pairs)
    step("skill_gains", skills.skill_gains)
    step("ideas", innovation.idea_facts)
    step("sessions", partners.session_facts)
    step("exclusions", coverage.exclusions)


def _precompute_impact() -> None:
    """The impact page's default analysis, so its first reader does not wait for it."""
    from companion_service.accounts.api import Scope

    from ..selectors import impact, programme_defaults
    from ..selectors.common import choose_weighting

    threshold, window = programme_defaults()
    impact(Scope.everything(), window, threshold, choose_weighting(None))


def refresh(trigger: str = "command", full: bool = True) -> RefreshRun:
    """Recompute the aggregates: all of them (``full``), or what the pending changes reach; returns the
    finished run (``status`` failed with the error on failure)."""
    run = RefreshRun.objects.create(trigger=trigger[:40], started=timezone.now(), full=full)
    started = time.perf_counter()
    counts: dict = {}
    try:
        with transaction.atomic():
            lock(LOCK_KEY)
            upto = changes.last_note()
            started_step = time.perf_counter()
            scope = None if full else changes.resolve(upto)
            counts.setdefault("seconds", {})["notes"] = round(time.perf_counter() - started_step, 3)
            if scope is not None and scope.everything:
                scope, run.full = None, True
            started_step = time.perf_counter()
            if scope is None:
                for model in TABLES:
                    model.objects.all().delete()
                counts.setdefault("seconds", {})["delete"] = round(time.perf_counter() - started_step, 3)
                _fill(counts)
            else:
                counts["scope"] = scope.describe()
                ImpactResult.objects.all().delete()
                incremental.apply(scope, counts, _years)
            started_step = time.perf_counter()
            changes.forget(upto)
            counts["seconds"]["forget_notes"] = round(time.perf_counter() - started_step, 3)
            started_step = time.perf_counter()
            run.coverage = coverage.snapshot()
            counts["seconds"]["coverage"] = round(time.perf_counter() - started_step, 3)
            started_step = time.perf_counter()
            _precompute_impact()
            counts["seconds"]["impact"] = round(time.perf_counter() - started_step, 3)
            started_step = time.perf_counter()
        counts["seconds"]["commit"] = round(time.perf_counter() - started_step, 3)
    except Exception as exc:
        log.exception("evaluation refresh failed")
        run.status, run.error = RefreshStatus.FAILED, f"{exc.__class__.__name__}: {exc}"
    else:
        run.status = RefreshStatus.OK
        if run.full:  # committed; tidying the rewritten tables never fails the refresh
            started_step = time.perf_counter()
            try:
                vacuum(*TABLES)
            except Exception:
                log.exception("vacuum after the evaluation refresh failed")
            counts["seconds"]["vacuum"] = round(time.perf_counter() - started_step, 3)
    run.finished = timezone.now()
    run.seconds = round(time.perf_counter() - started, 3)
    run.counts = counts
    run.save()
    log.info("evaluation refresh %s in %.1f s", run.status, run.seconds, extra={"counts": counts})
    return run


def latest() -> RefreshRun | None:
    """The newest successful refresh (what the pages show)."""
    return RefreshRun.objects.filter(status=RefreshStatus.OK).order_by("-started").first()
