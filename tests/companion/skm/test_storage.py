"""Responses, their tallies kept in step, and the IKM read back per unit, kind and period."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from companion_service.organization.models import ServiceUnit
from companion_service.skm import selectors, services
from companion_service.skm.ikm import UNSUR_CODES
from companion_service.skm.models import ResponseTally, SurveyResponse
from companion_service.skm.periods import Period

from .test_ikm import TEN, WORKED_29


def tally_table():
    fields = ["unit_id", "service_kind_id", "year", "quarter", "respondents"]
    fields += [f"s{n}" for n in range(1, 10)] + [f"c{n}" for n in range(1, 10)]
    return sorted(ResponseTally.objects.values_list(*fields), key=lambda row: tuple(v or 0 for v in row))


def assert_tallies_match_responses():
    kept = tally_table()
    services.rebuild_tallies()
    assert tally_table() == kept


def test_worked_example_through_the_database(unit, add_responses):
    add_responses(unit, "2025-02-10", *WORKED_29)
    result = selectors.unit_ikm(unit, Period.parse("2025-Q1"), "exact")
    assert (result.respondents, result.ikm, result.grade, result.grade_label) == (
        29,
        Decimal("91.48"),
        "A",
        "Sangat Baik",
    )
    assert selectors.unit_ikm(unit, Period.parse("2025-Q1"), "regulation").ikm == Decimal("91.38")
    assert result.score("U1").nrr_display == Decimal("3.690")
    assert result.unit_code == "DUKCAPIL-LOKET" and result.opd_code == "DISDUKCAPIL"
    assert result.period_label == "Triwulan I 2025"


def test_semesters_and_years_add_their_quarters(unit, add_responses):
    add_responses(unit, "2025-03-31", *WORKED_29)  # Q1
    add_responses(unit, "2025-04-01", *TEN)  # Q2
    add_responses(unit, "2025-07-15", *[4] * 5)  # Q3
    q = {item.period: item for item in selectors.ikm_grid("quarter", years=[2025], weighting="exact")}
    assert sorted(q) == ["2025-Q1", "2025-Q2", "2025-Q3"]
    assert q["2025-Q2"].ikm == Decimal("88.33")
    semesters = {item.period: item for item in selectors.ikm_grid("semester", weighting="exact")}
    assert semesters["2025-S1"].respondents == 39
    # S1: (955 + 318) / 39 respondents / 9 x 25 = 90.67
    assert semesters["2025-S1"].ikm == Decimal("90.67")
    assert semesters["2025-S2"].ikm == Decimal("100.00")
    [year] = selectors.ikm_grid("year", weighting="regulation")
    assert year.respondents == 44 and year.period == "2025"


def test_answers_outside_the_scale_never_reach_the_table(unit, add_responses):
    add_responses(unit, "2025-01-01", 3)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.filter(unit=unit).update(u9=5)


def test_tallies_follow_inserts_and_deletes(unit, other_unit, add_responses):
    kind = services.add_service_kind(unit, "KTP-el")
    add_responses(unit, "2024-12-31", 4, 3, kind=kind)
    add_responses(unit, "2025-01-01", 2, {"U1": 4, "U4": None})
    add_responses(other_unit, "2025-05-05", 1, 2, 3)
    assert_tallies_match_responses()
    assert ResponseTally.objects.count() == 3
    services.delete_responses(SurveyResponse.objects.filter(unit=unit, answered_on__year=2024))
    assert_tallies_match_responses()
    assert not ResponseTally.objects.filter(year=2024).exists()
    q1 = selectors.unit_ikm(unit, Period.parse("2025-Q1"))
    assert q1.respondents == 2 and q1.score("U4").answered == 1 and q1.ikm is not None


def test_rebuild_repairs_a_damaged_tally(unit, add_responses):
    add_responses(unit, "2025-01-01", 4, 4)
    ResponseTally.objects.update(respondents=99, s1=0)
    services.rebuild_tallies([unit.id])
    [tally] = ResponseTally.objects.all()
    assert (tally.respondents, tally.s1, tally.c1) == (2, 8, 2)


def test_ikm_per_kind_of_service(unit, add_responses):
    ktp = services.add_service_kind(unit, "KTP-el")
    kk = services.add_service_kind(unit, "Kartu Keluarga")
    add_responses(unit, "2025-02-01", 4, 4, kind=ktp)
    add_responses(unit, "2025-02-01", 2, kind=kk)
    add_responses(unit, "2025-02-01", 3)
    rows = selectors.ikm_by_service_kind(unit, Period.parse("2025-Q1"), "exact")
    assert [(row.service_kind, row.respondents, row.ikm) for row in rows] == [
        ("KTP-el", 2, Decimal("100.00")),  # in the unit's order of its kinds of service
        ("Kartu Keluarga", 1, Decimal("50.00")),
        ("(tanpa jenis layanan)", 1, Decimal("75.00")),
    ]


def test_minimum_sample_from_entered_or_summed_populations(unit, add_responses):
    add_responses(unit, "2025-01-10", *[3] * 30)
    add_responses(unit, "2025-04-10", *[3] * 30)
    q1, q2, s1 = Period.parse("2025-Q1"), Period.parse("2025-Q2"), Period.parse("2025-S1")
    assert selectors.unit_ikm(unit, q1).minimum_sample.population is None
    services.set_service_users(unit, q1, 30)
    services.set_service_users(unit, q2, 100)
    first, second = selectors.unit_ikm(unit, q1), selectors.unit_ikm(unit, q2)
    assert (first.minimum_sample.required, first.minimum_sample.met) == (28, True)
    assert (second.minimum_sample.required, second.minimum_sample.met, second.minimum_sample.short) == (
        80,
        False,
        True,
    )
    semester = selectors.unit_ikm(unit, s1).minimum_sample
    assert (semester.population, semester.population_source, semester.required) == (130, "sum", 97)
    services.set_service_users(unit, s1, 120)
    semester = selectors.unit_ikm(unit, s1).minimum_sample
    assert (semester.population, semester.population_source) == (120, "entered")
    year = selectors.unit_ikm(unit, Period.parse("2025")).minimum_sample
    assert year.population is None  # Q3 and Q4 (or S2) not entered


def test_profile_breakdowns(unit, add_responses):
    add_responses(unit, "2025-02-01", 4, 4, sex="P", age_group="30-39", education="sma", occupation="swasta")
    add_responses(unit, "2025-02-01", 2, sex="L", age_group="<20", education="d4-s1")
    add_responses(unit, "2025-02-01", 3)
    breakdowns = {
        item.dimension: item for item in selectors.profile_breakdowns(unit, Period.parse("2025-Q1"), "exact")
    }
    sex = {row.label: row for row in breakdowns["sex"].rows}
    assert (sex["Perempuan"].respondents, sex["Perempuan"].share, sex["Perempuan"].ikm) == (
        2,
        Decimal("50.00"),
        Decimal("100.00"),
    )
    assert (sex["Laki-laki"].respondents, sex["Laki-laki"].ikm, sex["Laki-laki"].grade) == (
        1,
        Decimal("50.00"),
        "D",
    )
    assert sex["Tidak diisi"].respondents == 1
    ages = [row.label for row in breakdowns["age_group"].rows]
    assert ages[:2] == ["Di bawah 20 tahun", "20-29 tahun"]  # every group listed in order, even empty ones
    assert sum(row.respondents for row in breakdowns["occupation"].rows) == 4


def test_comments_are_listed_without_answers(unit, add_responses):
    add_responses(unit, "2025-02-01", 4, comment="Antrean <b>lama</b>")
    add_responses(unit, "2025-02-03", 3, comment="")
    [comment] = selectors.comments(unit, Period.parse("2025-Q1"))
    assert comment.text == "Antrean <b>lama</b>"
    assert not hasattr(comment, "u1")
    assert selectors.comment_count(unit, Period.parse("2025-Q2")) == 0


def test_form_submissions_are_deduplicated(unit):
    row = services.NewResponse(
        unit_id=unit.id,
        answered_on=__import__("datetime").date(2025, 1, 2),
        answers=dict.fromkeys(UNSUR_CODES, 4),
        nonce="n-1",
        fingerprint="f-1",
    )
    assert not services.submit_form_response(row).duplicate
    assert services.submit_form_response(row).duplicate  # same form sent twice
    again = services.NewResponse(**{**row.__dict__, "nonce": "n-2"})
    assert services.submit_form_response(again).duplicate  # same client, same answers, minutes later
    other = services.NewResponse(**{**row.__dict__, "nonce": "n-3", "fingerprint": "f-2"})
    assert not services.submit_form_response(other).duplicate
    assert SurveyResponse.objects.count() == 2
    assert ResponseTally.objects.get().respondents == 2


def test_units_with_responses_cannot_be_deleted(unit, add_responses):
    from django.db.models import ProtectedError

    add_responses(unit, "2025-01-01", 4)
    with pytest.raises(ProtectedError):
        ServiceUnit.objects.filter(pk=unit.pk).delete()


def test_follow_up_register_summary(unit):
    import datetime as dt

    period = Period.parse("2025-Q1")
    common = {"problem": "Antrean lama", "action": "Nomor antrean daring", "owner": "Kasi Pelayanan"}
    services.create_follow_up(
        unit,
        period,
        unsur="U3",
        due_on=dt.date(2025, 6, 30),
        status="done",
        done_on=dt.date(2025, 5, 1),
        **common,
    )
    services.create_follow_up(
        unit,
        period,
        unsur="U9",
        due_on=dt.date(2025, 6, 30),
        status="done",
        done_on=dt.date(2025, 7, 5),
        **common,
    )
    services.create_follow_up(
        unit, period, unsur="U6", due_on=dt.date(2099, 1, 1), status="in_progress", **common
    )
    services.create_follow_up(unit, period, unsur="U8", due_on=dt.date(2025, 3, 1), **common)
    services.create_follow_up(
        unit, period, unsur="U1", due_on=dt.date(2025, 3, 1), status="cancelled", **common
    )
    summary = selectors.follow_up_summary(unit, period)
    assert (summary.planned, summary.done, summary.in_progress, summary.not_started) == (4, 2, 1, 1)
    assert summary.percent_done == Decimal("50.00")
    assert summary.done_on_time == 1
    assert summary.late == 1
    assert selectors.follow_up_summary(unit, Period.parse("2025-Q2")).percent_done is None
