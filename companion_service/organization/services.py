"""Loading the city's structure from one file: ``companion import-units FILE [--dry-run]``.

Layout (one row per OPD or service unit; the first row holds the column names; see the operator
guide, "OPDs and service units file"):

============  =====================================  ===========================================
field         accepted headers                       meaning
============  =====================================  ===========================================
code          kode, code                             stable key, letters/digits/``.-_``, max 32
name          nama, name                             the official name
parent code   kode_induk, parent_code, induk         an OPD's parent OPD (a kelurahan's
                                                     kecamatan), or a unit's OPD or parent unit
kind          jenis, kind                            an OPD kind (dinas, badan, kecamatan,
                                                     kelurahan, rsud, ...) or ``unit`` for a
                                                     service unit (unit layanan)
active        aktif, active                          optional: ya/tidak (yes/no); default ya
============  =====================================  ===========================================

Rows may come in any order; parents are resolved within the file and against what is already
loaded. Rows are upserted by code, all or none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from companion_service.core.tabular import Column, ImportReport, RowError, read_table, require_columns

from .models import Opd, OpdKind, ServiceUnit

UNIT = "unit"
UNIT_COLUMNS = (
    Column("code", ("kode", "code"), required=True),
    Column("name", ("nama", "name"), required=True),
    Column("parent", ("kode_induk", "parent_code", "parent", "induk")),
    Column("kind", ("jenis", "kind"), required=True),
    Column("active", ("aktif", "active")),
)
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
KIND_WORDS = {
    **{value: value for value in OpdKind.values},
    "satpol pp": OpdKind.SATPOL_PP,
    "satuan polisi pamong praja": OpdKind.SATPOL_PP,
    "setda": OpdKind.SEKRETARIAT,
    "sekretariat daerah": OpdKind.SEKRETARIAT,
    "sekretariat dprd": OpdKind.SEKRETARIAT,
    "rumah sakit": OpdKind.RSUD,
    "other": OpdKind.OTHER,
    "unit": UNIT,
    "unit layanan": UNIT,
    "unit_layanan": UNIT,
    "layanan": UNIT,
    "service unit": UNIT,
}
YES = {"", "ya", "y", "yes", "1", "true", "aktif"}
NO = {"tidak", "t", "no", "n", "0", "false", "nonaktif", "tidak aktif"}


@dataclass
class UnitRow:
    """One accepted row of the file."""

    line: int
    code: str
    name: str
    kind: str  # an OpdKind value or UNIT
    parent: str  # code, possibly empty
    active: bool

    @property
    def is_unit(self) -> bool:
        return self.kind == UNIT


def _kind(text: str) -> str | None:
    key = re.sub(r"\s+", " ", text.strip().lower().replace("_", " "))
    return KIND_WORDS.get(key) or KIND_WORDS.get(key.replace(" ", "_"))


def _read_rows(table, report, columns) -> list[UnitRow]:
    if columns.ignored:
        report.warnings.append(
            _("Columns not used by the units import: %(columns)s.") % {"columns": ", ".join(columns.ignored)}
        )
    rows, seen = [], {}
    for row in table.rows:
        report.total += 1
        before = len(report.errors)

        def reject(field, message, row=row):
            report.errors.append(
                RowError(line=row.line, column=columns.columns.get(field, field), message=message)
            )

        code = columns.value(row, "code")
        name = re.sub(r"\s+", " ", columns.value(row, "name") or "").strip()
        kind_text = columns.value(row, "kind") or ""
        parent = (columns.value(row, "parent") or "").strip()
        active_text = (columns.value(row, "active") or "").strip().lower()
        if not CODE.match(code):
            reject(
                "code",
                _("The code %(code)s must be 1-32 letters, digits, dots, dashes or underscores.")
                % {"code": code},
            )
        elif code.lower() in seen:
            reject(
                "code",
                _("Code %(code)s is already on line %(line)d.") % {"code": code, "line": seen[code.lower()]},
            )
        else:
            seen[code.lower()] = row.line
        if not name:
            reject("name", _("The name is empty."))
        elif len(name) > 255:
            reject("name", _("The name is longer than 255 characters."))
        kind = _kind(kind_text)
        if kind is None:
            reject(
                "kind",
                _("%(kind)s is not a kind; write unit for a service unit, or one of: %(kinds)s.")
                % {"kind": kind_text, "kinds": ", ".join(OpdKind.values)},
            )
        if active_text not in YES | NO:
            reject(
                "active", _("Write ya or tidak in the active column, not %(value)s.") % {"value": active_text}
            )
        if kind == UNIT and not parent:
            reject("parent", _("A service unit needs the code of its OPD (or parent unit)."))
        if parent and code and parent.lower() == code.lower():
            reject("parent", _("A row cannot be its own parent."))
        if len(report.errors) == before:
            rows.append(UnitRow(row.line, code, name, kind, parent, active_text not in NO))
    return rows


class _Structure:
    """The OPDs and units in the database and the file, by lower-case code."""

    def __init__(self, rows: list[UnitRow]):
        self.db_opds = {opd.code.lower(): opd for opd in Opd.objects.all()}
        self.db_units = {unit.code.lower(): unit for unit in ServiceUnit.objects.all()}
        self.file = {row.code.lower(): row for row in rows}

    def is_opd(self, code: str) -> bool:
        row = self.file.get(code.lower())
        return (not row.is_unit) if row else code.lower() in self.db_opds

    def is_unit(self, code: str) -> bool:
        row = self.file.get(code.lower())
        return row.is_unit if row else code.lower() in self.db_units

    def parent_of(self, code: str) -> str:
        row = self.file.get(code.lower())
        if row:
            return row.parent.lower()
        if code.lower() in self.db_opds:
            parent = self.db_opds[code.lower()].parent
        else:
            parent = self.db_units[code.lower()].parent
        return parent.code.lower() if parent else ""


def _check_structure(rows: list[UnitRow], structure: _Structure, report: ImportReport, columns) -> None:
    column, parent_column = columns.columns["kind"], columns.columns.get("parent", "parent")
    for row in rows:
        key = row.code.lower()
        if row.is_unit and key in structure.db_opds:
            report.errors.append(
                RowError(
                    row.line,
                    _("Code %(code)s is an OPD; it cannot become a service unit.") % {"code": row.code},
                    column,
                )
            )
        elif not row.is_unit and key in structure.db_units:
            report.errors.append(
                RowError(
                    row.line,
                    _("Code %(code)s is a service unit; it cannot become an OPD.") % {"code": row.code},
                    column,
                )
            )
        if not row.parent:
            continue
        if row.is_unit and not (structure.is_opd(row.parent) or structure.is_unit(row.parent)):
            report.errors.append(
                RowError(
                    row.line,
                    _("The parent %(code)s is neither a known OPD nor a service unit.")
                    % {"code": row.parent},
                    parent_column,
                )
            )
            continue
        if not row.is_unit and not structure.is_opd(row.parent):
            report.errors.append(
                RowError(
                    row.line,
                    _("The parent of an OPD must be an OPD; %(code)s is not a known OPD.")
                    % {"code": row.parent},
                    parent_column,
                )
            )
            continue
        # Walk up the parents: a cycle would make the structure unloadable.
        seen, cursor = {key}, row.parent.lower()
        while cursor:
            if cursor in seen:
                report.errors.append(
                    RowError(
                        row.line,
                        _("The parents of %(code)s go round in a circle.") % {"code": row.code},
                        parent_column,
                    )
                )
                break
            seen.add(cursor)
            cursor = (
                structure.parent_of(cursor) if (structure.is_opd(cursor) or structure.is_unit(cursor)) else ""
            )


def _depth(row: UnitRow, structure: _Structure) -> int:
    depth, cursor = 0, row.parent.lower()
    while cursor and cursor in structure.file and depth < 100:
        depth, cursor = depth + 1, structure.file[cursor].parent.lower()
    return depth


def _save(instance, values: dict, report: ImportReport) -> None:
    if instance.pk is None:
        for name, value in values.items():
            setattr(instance, name, value)
        instance.save()
        report.created += 1
        return
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if not changed:
        report.unchanged += 1
        return
    for name in changed:
        setattr(instance, name, values[name])
    instance.save(update_fields=[*changed, "modified"])
    report.updated += 1


def _apply(rows: list[UnitRow], structure: _Structure, report: ImportReport) -> None:
    opds, units = dict(structure.db_opds), dict(structure.db_units)
    for row in sorted((r for r in rows if not r.is_unit), key=lambda r: _depth(r, structure)):
        opd = opds.get(row.code.lower()) or Opd(code=row.code)
        values = {
            "name": row.name,
            "kind": row.kind,
            "is_active": row.active,
            "parent_id": opds[row.parent.lower()].pk if row.parent else None,
        }
        _save(opd, values, report)
        opds[row.code.lower()] = opd
    for row in sorted((r for r in rows if r.is_unit), key=lambda r: _depth(r, structure)):
        unit = units.get(row.code.lower()) or ServiceUnit(code=row.code)
        parent_key = row.parent.lower()
        if parent_key in opds and structure.is_opd(row.parent):
            opd_id, parent_id = opds[parent_key].pk, None
        else:
            parent = units[parent_key]
            opd_id, parent_id = parent.opd_id, parent.pk
        values = {"name": row.name, "is_active": row.active, "opd_id": opd_id, "parent_id": parent_id}
        _save(unit, values, report)
        units[row.code.lower()] = unit


def import_units(source, *, filename: str = "", dry_run: bool = False) -> ImportReport:
    """Upsert OPDs and service units by code from a CSV/XLSX file, all rows or none.

    Raises ``TableError`` when the file cannot be read as such a table.
    """
    table = read_table(source, filename=filename)
    report = ImportReport(dry_run=dry_run)
    columns = require_columns(table, UNIT_COLUMNS)
    rows = _read_rows(table, report, columns)
    if report.errors:
        return report
    structure = _Structure(rows)
    _check_structure(rows, structure, report, columns)
    if report.errors:
        report.errors.sort(key=lambda e: e.line)
        return report
    with transaction.atomic():
        _apply(rows, structure, report)
        if dry_run:
            transaction.set_rollback(True)
    return report
