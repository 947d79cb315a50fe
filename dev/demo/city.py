"""Kota Sibolga as the demo tells it (SYNTHETIC, deterministic): its OPDs, kecamatan and kelurahan,
its service units with their kinds of service, the eight quarters the demo covers, and how far each
OPD's ASN had completed the digital-literacy training by the end of each quarter.

One story for every demo step: ``import-units`` loads these OPDs and units, the roster places ASN in
them, the SKM answers rate these units (rising a little where the OPD's staff were trained), and the
grade reports record the training at the quarters given here. The OPD names are the standard
departments of a kota (Perda Kota Sibolga 1/2017 names where known); all people and figures are
synthetic.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

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
# (code, name, parent code): the service units (unit layanan) and where they sit.
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


# Kinds of service (jenis layanan) each unit offers, for its survey form.
SERVICE_KINDS = {
    "DUKCAPIL-KTP": ("KTP-el", "Kartu Identitas Anak"),
    "DUKCAPIL-AKTA": ("Akta Kelahiran", "Akta Kematian"),
    "DUKCAPIL-KK": ("Kartu Keluarga", "Surat Pindah Datang"),
    "DPMPTSP-MPP": ("Nomor Induk Berusaha", "Izin Praktik Tenaga Kesehatan"),
    "DPMPTSP-PBG": ("Persetujuan Bangunan Gedung",),
    "KOMINFO-PPID": ("Permohonan Informasi Publik",),
    "RSUD-RAJAL": ("Pendaftaran", "Poliklinik", "Farmasi"),
    "RSUD-IGD": ("Gawat Darurat",),
    "DINKES-PKM-UTARA": ("Pemeriksaan Umum", "Kesehatan Ibu dan Anak"),
    "DINKES-PKM-SELATAN": ("Pemeriksaan Umum", "Imunisasi"),
    "DINSOS-BANSOS": ("Bantuan Sosial", "Surat Keterangan Tidak Mampu"),
    "DISHUB-UJI": ("Uji Berkala Kendaraan",),
    "BPKPAD-PBB": ("PBB-P2", "Pajak Daerah"),
    "DISNAKER-KARTU": ("Kartu Pencari Kerja (AK/1)",),
}


def unit_opd(code: str) -> str:
    """The OPD a unit belongs to (a unit under another unit belongs to that unit's OPD)."""
    parents = {unit: parent for unit, _name, parent in UNITS}
    while code in parents:
        code = parents[code]
    return code


def opd_name(code: str) -> str:
    names = {c: n for c, n, _k, _s in OPDS} | {c: n for c, (n, _v) in KECAMATAN.items()}
    return names[code]


def opd_kind(code: str) -> str:
    kinds = {c: k for c, _n, k, _s in OPDS} | dict.fromkeys(KECAMATAN, "kecamatan")
    return kinds[code]


# --- the eight quarters of the story: the current quarter and the seven before it ----------------------


def demo_quarters(today: dt.date | None = None, count: int = 8) -> list[tuple[int, int]]:
    """The last ``count`` quarters up to and including the one of ``today`` (WIB date)."""
    today = today or dt.date.today()
    index = today.year * 4 + (today.month - 1) // 3
    return [((i) // 4, i % 4 + 1) for i in range(index - count + 1, index + 1)]


QUARTERS = demo_quarters()

# Share of each OPD's ASN who had completed the programme's first course by the end of each of the
# eight quarters. BKPSDM trained itself first; DISKOMINFO, DISDUKCAPIL, DPMPTSP, DINKES and RSUD
# crossed half of their staff one after the other; the other OPDs stayed low (the comparison group).
TRAINED_SHARE = {
    "BKPSDM": (0.20, 0.50, 0.80, 0.85, 0.90, 0.90, 0.90, 0.90),
    "DISKOMINFO": (0.15, 0.70, 0.75, 0.80, 0.80, 0.85, 0.85, 0.85),
    "DISDUKCAPIL": (0.05, 0.30, 0.60, 0.70, 0.72, 0.75, 0.80, 0.80),
    "DPMPTSP": (0.00, 0.10, 0.25, 0.55, 0.60, 0.65, 0.70, 0.70),
    "DINKES": (0.00, 0.05, 0.10, 0.30, 0.55, 0.62, 0.65, 0.68),
    "RSUD-FLT": (0.00, 0.00, 0.05, 0.15, 0.30, 0.52, 0.60, 0.65),
    "BAPPEDA": (0.00, 0.10, 0.30, 0.50, 0.60, 0.60, 0.65, 0.70),
    "INSPEKTORAT": (0.00, 0.10, 0.20, 0.30, 0.40, 0.45, 0.50, 0.55),
    "SETDA": (0.00, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35),
    "BPKPAD": (0.00, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.30),
    "DINSOS": (0.00, 0.00, 0.05, 0.10, 0.15, 0.20, 0.20, 0.25),
    "DISHUB": (0.00, 0.00, 0.00, 0.05, 0.10, 0.10, 0.15, 0.20),
    "DISNAKER": (0.00, 0.00, 0.00, 0.00, 0.05, 0.10, 0.10, 0.15),
    "DISDIK": (0.00, 0.01, 0.02, 0.04, 0.06, 0.08, 0.10, 0.12),
}
OTHER_SHARE = (0.00, 0.00, 0.00, 0.02, 0.05, 0.08, 0.10, 0.12)


def trained_share(opd: str) -> tuple[float, ...]:
    """The OPD's share of ASN trained at the end of each quarter of ``QUARTERS``."""
    return TRAINED_SHARE.get(opd, OTHER_SHARE)


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
            writer.writerow([kelurahan_code(village), f"Kelurahan {village}", code, "kelurahan"])
    for code, name, parent in UNITS:
        writer.writerow([code, name, parent, "unit"])
    return out.getvalue()


def kelurahan_code(village: str) -> str:
    return "KEL-" + "".join(word[:4].upper() for word in village.replace("-", " ").split())[:24]
