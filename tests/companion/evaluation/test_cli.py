"""``companion evaluate``: refresh, the JSON object of the issue's contract, the summary, bad options."""

import json

import pytest
from django.core.management import CommandError, call_command

from companion_service.evaluation.models import RefreshRun


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("evaluate", *args, stdout=out)
    return out.getvalue()


def test_refresh_then_json(db, capsys):
    from . import golden

    golden.build()
    assert "Refreshed in" in run("--refresh", "--language", "en")
    assert RefreshRun.objects.filter(status="ok").count() == 1
    data = json.loads(
        run("--json", "--year", "2026", "--window", "2", "--threshold", "50%", "--weighting", "exact")
    )
    assert data["year"] == 2026 and data["threshold"] == 0.5 and data["weighting"] == "exact"
    assert data["scorecard"]["meets_target"]["k"] == 8 and data["scorecard"]["meets_target"]["n"] == 20
    units = {unit["code"]: unit for unit in data["units"]}
    a1 = units["UNIT-A1"]
    assert {
        "code",
        "opd",
        "trained_from",
        "ikm_before",
        "ikm_after",
        "change",
        "n_before",
        "n_after",
        "sample_met",
    } <= set(a1)
    assert (a1["opd"], a1["trained_from"], a1["ikm_before"], a1["ikm_after"], a1["change"]) == (
        "DISDUKCAPIL", "2026-Q2", 81.25, 90.0, 8.75,
    )  # fmt: skip
    assert (a1["n_before"], a1["n_after"], a1["sample_met"]) == (20, 20, False)
    impact = data["impact"]
    # Two trained units and one comparison: no interval, and the JSON says why.
    assert impact["estimate"] == pytest.approx(5.0) and impact["ci95"] is None
    assert impact["interval"]["reason"] == "few_clusters" and impact["level"] == "unit"
    assert impact["warnings"] == ["few_clusters", "pretrend_untested", "short_window", "sample_not_met"]
    assert impact["minimum_detectable_effect"] > 0
    assert impact["pretrend"]["rejected"] is False and units["UNIT-B1"]["short_window"] is True
    assert impact["treated_units"] == ["UNIT-A1", "UNIT-B1"] and impact["control_units"] == ["UNIT-C1"]
    assert impact["label"] == "association, not proof of cause"


def test_summary_and_one_opd(db):
    from . import golden

    golden.build()
    run("--refresh")
    text = run("--year", "2026", "--weighting", "exact", "--language", "en")
    assert "at least 20 JP: 40.0% of 20" in text and "+5.00 IKM points" in text
    assert "association, not proof of cause" in text
    assert "no interval: 2 trained and 1 comparison clusters" in text
    assert "read with care: few clusters; pre-trend not tested; cut windows; minimum sample not met" in text
    assert "minimum detectable effect (80% power)" in text
    opd_level = json.loads(run("--json", "--level", "opd", "--year", "2026", "--weighting", "exact"))
    assert opd_level["level"] == "opd" and opd_level["impact"]["level"] == "opd"
    assert opd_level["impact"]["estimate"] == pytest.approx(5.0)  # every ASN serves in their OPD's unit
    data = json.loads(run("--json", "--opd", "RSUD", "--year", "2026"))
    assert [unit["code"] for unit in data["units"]] == ["UNIT-B1"]
    assert data["impact"]["control_units"] == [] and data["impact"]["control_count"] == 1


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--threshold", "abc"], "not a share"),
        (["--threshold", "0.99"], "between 0.05"),
        (["--window", "5"], "1, 2, 3 or 4"),
        (["--opd", "NOPE"], "no OPD"),
        (["--level", "kota"], "invalid choice"),
    ],
)
def test_bad_options(db, arguments, message):
    run("--refresh")
    with pytest.raises(CommandError, match=message):
        run(*arguments, "--language", "en")


def test_nothing_before_the_first_refresh(db):
    with pytest.raises(CommandError, match="evaluate --refresh"):
        run("--json")


def test_the_summary_speaks_the_active_language(db, settings):
    """``evaluate`` speaks LANGUAGE_CODE (Indonesian here) or the language of ``--language`` (issue 17):
    figures in the language's number format, warnings by name, never their codes."""
    from . import golden

    golden.build()
    assert "Dihitung ulang dalam" in run("--refresh")
    settings.LANGUAGE_CODE = "id"
    text = run("--year", "2026", "--weighting", "exact")
    assert "Evaluasi Bina ASN 2026" in text
    assert "minimal 20 JP: 40,0% dari 20" in text and "+5,00 poin IKM" in text
    assert "keterkaitan, bukan bukti sebab-akibat" in text
    assert "tanpa interval: 2 klaster terlatih dan 1 klaster pembanding" in text
    assert "few_clusters" not in text and "at least 20 JP" not in text
    english = run("--year", "2026", "--weighting", "exact", "--language", "en")
    assert "at least 20 JP: 40.0% of 20" in english and "minimal 20 JP" not in english
    settings.LANGUAGE_CODE = "en"
    assert "at least 20 JP" in run("--year", "2026", "--weighting", "exact")
    assert "minimal 20 JP" in run("--year", "2026", "--weighting", "exact", "--language", "id")


def test_a_missing_first_step_is_named_in_the_active_language(db):
    with pytest.raises(CommandError, match="companion evaluate --refresh"):
        run("--json", "--language", "id")
    with pytest.raises(CommandError, match="Belum ada angka"):
        run("--json", "--language", "id")
