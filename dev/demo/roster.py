"""``make demo``: Kota Sibolga's structure and a synthetic ASN roster, loaded and synced for real.

Steps (registered in ``demo_steps``):

- ``companion-units`` / ``companion-roster``: write two CSV files into ``var/demo-data/`` in the layouts
  HR offices use (the OPDs and service units; ~2,600 ASN, deterministic) and load them with
  ``companion import-units`` and ``companion import-roster``;
- ``lms-enrollments``: enroll the demo learners in the dev course with the dev LMS's ``enroll``;
- ``companion-sync`` (servers running): store the dev LMS as the companion's LMS connection with the
  OAuth2 client from ``demo-credentials.json`` (``companion lms-connection --test``) and run
  ``companion sync --json`` against it.

Every name, NIP and email in the roster is SYNTHETIC: generated from a fixed seed, with emails
under ``contoh.sibolgakota.go.id``. The OPD names are the standard departments of a kota (Perda Kota
Sibolga 1/2017 names where known); the kelurahan are Sibolga's four kecamatan and 17 kelurahan.
"""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from dev.demo import DemoError
from dev.demo.city import KECAMATAN, OPDS, UNITS, kelurahan_code, units_csv
from dev.demo.people import LMS_LEARNERS

SEED = 2026
ROSTER_SIZE = 2600

MARGA = ["Hutagalung", "Pasaribu", "Simatupang", "Siregar", "Hutabarat", "Panggabean", "Tanjung", "Sitompul",
         "Nainggolan", "Lubis", "Harahap", "Nasution", "Situmorang", "Sihombing", "Manullang", "Sinaga",
         "Tambunan", "Marpaung", "Pardede", "Simanjuntak", "Hasibuan", "Rangkuti", "Batubara", "Daulay",
         "Pohan", "Lumbantobing", "Gultom", "Sianturi", "Aritonang", "Purba", "Gulo", "Zebua", "Harefa",
         "Waruwu", "Pane", "Matondang"]  # fmt: skip
MALE = ["Budi", "Andi", "Rudi", "Hendra", "Rahmat", "Fajar", "Agus", "Bambang", "Eko", "Ferry", "Gunawan",
        "Hotman", "Marihot", "Parulian", "Sahat", "Togar", "Benny", "Roy", "Irwan", "Yusuf", "Rizky", "Ilham",
        "Arif", "Fauzi", "Taufik", "Jonatan", "Samuel", "Daniel", "Hasan", "Maruli"]  # fmt: skip
FEMALE = ["Citra", "Dewi", "Evi", "Fitri", "Hana", "Indah", "Julia", "Kartini", "Lestari", "Maria",
          "Nurhayati", "Rosa", "Sari", "Tiur", "Uli", "Yanti", "Ruth", "Debora", "Rina", "Siti", "Aisyah",
          "Putri", "Novita", "Melati", "Friska", "Rotua", "Lenny", "Mawar"]  # fmt: skip

STRUKTURAL = ["Kepala Bidang", "Kepala Seksi", "Kepala Subbagian Umum", "Sekretaris"]
FUNGSIONAL = {
    "DISDIK": ["Guru Ahli Pertama", "Guru Ahli Muda", "Guru Ahli Madya", "Pengawas Sekolah"],
    "DINKES": [
        "Perawat Terampil",
        "Bidan Terampil",
        "Dokter Ahli Pertama",
        "Epidemiolog Kesehatan",
        "Sanitarian",
    ],
    "RSUD-FLT": [
        "Perawat Ahli Pertama",
        "Perawat Terampil",
        "Bidan Terampil",
        "Dokter Ahli Muda",
        "Apoteker",
        "Radiografer",
    ],
    "DISKOMINFO": ["Pranata Komputer Ahli Pertama", "Pranata Hubungan Masyarakat", "Statistisi Ahli Pertama"],
    "BAPPEDA": ["Perencana Ahli Pertama", "Perencana Ahli Muda"],
    "INSPEKTORAT": [
        "Auditor Ahli Pertama",
        "Auditor Ahli Muda",
        "Pengawas Penyelenggaraan Urusan Pemerintahan Daerah",
    ],
    "BKPSDM": ["Analis Sumber Daya Manusia Aparatur", "Widyaiswara Ahli Muda"],
}
FUNGSIONAL_UMUM = ["Analis Kebijakan Ahli Pertama", "Arsiparis Terampil", "Pranata Komputer Terampil"]
PELAKSANA = ["Pengadministrasi Umum", "Pengelola Data", "Pengolah Data dan Informasi", "Pengemudi",
             "Operator Layanan Operasional", "Penata Layanan Operasional"]  # fmt: skip
