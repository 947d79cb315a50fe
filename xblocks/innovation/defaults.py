"""Defaults an author starts from: Sibolga's OPDs, the PP 38/2017 forms as categories, the jury rubric.

*OPD* (Organisasi Perangkat Daerah) is a city department or agency. Sibolga's departments were set
up by Perda Kota Sibolga 1/2017; where the exact names were not found, these are the standard
names of a kota's departments (the companion's operator aligns its OPD codes with these).
"""

from __future__ import annotations


def _(text):
    """Mark a default for translation catalogs without translating it here."""
    return text


DEFAULT_OPDS = [
    {"code": "SETDA", "name": "Sekretariat Daerah"},
    {"code": "SETWAN", "name": "Sekretariat DPRD"},
    {"code": "INSPEKTORAT", "name": "Inspektorat"},
    {"code": "BAPPEDA", "name": "Badan Perencanaan Pembangunan Daerah"},
    {"code": "BPKPAD", "name": "Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah"},
    {"code": "BKPSDM", "name": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"},
    {"code": "BPBD", "name": "Badan Penanggulangan Bencana Daerah"},
    {"code": "KESBANGPOL", "name": "Badan Kesatuan Bangsa dan Politik"},
    {"code": "DISDIK", "name": "Dinas Pendidikan"},
    {"code": "DINKES", "name": "Dinas Kesehatan"},
    {"code": "DISDUKCAPIL", "name": "Dinas Kependudukan dan Pencatatan Sipil"},
    {"code": "DPMPTSP", "name": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"},
    {"code": "DISKOMINFO", "name": "Dinas Komunikasi dan Informatika"},
    {"code": "DINSOS", "name": "Dinas Sosial"},
    {"code": "DISHUB", "name": "Dinas Perhubungan"},
    {"code": "DLH", "name": "Dinas Lingkungan Hidup"},
    {"code": "DPUPR", "name": "Dinas Pekerjaan Umum dan Penataan Ruang"},
    {"code": "DPRKP", "name": "Dinas Perumahan Rakyat dan Kawasan Permukiman"},
    {"code": "DISNAKER", "name": "Dinas Tenaga Kerja"},
    {"code": "DISPERINDAG", "name": "Dinas Perdagangan dan Perindustrian"},
    {"code": "DISKAN", "name": "Dinas Perikanan"},
    {"code": "DKP", "name": "Dinas Ketahanan Pangan dan Pertanian"},
    {"code": "DP3A", "name": "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"},
    {"code": "DISPORAPAR", "name": "Dinas Pemuda, Olahraga dan Pariwisata"},
    {"code": "DISPUSIP", "name": "Dinas Perpustakaan dan Kearsipan"},
    {"code": "SATPOLPP", "name": "Satuan Polisi Pamong Praja"},
    {"code": "RSUD", "name": "RSUD Dr. F.L. Tobing"},
    {"code": "KEC-SIBOLGA-UTARA", "name": "Kecamatan Sibolga Utara"},
    {"code": "KEC-SIBOLGA-KOTA", "name": "Kecamatan Sibolga Kota"},
    {"code": "KEC-SIBOLGA-SELATAN", "name": "Kecamatan Sibolga Selatan"},
    {"code": "KEC-SIBOLGA-SAMBAS", "name": "Kecamatan Sibolga Sambas"},
]

# PP 38/2017 Pasal 4: the forms of regional innovation (bentuk inovasi daerah).
FORMS = {
    "governance": _("Regional governance innovation"),
    "public_service": _("Public service innovation"),
    "other": _("Other regional innovation"),
}

# Categories an author may extend; each names the PP 38/2017 form the regional index reports.
DEFAULT_CATEGORIES = [
    {"code": "pelayanan-publik", "name": "Inovasi pelayanan publik", "form": "public_service"},
    {"code": "tata-kelola", "name": "Inovasi tata kelola pemerintahan daerah", "form": "governance"},
    {"code": "lainnya", "name": "Inovasi daerah lainnya", "form": "other"},
]

# The five criteria of PP 38/2017 Pasal 6 plus KIPP proposal aspects; the official weights were not
# found, so these are a starting point the author sets (they sum to 100).
DEFAULT_RUBRIC = [
    {
        "code": "kebaruan",
        "label": "Mengandung pembaruan (kebaruan)",
        "weight": 20,
        "description": "PP 38/2017 Pasal 6 huruf a: ide atau cara baru, atau pengembangan yang nyata.",
    },
    {
        "code": "manfaat",
        "label": "Bermanfaat bagi daerah dan masyarakat",
        "weight": 20,
        "description": "PP 38/2017 Pasal 6 huruf b: dampak nyata dan terukur bagi warga.",
    },
    {
        "code": "tidak-membebani",
        "label": "Tidak membebani atau membatasi masyarakat",
        "weight": 10,
        "description": "PP 38/2017 Pasal 6 huruf c: tanpa biaya atau beban baru bagi warga.",
    },
    {
        "code": "kewenangan",
        "label": "Menjadi urusan pemerintahan daerah",
        "weight": 10,
        "description": "PP 38/2017 Pasal 6 huruf d: dalam kewenangan Pemerintah Kota.",
    },
    {
        "code": "replikasi",
        "label": "Dapat direplikasi",
        "weight": 15,
        "description": "PP 38/2017 Pasal 6 huruf e; KIPP: dapat diterapkan di unit atau daerah lain.",
    },
    {
        "code": "keberlanjutan",
        "label": "Sumber daya dan keberlanjutan",
        "weight": 15,
        "description": "KIPP: sumber daya yang dibutuhkan tersedia dan inovasi dapat bertahan.",
    },
    {
        "code": "kolaborasi",
        "label": "Pelibatan pemangku kepentingan",
        "weight": 10,
        "description": "KIPP: kerja sama dengan OPD lain, masyarakat dan mitra swasta.",
    },
]

DEFAULT_SCORE_SCALE = 5
DEFAULT_SUPPORT_BUDGET = 5
DEFAULT_MAX_IDEAS = 3
