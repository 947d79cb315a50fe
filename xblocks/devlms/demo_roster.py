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

SEED = 2026
ROSTER_SIZE = 2600

# (code, name, kind, share of the city's ASN)
OPDS = [
    ("SETDA", "Sekretariat Daerah Kota Sibolga", "sekretariat", 4),
    ("SETWAN", "Sekretariat DPRD Kota Sibolga", "sekretariat", 1.5),
    ("INSPEKTORAT", "Inspektorat Kota Sibolga", "inspektorat", 1.5),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "badan", 1.5),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan", 1.5),
    ("BPKPAD", "Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah", "badan", 2.5),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "badan", 1),
    ("DISDIK", "Dinas Pendidikan", "dinas", 38),
    ("DINKES", "Dinas Kesehatan", "dinas", 9),
    ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dinas", 1.5),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas", 1),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", "dinas", 1.2),
    ("DINSOS", "Dinas Sosial", "dinas", 1.2),
    ("DISHUB", "Dinas Perhubungan", "dinas", 2),
    ("DLH", "Dinas Lingkungan Hidup", "dinas", 2.5),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas", 2),
    ("DISPERKIM", "Dinas Perumahan dan Kawasan Permukiman", "dinas", 1),
    ("DISNAKER", "Dinas Tenaga Kerja", "dinas", 0.8),
    ("DKP", "Dinas Kelautan dan Perikanan", "dinas", 1.2),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", "satpol_pp", 2.5),
    ("RSUD-FLT", "RSUD Dr. F.L. Tobing", "rsud", 10),
]
KECAMATAN = {
    "KEC-SIBUT": (
        "Kecamatan Sibolga Utara",
        ["Angin Nauli", "Hutabarangan", "Sibolga Ilir", "Huta Tonga-Tonga", "Simare-Mare"],
    ),
    "KEC-SIBKOTA": (
        "Kecamatan Sibolga Kota",
        ["Kota Baringin", "Pasar Baru", "Pasar Belakang", "Pancuran Gerobak"],
    ),
    "KEC-SIBSEL": (
        "Kecamatan Sibolga Selatan",
        ["Aek Habil", "Aek Manis", "Aek Parombunan", "Aek Muara Pinang"],
    ),
    "KEC-SAMBAS": (
        "Kecamatan Sibolga Sambas",
        ["Pancuran Pinang", "Pancuran Kerambil", "Pancuran Dewa", "Pancuran Bambu"],
    ),
}
# (code, name, parent code)
UNITS = [
    ("DUKCAPIL-KTP", "Layanan KTP-el dan Kartu Identitas Anak", "DISDUKCAPIL"),
    ("DUKCAPIL-AKTA", "Layanan Akta Kelahiran dan Kematian", "DISDUKCAPIL"),
    ("DUKCAPIL-KK", "Layanan Kartu Keluarga dan Pindah Datang", "DISDUKCAPIL"),
    ("DPMPTSP-MPP", "Mal Pelayanan Publik Kota Sibolga", "DPMPTSP"),
    ("DPMPTSP-PBG", "Layanan Perizinan Berusaha dan PBG", "DPMPTSP-MPP"),
    ("KOMINFO-PPID", "Layanan Informasi Publik (PPID)", "DISKOMINFO"),
    ("RSUD-RAJAL", "Instalasi Rawat Jalan", "RSUD-FLT"),
    ("RSUD-IGD", "Instalasi Gawat Darurat", "RSUD-FLT"),
    ("DINKES-PKM-UTARA", "Puskesmas Sibolga Utara", "DINKES"),
    ("DINKES-PKM-SELATAN", "Puskesmas Sibolga Selatan", "DINKES"),
    ("DINSOS-BANSOS", "Layanan Bantuan Sosial", "DINSOS"),
    ("DISHUB-UJI", "Layanan Pengujian Kendaraan Bermotor", "DISHUB"),
    ("BPKPAD-PBB", "Layanan Pajak Daerah dan PBB", "BPKPAD"),
    ("DISNAKER-KARTU", "Layanan Kartu Pencari Kerja", "DISNAKER"),
]

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

# The dev LMS's demo learners (demo_steps.LMS_LEARNERS), placed in the roster so the sync links them.
LEARNER_PLACES = {
    "ani": ("198203142006042012", "DISDUKCAPIL", "DUKCAPIL-KTP", "Kepala Seksi", "struktural", "III/d"),
    "budi": ("199005212015031004", "DISKOMINFO", "", "Pranata Komputer Ahli Pertama", "fungsional", "III/b"),
    "citra": ("199408082022212007", "RSUD-FLT", "RSUD-RAJAL", "Perawat Terampil", "fungsional", "VII"),
    "dedi": ("198711302010011003", "DPMPTSP", "DPMPTSP-MPP", "Pengadministrasi Umum", "pelaksana", "II/d"),
}


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


def units_csv() -> str:
    """The OPDs, kecamatan, kelurahan and service units in the ``import-units`` layout."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["kode", "nama", "kode_induk", "jenis"])
    for code, name, kind, _ in OPDS:
        writer.writerow([code, name, "", kind])
    for code, (name, kelurahan) in KECAMATAN.items():
        writer.writerow([code, name, "", "kecamatan"])
        for village in kelurahan:
            writer.writerow([_kelurahan_code(village), f"Kelurahan {village}", code, "kelurahan"])
    for code, name, parent in UNITS:
        writer.writerow([code, name, parent, "unit"])
    return out.getvalue()


def _kelurahan_code(village: str) -> str:
    return "KEL-" + "".join(word[:4].upper() for word in village.replace("-", " ").split())[:24]


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
    villages = [_kelurahan_code(v) for _, kel in KECAMATAN.values() for v in kel]
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


def companion_roster(ctx) -> None:
    """A synthetic roster of ~2,600 ASN (the demo learners among them), via ``companion import-roster``."""
    from .demo_steps import LMS_LEARNERS

    path = _data_dir(ctx) / "data-asn-SINTETIS.csv"
    path.write_text(roster_csv(roster(learners=LMS_LEARNERS)), encoding="utf-8")
    ctx.companion("import-roster", str(path))


def lms_enrollments(ctx) -> None:
    """The demo learners enroll in the dev course (``enroll`` writes what the enrollment API serves)."""
    from .demo_steps import LMS_LEARNERS

    ctx.lms("enroll", *[username for username, _, _ in LMS_LEARNERS])


def companion_sync(ctx) -> None:
    """Store the dev LMS as the companion's LMS connection, test it, and sync from it over HTTP."""
    from .demo import DemoError

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
