"""BKPSDM's bulk import of outside trainings (e.g. a provider's list of graduates): CSV or XLSX,
checked row by row; one bad row and nothing is written; an import can be undone as a whole.

Columns (the first name of each is the documented one; capitals and spaces do not matter):
``nip``, ``nama_pelatihan``, ``penyelenggara``, ``jalur`` (a channel code or name, e.g.
``pelatihan``, ``seminar``, ``e_learning``), ``tanggal_mulai``, ``tanggal_selesai`` (2026-05-12,
12-05-2026 or 12/05/2026), ``jp`` or ``jam`` (one of the two), ``nomor_sertifikat``.
Imported records are approved by the importer: BKPSDM vouches for the provider's list.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from companion_service.accounts.api import AuditAction, record
from companion_service.core.tabular import Column, ImportReport, RowError, read_table, require_columns
from companion_service.openedx_sync.channels import LearningChannel
from companion_service.roster.api import is_valid_nip
from companion_service.roster.models import Asn

from . import rules, services
from .data import TrainingInput
from .models import ImportBatch, OutsideTraining, Status
from .signals import outside_learning_changed

COLUMNS = (
    Column("nip", ("nip",), required=True),
    Column("title", ("nama_pelatihan", "nama pelatihan", "nama_kursus", "judul"), required=True),
    Column("provider", ("penyelenggara", "institusi_penyelenggara", "lembaga"), required=True),
    Column("channel", ("jalur", "jalur_pengembangan", "jenis"), required=True),
    Column("started_on", ("tanggal_mulai", "mulai"), required=True),
    Column("finished_on", ("tanggal_selesai", "selesai"), required=True),
    Column("jp", ("jp", "jumlah_jp")),
    Column("hours", ("jam", "jumlah_jam")),
    Column("certificate_number", ("nomor_sertifikat", "no_sertifikat")),
)
LABELS = {column.field: column.label for column in COLUMNS}
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")


def parse_date(text: str) -> dt.date:
    """2026-05-12 (with or without a time), 12-05-2026, 12/05/2026, or an Excel serial day."""
    text = text.strip()
    if re.fullmatch(r"\d{5}(?:\.0+)?", text):
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(float(text)))
    match = _ISO.match(text)
    if match:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    match = _DMY.match(text)
    if match:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    raise ValueError(text)


def _channel(text: str) -> str | None:
    key = re.sub(r"[\s\-]+", "_", text.strip().lower())
    if key in LearningChannel.values:
        return key
    for value, label in LearningChannel.choices:
        if text.strip().casefold() in (str(label).casefold(), value.replace("_", " ")):
            return value
    return None


def _row(cells: dict, line: int, errors: list[RowError]) -> tuple[str, TrainingInput] | None:
    def fail(column, message):
        errors.append(RowError(line=line, column=column, message=message))

    nip = re.sub(r"\D", "", cells.get("nip") or "")
    if not is_valid_nip(nip):
        fail("nip", _("%(nip)s is not a valid NIP (18 digits).") % {"nip": cells.get("nip") or "-"})
        return None
    channel = _channel(cells.get("channel") or "")
    if channel is None:
        fail("jalur", _("Unknown learning channel %(value)s.") % {"value": cells.get("channel") or "-"})
        return None
    dates = {}
    for field, column in (("started_on", "tanggal_mulai"), ("finished_on", "tanggal_selesai")):
        try:
            dates[field] = parse_date(cells.get(field) or "")
        except ValueError:
            fail(
                column, _("%(value)s is not a date (write 2026-05-12).") % {"value": cells.get(field) or "-"}
            )
            return None
    numbers = {}
    for field, column in (("jp", "jp"), ("hours", "jam")):
        raw = (cells.get(field) or "").strip().replace(",", ".")
        if not raw:
            numbers[field] = None
            continue
        try:
            value = Decimal(raw)
        except InvalidOperation:
            fail(column, _("%(value)s is not a number.") % {"value": raw})
            return None
        if field == "jp" and value != value.to_integral_value():
            fail(column, _("JP must be a whole number from 1 to 999."))
            return None
        numbers[field] = int(value) if field == "jp" else value
    data = TrainingInput(
        title=(cells.get("title") or "")[:255],
        provider=(cells.get("provider") or "")[:255],
        channel=channel,
        hours=numbers["hours"],
        jp=numbers["jp"],
        certificate_number=(cells.get("certificate_number") or "")[:100],
        **dates,
    )
    found = rules.problems(data)
    for field, message in found.items():
        fail(LABELS.get(field, field), message)
    return None if found else (nip, data)


def run_import(content: bytes, filename: str, dry_run: bool, user=None) -> ImportReport:
    """Check every row; unless ``dry_run`` and only when no row has a problem, import them all."""
    table = read_table(content, filename)
    mapped = require_columns(table, COLUMNS)
    report = ImportReport(dry_run=dry_run)
    parsed = []
    for row in table.rows:
        report.total += 1
        cells = {field: mapped.value(row, field) or "" for field in mapped.columns}
        found = _row(cells, row.line, report.errors)
        if found:
            parsed.append((row.line, *found))
    asn_by_nip = {a.nip: a for a in Asn.objects.filter(nip__in=[nip for _line, nip, _d in parsed])}
    seen = set()
    for line, nip, data in parsed:
        asn = asn_by_nip.get(nip)
        if asn is None or not asn.is_active:
            report.errors.append(
                RowError(
                    line=line, column="nip", message=_("No ASN in service has NIP %(nip)s.") % {"nip": nip}
                )
            )
            continue
        key = (nip, data.title.strip().casefold(), data.finished_on)
        duplicate = (
            key in seen
            or OutsideTraining.objects.filter(
                asn=asn, title__iexact=data.title.strip(), finished_on=data.finished_on
            )
            .exclude(status__in=[Status.REJECTED, Status.WITHDRAWN])
            .exists()
        )
        seen.add(key)
        if duplicate:
            report.errors.append(
                RowError(
                    line=line,
                    message=_("This training of this ASN is already recorded (same name and last day)."),
                )
            )
    report.errors.sort(key=lambda error: error.line)
    report.created = 0 if report.errors else len(parsed)
    if mapped.ignored:
        report.warnings.append(_("Columns not read: %(columns)s.") % {"columns": ", ".join(mapped.ignored)})
    if dry_run or report.errors or not parsed:
        return report
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            filename=filename[:255],
            sha256=hashlib.sha256(content).hexdigest(),
            rows=len(parsed),
            imported_by=user,
        )
        for _line, nip, data in parsed:
            services.imported(user, asn_by_nip[nip], data, batch)
        outside_learning_changed.send(
            sender=ImportBatch, asns={asn_by_nip[nip].pk for _line, nip, _data in parsed}
        )
    return report


@transaction.atomic
def undo(batch: ImportBatch, user=None) -> int:
    """Take an import's records out again (they stop counting); the batch stays as a record."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.undone_at is not None:
        raise ValueError(_("This import was already undone."))
    records = OutsideTraining.objects.filter(batch=batch)
    asns = set(records.values_list("asn_id", flat=True))
    removed, _detail = records.delete()
    batch.undone_at, batch.undone_by = timezone.now(), user
    batch.save(update_fields=["undone_at", "undone_by"])
    record(
        user,
        action=AuditAction.CHANGE,
        resource="learning:import-undo",
        parameters={"batch": str(batch.pk), "records": str(removed)},
    )
    outside_learning_changed.send(sender=ImportBatch, asns=asns)
    return removed
