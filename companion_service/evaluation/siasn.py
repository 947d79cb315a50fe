"""The SIASN "riwayat kursus" export: one row per finished learning activity, in BKN's field names,
with the values SIASN takes (ADR 0143), and a check naming each row SIASN would refuse.

Fields (asn-development.md and the SIASN web-service SDK's ``kursus/save`` body): instansiId,
institusiPenyelenggara, jenisDiklatId, jenisKursus, jenisKursusSertipikat, jumlahJam, lokasiId,
namaKursus, nomorSertipikat, pnsOrangId, tahunKursus, tanggalKursus, tanggalSelesaiKursus; the
file starts with ``nipBaru``, the NIP, by which the uploader finds each person in SIASN.

- ``jenisDiklatId``: BKN's jenis diklat code for the record's learning channel, and
  ``jenisKursusSertipikat`` that code's letter, from the reference file (``siasn_reference.json``,
  or the operator's copy named by ``COMPANION_SIASN_REFERENCE``);
- ``jenisKursus``: SIASN's own list of course names (ids); left empty, as the SDK's example does;
- ``nomorSertipikat``: the LMS certificate's verify id, or the number on an outside certificate;
- ``pnsOrangId``: SIASN's person id, which the companion does not know: empty (never the NIP);
- ``jumlahJam``: the JP; dates ``dd-mm-yyyy`` in WIB (the SDK's ``formatDates``).

One column follows for BKPSDM's review before an upload (not a SIASN field): ``keteranganJp``
says where the JP come from: set by BKPSDM, estimated from the course's effort per week x weeks
(check before uploading), a partner session's credited attendance, or a verified outside record.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from pathlib import Path

import tablib
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from companion_service.roster.api import is_valid_nip

from . import conf

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
    "outside": "pelatihan di luar LMS: diverifikasi OPD/BKPSDM",
}

COLUMNS = ("nipBaru", *FIELDS, *REVIEW_FIELDS)
REFERENCE_FILE = Path(__file__).with_name("siasn_reference.json")
MAX_NAME = 255


@dataclass(frozen=True)
class JenisDiklat:
    id: str
    name: str
    sertipikat: str


@dataclass(frozen=True)
class Reference:
    jenis_diklat: dict[str, JenisDiklat]
    channels: dict[str, str]


@functools.cache
def _load(path: str) -> Reference:
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    kinds = {
        str(item["id"]): JenisDiklat(str(item["id"]), item["jenis"], item.get("sertipikat", ""))
        for item in raw["jenis_diklat"]
    }
    return Reference(jenis_diklat=kinds, channels={k: str(v) for k, v in raw["channels"].items()})


def reference() -> Reference:
    """BKN's jenis diklat list and our channel mapping (the operator's file when set)."""
    return _load(conf.setting("COMPANION_SIASN_REFERENCE") or str(REFERENCE_FILE))


def _date(value) -> str:
    return timezone.localtime(value).strftime("%d-%m-%Y") if value else ""


def row(record, options: dict, ref: Reference) -> dict:
    provider = record.provider
    if record.kind == "course":
        provider = options["penyelenggara"] or provider
    code = ref.channels.get(record.channel, "")
    kind = ref.jenis_diklat.get(code)
    return {
        "nipBaru": record.asn.nip,
        "instansiId": options["instansi"],
        "institusiPenyelenggara": provider,
        "jenisDiklatId": code,
        "jenisKursus": "",
        "jenisKursusSertipikat": kind.sertipikat if kind else "",
        "jumlahJam": record.jp,
        "lokasiId": options["lokasi"],
        "namaKursus": record.title,
        "nomorSertipikat": record.certificate_number,
        "pnsOrangId": "",
        "tahunKursus": record.year,
        "tanggalKursus": _date(record.started_at or record.finished_at),
        "tanggalSelesaiKursus": _date(record.finished_at),
        "keteranganJp": JP_NOTES.get(record.jp_source, ""),
    }


def _parse(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text, "%d-%m-%Y").date()
    except (TypeError, ValueError):
        return None


def problems(values: dict, ref: Reference | None = None) -> list[str]:
    """Why SIASN would refuse this row (empty when it would take it)."""
    ref = ref or reference()
    found = []
    if not is_valid_nip(values["nipBaru"]):
        found.append(_("nipBaru is not a valid 18-digit NIP."))
    if not values["instansiId"]:
        found.append(_("instansiId is empty: set COMPANION_SIASN_INSTANSI_ID (BKN's id of the city)."))
    if not str(values["institusiPenyelenggara"]).strip():
        found.append(_("institusiPenyelenggara (the organiser) is empty."))
    kind = ref.jenis_diklat.get(str(values["jenisDiklatId"]))
    if kind is None:
        found.append(
            _("jenisDiklatId %(code)s is not a BKN jenis diklat code.")
            % {"code": values["jenisDiklatId"] or "-"}
        )
    elif values["jenisKursusSertipikat"] != kind.sertipikat:
        found.append(
            _("jenisKursusSertipikat must be %(letter)s for jenis diklat %(code)s.")
            % {"letter": kind.sertipikat, "code": kind.id}
        )
    if not isinstance(values["jumlahJam"], int) or values["jumlahJam"] < 1:
        found.append(_("jumlahJam must be a whole number of 1 or more."))
    name = str(values["namaKursus"]).strip()
    if not name or len(name) > MAX_NAME:
        found.append(_("namaKursus is empty or longer than 255 characters."))
    start, end = _parse(values["tanggalKursus"]), _parse(values["tanggalSelesaiKursus"])
    if start is None or end is None or start > end:
        found.append(
            _(
                "tanggalKursus and tanggalSelesaiKursus must be dd-mm-yyyy dates, "
                "the first not after the last."
            )
        )
    elif end > timezone.localdate():
        found.append(_("tanggalSelesaiKursus is in the future."))
    elif values["tahunKursus"] not in (start.year, end.year):
        found.append(_("tahunKursus is not the year of the course's dates."))
    return found


def _options() -> dict:
    return {
        "instansi": conf.siasn_instansi_id(),
        "lokasi": conf.siasn_lokasi_id(),
        "penyelenggara": conf.siasn_penyelenggara(),
    }


def dataset(records, title: str = "riwayat kursus") -> tablib.Dataset:
    options, ref = _options(), reference()
    data = tablib.Dataset(headers=list(COLUMNS), title=title[:31])
    with translation.override("id"):  # SIASN is Indonesian whatever language the reader uses
        for record in records.iterator(chunk_size=2000):
            values = row(record, options, ref)
            data.append([values[column] for column in COLUMNS])
    return data


def check_dataset(records, title: str = "periksa") -> tablib.Dataset:
    """One line per export row SIASN would refuse: its row number in the export, who, what, why."""
    options, ref = _options(), reference()
    data = tablib.Dataset(headers=["baris", "nipBaru", "nama", "namaKursus", "masalah"], title=title[:31])
    for number, record in enumerate(records.iterator(chunk_size=2000), start=2):
        values = row(record, options, ref)
        found = problems(values, ref)
        if found:
            data.append([number, values["nipBaru"], record.asn.name, values["namaKursus"], " ".join(found)])
    return data
