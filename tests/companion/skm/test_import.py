"""Importing spreadsheets: default layout, Google Forms exports, encodings, XLSX, every rejected row
with its line and reason, atomic commits, duplicates and undo; the `companion import-skm` command."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from companion_service.skm import importer, selectors, services
from companion_service.skm.importer import ImportRefused, Options
from companion_service.skm.models import ImportBatch, ImportLayout, ResponseTally, ServiceKind, SurveyResponse
from companion_service.skm.periods import Period

HEADER = ";".join(importer.DEFAULT_LAYOUT)


def csv_bytes(*rows, header=HEADER, encoding="utf-8-sig", sep=";"):
    text = "\n".join([header.replace(";", sep), *[row.replace(";", sep) for row in rows]]) + "\n"
    return text.encode(encoding)


def run(content, filename="skm.csv", dry_run=False, skip_invalid=False, **options):
    batch = importer.new_batch(content, filename, source="web")
    table = importer.read(batch)
    mapping = importer.suggest_mapping(table.columns)
    return importer.run(
        table, mapping, Options(**options), dry_run=dry_run, batch=batch, skip_invalid=skip_invalid
    )


@pytest.fixture
def ktp(unit):
    return services.add_service_kind(unit, "KTP-el")


GOOD = [
    "2025-01-15;DUKCAPIL-LOKET;KTP-el;4;4;3;4;3;4;4;3;3;P;34;SMA;Swasta;Rina;Antrean cepat",
    "16/01/2025;dukcapil-loket;ktp-el;3;3;3;4;3;3;3;2;3;L;52;S1;PNS;;",
    "2025-02-01;Loket Pelayanan Dukcapil;;4;4;4;4;4;4;4;4;4;;;;;;Terima kasih",
]


def test_dry_run_checks_everything_and_stores_nothing(unit, ktp):
    outcome = run(csv_bytes(*GOOD), dry_run=True)
    assert outcome.report.ok and outcome.report.created == 3 and outcome.report.dry_run
    assert SurveyResponse.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_commit_stores_rows_tallies_and_the_batch(unit, ktp):
    outcome = run(csv_bytes(*GOOD))
    assert outcome.report.created == 3
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.imported_rows, batch.rejected_rows, batch.total_rows) == (
        "committed",
        3,
        0,
        3,
    )
    assert SurveyResponse.objects.filter(batch=batch, service_kind=ktp).count() == 2
    first = SurveyResponse.objects.get(answered_on=dt.date(2025, 1, 15))
    assert (first.sex, first.age_group, first.education, first.occupation) == ("P", "30-39", "sma", "swasta")
    assert (first.officer, first.comment, first.u8, first.u9) == ("Rina", "Antrean cepat", 3, 3)
    assert ResponseTally.objects.filter(unit=unit).count() == 2  # KTP-el and no kind, both Q1
    assert selectors.unit_ikm(unit, Period.parse("2025-Q1")).respondents == 3


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        ("2025-01-15;DUKCAPIL-LOKET;;4;4;7;4;3;4;4;3;3;;;;;;", "U3", "'7' bukan jawaban 1 sampai 4"),
        ("2025-01-15;DUKCAPIL-LOKET;;4;4;0;4;3;4;4;3;3;;;;;;", "U3", "'0' bukan jawaban 1 sampai 4"),
        ("2025-01-15;DUKCAPIL-LOKET;;4;4;3;4;3;4;4;3;Tidak ada;;;;;;", "U9", "'Tidak ada' bukan jawaban"),
        ("2025-01-15;LOKET-X;;4;4;3;4;3;4;4;3;3;;;;;;", "unit", "unit layanan 'LOKET-X' tidak dikenal"),
        ("2025-13-45;DUKCAPIL-LOKET;;4;4;3;4;3;4;4;3;3;;;;;;", "tanggal", "bukan tanggal"),
        (";DUKCAPIL-LOKET;;4;4;3;4;3;4;4;3;3;;;;;;", "tanggal", "tanggal survei kosong"),
        ("2099-01-01;DUKCAPIL-LOKET;;4;4;3;4;3;4;4;3;3;;;;;;", "tanggal", "di masa depan"),
        (
            "2025-01-15;DUKCAPIL-LOKET;Paspor;4;4;3;4;3;4;4;3;3;;;;;;",
            "layanan",
            "'Paspor' bukan jenis layanan di DUKCAPIL-LOKET: tambahkan di admin, atau biarkan impor "
            "menambahkannya (--create-layanan",  # the error names the missing flag (issue 17)
        ),
        ("2025-01-15;DUKCAPIL-LOKET;;;;;;;;;;;;;;;;Hanya saran", "U1-U9", "tidak ada unsur yang dijawab"),
        ("2025-01-15;DUKCAPIL-LOKET;;4;4;3;4;3;4;4;3;3;X;;;;;", "jenis_kelamin", "'X'"),
    ],
)
def test_each_rejected_row_has_its_line_column_and_reason(unit, ktp, row, column, reason):
    outcome = run(csv_bytes(GOOD[0], row, GOOD[1]), dry_run=True)
    [error] = outcome.report.errors
    assert (error.line, error.column) == (3, column)
    assert reason in error.message
    assert outcome.report.created == 2


def test_date_outside_the_chosen_period(unit, ktp):
    outcome = run(csv_bytes(*GOOD), dry_run=True, period="2025-Q1")
    assert outcome.report.ok
    outcome = run(
        csv_bytes(*GOOD, "2025-04-01;DUKCAPIL-LOKET;;4;4;4;4;4;4;4;4;4;;;;;;"), dry_run=True, period="2025-Q1"
    )
    [error] = outcome.report.errors
    assert error.line == 5 and "di luar periode Triwulan I 2025" in error.message


def test_rejected_rows_stop_the_import_and_change_nothing(unit, ktp):
    content = csv_bytes(GOOD[0], "2025-01-15;LOKET-X;;4;4;3;4;3;4;4;3;3;;;;;;")
    with pytest.raises(ImportRefused, match="1 baris bermasalah"):
        run(content)
    assert SurveyResponse.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_skip_invalid_takes_exactly_the_valid_rows(unit, ktp):
    content = csv_bytes(GOOD[0], "2025-01-15;LOKET-X;;4;4;3;4;3;4;4;3;3;;;;;;", GOOD[1])
    outcome = run(content, skip_invalid=True)
    assert [error.line for error in outcome.report.errors] == [3]
    batch = ImportBatch.objects.get()
    assert (batch.imported_rows, batch.rejected_rows) == (2, 1)
    assert SurveyResponse.objects.count() == 2


def test_new_kinds_of_service_are_added_only_when_asked(unit, ktp):
    content = csv_bytes("2025-01-15;DUKCAPIL-LOKET;Akta Kelahiran;4;4;3;4;3;4;4;3;3;;;;;;")
    assert not run(content, dry_run=True).report.ok
    outcome = run(content, create_kinds=True)
    assert outcome.new_kind_names == ["Akta Kelahiran"]
    kind = ServiceKind.objects.get(unit=unit, name="Akta Kelahiran")
    assert SurveyResponse.objects.get().service_kind == kind


def test_the_same_file_twice_is_refused_until_undone(unit, ktp):
    content = csv_bytes(*GOOD)
    run(content)
    dry = run(content, dry_run=True)
    assert dry.already_imported is not None
    with pytest.raises(ImportRefused, match="sudah diimpor"):
        run(content)
    batch = ImportBatch.objects.get()
    assert importer.undo(batch) == 3
    assert SurveyResponse.objects.count() == 0 and ResponseTally.objects.count() == 0
    batch.refresh_from_db()
    assert batch.status == "undone"
    run(content)
    assert SurveyResponse.objects.count() == 3


def test_windows_1252_with_commas(unit, ktp):
    content = csv_bytes(
        "2025-01-15,DUKCAPIL-LOKET,KTP-el,4,4,3,4,3,4,4,3,3,Perempuan,20-29,SMK,Pelajar/Mahasiswa,,"
        "Pelayanan café",
        sep=",",
        encoding="cp1252",
    )
    run(content)
    response = SurveyResponse.objects.get()
    assert (response.comment, response.occupation, response.education) == ("Pelayanan café", "pelajar", "sma")


def xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_real_dates_and_numbers(unit, ktp):
    header = HEADER.split(";")
    content = xlsx(
        [
            header,
            [
                dt.datetime(2025, 3, 3, 9, 30),
                "DUKCAPIL-LOKET",
                "KTP-el",
                *[4.0] * 9,
                "L",
                41,
                "S2",
                "TNI",
                "",
                "",
            ],
        ]
    )
    run(content, filename="skm.xlsx")
    response = SurveyResponse.objects.get()
    assert (response.answered_on, response.u1, response.age_group, response.education) == (
        dt.date(2025, 3, 3),
        4,
        "40-49",
        "s2",
    )


GOOGLE_HEADER = [
    "Cap waktu",
    "Jenis Layanan",
    "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
    "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar "
    "pelayanan dengan hasil yang diberikan?",
    "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    "Bagaimana pendapat Saudara perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
    # A form that asks about facilities before complaints: matched by meaning, not by position.
    "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
    "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
    "Jenis Kelamin",
    "Umur",
    "Kritik dan Saran",
]


def google_forms_csv():
    row = [
        "05/02/2025 10:21:33",
        "KTP-el",
        "Sangat sesuai",
        "Mudah",
        "Cepat",
        "Gratis",
        "Sesuai",
        "Sangat kompeten",
        "Sopan dan ramah",
        "Baik",  # U9 (sarana): 3
        "Berfungsi kurang maksimal",  # U8 (pengaduan): 3
        "Perempuan",
        "27",
        "Petugas ramah, ruang tunggu panas",
    ]
    lines = [",".join(f'"{cell}"' for cell in GOOGLE_HEADER), ",".join(f'"{cell}"' for cell in row)]
    return ("\n".join(lines) + "\n").encode()


def test_google_forms_export_is_mapped_by_meaning(unit, ktp):
    batch = importer.new_batch(google_forms_csv(), "form.csv", source="web")
    table = importer.read(batch)
    mapping = importer.suggest_mapping(table.columns)
    assert mapping["tanggal"] == "cap waktu" and mapping["layanan"] == "jenis layanan"
    assert "sarana" in mapping["U9"] and "pengaduan" in mapping["U8"]
    assert "unit" not in mapping
    assert importer.mapping_problems(mapping, table.columns, Options()) == [
        "Pilih kolom unit layanan, atau unit untuk semua baris."
    ]
    importer.run(table, mapping, Options(unit_code="DUKCAPIL-LOKET"), dry_run=False, batch=batch)
    response = SurveyResponse.objects.get()
    assert response.answers() == {
        "U1": 4,
        "U2": 3,
        "U3": 3,
        "U4": 4,
        "U5": 3,
        "U6": 4,
        "U7": 3,
        "U8": 3,
        "U9": 3,
    }
    assert response.answered_on == dt.date(2025, 2, 5)
    assert response.comment == "Petugas ramah, ruang tunggu panas"
    # The mapping is kept for this layout: the next export of the same form needs none.
    assert ImportLayout.objects.count() == 1
    assert importer.suggest_mapping(table.columns) == mapping


def test_month_first_dates(unit, ktp):
    content = csv_bytes("02/05/2025;DUKCAPIL-LOKET;;4;4;4;4;4;4;4;4;4;;;;;;")
    run(content, month_first=True)
    assert SurveyResponse.objects.get().answered_on == dt.date(2025, 2, 5)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2025-01-31", dt.date(2025, 1, 31)),
        ("2025-01-31 00:00:00", dt.date(2025, 1, 31)),
        ("31/01/2025", dt.date(2025, 1, 31)),
        ("31-01-2025 14:02", dt.date(2025, 1, 31)),
        ("5 Januari 2025", dt.date(2025, 1, 5)),
        ("5 Agu 2025", dt.date(2025, 8, 5)),
        ("45688", dt.date(2025, 1, 31)),
    ],
)
def test_dates_as_typed(typed, expected):
    assert importer.parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["31/02/2025", "kemarin", "2025", "5 Smarch 2025"])
def test_bad_dates(typed):
    with pytest.raises(ValueError):
        importer.parse_date(typed)


def test_mapping_problems_are_named(unit):
    problems = importer.mapping_problems(
        {"tanggal": "a", "U1": "b", "U2": "b"}, ["a", "b"], Options(period="2025-Q9")
    )
    text = " ".join(problems)
    assert "U3" in text and "U9" in text and "unit" in text and "sekali" in text and "2025-Q1" in text


def test_adapted_labels_of_the_unit_are_read(unit, ktp):
    services.save_wording(unit, "U1", "", ["Tidak lengkap", "Kurang lengkap", "Lengkap", "Sangat lengkap"])
    run(csv_bytes("2025-01-15;DUKCAPIL-LOKET;;Lengkap;4;4;4;4;4;4;4;4;;;;;;"))
    assert SurveyResponse.objects.get().u1 == 3


# --- the command line --------------------------------------------------------------------------------


def write(tmp_path, content, name="skm.csv"):
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def test_cli_dry_run_then_import(unit, ktp, tmp_path, capsys):
    path = write(tmp_path, csv_bytes(*GOOD))
    call_command("import-skm", path, "--dry-run")
    out = capsys.readouterr().out
    assert "3 baris, 3 dapat diimpor, 0 ditolak" in out and "Uji coba" in out
    assert SurveyResponse.objects.count() == 0
    call_command("import-skm", path)
    assert "Berhasil mengimpor 3 jawaban" in capsys.readouterr().out
    assert SurveyResponse.objects.count() == 3


def test_cli_lists_rejected_rows_and_exits_non_zero(unit, ktp, tmp_path, capsys):
    path = write(tmp_path, csv_bytes(GOOD[0], "2025-01-15;DUKCAPIL-LOKET;;4;4;9;4;3;4;4;3;3;;;;;;"))
    with pytest.raises(CommandError):
        call_command("import-skm", path)
    out = capsys.readouterr().out
    assert "baris 3 (U3): '9' bukan jawaban 1 sampai 4" in out
    assert SurveyResponse.objects.count() == 0
    call_command("import-skm", path, "--skip-invalid")
    assert SurveyResponse.objects.count() == 1


def test_cli_unit_and_period_options(unit, ktp, tmp_path, capsys):
    header = HEADER.replace("unit;", "")
    path = write(tmp_path, csv_bytes("2025-01-15;KTP-el;4;4;3;4;3;4;4;3;3;;;;;;", header=header))
    with pytest.raises(CommandError, match="unit"):
        call_command("import-skm", path, "--dry-run")
    with pytest.raises(CommandError, match="1 baris bermasalah"):
        call_command("import-skm", path, "--unit", "DUKCAPIL-LOKET", "--period", "2025-Q2")
    assert "baris 2 (tanggal): tanggal 2025-01-15 di luar periode Triwulan II 2025" in capsys.readouterr().out
    call_command("import-skm", path, "--unit", "DUKCAPIL-LOKET", "--period", "2025-Q1")
    assert SurveyResponse.objects.get().unit == unit


def test_cli_refuses_unreadable_files(db, tmp_path):
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("import-skm", str(tmp_path / "nope.csv"))
    with pytest.raises(CommandError, match="Berkas kosong"):
        call_command("import-skm", write(tmp_path, b""))
    with pytest.raises(CommandError, match="XLSX"):
        call_command("import-skm", write(tmp_path, b"PK\x03\x04 broken", "x.xlsx"))
