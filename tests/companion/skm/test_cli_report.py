"""`companion skm-report --input FILE.csv ... --json`: the report of a file, without the database.

These tests take no ``db`` fixture: pytest-django fails any test that touches the database.
"""

import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from companion_service.skm.ikm import UNSUR_CODES

from .test_ikm import TEN, WORKED_29


def csv_file(tmp_path, rows, extra_columns=True, name="jawaban.csv"):
    header = ["no", *UNSUR_CODES, "saran"] if extra_columns else list(UNSUR_CODES)
    lines = [";".join(header)]
    for number, row in enumerate(rows, start=1):
        cells = ["" if row.get(code) is None else str(row[code]) for code in UNSUR_CODES]
        lines.append(";".join([str(number), *cells, "ok"] if extra_columns else cells))
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def report(capsys, *args):
    call_command("skm-report", *args)
    return json.loads(capsys.readouterr().out)


def test_worked_example_regulation(tmp_path, capsys):
    data = report(capsys, "--input", csv_file(tmp_path, WORKED_29), "--json")
    assert data == {
        "respondents": 29,
        "weighting": "regulation",
        "unsur": [{"code": "U1", "nrr": 3.69, "converted": 92.24, "grade": "A"}]
        + [{"code": code, "nrr": 3.655, "converted": 91.38, "grade": "A"} for code in UNSUR_CODES[1:]],
        "ikm": 91.38,
        "grade": "A",
        "label": "Sangat Baik",
        "minimum_sample": {"population": None, "required": None, "met": None},
    }


def test_worked_example_exact_with_population(tmp_path, capsys):
    data = report(
        capsys,
        "--input",
        csv_file(tmp_path, WORKED_29),
        "--weighting",
        "exact",
        "--population",
        "30",
        "--json",
    )
    assert (data["weighting"], data["ikm"], data["grade"]) == ("exact", 91.48, "A")
    assert data["minimum_sample"] == {"population": 30, "required": 28, "met": True}
    data = report(capsys, "--input", csv_file(tmp_path, WORKED_29), "--population", "1000", "--json")
    assert data["minimum_sample"] == {"population": 1000, "required": 278, "met": False}


def test_weighting_changes_the_grade(tmp_path, capsys):
    path = csv_file(tmp_path, TEN, extra_columns=False)
    regulation = report(capsys, "--input", path, "--json")
    exact = report(capsys, "--input", path, "--weighting", "exact", "--json")
    assert (regulation["ikm"], regulation["grade"], regulation["label"]) == (88.25, "B", "Baik")
    assert (exact["ikm"], exact["grade"], exact["label"]) == (88.33, "A", "Sangat Baik")


def test_readable_table_without_json(tmp_path, capsys):
    call_command("skm-report", "--input", csv_file(tmp_path, WORKED_29), "--population", "30")
    out = capsys.readouterr().out
    assert "Responden: 29; bobot: sesuai peraturan (0,111)" in out
    assert "IKM 91,38, mutu A (Sangat Baik)" in out
    assert "U8     3,655    91,38  A  Penanganan Pengaduan, Saran dan Masukan" in out
    assert "Sampel minimal untuk 30 pengguna layanan: 28 (terpenuhi)" in out


def test_bad_values_exit_non_zero_with_line_and_reason(tmp_path):
    rows = [dict.fromkeys(UNSUR_CODES, 4), {**dict.fromkeys(UNSUR_CODES, 3), "U3": 7}, {"U9": "baik sekali"}]
    path = csv_file(tmp_path, rows)
    with pytest.raises(CommandError) as error:
        call_command("skm-report", "--input", path, "--json")
    message = str(error.value)
    assert "baris 3: U3 '7' bukan jawaban 1 sampai 4" in message
    assert "baris 4: U9 'baik sekali' bukan jawaban 1 sampai 4" in message


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("U1;U2;U3\n4;4;4\n", "U4, U5, U6, U7, U8, U9"),
        (";".join(UNSUR_CODES) + "\n", "tidak berisi responden"),
        (";".join(UNSUR_CODES) + "\n4;4;4;4;4;4;4;;4\n", "tidak ada yang menjawab U8"),
        ("", "Berkas kosong"),
    ],
)
def test_unusable_files(tmp_path, content, reason):
    path = tmp_path / "x.csv"
    path.write_text(content)
    with pytest.raises(CommandError, match=reason):
        call_command("skm-report", "--input", str(path), "--json")


def test_answer_labels_are_read_by_unsur(tmp_path, capsys):
    row = {code: "Sangat baik" if code == "U9" else 4 for code in UNSUR_CODES}
    row["U8"] = "Dikelola dengan baik"
    data = report(capsys, "--input", csv_file(tmp_path, [row]), "--weighting", "exact", "--json")
    assert data["ikm"] == 100.0


def test_runs_as_a_command_with_no_reachable_database(tmp_path):
    path = csv_file(tmp_path, WORKED_29)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "companion_service.settings.test",
        "DATABASE_URL": "postgres://nobody:nothing@127.0.0.1:9/none",
        "BINA_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "companion_service.manage", "skm-report", "--input", path, "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["ikm"] == 91.38
    bad = tmp_path / "bad.csv"
    bad.write_text(";".join(UNSUR_CODES) + "\n4;4;4;4;4;4;4;4;5\n")
    result = subprocess.run(
        [sys.executable, "-m", "companion_service.manage", "skm-report", "--input", str(bad), "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "baris 2: U9 '5' bukan jawaban 1 sampai 4" in result.stderr
    assert result.stdout == ""
