"""The city's OPDs and service units in the LMS: read from the same units file the companion imports.

*OPD* (Organisasi Perangkat Daerah) is a city department or agency; a *unit layanan* is a service
unit of one. The file's layout is the one the companion's ``import-units`` documents (operator
guide, "OPDs and service units file"): one row per OPD or unit, the first row holds the column
names (Indonesian or English), ``;`` or ``,`` between the columns, UTF-8 (Windows-1252 is read too):

=========== ===================================== ==============================================
field       accepted headers                      meaning
=========== ===================================== ==============================================
code        kode, code                            stable key: letters, digits, ``.-_``, max 32
name        nama, name                            the official name, max 255
parent code kode_induk, parent_code, parent,      an OPD's parent OPD, or a unit's OPD or parent
            induk                                 unit
kind        jenis, kind                           an OPD kind (dinas, badan, kecamatan, ...) or
                                                  ``unit`` for a service unit
active      aktif, active                         optional: ya/tidak (yes/no); default ya
=========== ===================================== ==============================================

The two halves of Bina ASN share no code, so this reader is the LMS's own; a system test feeds the
same files to both importers and compares what each stored. Rows are upserted by code, all or none.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

UNIT = "unit"
OPD_KINDS = (
    "sekretariat",
    "dinas",
    "badan",
    "inspektorat",
    "satpol_pp",
    "kecamatan",
    "kelurahan",
    "rsud",
    "kantor",
    "lainnya",
)
COLUMNS = {
    "code": ("kode", "code"),
    "name": ("nama", "name"),
    "parent": ("kode_induk", "parent_code", "parent", "induk"),
    "kind": ("jenis", "kind"),
    "active": ("aktif", "active"),
}
REQUIRED = ("code", "name", "kind")
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
KIND_WORDS = {
    **{kind: kind for kind in OPD_KINDS},
    "satpol pp": "satpol_pp",
    "satuan polisi pamong praja": "satpol_pp",
    "setda": "sekretariat",
    "sekretariat daerah": "sekretariat",
    "sekretariat dprd": "sekretariat",
    "rumah sakit": "rsud",
    "other": "lainnya",
    "unit": UNIT,
    "unit layanan": UNIT,
    "unit_layanan": UNIT,
    "layanan": UNIT,
    "service unit": UNIT,
}
YES = {"", "ya", "y", "yes", "1", "true", "aktif"}
NO = {"tidak", "t", "no", "n", "0", "false", "nonaktif", "tidak aktif"}
MAX_BYTES = 5 * 1024 * 1024


class UnitsFileError(Exception):
    """The file cannot be read at all (no header, a missing column, not text)."""


@dataclass(frozen=True)
class UnitRow:
    line: int
    code: str
    name: str
    kind: str  # an OPD kind or UNIT
    parent: str
    active: bool

    @property
    def is_unit(self) -> bool:
        return self.kind == UNIT


@dataclass
class UnitsReport:
    """What an import did or, in a dry run, would do; ``errors`` are ``(line, column, message)``."""

    dry_run: bool = False
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)


def _column_key(name) -> str:
    return re.sub(r"[\s\-./]+", "_", str(name or "").strip().lower()).strip("_")


def _kind(text: str) -> str | None:
    key = re.sub(r"\s+", " ", text.strip().lower().replace("_", " "))
    return KIND_WORDS.get(key) or KIND_WORDS.get(key.replace(" ", "_"))


def read_rows(data: bytes) -> tuple[list[dict], dict[str, str]]:
    """(rows as ``{field: text, "line": n}``, field -> header) of a units CSV file."""
    if len(data) > MAX_BYTES:
        raise UnitsFileError(_("The file is larger than 5 MB; is it the units file?"))
    if data[:2] == b"PK":
        raise UnitsFileError(_("This is a spreadsheet file: save it as CSV UTF-8 and import that."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnitsFileError(_("The file is not text; save it as CSV UTF-8 and try again."))
    if not text.strip():
        raise UnitsFileError(_("The file is empty."))
    header_line = text.splitlines()[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [_column_key(cell) for cell in next(reader)]
    columns = {}
    for name, aliases in COLUMNS.items():
        found = next((alias for alias in aliases if alias in header), None)
        if found:
            columns[name] = found
    missing = [COLUMNS[name][0] for name in REQUIRED if name not in columns]
    if missing:
        raise UnitsFileError(
            _("The file lacks the column(s): %(columns)s. The first row must hold the column names.")
            % {"columns": ", ".join(missing)}
        )
    rows = []
    for line, values in enumerate(reader, start=2):
        cells = dict(zip(header, values, strict=False))
        if not any(value.strip() for value in values):
            continue
        rows.append(
            {"line": line, **{name: (cells.get(column) or "").strip() for name, column in columns.items()}}
        )
    return rows, columns


def check_rows(raw_rows: list[dict], columns: dict[str, str], known: dict[str, UnitRow]):
    """(accepted rows, errors) with the companion's rules; ``known`` is what is stored, by lower code."""
    rows, errors, seen = [], [], {}
    for raw in raw_rows:
        line, before = raw["line"], len(errors)

        def reject(name, message, line=line):
            errors.append((line, columns.get(name, COLUMNS[name][0]), message))

        code, name = raw.get("code", ""), re.sub(r"\s+", " ", raw.get("name", "")).strip()
        parent, active_text = raw.get("parent", ""), raw.get("active", "").lower()
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
            seen[code.lower()] = line
        if not name:
            reject("name", _("The name is empty."))
        elif len(name) > 255:
            reject("name", _("The name is longer than 255 characters."))
        kind = _kind(raw.get("kind", ""))
        if kind is None:
            reject(
                "kind",
                _("%(kind)s is not a kind; write unit for a service unit, or one of: %(kinds)s.")
                % {"kind": raw.get("kind", ""), "kinds": ", ".join(OPD_KINDS)},
            )
        if active_text not in YES | NO:
            reject(
                "active", _("Write ya or tidak in the active column, not %(value)s.") % {"value": active_text}
            )
        if kind == UNIT and not parent:
            reject("parent", _("A service unit needs the code of its OPD (or parent unit)."))
        if parent and code and parent.lower() == code.lower():
            reject("parent", _("A row cannot be its own parent."))
        if len(errors) == before:
            rows.append(UnitRow(line, code, name, kind, parent, active_text not in NO))
    if not errors:  # as the companion: the structure is checked once every row reads well
        errors = sorted(_structure_errors(rows, known, columns), key=lambda error: error[0])
    return rows, errors


