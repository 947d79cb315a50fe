"""Golden tests: every figure of the dashboard on the hand-worked dataset of ``golden.py``.

The expected values are worked out in the comments from the dataset's definition, not read back
from the code.
"""

import math
from decimal import Decimal

import pytest
from scipy import stats as scipy_stats

from companion_service.accounts.api import Scope
from companion_service.evaluation import selectors
from companion_service.evaluation.models import (
    AsnTraining,
    LearningRecord,
    OpdQuarterTraining,
    UnitQuarterSkm,
)

YEAR = 2026


def rate_tuple(value):
    return (value.k, value.n)


# --- training coverage and JP -----------------------------------------------------------------------


def test_learning_records_follow_the_credit_rules(data):
    records = {(r.asn.openedx_username, r.title): r for r in LearningRecord.objects.select_related("asn")}
    # a01: K1 passed on 10 Feb (pass date), K2 completed without a grade on 5 May (completion date).
    assert records[("a01", "Literasi Digital ASN")].finished_at.date().isoformat() == "2026-02-10"
    assert records[("a01", "Literasi Digital ASN")].date_source == "certificate"
    assert records[("a01", "Pelayanan Prima Digital")].finished_at.date().isoformat() == "2026-05-05"
    # a04 completed K1 but its grade does not pass: credited at the completion date, not a pass.
    assert records[("a04", "Literasi Digital ASN")].date_source == "first_sync"
    # a07's workshop: 5 JP, channel workshop, provider = the partner.
    workshop = records[("a07", "Analisis data layanan")]
    assert (workshop.jp, workshop.channel, workshop.provider) == (5, "workshop", "PT Teknologi Tapanuli")
    # b03's seminar is a seminar; the unlinked learner has no record; a08's course has no JP.
    assert records[("b03", "Seminar data pribadi")].channel == "seminar"
    assert records[("a08", "Orientasi")].jp == 0 and not records[("a08", "Orientasi")].in_programme
    assert not any(r.asn is None for r in records.values())


def test_who_is_trained_and_when(data):
    trained = {t.asn.openedx_username: (t.year, t.quarter) for t in AsnTraining.objects.select_related("asn")}
    assert trained == {
        "a01": (2026, 1), "a02": (2026, 1), "a03": (2026, 1), "a04": (2026, 2), "a05": (2026, 2),
        "a09": (2025, 4), "a11": (2026, 1),
        "b01": (2026, 3), "b02": (2026, 3), "b03": (2026, 3), "b04": (2026, 3), "c03": (2025, 2),
    }  # fmt: skip
    a = {
        f"{q.year}-Q{q.quarter}": (q.trained, q.asn_count)
        for q in OpdQuarterTraining.objects.filter(opd=data.opds["A"])
    }
    # a11 is retired: not among the 10 ASN in service, nor among the trained.
    assert a["2025-Q3"] == (0, 10) and a["2025-Q4"] == (1, 10)
    assert a["2026-Q1"] == (4, 10) and a["2026-Q2"] == (6, 10) and a["2026-Q4"] == (6, 10)


def test_an_enrollment_without_a_date_dates_from_the_pass(data):
    from companion_service.evaluation.models import AsnYear

    c03 = {row.year: row for row in AsnYear.objects.filter(asn=data.asn["c03"])}
    assert c03[2025].enrolled and c03[2025].completed and c03[2025].jp_total == 20
    assert not c03[2026].enrolled  # first seen today, but finished in 2025
    record = LearningRecord.objects.get(asn=data.asn["c03"])
    assert record.started_at == record.finished_at  # never a start after the finish


