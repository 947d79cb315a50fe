"""Fixtures: a small city structure to import rosters into."""

import pytest

from companion_service.organization.models import Opd, OpdKind, ServiceUnit


@pytest.fixture
def city(db):
    dukcapil = Opd.objects.create(
        code="DISDUKCAPIL", name="Dinas Kependudukan dan Pencatatan Sipil", kind=OpdKind.DINAS
    )
    kominfo = Opd.objects.create(
        code="DISKOMINFO", name="Dinas Komunikasi dan Informatika", kind=OpdKind.DINAS
    )
    ktp = ServiceUnit.objects.create(code="DUKCAPIL-KTP", name="Layanan KTP-el", opd=dukcapil)
    return {"dukcapil": dukcapil, "kominfo": kominfo, "ktp": ktp}


HEADER = "nip;nama;kode_opd;kode_unit;jabatan;jenis_jabatan;golongan;jenis_pegawai;email;username_lms"
ANI = (
    "196711101992031001;Ani Siregar;DISDUKCAPIL;DUKCAPIL-KTP;Kepala Seksi;struktural;III/d;PNS;"
    "ani@contoh.go.id;ani"
)
BUDI = (
    "198503152010011003;Budi Hutagalung;DISKOMINFO;;Pranata Komputer;fungsional;III/b;PNS;budi@contoh.go.id;"
)
CITRA = (
    "199002142021212005;Citra Pasaribu;Dinas Komunikasi dan Informatika;;Pengadministrasi;pelaksana;V;PPPK;;"
    "citra"
)


def csv(*lines, header=HEADER, encoding="utf-8"):
    return ("\n".join([header, *lines]) + "\n").encode(encoding)
