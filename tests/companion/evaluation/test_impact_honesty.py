"""The impact analysis says what the data can carry (issue 14).

On a synthetic city whose trained units were already rising 1.5 points a quarter faster before
training (and training did nothing), the page, the JSON API, ``companion evaluate --json`` and the
PDF warn ``pretrend``; on a clean city (+3 after training) they do not. Training is counted where it
happens: a unit's own staff (default), or its OPD's (``level=opd``).
"""

import io
import json

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from companion_service.accounts.api import Scope
from companion_service.evaluation import selectors
from companion_service.evaluation.refresh import refresh

from . import synthetic


def build(**kwargs):
    city = synthetic.build(**kwargs)
    run = refresh("test")
    assert run.status == "ok", run.error
    return city


@pytest.fixture
def evaluator(client, make_user):
    client.force_login(make_user("eva", "evaluator"))
    return client


def pdf_text(response) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    return " ".join(text.split())


def evaluate_json(*args) -> dict:
    out = io.StringIO()
    call_command("evaluate", "--json", "--weighting", "exact", *args, stdout=out)
    return json.loads(out.getvalue())


def test_a_pretrend_violation_is_flagged_everywhere(db, evaluator):
    build(pretrend=1.5)
    analysis = selectors.impact(Scope.everything(), 2, 0.5, "exact")
    # Without a real effect the estimate is clearly positive (the drift); the placebo catches it.
    assert analysis.estimate > 2 and analysis.ci95 is not None
    assert analysis.placebo["tested"] and analysis.placebo["p_value"] < 0.05
    assert "pretrend" in analysis.warnings
    assert "pretrend" in evaluate_json()["impact"]["warnings"]
    api = evaluator.get("/api/evaluation/v1/impact/?weighting=exact").json()
    assert "pretrend" in api["impact"]["warnings"] and api["impact"]["pretrend"]["rejected"] is True
    page = evaluator.get("/evaluasi/dampak/?weighting=exact").content.decode()
    assert 'data-code="pretrend"' in page and "Asumsi tren paralel ditolak pada taraf 5%" in page
    assert "tidak dapat dipercaya: lihat peringatan tren sebelum pelatihan" in page
    report = pdf_text(evaluator.get("/evaluasi/laporan/dampak.pdf?weighting=exact", follow=True))
    assert "Tren sebelum pelatihan:" in report and "Asumsi tren paralel ditolak" in report


def test_a_clean_city_is_not_flagged(db, evaluator):
    build(effect=3.0)
    analysis = selectors.impact(Scope.everything(), 2, 0.5, "exact")
    assert analysis.placebo["tested"] and not analysis.placebo["rejected"]
    assert analysis.warnings == []
    low, high = analysis.ci95
    assert low < 3.0 < high and analysis.interval["p_value"] < 0.05
    # The second opinion (24 clusters, fewer than 60) agrees, and the design can detect about 1 point.
    assert analysis.randomization["p_value"] < 0.05 and analysis.randomization["permutations"] == 999
    ri_low, ri_high = analysis.randomization["ci95"]
    assert ri_low < 3.0 < ri_high
    assert 0.2 < analysis.mde < 2.0 and analysis.respondents > 0
    assert evaluate_json()["impact"]["warnings"] == []
    page = evaluator.get("/evaluasi/dampak/?weighting=exact").content.decode()
    assert 'data-code="pretrend"' not in page and "Uji tren sebelum pelatihan" in page
    assert "Dampak minimum yang dapat dideteksi" in page and "Pendapat kedua" in page
    report = pdf_text(evaluator.get("/evaluasi/laporan/dampak.pdf?weighting=exact", follow=True))
    assert "Tren sebelum pelatihan:" not in report and "Uji tren sebelum pelatihan" in report
    methodology = evaluator.get("/evaluasi/metodologi/").content.decode()
    assert "Dengan data saat ini" in methodology and "dampak minimum yang dapat dideteksi" in methodology


def test_training_is_counted_in_the_unit_not_the_whole_opd(db):
    city = build(effect=3.0)
    unit_level = {u.code: u for u in selectors.impact(Scope.everything(), 2, 0.5, "exact").units}
    opd_level = {u.code: u for u in selectors.impact(Scope.everything(), 2, 0.5, "exact", level="opd").units}
    # OPD01: S01's staff trained in 2025-Q3 (3 of 4), S03's in 2025-Q4 (3 of 4), S02's one of four in
    # 2025-Q3. The OPD reaches 6 of 12 (50%) in 2025-Q4; S02 itself never reaches 50%.
    assert city["crossings"]["S02"] is None
    assert (unit_level["S01"].trained_from, unit_level["S02"].trained_from) == ("2025-Q3", None)
    assert (opd_level["S01"].trained_from, opd_level["S02"].trained_from) == ("2025-Q4", "2025-Q4")
    clusters = selectors.impact(Scope.everything(), 2, 0.5, "exact", level="opd").clusters
    assert clusters["level"] == "opd" and clusters["treated"] + clusters["comparison"] <= synthetic.OPDS


def test_units_without_staff_in_the_roster_are_left_out_at_the_unit_level(db):
    from companion_service.roster.models import Asn

    city = build(effect=3.0)
    Asn.objects.filter(service_unit=city["units"]["S24"]).update(service_unit=None)
    refresh("test")
    analysis = selectors.impact(Scope.everything(), 2, 0.5, "exact")
    assert "S24" not in {u.code for u in analysis.units}
    assert analysis.units_without_staff == 1 and "units_without_staff" in analysis.warnings
    at_opd = selectors.impact(Scope.everything(), 2, 0.5, "exact", level="opd")
    assert "S24" in {u.code for u in at_opd.units} and "units_without_staff" not in at_opd.warnings