PNS_RANKS = ["II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c"]
PPPK_RANKS = ["V", "VII", "IX", "X"]

# The dev LMS's demo learners (people.LMS_LEARNERS) and the assessment's synthetic cohort
# (xblocks.digital_skills.demo.SYNTHETIC_LEARNERS), placed in the roster so the sync links them.
LEARNER_PLACES = {
    "ani": ("198203142006042012", "DISDUKCAPIL", "DUKCAPIL-KTP", "Kepala Seksi", "struktural", "III/d"),
    "budi": ("199005212015031004", "DISKOMINFO", "", "Pranata Komputer Ahli Pertama", "fungsional", "III/b"),
    "citra": ("199408082022212007", "RSUD-FLT", "RSUD-RAJAL", "Perawat Terampil", "fungsional", "VII"),
    "dedi": ("198711302010011003", "DPMPTSP", "DPMPTSP-MPP", "Pengadministrasi Umum", "pelaksana", "II/d"),
    "asn01": (
        "198504122010011001",
        "DISDUKCAPIL",
        "DUKCAPIL-AKTA",
        "Pengolah Data dan Informasi",
        "pelaksana",
        "III/a",
    ),
    "asn02": (
        "198811032012022003",
        "DISDUKCAPIL",
        "DUKCAPIL-KK",
        "Pengadministrasi Umum",
        "pelaksana",
        "II/d",
    ),
    "asn03": (
        "199002142015032002",
        "DPMPTSP",
        "DPMPTSP-MPP",
        "Penata Layanan Operasional",
        "pelaksana",
        "III/a",
    ),
    "asn04": (
        "198707072011011004",
        "DPMPTSP",
        "DPMPTSP-PBG",
        "Analis Kebijakan Ahli Pertama",
        "fungsional",
        "III/b",
    ),
    "asn05": ("199109212019032001", "DINKES", "DINKES-PKM-UTARA", "Perawat Terampil", "fungsional", "II/d"),
    "asn06": ("198312302008011002", "DINKES", "DINKES-PKM-SELATAN", "Sanitarian", "fungsional", "III/c"),
    "asn07": ("198605052010012004", "RSUD-FLT", "RSUD-RAJAL", "Perawat Ahli Pertama", "fungsional", "III/b"),
    "asn08": ("199203172020121003", "RSUD-FLT", "RSUD-IGD", "Perawat Terampil", "fungsional", "II/c"),
    "asn09": ("199406262022212004", "RSUD-FLT", "RSUD-RAJAL", "Bidan Terampil", "fungsional", "VII"),
    "asn10": ("198009102005011001", "DINSOS", "DINSOS-BANSOS", "Pengelola Data", "pelaksana", "III/c"),
    "asn11": ("199501012021022005", "DISHUB", "DISHUB-UJI", "Pengadministrasi Umum", "pelaksana", "II/b"),
    "asn12": (
        "198902282014031006",
        "BPKPAD",
        "BPKPAD-PBB",
        "Pengolah Data dan Informasi",
        "pelaksana",
        "III/a",
    ),
    "asn13": (
        "199307072018012003",
        "DISKOMINFO",
        "KOMINFO-PPID",
        "Pranata Hubungan Masyarakat",
        "fungsional",
        "III/a",
    ),
    "asn14": (
        "198204152009011003",
        "DISNAKER",
        "DISNAKER-KARTU",
        "Pengadministrasi Umum",
        "pelaksana",
        "III/b",
    ),
    "asn15": (
        "199012122016032002",
        "BKPSDM",
        "",
        "Analis Sumber Daya Manusia Aparatur",
        "fungsional",
        "III/b",
    ),
    "asn16": ("198611112011011002", "DINSOS", "DINSOS-BANSOS", "Pengadministrasi Umum", "pelaksana", "III/a"),
}