def _structure_errors(rows: list[UnitRow], known: dict[str, UnitRow], columns) -> list:
    """Kinds that flip between OPD and unit, unknown parents, parents of the wrong kind, cycles."""
    everything = {**known, **{row.code.lower(): row for row in rows}}
    kind_column, parent_column = columns.get("kind", "jenis"), columns.get("parent", "kode_induk")
    errors = []
    for row in rows:
        stored = known.get(row.code.lower())
        if stored is not None and stored.is_unit != row.is_unit:
            message = (
                _("Code %(code)s is an OPD; it cannot become a service unit.")
                if row.is_unit
                else _("Code %(code)s is a service unit; it cannot become an OPD.")
            )
            errors.append((row.line, kind_column, message % {"code": row.code}))
        if not row.parent:
            continue
        parent = everything.get(row.parent.lower())
        if row.is_unit and parent is None:
            errors.append(
                (
                    row.line,
                    parent_column,
                    _("The parent %(code)s is neither a known OPD nor a service unit.")
                    % {"code": row.parent},
                )
            )
            continue
        if not row.is_unit and (parent is None or parent.is_unit):
            errors.append(
                (
                    row.line,
                    parent_column,
                    _("The parent of an OPD must be an OPD; %(code)s is not a known OPD.")
                    % {"code": row.parent},
                )
            )
            continue
        seen, cursor = {row.code.lower()}, row.parent.lower()
        while cursor:
            if cursor in seen:
                errors.append(
                    (
                        row.line,
                        parent_column,
                        _("The parents of %(code)s go round in a circle.") % {"code": row.code},
                    )
                )
                break
            seen.add(cursor)
            cursor = everything[cursor].parent.lower() if cursor in everything else ""
    return errors


def import_units(data: bytes, *, dry_run: bool = False) -> UnitsReport:
    """Upsert the file's OPDs and units by code, all or none; the report says what changed or why not."""
    from xblocks.bina_asn.models.organization import OrganizationUnit

    raw_rows, columns = read_rows(data)
    report = UnitsReport(dry_run=dry_run, total=len(raw_rows))
    with transaction.atomic():
        stored = {unit.code.lower(): unit for unit in OrganizationUnit.objects.select_for_update()}
        known = {
            key: UnitRow(0, unit.code, unit.name, unit.kind, unit.parent_code, unit.is_active)
            for key, unit in stored.items()
        }
        rows, report.errors = check_rows(raw_rows, columns, known)
        if report.errors:
            return report
        for row in rows:
            values = {
                "name": row.name,
                "kind": row.kind,
                "parent_code": (everything_code(rows, stored, row.parent) if row.parent else ""),
                "is_active": row.active,
            }
            unit = stored.get(row.code.lower())
            if unit is None:  # a new code; a known one keeps its stored spelling (codes match in any case)
                report.created += 1
                if not dry_run:
                    OrganizationUnit.objects.create(code=row.code, **values)
                continue
            changed = [name for name, value in values.items() if getattr(unit, name) != value]
            if not changed:
                report.unchanged += 1
                continue
            report.updated += 1
            if not dry_run:
                for name in changed:
                    setattr(unit, name, values[name])
                unit.save(update_fields=[*changed, "modified"])
    return report


def everything_code(rows: list[UnitRow], stored: dict, code: str) -> str:
    """A parent's code as the file or the table spells it (codes match without regard to case)."""
    for row in rows:
        if row.code.lower() == code.lower():
            return row.code
    unit = stored.get(code.lower())
    return unit.code if unit else code
