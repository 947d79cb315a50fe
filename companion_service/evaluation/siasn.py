"""The SIASN "riwayat kursus" shape: one row per finished learning activity, in BKN's field names.

Fields (asn-development.md): instansiId, institusiPenyelenggara, jenisDiklatId, jenisKursus,
jenisKursusSertipikat, jumlahJam, lokasiId, namaKursus, nomorSertipikat, pnsOrangId, tahunKursus,
tanggalKursus, tanggalSelesaiKursus. ``pnsOrangId`` carries the NIP (SIASN matches it to its own
person id); ``jumlahJam`` the JP; dates are ``dd-mm-yyyy`` in WIB. Reference codes come from the
settings (``conf``) and are empty until the HR office sets them.

One column follows BKN's fields for BKPSDM's review before an upload (not a SIASN field):
``keteranganJp`` says where the JP come from: set by BKPSDM, estimated from the course's effort per
week x weeks (check before uploading), or a partner session's credited attendance.
"""

from __future__ import annotations

import tablib
from django.utils import timezone, translation

from . import conf
from .selectors.opd import channel_label

FIELDS = (
    "instansiId",
    "institusiPenyelenggara",
    "jenisDiklatId",
    "jenisKursus",
    "jenisKursusSertipikat",
    "jumlahJam",
    "lokasiId",
    "namaKursus",
    "nomorSertipikat",
    "pnsOrangId",
    "tahunKursus",
    "tanggalKursus",
    "tanggalSelesaiKursus",
)
REVIEW_FIELDS = ("keteranganJp",)
JP_NOTES = {
    "set": "ditetapkan BKPSDM",
    "estimated": "PERKIRAAN: effort per minggu x jumlah minggu (belum ditetapkan BKPSDM)",
    "workshop": "lokakarya/seminar mitra: hadir, JP diakui setelah sesi selesai",
}


def _date(value) -> str:
    return timezone.localtime(value).strftime("%d-%m-%Y") if value else ""


def row(record, settings: dict) -> list:
    provider = record.provider
    if record.kind == "course":
        provider = settings["penyelenggara"] or provider
    return [
        settings["instansi"],
        provider,
        settings["jenis_diklat"],
        channel_label(record.channel),
        "",
        record.jp,
        settings["lokasi"],
        record.title,
        "",
        record.asn.nip,
        record.year,
        _date(record.started_at or record.finished_at),
        _date(record.finished_at),
        JP_NOTES.get(record.jp_source, ""),
    ]


def dataset(records, title: str = "riwayat kursus") -> tablib.Dataset:
    settings = {
        "instansi": conf.siasn_instansi_id(),
        "lokasi": conf.siasn_lokasi_id(),
        "jenis_diklat": conf.siasn_jenis_diklat_id(),
        "penyelenggara": conf.siasn_penyelenggara(),
    }
    data = tablib.Dataset(headers=[*FIELDS, *REVIEW_FIELDS], title=title[:31])
    with translation.override("id"):  # SIASN is Indonesian whatever language the reader uses
        for record in records.iterator(chunk_size=2000):
            data.append(row(record, settings))
    return data