def demo_learners() -> list[tuple[str, str, str]]:
    """Every LMS account of the demo (username, full name, email): the named learners and the cohort."""
    from dev.demo.digital_skills import SYNTHETIC_LEARNERS

    cohort = [
        (username, name, f"{username}@contoh.sibolgakota.go.id") for username, name in SYNTHETIC_LEARNERS
    ]
    return [*LMS_LEARNERS, *cohort]


@dataclass
class Person:
    nip: str
    name: str
    opd: str
    unit: str
    position: str
    kind: str
    rank: str
    employment: str
    email: str
    username: str = ""


class _Nips:
    """Unique, valid NIPs (PNS and PPPK structures, see companion_service.roster.nip)."""

    def __init__(self, rng: random.Random, taken: set[str]):
        self.rng, self.taken = rng, set(taken)

    def pns(self, sex: str) -> str:
        rng = self.rng
        while True:
            birth = date(1966, 1, 1) + timedelta(days=rng.randrange(0, 365 * 33))
            start_year = min(2025, birth.year + rng.randint(22, 34))
            start_month = rng.choice([1, 2, 3, 4, 12])
            nip = f"{birth:%Y%m%d}{start_year}{start_month:02d}{sex}{rng.randint(1, 40):03d}"
            if nip not in self.taken:
                self.taken.add(nip)
                return nip

    def pppk(self, sex: str) -> str:
        rng = self.rng
        while True:
            birth = date(1975, 1, 1) + timedelta(days=rng.randrange(0, 365 * 24))
            nip = f"{birth:%Y%m%d}{rng.randint(2021, 2024)}2{rng.randint(1, 3)}{sex}{rng.randint(1, 60):03d}"
            if nip not in self.taken:
                self.taken.add(nip)
                return nip


def roster(size: int = ROSTER_SIZE, seed: int = SEED, learners=None) -> list[Person]:
    """A deterministic synthetic roster of ``size`` ASN, the demo learners among them."""
    rng = random.Random(seed)  # noqa: S311  (synthetic demo data)
    people: list[Person] = []
    learners = learners or []
    for username, full_name, email in learners:
        nip, opd, unit, position, kind, rank = LEARNER_PLACES[username]
        employment = "PPPK" if nip[12] == "2" else "PNS"
        people.append(Person(nip, full_name, opd, unit, position, kind, rank, employment, email, username))
    nips = _Nips(rng, {p.nip for p in people})
    offices = [(code, share) for code, _, _, share in OPDS] + [(code, 0.8) for code in KECAMATAN]
    villages = [kelurahan_code(v) for _, kel in KECAMATAN.values() for v in kel]
    offices += [(code, 0.35) for code in villages]
    codes, weights = zip(*offices, strict=True)
    units_by_opd: dict[str, list[str]] = {}
    for code, _, parent in UNITS:
        units_by_opd.setdefault(parent, []).append(code)
    used_emails = {p.email for p in people}
    while len(people) < size:
        opd = rng.choices(codes, weights)[0]
        female = rng.random() < 0.52
        sex = "2" if female else "1"
        pppk = rng.random() < (0.35 if opd == "DISDIK" else 0.18)
        nip = nips.pppk(sex) if pppk else nips.pns(sex)
        given = rng.choice(FEMALE if female else MALE)
        marga = rng.choice(MARGA)
        roll = rng.random()
        if not pppk and roll < 0.1:
            kind, position = "struktural", rng.choice(STRUKTURAL)
        elif roll < 0.65:
            kind, position = "fungsional", rng.choice(FUNGSIONAL.get(opd, FUNGSIONAL_UMUM))
        else:
            kind, position = "pelaksana", rng.choice(PELAKSANA)
        rank = (
            rng.choice(PPPK_RANKS)
            if pppk
            else rng.choice(PNS_RANKS[4:] if kind == "struktural" else PNS_RANKS)
        )
        email = ""
        if rng.random() < 0.7:
            base = f"{given}.{marga}".lower()
            email = f"{base}@contoh.sibolgakota.go.id"
            suffix = 2
            while email in used_emails:
                email = f"{base}{suffix}@contoh.sibolgakota.go.id"
                suffix += 1
            used_emails.add(email)
        unit = rng.choice(units_by_opd[opd]) if opd in units_by_opd and rng.random() < 0.5 else ""
        people.append(
            Person(nip, f"{given} {marga}", opd, unit, position, kind, rank, "PPPK" if pppk else "PNS", email)
        )
    return people


