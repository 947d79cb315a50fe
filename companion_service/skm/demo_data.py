"""Clearly synthetic SKM answers for the demo: a few Sibolga service units over eight quarters,
generated from a fixed seed (the same file on every machine). Pure Python: the demo writes the
file, then imports it with ``companion import-skm`` exactly as an evaluator would.

Every row says ``DATA SINTETIS`` in its ``catatan`` column and every comment starts with
``[Sintetis]``; none of it describes a real unit's service.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from .ikm import UNSUR_CODES

SEED = 20250917
QUARTERS = [(year, quarter) for year in (2024, 2025) for quarter in (1, 2, 3, 4)]
HEADER = [
    "tanggal",
    "unit",
    "layanan",
    *UNSUR_CODES,
    "jenis_kelamin",
    "usia",
    "pendidikan",
    "pekerjaan",
    "petugas",
    "kritik_saran",
    "catatan",
]


@dataclass(frozen=True)
class DemoUnit:
    """A unit of the demo: where it sits, what it offers, how citizens (synthetically) rate it."""

    code: str
    name: str
    opd_code: str
    opd_name: str
    opd_kind: str
    kinds: tuple[str, ...]
    means: dict[str, float]
    respondents: tuple[int, int]
    users: tuple[int, int]
    # (first quarter index from which it applies, {unsur: added mean}): e.g. after staff training.
    changes: tuple[tuple[int, dict[str, float]], ...] = field(default=())

    def mean(self, code: str, quarter_index: int) -> float:
        value = self.means.get(code, 3.1)
        for start, delta in self.changes:
            if quarter_index >= start:
                value += delta.get(code, 0.0)
        return min(3.95, max(1.2, value))


UNITS = (
    DemoUnit(
        code="DUKCAPIL-PELAYANAN",
        name="Pelayanan Administrasi Kependudukan",
        opd_code="DISDUKCAPIL",
        opd_name="Dinas Kependudukan dan Pencatatan Sipil",
        opd_kind="dinas",
        kinds=("KTP-el", "Kartu Keluarga", "Akta Kelahiran", "Kartu Identitas Anak"),
        means={
            "U1": 3.2,
            "U2": 3.0,
            "U3": 2.8,
            "U4": 3.8,
            "U5": 3.1,
            "U6": 3.0,
            "U7": 3.05,
            "U8": 2.7,
            "U9": 3.0,
        },
        respondents=(300, 345),
        users=(1400, 1700),
        changes=((4, {"U6": 0.35, "U7": 0.3, "U3": 0.2}),),  # staff trained at the end of 2024
    ),
    DemoUnit(
        code="DPMPTSP-MPP",
        name="Loket Perizinan Mal Pelayanan Publik",
        opd_code="DPMPTSP",
        opd_name="Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        opd_kind="dinas",
        kinds=("Nomor Induk Berusaha", "Persetujuan Bangunan Gedung", "Izin Praktik Tenaga Kesehatan"),
        means={
            "U1": 3.3,
            "U2": 3.2,
            "U3": 3.1,
            "U4": 3.7,
            "U5": 3.3,
            "U6": 3.4,
            "U7": 3.45,
            "U8": 3.0,
            "U9": 3.4,
        },
        respondents=(120, 170),
        users=(230, 290),
    ),
    DemoUnit(
        code="RSUD-RAJAL",
        name="Instalasi Rawat Jalan",
        opd_code="RSUD-FLTOBING",
        opd_name="RSUD Dr. F.L. Tobing",
        opd_kind="rsud",
        kinds=("Pendaftaran", "Poliklinik", "Farmasi"),
        means={
            "U1": 3.0,
            "U2": 2.8,
            "U3": 2.4,
            "U4": 3.4,
            "U5": 2.9,
            "U6": 3.2,
            "U7": 3.0,
            "U8": 2.6,
            "U9": 2.6,
        },
        respondents=(170, 230),
        users=(5200, 6100),
        changes=((5, {"U2": 0.3, "U3": 0.35}),),  # online registration from the second quarter of 2025
    ),
    DemoUnit(
        code="KEC-SIBOLGA-KOTA",
        name="Pelayanan Kantor Camat Sibolga Kota",
        opd_code="KEC-SIBOLGA-KOTA",
        opd_name="Kecamatan Sibolga Kota",
        opd_kind="kecamatan",
        kinds=("Surat Keterangan", "Rekomendasi"),
        means={
            "U1": 3.1,
            "U2": 2.9,
            "U3": 2.9,
            "U4": 3.9,
            "U5": 3.0,
            "U6": 2.9,
            "U7": 3.2,
            "U8": 2.5,
            "U9": 2.8,
        },
        respondents=(26, 40),
        users=(28, 45),
        changes=((6, {"U6": 0.3, "U2": 0.25}),),
    ),
)

COMMENTS = (
    "Antrean sudah lebih tertib dengan nomor antrean.",
    "Petugas ramah dan menjelaskan persyaratan dengan jelas.",
    "Ruang tunggu panas, mohon ditambah kipas angin.",
    "Proses agak lama karena jaringan sering terputus.",
    "Informasi persyaratan di papan pengumuman kurang lengkap.",
    "Terima kasih, pelayanan cepat dan tidak dipungut biaya.",
    "Kotak pengaduan ada tetapi tidak jelas tindak lanjutnya.",
    "Tempat parkir sempit.",
    "Mohon disediakan layanan daring agar tidak perlu datang.",
    "Petugas kompeten, semua selesai dalam satu kali datang.",
)
AGES = ("<20", "20-29", "30-39", "40-49", "50-59", "60+")
AGE_WEIGHTS = (5, 25, 28, 22, 13, 7)
EDUCATION = ("SD", "SMP", "SMA", "D3", "S1", "S2")
EDUCATION_WEIGHTS = (8, 12, 42, 10, 24, 4)
OCCUPATIONS = ("PNS", "TNI/POLRI", "Swasta", "Wirausaha", "Pelajar/Mahasiswa", "Lainnya")
OCCUPATION_WEIGHTS = (12, 4, 30, 28, 12, 14)


def _answer(rng: random.Random, mean: float) -> int:
    return min(4, max(1, round(rng.gauss(mean, 0.6))))


def _day(rng: random.Random, year: int, quarter: int) -> dt.date:
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return start + dt.timedelta(days=rng.randrange((end - start).days))


def rows(seed: int = SEED) -> list[list[str]]:
    """The synthetic responses, one row per respondent, in the default import layout."""
    rng = random.Random(seed)  # noqa: S311 (reproducible demo data, not a secret)
    result = []
    for unit in UNITS:
        for index, (year, quarter) in enumerate(QUARTERS):
            for _respondent in range(rng.randint(*unit.respondents)):
                comment = f"[Sintetis] {rng.choice(COMMENTS)}" if rng.random() < 0.15 else ""
                result.append(
                    [
                        _day(rng, year, quarter).isoformat(),
                        unit.code,
                        rng.choice(unit.kinds),
                        *[str(_answer(rng, unit.mean(code, index))) for code in UNSUR_CODES],
                        rng.choice("LP"),
                        rng.choices(AGES, AGE_WEIGHTS)[0],
                        rng.choices(EDUCATION, EDUCATION_WEIGHTS)[0],
                        rng.choices(OCCUPATIONS, OCCUPATION_WEIGHTS)[0],
                        f"Petugas loket {rng.randint(1, 4)}" if rng.random() < 0.1 else "",
                        comment,
                        "DATA SINTETIS",
                    ]
                )
    result.sort(key=lambda row: (row[0], row[1]))
    return result


def populations(seed: int = SEED) -> list[list[str]]:
    """Synthetic numbers of service users per unit and quarter (the minimum sample's N)."""
    rng = random.Random(seed + 1)  # noqa: S311 (reproducible demo data, not a secret)
    return [
        [unit.code, f"{year}-Q{quarter}", str(rng.randint(*unit.users)), "Data sintetis (demo)"]
        for unit in UNITS
        for year, quarter in QUARTERS
    ]


def write_csv(path: Path, header: list[str], data: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(header)
        writer.writerows(data)
    return path


def write_files(folder: Path, seed: int = SEED) -> tuple[Path, Path]:
    """Write the responses and the populations as CSV files in ``folder``; return both paths."""
    responses = write_csv(folder / "skm-demo-sintetis.csv", HEADER, rows(seed))
    users = write_csv(
        folder / "skm-pengguna-sintetis.csv", ["unit", "periode", "pengguna", "sumber"], populations(seed)
    )
    return responses, users