def test_city_scorecard(data, everything):
    card = selectors.scorecard(everything, YEAR, "exact")
    assert card.asn_count == 20
    # enrolled: A a01-a06, B b01-b04; completed: A a01-a05, B b01-b04; passed: a01 a02 a03 a05, b01-b04.
    assert rate_tuple(card.enrolled) == (10, 20)
    assert rate_tuple(card.completed) == (9, 20)
    assert rate_tuple(card.passed) == (8, 20)
    # >= 20 JP: a01 (28) a02 a03 a04 (20), b01 b02 (25) b03 (24) b04 (20).
    assert rate_tuple(card.meets_target) == (8, 20)
    # A count of the whole roster: no interval (issue 17; Wilson's would be 21.88%-61.34%).
    assert card.meets_target.value == pytest.approx(0.4) and card.meets_target.low is None
    # JP: A 101, B 94, C 5 = 200 over 20 ASN; sum of squares 2073 + 2226 + 25 = 4324.
    assert card.jp_mean.value == pytest.approx(10.0)
    assert card.jp_mean.sd == pytest.approx(math.sqrt((4324 - 20 * 100) / 19))
    # IKM 2026-Q4, exact weighting: 14 of 30 answered 4 -> 3 + 14/30 -> 86.67 (B).
    assert card.ikm_latest.period == "2026-Q4"
    assert card.ikm_latest.ikm == Decimal("86.67") and card.ikm_latest.grade == "B"
    # Year 2026: 40 of 120 answered 4 -> 3 1/3 -> 83.33 (B).
    assert card.ikm_year.ikm == Decimal("83.33") and card.ikm_year.respondents == 120
    assert (card.ideas_submitted, card.ideas_accepted, card.ideas_implemented) == (4, 2, 1)
    assert (card.workshops, card.attendances) == (2, 6)


def test_regulation_weighting_scales_by_0_999(data, everything):
    card = selectors.scorecard(everything, YEAR, "regulation")
    # 86.6667 x 0.999 = 86.58; 83.3333 x 0.999 = 83.25.
    assert card.ikm_latest.ikm == Decimal("86.58")
    assert card.ikm_year.ikm == Decimal("83.25")


def test_opd_rows_suppress_small_opds(data, everything):
    rows = {row.code: row for row in selectors.scorecard(everything, YEAR, "exact").opds}
    assert rate_tuple(rows["DISDUKCAPIL"].completed) == (5, 10)
    assert rate_tuple(rows["DISDUKCAPIL"].trained) == (6, 10)
    assert rows["DISDUKCAPIL"].ikm.ikm == Decimal("86.25")  # 18 of 40 answered 4 -> 3.45
    assert rate_tuple(rows["RSUD"].meets_target) == (4, 6)
    # DINSOS has 4 ASN: every rate is suppressed (shown as n only).
    assert rows["DINSOS"].completed.suppressed and rows["DINSOS"].completed.value is None


def test_skill_gains(data, everything):
    skills = {item.pillar: item for item in selectors.scorecard(everything, YEAR, "exact").skills}
    cakap = skills["cakap"]
    # Six pairs; a01 pairs its 5 Jan pre-test (40), a02 its latest post-test (80).
    assert cakap.pairs == 6
    assert cakap.pre.value == pytest.approx(350 / 6) and cakap.post.value == pytest.approx(75.0)
    # Gains 0.5, 0.5, 0, 0.5, 0.5 (a05's pre-test was 100: left out) -> mean 0.4, sd sqrt(0.05).
    assert cakap.gain.n == 5 and cakap.at_max == 1
    assert cakap.gain.value == pytest.approx(0.4)
    assert cakap.gain.sd == pytest.approx(math.sqrt(0.05))
    assert skills["total"].gain.value == pytest.approx(0.4)


def test_opd_head_scorecard_reads_only_their_opd(data, opd_b):
    card = selectors.scorecard(opd_b, YEAR, "exact")
    assert card.opd_code == "RSUD" and card.asn_count == 6
    assert [row.code for row in card.opds] == ["RSUD"]
    assert rate_tuple(card.completed) == (4, 6)
    # B1's 2026: 12 of 40 answered 4 -> 3.3 -> 82.5.
    assert card.ikm_year.ikm == Decimal("82.50")
    assert card.skills == []  # no assessment pairs in RSUD
    # Ideas of RSUD: one (rejected); sessions their ASN attended: S1 and S2, 3 attendances.
    assert (card.ideas_submitted, card.ideas_accepted) == (1, 0)
    assert (card.workshops, card.attendances) == (2, 3)


# --- OPD drill-down ----------------------------------------------------------------------------------


