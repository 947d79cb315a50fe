"""Clearly synthetic SKM answers for the demo: the demo city's fourteen service units over its eight
quarters (``organization.demo_data``), generated from a fixed seed. Pure Python: the demo writes the
file, then imports it with ``companion import-skm`` exactly as an evaluator would.

The story: every unit has its own level and a slight common upward drift; where the unit's OPD had
trained its staff (``organization.demo_data.TRAINED_SHARE``), U6 (competence) and U7 (behaviour),
and a little U2/U3, rise in proportion to the share trained a quarter earlier; one untrained unit
(BPKPAD's tax counter) improves U2/U3 for another reason (online payment). Answers scatter around
those means, so the impact page shows a modest, uncertain association, not a clean effect.

Every row says ``DATA SINTETIS`` in its ``catatan`` column and every comment starts with
``[Sintetis]``; none of it describes a real unit's service.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from companion_service.skm.ikm import UNSUR_CODES
from dev.demo import city

SEED = 20250917
QUARTERS = city.QUARTERS
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
# NRR points added per unit of the OPD's share trained a quarter earlier (the synthetic "effect").
TRAINING_EFFECT = {"U6": 0.40, "U7": 0.32, "U2": 0.10, "U3": 0.10}
DRIFT = 0.01  # a common rise per quarter, trained or not


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
    # (first quarter index from which it applies, {unsur: added mean}): changes other than training.
    changes: tuple[tuple[int, dict[str, float]], ...] = field(default=())
    trained: tuple[float, ...] = field(default=())

    def mean(self, code: str, quarter_index: int) -> float:
        value = self.means.get(code, 3.1) + DRIFT * quarter_index
        for start, delta in self.changes:
            if quarter_index >= start:
                value += delta.get(code, 0.0)
        if quarter_index >= 1 and self.trained:
            value += TRAINING_EFFECT.get(code, 0.0) * self.trained[quarter_index - 1]
        return min(3.95, max(1.2, value))


def _means(u1, u2, u3, u4, u5, u6, u7, u8, u9):
    return dict(zip(UNSUR_CODES, (u1, u2, u3, u4, u5, u6, u7, u8, u9), strict=True))


# (code, means U1-U9, respondents per quarter, service users per quarter, other changes)
RATINGS = {
    "DUKCAPIL-KTP": (_means(3.1, 2.9, 2.7, 3.8, 3.0, 2.9, 3.0, 2.6, 2.9), (240, 270), (500, 700), ()),
    "DUKCAPIL-AKTA": (_means(3.2, 3.0, 2.9, 3.8, 3.1, 3.0, 3.1, 2.7, 3.0), (150, 165), (150, 220), ()),
    "DUKCAPIL-KK": (_means(3.1, 2.9, 2.8, 3.8, 3.0, 2.95, 3.05, 2.6, 2.9), (105, 120), (100, 140), ()),
    "DPMPTSP-MPP": (_means(3.3, 3.1, 3.0, 3.6, 3.2, 3.2, 3.3, 2.9, 3.4), (170, 190), (230, 290), ()),
    "DPMPTSP-PBG": (_means(3.0, 2.8, 2.6, 3.4, 3.0, 3.0, 3.1, 2.7, 3.1), (36, 55), (40, 60), ()),
    "KOMINFO-PPID": (_means(3.2, 3.0, 3.0, 3.9, 3.1, 3.1, 3.2, 2.9, 3.0), (24, 36), (25, 40), ()),
    "RSUD-RAJAL": (_means(3.0, 2.8, 2.4, 3.4, 2.9, 3.1, 3.0, 2.6, 2.6), (150, 190), (5200, 6100), ()),
    "RSUD-IGD": (_means(3.0, 2.9, 2.6, 3.3, 3.0, 3.2, 2.9, 2.6, 2.7), (90, 120), (900, 1100), ()),
    "DINKES-PKM-UTARA": (_means(3.1, 3.0, 2.8, 3.7, 3.0, 3.0, 3.2, 2.7, 2.8), (115, 130), (120, 160), ()),
    "DINKES-PKM-SELATAN": (_means(3.0, 2.9, 2.8, 3.7, 3.0, 2.9, 3.1, 2.6, 2.7), (110, 125), (110, 150), ()),
    "DINSOS-BANSOS": (_means(2.9, 2.7, 2.6, 3.9, 2.9, 2.9, 3.0, 2.5, 2.8), (115, 130), (120, 160), ()),
    "DISHUB-UJI": (_means(3.0, 2.9, 2.8, 3.1, 3.0, 3.0, 3.0, 2.6, 2.8), (135, 150), (160, 200), ()),
    "BPKPAD-PBB": (
        _means(3.1, 2.8, 2.7, 3.0, 3.0, 3.0, 3.1, 2.6, 2.9),
        (150, 165),
        (180, 230),
        ((4, {"U2": 0.25, "U3": 0.3}),),  # online tax payment from the fifth quarter: not training
    ),
    "DISNAKER-KARTU": (_means(3.0, 2.9, 2.9, 3.8, 3.0, 2.9, 3.0, 2.6, 2.7), (60, 75), (60, 80), ()),
}


def _unit(code: str, name: str) -> DemoUnit:
    means, respondents, users, changes = RATINGS[code]
    opd = city.unit_opd(code)
    return DemoUnit(
        code=code,
        name=name,
        opd_code=opd,
        opd_name=city.opd_name(opd),
        opd_kind=city.opd_kind(opd),
        kinds=city.SERVICE_KINDS[code],
        means=means,
        respondents=respondents,
        users=users,
        changes=changes,
        trained=city.trained_share(opd),
    )


UNITS = tuple(_unit(code, name) for code, name, _parent in city.UNITS)

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
    """A day of the quarter, never after today (the current quarter is still running)."""
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    end = min(end, dt.date.today() + dt.timedelta(days=1))
    return start + dt.timedelta(days=rng.randrange(max((end - start).days, 1)))


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