def roster_csv(people: list[Person]) -> str:
    """The roster in the ``import-roster`` layout (``;``-separated, as Indonesian Excel saves CSV)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(
        [
            "nip",
            "nama",
            "kode_opd",
            "kode_unit",
            "jabatan",
            "jenis_jabatan",
            "golongan",
            "jenis_pegawai",
            "email",
            "username_lms",
        ]  # fmt: skip
    )
    for p in people:
        writer.writerow(
            [p.nip, p.name, p.opd, p.unit, p.position, p.kind, p.rank, p.employment, p.email, p.username]
        )
    return out.getvalue()


# -- the steps -------------------------------------------------------------------------------------


def _data_dir(ctx) -> Path:
    folder = ctx.var_dir / "demo-data"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def companion_units(ctx) -> None:
    """Kota Sibolga's OPDs, kelurahan and service units, through ``companion import-units``."""
    path = _data_dir(ctx) / "opd-dan-unit-layanan-sibolga.csv"
    path.write_text(units_csv(), encoding="utf-8")
    ctx.companion("import-units", str(path))


def lms_units(ctx) -> None:
    """The same units file, into the LMS (``import-units``): the innovation block offers its OPDs."""
    path = _data_dir(ctx) / "opd-dan-unit-layanan-sibolga.csv"
    path.write_text(units_csv(), encoding="utf-8")
    ctx.lms("import-units", str(path))


def companion_roster(ctx) -> None:
    """A synthetic roster of ~2,600 ASN (the demo's LMS learners among them): ``companion import-roster``."""
    path = _data_dir(ctx) / "data-asn-SINTETIS.csv"
    path.write_text(roster_csv(roster(learners=demo_learners())), encoding="utf-8")
    ctx.companion("import-roster", str(path))


def lms_enrollments(ctx) -> None:
    """The demo learners enroll in the dev course (``enroll`` writes what the enrollment API serves)."""

    ctx.lms("enroll", *[username for username, _, _ in LMS_LEARNERS])


def companion_sync(ctx) -> None:
    """Store the dev LMS as the companion's LMS connection, test it, and sync from it over HTTP."""

    secret = {"BINA_DEMO_CLIENT_SECRET": ctx.credentials["client_secret"]}
    ctx.companion(
        "lms-connection",
        "Dev LMS (demo)",
        "--url",
        ctx.lms_url,
        f"--client-id={ctx.credentials['client_id']}",
        "--secret-env",
        "BINA_DEMO_CLIENT_SECRET",
        "--test",
        secret_env=secret,
    )
    result = subprocess.run(
        ctx.companion_command("sync", "--json"),
        env=ctx.companion_env,
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        summary = json.loads(result.stdout)
    except ValueError:
        lines = (result.stderr or result.stdout).strip().splitlines()
        raise DemoError(f"companion sync failed: {lines[-1] if lines else 'no output'}") from None
    if summary["status"] == "failed":
        raise DemoError(f"companion sync failed: {summary['errors']}")
    print(
        f"    synced: {summary['enrollments']['created']} enrollments, "
        f"{summary['grades']['created']} grades; status {summary['status']} "
        f"({len(summary['errors'])} errors listed in the run history)",
        flush=True,
    )