def test_opd_detail(data, everything):
    detail = selectors.opd_detail(everything, "DISDUKCAPIL", YEAR, "exact", threshold=0.5, window=2)
    assert [count for _, _, count in detail.jp_buckets] == [4, 2, 0, 4, 0]
    assert detail.jp_channels[0][0] == "e_learning" and detail.jp_channels[0][2:] == (96, 5)
    assert detail.jp_channels[1][0] == "workshop" and detail.jp_channels[1][2:] == (5, 1)
    shares = {share.period: share.share for share in detail.shares}
    assert shares["2025-Q4"] == pytest.approx(0.1) and shares["2026-Q2"] == pytest.approx(0.6)
    assert detail.trained_from == "2026-Q2"
    assert detail.before_periods == ["2025-Q4", "2026-Q1"] and detail.after_periods == ["2026-Q3", "2026-Q4"]
    u6 = next(row for row in detail.before_after if row.code == "U6")
    assert (u6.before, u6.after) == (81.25, 90.0)
    assert [value.period for value in detail.ikm_quarters][:2] == ["2025-Q1", "2025-Q2"]
    assert detail.units[0].code == "UNIT-A1" and len(detail.units[0].quarters) == 8


def test_opd_detail_of_another_opd_is_not_allowed(data, opd_b):
    with pytest.raises(selectors.NotAllowed):
        selectors.opd_detail(opd_b, "DISDUKCAPIL", YEAR)


# --- impact -------------------------------------------------------------------------------------------


def test_impact_before_after_and_did_with_a_known_effect(data, everything):
    analysis = selectors.impact(everything, 2, 0.5, "exact")
    units = {unit.code: unit for unit in analysis.units}
    a1, b1, c1 = units["UNIT-A1"], units["UNIT-B1"], units["UNIT-C1"]
    # A1: before 2025-Q4 + 2026-Q1 (5 of 20 answered 4: 81.25), after 2026-Q3 + Q4 (12 of 20: 90.00).
    assert (a1.trained_from, a1.ikm_before, a1.ikm_after, a1.change) == ("2026-Q2", 81.25, 90.0, 8.75)
    assert (a1.n_before, a1.n_after) == (20, 20)
    # Welch: variances 2343.75/19 and 3000/19, se = 3.75.
    v1, v2 = 2343.75 / 19 / 20, 3000 / 19 / 20
    dof = (v1 + v2) ** 2 / (v1**2 / 19 + v2**2 / 19)
    half = scipy_stats.t.ppf(0.975, dof) * 3.75
    assert a1.change_low == pytest.approx(8.75 - half, abs=0.01)
    assert a1.change_high == pytest.approx(8.75 + half, abs=0.01)
    # 2025-Q4 had 10 respondents for 10 users (met); 2026-Q1 10 for 12 users (needs 12): short.
    assert a1.sample_met is False
    # C1 over A1's quarters: 78.75 -> 82.50 (+3.75): the difference is 5.
    assert (a1.control_change, a1.did) == (3.75, 5.0)
    # B1: 80.00 (2026-Q1, Q2) -> 87.50 (2026-Q4; 2027-Q1 has no answers); C1 80.00 -> 82.50.
    assert (b1.trained_from, b1.ikm_before, b1.ikm_after, b1.n_after) == ("2026-Q3", 80.0, 87.5, 10)
    # B1's after-window runs past the data (2027-Q1, no respondents): not "sample met", but cut.
    assert (b1.control_change, b1.did, b1.sample_met, b1.short_window) == (2.5, 5.0, False, True)
    assert a1.short_window is False
    assert c1.trained_from is None and c1.ikm_before is None
    assert analysis.estimate == pytest.approx(5.0)
    # Two trained units and one comparison unit: far too few clusters for any interval.
    assert analysis.ci95 is None
    assert analysis.interval["reason"] == "few_clusters"
    assert analysis.clusters == {"level": "unit", "treated": 2, "comparison": 1, "minimum": 5}
    assert analysis.treated_units == ["UNIT-A1", "UNIT-B1"] and analysis.control_units == ["UNIT-C1"]
    assert analysis.short_window_units == ["UNIT-B1"]
    assert analysis.sample_not_met_units == ["UNIT-A1", "UNIT-B1"]
    assert {"few_clusters", "short_window", "sample_not_met"} <= set(analysis.warnings)
    assert "pretrend" not in analysis.warnings


def test_impact_under_the_regulation_weighting(data, everything):
    analysis = selectors.impact(everything, 2, 0.5, "regulation")
    a1 = next(unit for unit in analysis.units if unit.code == "UNIT-A1")
    # 81.25 x 0.999 = 81.16875 -> 81.17; 90 x 0.999 = 89.91; change 8.74125.
    assert (a1.ikm_before, a1.ikm_after, a1.change) == (81.17, 89.91, 8.74)
    assert analysis.estimate == pytest.approx(4.995)


