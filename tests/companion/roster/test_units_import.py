"""OPDs and service units from one file: code, name, parent code, kind; any order; all or none."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from companion_service.organization.models import Opd, ServiceUnit
from companion_service.organization.services import import_units

HEADER = "kode;nama;kode_induk;jenis"
CITY = [
    # children before their parents on purpose: the file's order does not matter
    "KEL-PASARBARU;Kelurahan Pasar Baru;KEC-SIBKOTA;kelurahan",
    "KEC-SIBKOTA;Kecamatan Sibolga Kota;;kecamatan",
    "DUKCAPIL-KTP-REKAM;Perekaman KTP-el;DUKCAPIL-KTP;unit",
    "DUKCAPIL-KTP;Layanan KTP-el;DISDUKCAPIL;unit layanan",
    "DISDUKCAPIL;Dinas Kependudukan dan Pencatatan Sipil;;dinas",
    "SATPOLPP;Satuan Polisi Pamong Praja;;Satpol PP",
    "KEL-PB-LOKET;Loket Kelurahan Pasar Baru;KEL-PASARBARU;unit",
]


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def data(*lines, header=HEADER):
    return ("\n".join([header, *lines]) + "\n").encode()


def test_a_whole_city_in_one_file(db):
    report = import_units(data(*CITY))
    assert report.ok, report.errors
    assert (report.created, report.updated) == (7, 0)
    kelurahan = Opd.objects.get(code="KEL-PASARBARU")
    assert (kelurahan.kind, kelurahan.parent.code) == ("kelurahan", "KEC-SIBKOTA")
    assert Opd.objects.get(code="SATPOLPP").kind == "satpol_pp"
    ktp = ServiceUnit.objects.get(code="DUKCAPIL-KTP")
    assert (ktp.opd.code, ktp.parent) == ("DISDUKCAPIL", None)
    nested = ServiceUnit.objects.get(code="DUKCAPIL-KTP-REKAM")
    assert (nested.opd.code, nested.parent.code) == ("DISDUKCAPIL", "DUKCAPIL-KTP")
    assert ServiceUnit.objects.get(code="KEL-PB-LOKET").opd == kelurahan


def test_second_run_is_unchanged_and_a_rename_is_an_update(db):
    import_units(data(*CITY))
    report = import_units(data(*CITY))
    assert (report.created, report.updated, report.unchanged) == (0, 0, 7)
    report = import_units(
        data("DISDUKCAPIL;Dinas Dukcapil Kota Sibolga;;dinas", "SATPOLPP;Satpol PP;;satpol_pp;")
    )
    assert (report.updated, report.unchanged) == (2, 0)
    assert Opd.objects.get(code="DISDUKCAPIL").name == "Dinas Dukcapil Kota Sibolga"


def test_dry_run_writes_nothing(db):
    report = import_units(data(*CITY), dry_run=True)
    assert report.created == 7
    assert not Opd.objects.exists()


def test_parents_already_loaded_are_found(db):
    import_units(data("DISKOMINFO;Dinas Komunikasi dan Informatika;;dinas"))
    report = import_units(data("KOMINFO-PPID;Layanan Informasi Publik (PPID);diskominfo;unit"))
    assert report.ok
    assert ServiceUnit.objects.get().opd.code == "DISKOMINFO"


@pytest.mark.parametrize(
    ("line", "column", "words"),
    [
        ("X Y;Nama;;dinas", "kode", "must be 1-32"),
        ("DISHUB;;;dinas", "nama", "name is empty"),
        ("DISHUB;Dinas Perhubungan;;kementerian", "jenis", "not a kind"),
        ("LOKET;Loket;;unit", "kode_induk", "needs the code of its OPD"),
        ("LOKET;Loket;NOWHERE;unit", "kode_induk", "neither a known OPD nor a service unit"),
        ("KEL-X;Kelurahan X;DUKCAPIL-KTP;kelurahan", "kode_induk", "must be an OPD"),
        ("DISHUB;Dinas Perhubungan;DISHUB;dinas", "kode_induk", "own parent"),
        ("DUKCAPIL-KTP;Layanan KTP-el;;dinas", "jenis", "is a service unit; it cannot become an OPD"),
        (
            "DISDUKCAPIL;Dinas Dukcapil;DISDUKCAPIL-2;unit",
            "jenis",
            "is an OPD; it cannot become a service unit",
        ),
    ],
)
def test_bad_rows_are_rejected_with_line_and_reason(db, line, column, words):
    import_units(
        data(
            "DISDUKCAPIL;Dinas Kependudukan dan Pencatatan Sipil;;dinas",
            "DISDUKCAPIL-2;Dinas Lain;;dinas",
            "DUKCAPIL-KTP;Layanan KTP-el;DISDUKCAPIL;unit",
        )
    )
    before = (Opd.objects.count(), ServiceUnit.objects.count())
    report = import_units(data("DISPORA;Dinas Pemuda dan Olahraga;;dinas", line))
    assert [(e.line, e.column) for e in report.errors] == [(3, column)], report.errors
    assert words in report.errors[0].message
    assert (Opd.objects.count(), ServiceUnit.objects.count()) == before


def test_a_circle_of_parents_is_refused(db):
    report = import_units(data("A;Kecamatan A;B;kecamatan", "B;Kelurahan B;A;kelurahan"))
    assert {e.line for e in report.errors} == {2, 3}
    assert all("circle" in e.message for e in report.errors)
    assert not Opd.objects.exists()


def test_duplicate_codes_in_the_file(db):
    report = import_units(data("DISHUB;Dinas Perhubungan;;dinas", "dishub;Dinas Perhubungan 2;;dinas"))
    assert [(e.line, e.message) for e in report.errors] == [(3, "Code dishub is already on line 2.")]


def test_english_headers_active_column_and_extra_columns(db):
    lines = (
        "code,name,parent code,kind,active,notes\n"
        "RSUD-FLT,RSUD Dr. F.L. Tobing,,rsud,ya,x\n"
        "OLD,Kantor Lama,,kantor,tidak,\n"
    )
    report = import_units(lines.encode())
    assert report.ok, report.errors
    assert report.warnings == ["Columns not used by the units import: notes."]
    assert Opd.objects.get(code="OLD").is_active is False


def test_command_line(db, tmp_path, capsys):
    path = tmp_path / "units.csv"
    path.write_bytes(data(*CITY))
    call_command("import-units", str(path), "--dry-run")
    assert "would create 7" in capsys.readouterr().out
    call_command("import-units", str(path))
    assert Opd.objects.count() == 4
    path.write_bytes(data("BAD;;;dinas"))
    with pytest.raises(CommandError) as raised:
        call_command("import-units", str(path))
    assert raised.value.returncode == 1
    assert "line 2 (nama): The name is empty." in capsys.readouterr().err


def test_admin_import_page(client, make_user):
    admin_user = make_user("root", superuser=True)
    admin_user.is_staff = True
    admin_user.save()
    client.force_login(admin_user)
    assert "Import OPDs and service units" in client.get("/admin/organization/opd/").content.decode()
    page = client.post(
        "/admin/organization/opd/import/", {"file": SimpleUploadedFile("units.csv", data(*CITY))}
    )
    assert page.context["report"].created == 7
    response = client.post(
        "/admin/organization/opd/import/", {"apply": "1", "staged": page.context["staged"]}
    )
    assert response.status_code == 302
    assert ServiceUnit.objects.count() == 3
