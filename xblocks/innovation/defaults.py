"""Defaults an author starts from: the PP 38/2017 forms as categories and the jury rubric.

The OPDs (Organisasi Perangkat Daerah, the city's departments) are not among them: they come from
the city's units list, imported into the LMS from the same file the companion imports.
"""

from __future__ import annotations


def _(text):
    """Mark a default for translation catalogs without translating it here."""
    return text


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