def test_pre_trend_and_dose_response(data, everything):
    analysis = selectors.impact(everything, 2, 0.5, "exact")
    first = analysis.event[0]
    # B1's window runs to 2027-Q1, which has no answers: the chart follows A1 alone (and C1 for it)
    # at every offset, rather than losing B1 part way. Offset -2: A1 in 2025-Q4 (3.2); C1 (3.1).
    assert (first["offset"], first["treated"], first["control"]) == (-2, 80.0, 77.5)
    assert [(p["treated_n"], p["control_n"]) for p in analysis.event] == [(10, 10)] * 5
    assert analysis.event_units == {"treated": 1, "comparison": 1}
    # Dose: share trained 2025-Q2 -> 2026-Q4 vs IKM change 2025-Q1/Q2 -> 2026-Q3/Q4.
    dose = {point["code"]: point for point in analysis.dose}
    assert dose["UNIT-A1"]["share_change"] == pytest.approx(0.6) and dose["UNIT-A1"]["ikm_change"] == 12.5
    assert (
        dose["UNIT-B1"]["share_change"] == pytest.approx(4 / 6, abs=1e-4)
        and dose["UNIT-B1"]["ikm_change"] == 10.0
    )
    assert dose["UNIT-C1"]["share_change"] == 0 and dose["UNIT-C1"]["ikm_change"] == 7.5
    # Least squares over (0.6, 12.5), (2/3, 10), (0, 7.5): slope = Sxy / Sxx.
    xs, ys = [0.6, 2 / 3, 0.0], [12.5, 10.0, 7.5]
    mx, my = sum(xs) / 3, sum(ys) / 3
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
    assert analysis.dose_fit["slope"] == pytest.approx(slope, abs=0.01)
    assert analysis.dose_windows == [["2025-Q1", "2025-Q2"], ["2026-Q3", "2026-Q4"]]


def test_unsur_breakdown(data, everything):
    rows = {row["code"]: row for row in selectors.impact(everything, 2, 0.5, "exact").unsur}
    # Answers pooled over the analysed units' windows (every unsur moves alike here):
    # treated before: A1 5 of 20 + B1 4 of 20 answered 4 -> 3.225 (80.625); after: A1 12 of 20 +
    # B1 5 of 10 -> 17/30 (89.17). C1 over A1's and B1's windows: 7 of 40 (79.375) -> 9 of 30 (82.50).
    u6 = rows["U6"]
    assert (u6["treated_before"], u6["treated_after"]) == (80.62, 89.17)
    assert (u6["control_before"], u6["control_after"]) == (79.38, 82.5)
    assert u6["difference"] == pytest.approx((89.1667 - 80.625) - (82.5 - 79.375), abs=0.01)


def test_an_opd_head_sees_only_their_units_but_the_city_controls(data, opd_b):
    analysis = selectors.impact(opd_b, 2, 0.5, "exact")
    assert [unit.code for unit in analysis.units] == ["UNIT-B1"]
    assert analysis.estimate == pytest.approx(5.0)
    assert analysis.treated_units == ["UNIT-B1"]
    assert analysis.control_units == [] and analysis.control_count == 1  # C1 is counted, not named
    assert [point["code"] for point in analysis.dose] == ["UNIT-B1"]


def test_impact_is_kept_until_the_next_refresh(data, everything, django_assert_max_num_queries):
    """Asked again, the analysis is read back, not recomputed: two reads (the programme's saved
    threshold, then the kept result; for another threshold the latest refresh, then the cache)."""
    selectors.impact(everything, 3, 0.4, "exact")
    with django_assert_max_num_queries(2):
        again = selectors.impact(everything, 3, 0.4, "exact")
    assert again.window == 3


def test_a_lower_threshold_trains_opds_earlier(data, everything):
    analysis = selectors.impact(everything, 1, 0.3, "exact")
    a1 = next(unit for unit in analysis.units if unit.code == "UNIT-A1")
    assert a1.trained_from == "2026-Q1"  # 4 of 10 by the end of 2026-Q1


# --- ledger, innovation, partners, coverage --------------------------------------------------------


