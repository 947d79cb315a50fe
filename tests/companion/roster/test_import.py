"""Roster import: an atomic upsert by NIP, every rejected row listed with its line and reason."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from companion_service.core.tabular import TableError
from companion_service.roster.models import Asn, Position
from companion_service.roster.services import import_roster

from .conftest import ANI, BUDI, CITRA, HEADER, csv


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def errors(report):
    return [(e.line, e.column, e.message) for e in report.errors]


def test_a_clean_file_creates_every_asn(city):
    report = import_roster(csv(ANI, BUDI, CITRA))
    assert errors(report) == []
    assert (report.total, report.created, report.updated, report.unchanged) == (3, 3, 0, 0)
    ani = Asn.objects.get(nip="196711101992031001")
    assert ani.name == "Ani Siregar"
    assert ani.opd == city["dukcapil"]
    assert ani.service_unit == city["ktp"]
    assert (ani.position.name, ani.position.kind) == ("Kepala Seksi", "struktural")
    assert (ani.rank, ani.employment_type, ani.openedx_username) == ("III/d", "PNS", "ani")
    citra = Asn.objects.get(nip="199002142021212005")
    assert citra.opd == city["kominfo"]  # the OPD's name works as well as its code
    assert (citra.employment_type, citra.rank) == ("PPPK", "V")
    assert citra.email == ""


def test_dry_run_writes_nothing_but_says_what_would_happen(city):
    report = import_roster(csv(ANI, BUDI), dry_run=True)
    assert (report.dry_run, report.created) == (True, 2)
    assert not Asn.objects.exists()
    assert not Position.objects.exists()


def test_a_second_import_of_the_same_file_changes_nothing(city):
    import_roster(csv(ANI, BUDI, CITRA))
    before = {a.nip: a.modified for a in Asn.objects.all()}
    report = import_roster(csv(ANI, BUDI, CITRA))
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert {a.nip: a.modified for a in Asn.objects.all()} == before
    assert Position.objects.count() == 3


def test_upsert_by_nip_updates_and_blank_cells_keep_values(city):
    import_roster(csv(ANI))
    moved = "196711101992031001;Ani Siregar-Lubis;DISKOMINFO;;Kepala Seksi;struktural;IV/a;;;"
    report = import_roster(csv(moved))
    assert (report.created, report.updated) == (0, 1)
    ani = Asn.objects.get()
    assert (ani.name, ani.opd.code, ani.rank) == ("Ani Siregar-Lubis", "DISKOMINFO", "IV/a")
    assert ani.email == "ani@contoh.go.id"  # blank cell: kept
    assert ani.openedx_username == "ani"
    assert ani.service_unit == city["ktp"]  # blank unit cell: kept


@pytest.mark.parametrize(
    ("line", "column", "words"),
    [
        ("19671110199203100;Ani;DISDUKCAPIL;;;;;;;", "nip", "18 digits"),
        ("196711101992031001;;DISDUKCAPIL;;;;;;;", "nama", "name is empty"),
        ("196711101992031001;Ani;DISHUB;;;;;;;", "kode_opd", "OPD DISHUB is not known"),
        ("196711101992031001;Ani;;;;;;;;", "kode_opd", "OPD is empty"),
        ("196711101992031001;Ani;DISKOMINFO;DUKCAPIL-KTP;;;;;;", "kode_unit", "another OPD"),
        ("196711101992031001;Ani;DISDUKCAPIL;NOPE;;;;;;", "kode_unit", "not known"),
        ("196711101992031001;Ani;DISDUKCAPIL;;Kepala;manajer;;;;", "jenis_jabatan", "not a position kind"),
        ("196711101992031001;Ani;DISDUKCAPIL;;Kepala;;;;;", "jenis_jabatan", "position kind"),
        ("196711101992031001;Ani;DISDUKCAPIL;;;;V;;;", "golongan", "not a PNS golongan"),
        ("199002142021212005;Citra;DISDUKCAPIL;;;;III/a;;;", "golongan", "not a PPPK golongan"),
        ("196711101992031001;Ani;DISDUKCAPIL;;;;;PPPK;;", "jenis_pegawai", "PNS NIP"),
        ("196711101992031001;Ani;DISDUKCAPIL;;;;;honorer;;", "jenis_pegawai", "neither PNS nor PPPK"),
        ("196711101992031001;Ani;DISDUKCAPIL;;;;;;ani@;", "email", "not an email"),
        ("196711101992031001;Ani;DISDUKCAPIL;;;;;;;ani siregar", "username_lms", "not an Open edX username"),
    ],
)
def test_each_bad_row_is_rejected_with_its_line_column_and_reason(city, line, column, words):
    report = import_roster(csv(BUDI, line))
    assert len(report.errors) == 1, errors(report)
    error = report.errors[0]
    assert (error.line, error.column) == (3, column)
    assert words in error.message
    assert not Asn.objects.exists()  # all rows or none


def test_a_row_with_several_problems_lists_them_all(city):
    report = import_roster(csv("123;;DISHUB;;;;;;bad;"))
    assert {e.column for e in report.errors} == {"nip", "nama", "kode_opd", "email"}
    assert {e.line for e in report.errors} == {2}


def test_duplicate_nip_in_the_file_names_the_first_line(city):
    report = import_roster(csv(ANI, BUDI, ANI.replace("Ani Siregar", "Ani S.")))
    assert (4, "nip", "NIP 196711101992031001 is already on line 2.") in errors(report)
    assert not Asn.objects.exists()


def test_duplicate_username_in_the_file_or_the_roster(city):
    report = import_roster(
        csv(ANI, BUDI.replace(";III/b;PNS;budi@contoh.go.id;", ";III/b;PNS;budi@contoh.go.id;ANI"))
    )
    assert [e.message for e in report.errors] == ["Username ANI is already on line 2."]
    import_roster(csv(ANI))
    report = import_roster(csv(BUDI[:-1] + ";ani".replace(";;", ";")))
    assert "already belongs to the ASN with NIP 196711101992031001" in report.errors[0].message


def test_wrong_encoding_windows_1252_is_read(city):
    data = csv(ANI.replace("Ani Siregar", "Ani Siregar Débora"), encoding="cp1252")
    report = import_roster(data)
    assert report.ok
    assert Asn.objects.get().name == "Ani Siregar Débora"


def test_bytes_that_are_no_text_at_all_are_refused(city):
    with pytest.raises(TableError):
        import_roster(b"\x81\x8d\x8f\x90\x9d" * 5 + b"\n\x81\x8d")


def test_comma_delimiter_bom_and_loose_headers(city):
    data = "\ufeffNIP,Nama Lengkap,Kode OPD,Jenis-Pegawai\n196711101992031001,Ani Siregar,disdukcapil,pns\n"
    report = import_roster(data.encode())
    assert report.ok, errors(report)
    assert Asn.objects.get().opd == city["dukcapil"]


def test_extra_columns_are_ignored_and_named(city):
    data = csv(ANI + ";Sibolga;1967", header=HEADER + ";tempat_lahir;tahun")
    report = import_roster(data)
    assert report.ok
    assert report.warnings == ["Columns not used by the roster import: tempat_lahir, tahun."]


def test_missing_required_columns_refuse_the_file(city):
    with pytest.raises(TableError, match="nama, kode_opd"):
        import_roster(b"nip;jabatan\n196711101992031001;Kepala\n")


def test_xlsx_with_the_nip_as_text_and_as_a_number(city):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["NIP", "Nama", "Kode OPD", "Golongan"])
    sheet.append(["196711101992031001", "Ani Siregar", "DISDUKCAPIL", "3d"])
    sheet.append([198503152010011003, "Budi", "DISKOMINFO", "III/b"])  # typed as a number: digits lost
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = import_roster(buffer.getvalue(), filename="roster.xlsx")
    assert [(e.line, e.column) for e in report.errors] == [(3, "nip")]
    assert "Text" in report.errors[0].message


def test_rank_spellings_are_normalised(city):
    report = import_roster(csv(ANI.replace(";III/d;", ";Penata (III-c);")))
    assert report.ok
    assert Asn.objects.get().rank == "III/c"


def test_position_kind_synonyms_and_known_positions(city):
    import_roster(csv(ANI))
    other = "198503152010011003;Budi;DISKOMINFO;;kepala seksi;;;;;"  # kind known from the roster
    jft = "199002142021212005;Citra;DISKOMINFO;;Analis Kebijakan;JFT;;;;"
    report = import_roster(csv(other, jft))
    assert report.ok, errors(report)
    assert Asn.objects.get(nip="198503152010011003").position.name == "Kepala Seksi"
    assert Asn.objects.get(nip="199002142021212005").position.kind == "fungsional"


def test_command_line_dry_run_and_import(city, tmp_path, capsys):
    path = tmp_path / "roster.csv"
    path.write_bytes(csv(ANI, BUDI))
    call_command("import-roster", str(path), "--dry-run")
    assert "would create 2" in capsys.readouterr().out
    assert not Asn.objects.exists()
    call_command("import-roster", str(path))
    assert "created 2" in capsys.readouterr().out
    assert Asn.objects.count() == 2


def test_command_line_lists_rejected_rows_and_exits_non_zero(city, tmp_path, capsys):
    path = tmp_path / "roster.csv"
    path.write_bytes(csv(ANI, "123;Budi;DISKOMINFO;;;;;;;"))
    with pytest.raises(CommandError) as raised:
        call_command("import-roster", str(path))
    assert raised.value.returncode == 1
    err = capsys.readouterr().err
    assert "line 3 (nip): A NIP has 18 digits; 123 has 3." in err
    assert not Asn.objects.exists()


def test_command_line_unreadable_file_exits_2(city, tmp_path):
    with pytest.raises(CommandError) as raised:
        call_command("import-roster", str(tmp_path / "missing.csv"))
    assert raised.value.returncode == 2
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="empty") as raised:
        call_command("import-roster", str(empty))
    assert raised.value.returncode == 2


def test_command_line_speaks_the_language_asked_for(city, tmp_path, capsys):
    """``--language`` chooses the report's language whatever LANGUAGE_CODE says (issue 17)."""
    path = tmp_path / "roster.csv"
    path.write_bytes(csv(ANI, BUDI))
    call_command("import-roster", str(path), "--dry-run", "--language", "id")
    assert "Pratinjau (belum ada yang disimpan): 2 baris; akan membuat 2" in capsys.readouterr().out
    call_command("import-roster", str(path), "--dry-run")
    assert "would create 2" in capsys.readouterr().out  # LANGUAGE_CODE is "en" in this module
