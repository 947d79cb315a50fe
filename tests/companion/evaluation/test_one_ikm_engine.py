"""One IKM engine: the evaluation's refresh and the SKM app's own figures agree on every unit-period.

1,000 random unit-periods (100 units x 8 quarters, and their 200 years), with unanswered items,
respondents who answered nothing, unsur nobody answered, and service users entered per quarter, per
semester, per year or not at all. The SKM API (``skm.api.ikm_by_unit_and_period``, what the SKM pages
show) is the reference; the refresh's stored figures must be identical under both weightings:
respondents, IKM, grade, NRR/converted score/grade per unsur, service users, minimum sample, met.
"""

import datetime as dt
import random

import pytest

from companion_service.evaluation.models import IkmFigure, IkmLevel, UnitQuarterSkm
from companion_service.evaluation.refresh import refresh
from companion_service.organization.models import Opd, ServiceUnit
from companion_service.skm import api as skm
from companion_service.skm import services
from companion_service.skm.models import ResponseSource

YEARS = (2025, 2026)


def _answers(rng, missing_unsur):
    if rng.random() < 0.03:
        return dict.fromkeys(skm.UNSUR_CODES)  # answered nothing
    return {
        code: None if code in missing_unsur or rng.random() < 0.08 else rng.choice((1, 2, 2, 3, 3, 3, 4, 4))
        for code in skm.UNSUR_CODES
    }


def build(seed: int = 14) -> list[ServiceUnit]:
    rng = random.Random(seed)
    opds = [Opd.objects.create(code=f"OPD{n:02d}", name=f"Dinas {n:02d} (sintetis)") for n in range(10)]
    units = [
        ServiceUnit.objects.create(code=f"U{n:03d}", name=f"Unit {n:03d}", opd=opds[n % 10])
        for n in range(100)
    ]
    rows = []
    for number, unit in enumerate(units):
        missing = {rng.choice(skm.UNSUR_CODES)} if number % 17 == 0 else set()  # IKM missing: no answers
        for year in YEARS:
            for quarter in range(1, 5):
                respondents = rng.randint(1, 60)
                first = dt.date(year, 3 * quarter - 2, 1)
                rows += [
                    services.NewResponse(
                        unit_id=unit.id,
                        answered_on=first + dt.timedelta(days=rng.randint(0, 88)),
                        answers=_answers(rng, missing),
                    )
                    for _ in range(respondents)
                ]
                if rng.random() < 0.7:  # service users near the sample's edge, between table rows too
                    users = rng.choice((rng.randint(1, 12), rng.randint(10, 160), rng.randint(100, 5000)))
                    services.set_service_users(unit, skm.Period(year, skm.PeriodKind.QUARTER, quarter), users)
            choice = rng.random()
            if choice < 0.2:
                services.set_service_users(
                    unit, skm.Period(year, skm.PeriodKind.YEAR, 1), rng.randint(50, 9000)
                )
            elif choice < 0.35:
                for half in (1, 2):
                    services.set_service_users(
                        unit, skm.Period(year, skm.PeriodKind.SEMESTER, half), rng.randint(20, 600)
                    )
    services.record_responses(rows, ResponseSource.IMPORT)
    return units


def _figure_of(result) -> tuple:
    """What the refresh stores, read from the SKM engine's ``UnitIkm``."""
    unsur = {
        score.code: [
            None if score.nrr_display is None else float(score.nrr_display),
            None if score.converted_display is None else float(score.converted_display),
            score.grade,
        ]
        for score in result.unsur
    }
    sample = result.minimum_sample
    return (
        result.respondents,
        result.ikm,
        result.grade or "",
        unsur,
        sample.population,
        sample.required,
        sample.met,
    )


def _stored(figure: IkmFigure) -> tuple:
    return (
        figure.respondents,
        figure.ikm,
        figure.grade,
        figure.unsur,
        figure.population,
        figure.required,
        figure.sample_met,
    )


@pytest.mark.django_db
def test_refresh_and_engine_agree_on_1000_random_unit_periods():
    build()
    run = refresh("test")
    assert run.status == "ok", run.error
    compared = 0
    for kind in (skm.PeriodKind.QUARTER, skm.PeriodKind.YEAR):
        for weighting in skm.Weighting:
            expected = skm.ikm_by_unit_and_period(kind, weighting=weighting)
            stored = {
                (figure.unit.code, figure.year, figure.quarter): figure
                for figure in IkmFigure.objects.filter(
                    level=IkmLevel.UNIT, weighting=weighting, quarter__gt=0 if kind == "quarter" else -1
                ).select_related("unit")
                if (figure.quarter > 0) == (kind == skm.PeriodKind.QUARTER)
            }
            assert len(stored) == len(expected)
            for result in expected:
                period = skm.Period.parse(result.period)
                quarter = period.number if kind == skm.PeriodKind.QUARTER else 0
                figure = stored[(result.unit_code, period.year, quarter)]
                assert _stored(figure) == _figure_of(result), (result.unit_code, result.period, weighting)
                compared += weighting == skm.Weighting.REGULATION
    assert compared == 1000


@pytest.mark.django_db
def test_the_quarterly_sample_flags_match_the_engine():
    units = build(seed=3)[:30]
    refresh("test")
    for unit in units:
        for row in UnitQuarterSkm.objects.filter(unit=unit):
            result = skm.unit_ikm(unit.code, skm.Period(row.year, skm.PeriodKind.QUARTER, row.quarter))
            sample = result.minimum_sample
            assert (row.respondents, row.population, row.required, row.sample_met) == (
                result.respondents,
                sample.population,
                sample.required,
                sample.met,
            )


def test_the_formula_table_and_grades_live_only_in_the_skm_app():
    """Outside ``companion_service/skm`` nobody imports the engine's internals or copies its numbers:
    they go through ``skm.api``."""
    from pathlib import Path

    import companion_service

    root = Path(companion_service.__file__).parent
    forbidden = ("skm.ikm", "skm import ikm", "skm.selectors", "KREJCIE", "round_half_up", "88.31")
    found = [
        (str(path.relative_to(root)), word)
        for path in root.rglob("*.py")
        if "skm" not in path.relative_to(root).parts[:1] and "migrations" not in path.parts
        for word in forbidden
        if word in path.read_text(encoding="utf-8")
    ]
    assert found == []
