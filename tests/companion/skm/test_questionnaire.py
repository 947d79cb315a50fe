"""The nine unsur by code with their own four answers (U8 and U9 not swapped), answers as typed,
the respondent profile and survey periods."""

import datetime as dt

import pytest
from django.utils import translation

from companion_service.skm import profile
from companion_service.skm.answers import AnswerError, parse_answer
from companion_service.skm.periods import Period, PeriodKind, periods_between
from companion_service.skm.questionnaire import UNSUR, indonesian_labels, unsur

# The model questionnaire of PermenPANRB 14/2017 (shared/domain/skm-ikm.md), by code.
REGULATION = {
    "U1": ("Persyaratan", ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
    "U2": ("Sistem, Mekanisme, dan Prosedur", ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah")),
    "U3": ("Waktu Penyelesaian", ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat")),
    "U4": ("Biaya/Tarif", ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")),
    "U5": (
        "Produk Spesifikasi Jenis Pelayanan",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    "U6": ("Kompetensi Pelaksana", ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten")),
    "U7": (
        "Perilaku Pelaksana",
        ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"),
    ),
    "U8": (
        "Penanganan Pengaduan, Saran dan Masukan",
        ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"),
    ),
    "U9": ("Sarana dan Prasarana", ("Buruk", "Cukup", "Baik", "Sangat baik")),
}
QUESTIONS = {
    "U1": "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
    "U2": "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    "U3": "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    "U4": "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "U5": "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam "
    "standar pelayanan dengan hasil yang diberikan?",
    "U6": "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    "U7": "Bagaimana pendapat Saudara perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
    "U8": "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
    "U9": "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
}


def test_codes_in_order():
    assert [item.code for item in UNSUR] == [f"U{n}" for n in range(1, 10)]


@pytest.mark.parametrize("code", list(REGULATION))
def test_each_unsur_has_the_regulations_name_question_and_four_answers(code):
    name, labels = REGULATION[code]
    with translation.override("id"):
        assert str(unsur(code).name) == name
        assert str(unsur(code).question) == QUESTIONS[code]
        assert tuple(str(label) for label in unsur(code).labels) == labels
    assert indonesian_labels(code) == labels


def test_u8_and_u9_are_not_swapped():
    assert indonesian_labels("U8")[0] == "Tidak ada"
    assert indonesian_labels("U8")[3] == "Dikelola dengan baik"
    assert indonesian_labels("U9")[0] == "Buruk"
    assert indonesian_labels("U9")[3] == "Sangat baik"
    with translation.override("id"):
        assert str(unsur("U8").name).startswith("Penanganan Pengaduan")
        assert str(unsur("U9").name) == "Sarana dan Prasarana"


def test_english_wording_exists_for_staff_pages():
    with translation.override("en"):
        assert str(unsur("U9").labels[0]) == "Poor"
        assert str(unsur("U8").name) == "Handling of complaints, suggestions and feedback"


@pytest.mark.parametrize(
    ("code", "typed", "score"),
    [
        ("U1", "3", 3),
        ("U1", "3.0", 3),
        ("U1", " 4 ", 4),
        ("U1", "4 - Sangat sesuai", 4),
        ("U1", "Sangat sesuai (4)", 4),
        ("U1", "sangat  SESUAI", 4),
        ("U4", "Gratis", 4),
        ("U4", "Sangat mahal", 1),
        ("U8", "Tidak ada", 1),
        ("U8", "Ada tetapi tidak berfungsi", 2),
        ("U8", "Berfungsi kurang maksimal", 3),
        ("U8", "Dikelola dengan baik", 4),
        ("U9", "Buruk", 1),
        ("U9", "Cukup", 2),
        ("U9", "Baik", 3),
        ("U9", "Sangat baik", 4),
        ("U9", "Very good", 4),
        ("U1", "", None),
    ],
)
def test_answers_as_people_type_them(code, typed, score):
    assert parse_answer(code, typed) == score


@pytest.mark.parametrize(
    ("code", "typed"),
    [
        ("U9", "Tidak ada"),  # a U8 answer
        ("U8", "Buruk"),  # a U9 answer
        ("U8", "Sangat baik"),
        ("U1", "5"),
        ("U1", "0"),
        ("U1", "3.5"),
        ("U1", "Gratis"),
        ("U1", "ya"),
    ],
)
def test_answers_of_another_unsur_or_off_the_scale_are_refused(code, typed):
    with pytest.raises(AnswerError):
        parse_answer(code, typed)


def test_a_units_adapted_labels_are_accepted_for_that_unsur():
    labels = [("Tidak lengkap", "Kurang lengkap", "Lengkap", "Sangat lengkap")]
    assert parse_answer("U1", "Lengkap", labels) == 3
    with pytest.raises(AnswerError):
        parse_answer("U1", "Lengkap")


@pytest.mark.parametrize(
    ("parse", "typed", "code"),
    [
        (profile.parse_sex, "Laki-laki", "L"),
        (profile.parse_sex, "p", "P"),
        (profile.parse_sex, "Wanita", "P"),
        (profile.parse_education, "SMK", "sma"),
        (profile.parse_education, "D-III", "d1-d3"),
        (profile.parse_education, "S1", "d4-s1"),
        (profile.parse_occupation, "Wiraswasta", "wirausaha"),
        (profile.parse_occupation, "PNS/PPPK", "pns"),
        (profile.parse_age, "34", "30-39"),
        (profile.parse_age, "19 tahun", "<20"),
        (profile.parse_age, "60", "60+"),
        (profile.parse_age, "40-49", "40-49"),
        (profile.parse_age, "", ""),
    ],
)
def test_profile_values_as_typed(parse, typed, code):
    assert parse(typed) == code


@pytest.mark.parametrize(
    ("parse", "typed"),
    [(profile.parse_sex, "X"), (profile.parse_education, "TK"), (profile.parse_age, "200")],
)
def test_unknown_profile_values_are_refused(parse, typed):
    with pytest.raises(ValueError):
        parse(typed)


def test_periods():
    q1 = Period.parse("2025-Q1")
    assert (q1.start, q1.end) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    assert Period.parse("2025-q4").end == dt.date(2025, 12, 31)
    s2 = Period.parse("2025-S2")
    assert s2.quarters == (3, 4) and s2.start == dt.date(2025, 7, 1)
    year = Period.parse("2024")
    assert year.kind is PeriodKind.YEAR and year.end == dt.date(2024, 12, 31)
    assert Period.containing(dt.date(2025, 5, 9), "quarter").key == "2025-Q2"
    assert Period.containing(dt.date(2025, 5, 9), "semester").key == "2025-S1"
    assert dt.date(2025, 2, 28) in q1 and dt.date(2025, 4, 1) not in q1
    assert q1.previous().key == "2024-Q4" and Period.parse("2024-S2").next().key == "2025-S1"
    assert [p.key for p in year.sub_periods("semester")] == ["2024-S1", "2024-S2"]
    assert [p.key for p in periods_between(dt.date(2024, 11, 1), dt.date(2025, 2, 1), "quarter")] == [
        "2024-Q4",
        "2025-Q1",
    ]


@pytest.mark.parametrize("key", ["2025-Q5", "2025-S3", "25", "Q1", "2025-X1", ""])
def test_bad_period_keys(key):
    with pytest.raises(ValueError):
        Period.parse(key)


def test_period_labels_in_indonesian_and_english():
    with translation.override("id"):
        assert Period.parse("2025-Q3").label == "Triwulan III 2025"
        assert Period.parse("2025-S1").label == "Semester I 2025"
        assert Period.parse("2025").label == "Tahun 2025"
    with translation.override("en"):
        assert Period.parse("2025-Q3").label == "Quarter III 2025"
