"""The operator commands around the survey, and the demo's synthetic data going through them."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from companion_service.organization.models import Opd, ServiceUnit
from companion_service.skm import selectors
from companion_service.skm.models import ResponseTally, ServiceKind, ServiceUserCount, SurveyResponse
from companion_service.skm.periods import Period
from dev.demo import skm_data as demo_data


def test_skm_unit_creates_only_what_is_missing(db, capsys):
    call_command(
        "skm-unit",
        "KEC-X",
        "--name",
        "Kantor Camat X",
        "--opd",
        "KEC-X",
        "--opd-name",
        "Kecamatan X",
        "--opd-kind",
        "kecamatan",
        "--layanan",
        "Surat Keterangan",
        "--layanan",
        "Rekomendasi",
    )
    unit = ServiceUnit.objects.get(code="KEC-X")
    assert unit.opd.kind == "kecamatan"
    assert list(unit.skm_service_kinds.values_list("name", flat=True)) == ["Surat Keterangan", "Rekomendasi"]
    unit.name = "Nama dari daftar unit kota"
    unit.save()
    call_command("skm-unit", "KEC-X", "--name", "Lain", "--opd", "KEC-X", "--layanan", "Legalisasi")
    unit.refresh_from_db()
    assert unit.name == "Nama dari daftar unit kota"  # an existing unit is never changed
    assert ServiceKind.objects.filter(unit=unit).count() == 3
    assert Opd.objects.count() == 1
    with pytest.raises(CommandError, match="--name"):
        call_command("skm-unit", "BARU")


def test_skm_population_one_or_from_a_file(unit, tmp_path, capsys):
    call_command("skm-population", "DUKCAPIL-LOKET", "2025-Q1", "1200", "--note", "register loket")
    assert ServiceUserCount.objects.get().users == 1200
    path = tmp_path / "pengguna.csv"
    path.write_text(
        "unit;periode;pengguna;sumber\nDUKCAPIL-LOKET;2025-Q2;1.350;register\nDUKCAPIL-LOKET;2025;5000;\n"
    )
    call_command("skm-population", "--file", str(path))
    assert selectors.population_for(unit, Period.parse("2025-Q2")) == (1350, "entered")
    assert selectors.population_for(unit, Period.parse("2025")) == (5000, "entered")
    path.write_text(
        "unit;periode;pengguna\nDUKCAPIL-LOKET;2025-Q3;10\nNOPE;2025-Q3;10\nDUKCAPIL-LOKET;2025-Q9;10\n"
    )
    with pytest.raises(CommandError) as error:
        call_command("skm-population", "--file", str(path))
    assert "baris 3" in str(error.value) and "baris 4" in str(error.value)
    assert not ServiceUserCount.objects.filter(period_kind="quarter", number=3).exists()  # nothing saved


def test_skm_retally_checks_and_repairs(unit, add_responses, capsys):
    add_responses(unit, "2025-01-01", 4, 3)
    call_command("skm-retally", "--check")
    ResponseTally.objects.update(respondents=7)
    with pytest.raises(CommandError, match="1 rekap berbeda"):
        call_command("skm-retally", "--check")
    assert ResponseTally.objects.get().respondents == 7  # --check changes nothing
    call_command("skm-retally")
    assert ResponseTally.objects.get().respondents == 2


def test_demo_data_is_reproducible_synthetic_and_imports_cleanly(db, tmp_path, capsys):
    assert demo_data.rows() == demo_data.rows()
    assert all(row[-1] == "DATA SINTETIS" for row in demo_data.rows())
    assert all(row[-2] == "" or row[-2].startswith("[Sintetis] ") for row in demo_data.rows())
    for unit in demo_data.UNITS:
        kinds = [argument for kind in unit.kinds for argument in ("--layanan", kind)]
        call_command(
            "skm-unit",
            unit.code,
            "--name",
            unit.name,
            "--opd",
            unit.opd_code,
            "--opd-name",
            unit.opd_name,
            "--opd-kind",
            unit.opd_kind,
            *kinds,
        )
    responses, users = demo_data.write_files(tmp_path)
    call_command("import-skm", str(responses))
    call_command("skm-population", "--file", str(users))
    assert SurveyResponse.objects.count() == len(demo_data.rows())
    assert "0 ditolak" in capsys.readouterr().out
    grid = selectors.ikm_grid("quarter", weighting="regulation")
    assert len(grid) == len(demo_data.UNITS) * len(demo_data.QUARTERS)
    assert all(row.minimum_sample.population for row in grid)
    assert any(row.minimum_sample.short for row in grid) and any(row.minimum_sample.met for row in grid)