def test_ledger(data, everything, opd_a):
    ledger = selectors.ledger(everything, YEAR, opd_code="DISDUKCAPIL", short_only=True)
    assert [row.name for row in ledger.rows] == [f"ASN A{n:02d}" for n in (5, 6, 7, 8, 9, 10)]
    a05 = ledger.rows[0]
    assert (a05.jp_total, a05.shortfall, a05.channels) == (8, 12, {"e_learning": 8})
    everyone = selectors.ledger(everything, YEAR)
    assert everyone.total_rows == 20
    assert [opd.code for opd in everyone.opds] == ["DISDUKCAPIL", "DINSOS", "RSUD"]  # by name
    a01 = next(row for row in selectors.ledger(opd_a, YEAR).rows if row.name == "ASN A01")
    assert a01.channels == {"e_learning": 28} and a01.shortfall == 0
    with pytest.raises(selectors.NotAllowed):
        selectors.ledger(opd_a, YEAR, opd_code="RSUD")


def test_siasn_records(data, opd_a):
    records = list(selectors.siasn_records(opd_a, YEAR))
    # a01 K1 + K2, a02, a03, a04, a05, a07's workshop; a08's course has no JP; a11 is retired.
    assert len(records) == 7
    assert {r.opd.code for r in records} == {"DISDUKCAPIL"}


def test_innovation(data, everything, opd_a):
    innovation = selectors.innovation(everything, YEAR)
    assert innovation.total == 4
    assert [step.count for step in innovation.funnel] == [4, 2, 2, 2, 1]
    assert {step.state: step.count for step in innovation.side}["rejected"] == 1
    assert [idea.title for idea in innovation.top] == [
        "Antrean daring KTP-el",
        "Formulir digital akta",
        "Pendaftaran poli daring",
    ]
    assert innovation.programs[0].program["kpi_target"] == "< 15"
    # Idea 2 names no OPD: it counts for its author's OPD (DISDUKCAPIL).
    mine = selectors.innovation(opd_a, YEAR)
    assert mine.total == 2 and mine.per_opd == [
        ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", 2, 2, 1)
    ]


def test_partners(data, everything, opd_b):
    result = selectors.partners(everything, YEAR)
    pt = next(p for p in result.partners if p.name == "PT Teknologi Tapanuli")
    # 5 attended, 1 no-show: 5/6; JP 5 x 5; relevance 5 4 5 3 4 -> 4.2.
    assert (pt.sessions, pt.attended, rate_tuple(pt.attendance), pt.jp_delivered) == (1, 5, (5, 6), 25)
    relevance = next(r for r in pt.reactions if r.question == "relevance")
    assert relevance.mean.n == 5 and relevance.mean.value == pytest.approx(4.2)
    cv = next(p for p in result.partners if p.name == "CV Lain")
    assert cv.attendance.suppressed  # 1 person
    partner = selectors.partners(Scope.for_partner("pt teknologi tapanuli"), YEAR)
    assert [p.name for p in partner.partners] == ["PT Teknologi Tapanuli"]
    rsud = selectors.partners(opd_b, YEAR)
    assert rsud.by_opd
    assert {(s.title, s.attended, s.jp_delivered) for s in rsud.sessions} == {
        ("Analisis data layanan", 2, 10),
        ("Seminar data pribadi", 1, 4),
    }


def test_coverage(data, everything, opd_a):
    result = selectors.coverage(everything)
    assert rate_tuple(result.linked) == (20, 20)
    assert len(result.samples) == UnitQuarterSkm.objects.count() == 24
    assert result.samples_short == 1 and result.samples_unknown == 19
    reasons = {(source, reason): count for source, reason, _text, count in result.exclusions}
    assert reasons == {
        ("assessment", "post_without_pre"): 1,
        ("assessment", "pre_at_maximum"): 1,
        ("assessment", "unlinked_learner"): 1,
        ("courses", "course_without_jp"): 1,
        ("courses", "finished_by_unlinked_learner"): 1,
        ("ideas", "no_opd"): 1,
        ("records", "asn_not_in_service"): 1,
        ("workshops", "unlinked_learner"): 1,
    }
    mine = selectors.coverage(opd_a)
    assert {row.opd_code for row in mine.samples} == {"DISDUKCAPIL"}
    assert ("ideas", "no_opd") not in {(s, r) for s, r, _t, _c in mine.exclusions}
    assert not mine.sees_all and "sync" not in mine.sources
