"""Reading an HR office's roster file into checked records (no writes; ``services`` applies them).

The layout (see the operator guide, "Roster file"): one row per ASN, the first row holds the
column names. Headers are matched loosely (case, spaces and dashes do not matter) and each field
accepts the names HR exports use:

==================  ==========================================================  =========
field               accepted headers                                            required
==================  ==========================================================  =========
NIP                 nip, nip_baru                                               yes
name                nama, name, nama_lengkap, nama_pegawai                      yes
OPD (code or name)  kode_opd, opd_code, opd, perangkat_daerah, unit_kerja       yes
service unit        kode_unit, unit_code, unit_layanan                          no
position            jabatan, position, nama_jabatan                             no
position kind       jenis_jabatan, position_kind                                no
rank (golongan)     golongan, gol, golongan_ruang, pangkat_golongan, rank       no
employment type     jenis_pegawai, status_kepegawaian, employment_type          no
email               email, e_mail, surel                                        no
Open edX username   username_lms, username_openedx, openedx_username, username  no
==================  ==========================================================  =========

A blank optional cell keeps what the companion already has; other columns are ignored (and named
in the report's warnings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from companion_service.core.tabular import Column, ColumnMap, ImportReport, RowError, Table, require_columns
from companion_service.organization.models import Opd, ServiceUnit

from .models import Asn, Position
from .nip import NipError, parse_nip
from .vocabulary import employment_type, position_kind, rank_for

ROSTER_COLUMNS = (
    Column("nip", ("nip", "nip_baru"), required=True),
    Column("name", ("nama", "name", "nama_lengkap", "nama_pegawai"), required=True),
    Column("opd", ("kode_opd", "opd_code", "opd", "perangkat_daerah", "unit_kerja"), required=True),
    Column("unit", ("kode_unit", "unit_code", "unit_layanan")),
    Column("position", ("jabatan", "position", "nama_jabatan")),
    Column("position_kind", ("jenis_jabatan", "position_kind")),
    Column("rank", ("golongan", "gol", "golongan_ruang", "pangkat_golongan", "rank")),
    Column("employment_type", ("jenis_pegawai", "status_kepegawaian", "employment_type")),
    Column("email", ("email", "e_mail", "surel")),
    Column("username", ("username_lms", "username_openedx", "openedx_username", "username")),
)

# Open edX usernames: letters, digits and _ . @ + - (edx-platform's USERNAME_REGEX_PARTIAL).
USERNAME = re.compile(r"^[\w.@+-]{2,150}$")


@dataclass
class RosterRecord:
    """One accepted row. ``None`` in an optional field means "keep what the companion has"."""

    line: int
    nip: str
    name: str
    opd_id: int
    employment_type: str
    unit_id: int | None = None
    position: tuple[str, str] | None = None  # (name, kind)
    rank: str | None = None
    email: str | None = None
    username: str | None = None


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Lookups:
    """The OPDs, units, positions and usernames a file refers to, loaded once."""

    def __init__(self):
        self.opd_by_code = {}
        self.opd_by_name = {}
        for opd in Opd.objects.only("id", "code", "name"):
            self.opd_by_code[opd.code.lower()] = opd.id
            self.opd_by_name.setdefault(_collapse(opd.name).lower(), opd.id)
        self.unit_by_code = {}
        self.unit_by_name = {}
        for unit in ServiceUnit.objects.only("id", "code", "name", "opd_id"):
            self.unit_by_code[unit.code.lower()] = (unit.id, unit.opd_id)
            self.unit_by_name.setdefault((unit.opd_id, _collapse(unit.name).lower()), unit.id)
        self.position_kinds = {}
        for name, kind in Position.objects.values_list("name", "kind"):
            self.position_kinds.setdefault(_collapse(name).lower(), set()).add(kind)
        self.nip_by_username = {
            username.lower(): nip
            for nip, username in Asn.objects.exclude(openedx_username="").values_list(
                "nip", "openedx_username"
            )
        }

    def opd(self, text: str) -> int | None:
        key = _collapse(text).lower()
        return self.opd_by_code.get(key) or self.opd_by_name.get(key)


class RosterReader:
    """Checks every row of a roster table; collects records and the report's errors."""

    def __init__(self, table: Table, report: ImportReport):
        self.table = table
        self.report = report
        self.columns: ColumnMap = require_columns(table, ROSTER_COLUMNS)
        if self.columns.ignored:
            report.warnings.append(
                _("Columns not used by the roster import: %(columns)s.")
                % {"columns": ", ".join(self.columns.ignored)}
            )
        self.lookups = _Lookups()
        self.seen_nips: dict[str, int] = {}
        self.seen_usernames: dict[str, tuple[int, str]] = {}

    def records(self) -> list[RosterRecord]:
        accepted = []
        for row in self.table.rows:
            self.report.total += 1
            record, problems = self._read(row)
            if problems:
                self.report.errors.extend(problems)
            else:
                accepted.append(record)
        return accepted

    def _read(self, row):
        value = lambda name: self.columns.value(row, name)  # noqa: E731
        problems = []

        def reject(column, message):
            problems.append(
                RowError(line=row.line, column=self.columns.columns.get(column, column), message=message)
            )

        nip = None
        try:
            nip = parse_nip(value("nip"))
        except NipError as exc:
            reject("nip", str(exc))
        if nip is not None:
            if nip.value in self.seen_nips:
                reject(
                    "nip",
                    _("NIP %(nip)s is already on line %(line)d.")
                    % {"nip": nip.value, "line": self.seen_nips[nip.value]},
                )
            else:
                self.seen_nips[nip.value] = row.line

        name = _collapse(value("name") or "")
        if not name:
            reject("name", _("The name is empty."))
        elif len(name) > 255:
            reject("name", _("The name is longer than 255 characters."))

        opd_text = value("opd") or ""
        opd_id = self.lookups.opd(opd_text) if opd_text else None
        if not opd_text:
            reject("opd", _("The OPD is empty."))
        elif opd_id is None:
            reject(
                "opd",
                _(
                    "OPD %(opd)s is not known; load the OPDs first (companion import-units) "
                    "or correct the code."
                )
                % {"opd": opd_text},
            )

        kind = nip.kind if nip else None
        stated = value("employment_type")
        if stated:
            stated_kind = employment_type(stated)
            if stated_kind is None:
                reject("employment_type", _("%(value)s is neither PNS nor PPPK.") % {"value": stated})
            elif kind and stated_kind != kind:
                reject(
                    "employment_type",
                    _("The row says %(stated)s but the NIP is a %(kind)s NIP.")
                    % {"stated": stated_kind, "kind": kind},
                )

        unit_id = None
        unit_text = value("unit")
        if unit_text and opd_id is not None:
            unit_id = self._unit(unit_text, opd_id, reject)

        position = None
        position_name = _collapse(value("position") or "")
        kind_text = value("position_kind")
        if kind_text:
            position_kind_code = position_kind(kind_text)
            if position_kind_code is None:
                reject(
                    "position_kind",
                    _("%(value)s is not a position kind; write struktural, fungsional or pelaksana.")
                    % {"value": kind_text},
                )
        else:
            position_kind_code = None
        if position_name:
            if position_kind_code is None and not kind_text:
                known = self.lookups.position_kinds.get(position_name.lower(), set())
                if len(known) == 1:
                    position_kind_code = next(iter(known))
                else:
                    reject(
                        "position_kind", _("Give the position kind (struktural, fungsional or pelaksana).")
                    )
            position = (position_name[:255], position_kind_code) if position_kind_code else None
        elif kind_text:
            reject("position", _("A position kind was given without the position."))

        rank = None
        rank_text = value("rank")
        if rank_text and kind:
            rank = rank_for(rank_text, kind)
            if rank is None:
                example = "III/a" if kind == "PNS" else "IX"
                reject(
                    "rank",
                    _("%(value)s is not a %(kind)s golongan (for example %(example)s).")
                    % {"value": rank_text, "kind": kind, "example": example},
                )

        email = value("email") or None
        if email:
            try:
                validate_email(email)
            except ValidationError:
                reject("email", _("%(value)s is not an email address.") % {"value": email})

        username = value("username") or None
        if username:
            username = self._username(username, nip, row.line, reject)

        if problems:
            return None, problems
        return (
            RosterRecord(
                line=row.line,
                nip=nip.value,
                name=name,
                opd_id=opd_id,
                employment_type=kind,
                unit_id=unit_id,
                position=position,
                rank=rank,
                email=email,
                username=username,
            ),
            [],
        )

    def _unit(self, text, opd_id, reject):
        found = self.lookups.unit_by_code.get(text.lower())
        if found:
            unit_id, unit_opd = found
            if unit_opd != opd_id:
                reject("unit", _("Service unit %(unit)s belongs to another OPD.") % {"unit": text})
                return None
            return unit_id
        unit_id = self.lookups.unit_by_name.get((opd_id, _collapse(text).lower()))
        if unit_id is None:
            reject("unit", _("Service unit %(unit)s is not known in this OPD.") % {"unit": text})
        return unit_id

    def _username(self, username, nip, line, reject):
        if not USERNAME.match(username):
            reject("username", _("%(value)s is not an Open edX username.") % {"value": username})
            return None
        key = username.lower()
        if key in self.seen_usernames:
            reject(
                "username",
                _("Username %(value)s is already on line %(line)d.")
                % {"value": username, "line": self.seen_usernames[key][0]},
            )
            return None
        owner = self.lookups.nip_by_username.get(key)
        if nip and owner and owner != nip.value:
            reject(
                "username",
                _("Username %(value)s already belongs to the ASN with NIP %(nip)s.")
                % {"value": username, "nip": owner},
            )
            return None
        self.seen_usernames[key] = (line, nip.value if nip else "")
        return username
