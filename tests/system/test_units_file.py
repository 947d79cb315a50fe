"""One units file, two importers: the LMS's ``import-units`` and the companion's ``companion import-units``
read the same file into the same list of OPDs and units, and refuse the same rows.

The halves share no code (ARCHITECTURE.md), so this is what keeps their readers in step: both run
as an operator runs them, on their own databases, and what each stored is compared.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dev.demo.city import units_csv

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow

VARIANT = (
    "Code,Name,Parent code,Kind,Active\n"
    "setda,Sekretariat Daerah,,Sekretariat Daerah,yes\n"
    "DLH,Dinas Lingkungan Hidup,,dinas,no\n"
    "KEC-A,Kecamatan A,,kecamatan,\n"
    "KEL.A1,Kelurahan A Satu,KEC-A,kelurahan,ya\n"
    "DLH-SAMPAH,Layanan Sampah,DLH,unit layanan,tidak\n"
    "DLH-SAMPAH-2,Layanan Sampah Pasar,DLH-SAMPAH,Unit,\n"
)
BAD = (
    "kode;nama;kode_induk;jenis;aktif\n"
    "SETDA;Sekretariat Daerah;;sekretariat;\n"
    "DIN KES;Dinas Kesehatan;;dinas;\n"
    "PKM;Puskesmas;;unit;\n"
    "RSUD;RSUD;;rumah sakit;kadang\n"
    "SETDA;Lagi;;sekretariat;\n"
)
# Rows that read well but do not fit together (checked once every row reads well, on both sides).
BAD_STRUCTURE = (
    "kode;nama;kode_induk;jenis;aktif\n"
    "SETDA;Sekretariat Daerah;;sekretariat;\n"
    "X;Kantor X;Y;kantor;\n"
    "Y;Kantor Y;X;kantor;\n"
    "PKM2;Puskesmas Dua;TIDAK-ADA;unit;\n"
    "DLH;Dinas Lingkungan Hidup;DLH-SAMPAH;dinas;\n"
)
DUMP_LMS = (
    "from xblocks.bina_asn.models.organization import OrganizationUnit as U; import json; "
    "print(json.dumps(sorted([u.code, u.name, u.kind == 'unit', u.parent_code, u.is_active] "
    "for u in U.objects.all())))"
)
DUMP_COMPANION = (
    "from companion_service.organization.models import Opd, ServiceUnit; import json; "
    "rows = [[o.code, o.name, False, o.parent.code if o.parent else '', o.is_active] "
    "for o in Opd.objects.all()]; "
    "rows += [[u.code, u.name, True, (u.parent or u.opd).code, u.is_active] "
    "for u in ServiceUnit.objects.all()]; "
    "print(json.dumps(sorted(rows)))"
)  # fmt: skip


class Side:
    """One half, run as its operator runs it: migrate, import, read back."""

    def __init__(self, name: str, var_dir: Path):
        var_dir.mkdir(parents=True, exist_ok=True)
        base = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
        base.update({"BINA_VAR_DIR": str(var_dir), "LANGUAGE": "en", "LC_ALL": "C.UTF-8"})
        if name == "lms":
            self.argv = [sys.executable, "-m", "django"]
            self.env = {**base, "DJANGO_SETTINGS_MODULE": "dev.lms.settings"}
            self.dump = DUMP_LMS
        else:
            self.argv = [sys.executable, "-m", "companion_service.manage"]
            self.env = {
                **base,
                "DJANGO_SETTINGS_MODULE": "companion_service.settings.test",
                "DATABASE_URL": "",
            }
            self.dump = DUMP_COMPANION
        self.run("migrate", "--noinput")

    def run(self, *args, check=True):
        result = subprocess.run(
            [*self.argv, *args], env=self.env, cwd=REPO, capture_output=True, text=True, check=False
        )
        if check and result.returncode != 0:
            raise AssertionError(f"{args[0]} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
        return result

    def stored(self) -> list:
        output = self.run("shell", "-c", self.dump).stdout
        return json.loads(output.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def sides(tmp_path_factory):
    root = tmp_path_factory.mktemp("units")
    return Side("lms", root / "lms"), Side("companion", root / "companion")


def test_both_halves_store_the_same_list(sides, tmp_path):
    for number, text in enumerate([units_csv(), VARIANT]):
        path = tmp_path / f"units-{number}.csv"
        path.write_text(text, encoding="utf-8")
        for side in sides:
            side.run("import-units", str(path))
    lms, companion = (side.stored() for side in sides)
    assert lms == companion
    assert len(lms) > 40


@pytest.mark.parametrize(
    ("text", "lines"), [(BAD, {"3", "4", "5", "6"}), (BAD_STRUCTURE, {"3", "4", "5", "6"})]
)
def test_both_halves_refuse_the_same_rows(sides, tmp_path, text, lines):
    path = tmp_path / "salah.csv"
    path.write_text(text, encoding="utf-8")
    places = []
    for side in sides:
        before = side.stored()
        result = side.run("import-units", str(path), check=False)
        assert result.returncode == 1, result.stdout + result.stderr
        assert side.stored() == before  # nothing written
        found = re.findall(r"(?:line|baris) (\d+) \(([a-z_]+)\)", result.stdout + result.stderr)
        places.append(sorted(set(found)))
    assert places[0] == places[1]
    assert {line for line, _ in places[0]} == lines
