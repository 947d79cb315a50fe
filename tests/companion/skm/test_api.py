"""The SKM app's public Python interface, as the evaluation app uses it."""

from decimal import Decimal

from companion_service.skm import api, services
from companion_service.skm.data import UnitIkm
from companion_service.skm.periods import Period

from .test_ikm import TEN, WORKED_29


def test_ikm_per_unit_and_period_with_filters(unit, other_unit, add_responses):
    add_responses(unit, "2024-11-05", *TEN)
    add_responses(unit, "2025-02-10", *WORKED_29)
    add_responses(other_unit, "2025-08-01", *TEN)
    services.set_service_users(unit, Period.parse("2025-Q1"), 100)
    rows = api.ikm_by_unit_and_period("quarter", weighting="exact")
    assert [(row.unit_code, row.period) for row in rows] == [
        ("DUKCAPIL-LOKET", "2024-Q4"),
        ("DUKCAPIL-LOKET", "2025-Q1"),
        ("RSUD-RAJAL", "2025-Q3"),
    ]
    assert all(isinstance(row, UnitIkm) for row in rows)
    q1 = rows[1]
    assert (q1.ikm, q1.grade, q1.weighting, q1.respondents) == (Decimal("91.48"), "A", "exact", 29)
    assert abs(q1.ikm_unrounded - 91.4751) < 1e-4
    assert q1.minimum_sample.short and q1.minimum_sample.required == 80
    assert [score.code for score in q1.unsur] == [f"U{n}" for n in range(1, 10)]
    assert q1.score("U1").nrr_display == Decimal("3.690")
    years = api.ikm_by_unit_and_period("year", years=[2025], unit_codes=["DUKCAPIL-LOKET"])
    assert [(row.period, row.respondents) for row in years] == [("2025", 29)]
    assert api.ikm_by_unit_and_period("semester", unit_codes=["NOPE"]) == []


def test_one_unit_and_period(unit, add_responses):
    kind = services.add_service_kind(unit, "KTP-el")
    add_responses(unit, "2025-02-10", *WORKED_29, kind=kind)
    assert api.unit_ikm("DUKCAPIL-LOKET", "2025-Q1").ikm == Decimal("91.38")
    empty = api.unit_ikm("DUKCAPIL-LOKET", Period.parse("2025-Q2"))
    assert (empty.respondents, empty.ikm, empty.grade) == (0, None, None)
    assert api.unit_ikm("NOPE", "2025-Q1") is None
    [by_kind] = api.unit_ikm_by_service_kind("DUKCAPIL-LOKET", "2025-S1")
    assert by_kind.service_kind == "KTP-el" and by_kind.respondents == 29


def test_follow_up_summary(unit):
    import datetime as dt

    services.create_follow_up(
        unit,
        Period.parse("2025-Q1"),
        unsur="U3",
        problem="p",
        action="a",
        owner="o",
        due_on=dt.date(2025, 6, 1),
        status="done",
        done_on=dt.date(2025, 5, 1),
    )
    summary = api.follow_up_summary("DUKCAPIL-LOKET", "2025-Q1")
    assert (summary.planned, summary.done, summary.percent_done) == (1, 1, Decimal("100.00"))
    assert api.follow_up_summary("NOPE") is None
