"""Importing the spreadsheets evaluators already have (a Google Forms export, a sheet typed from
paper forms): map the columns once per layout, check every row (dry run), then import atomically.

The default layout (``docs/evaluator/skm.rst``): ``tanggal``, ``unit``, ``layanan``, ``U1`` ...
``U9``, ``jenis_kelamin``, ``usia``, ``pendidikan``, ``pekerjaan``, ``petugas``, ``kritik_saran``.
Other layouts are mapped on the import page; the mapping is kept per layout (its set of column
names), so the next file of the same shape needs no mapping. Every rejected row is reported with its
line number in the file and the reason; nothing is written unless the whole import succeeds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from companion_service.core.tabular import ImportReport, RowError, Table, TableError, read_table
from companion_service.organization.models import ServiceUnit

from . import services
from .answers import AnswerError, parse_answer
from .ikm import UNSUR_CODES
from .models import ImportBatch, ImportLayout, ImportStatus, ResponseSource, ServiceKind
from .periods import Period
from .profile import parse_age, parse_education, parse_occupation, parse_sex
from .selectors import adapted_labels
from .signals import responses_changed

# Fields a column can be mapped to, in the order of the default layout.
PROFILE_FIELDS = ("jenis_kelamin", "usia", "pendidikan", "pekerjaan", "petugas", "kritik_saran")
FIELDS = ("tanggal", "unit", "layanan", *UNSUR_CODES, *PROFILE_FIELDS)
DEFAULT_LAYOUT = FIELDS
MAX_COMMENT = 4000
MAX_OFFICER = 120

ALIASES = {
    "tanggal": (
        "tanggal",
        "tgl",
        "tanggal survei",
        "tanggal pengisian",
        "timestamp",
        "cap waktu",
        "date",
        "waktu",
    ),
    "unit": ("unit", "unit layanan", "kode unit", "unit code"),
    "layanan": ("layanan", "jenis layanan", "jenis pelayanan", "kind of service", "service"),
    "jenis_kelamin": ("jenis kelamin", "jk", "kelamin", "sex", "gender"),
    "usia": ("usia", "umur", "age", "kelompok usia"),
    "pendidikan": ("pendidikan", "pendidikan terakhir", "education"),
    "pekerjaan": ("pekerjaan", "pekerjaan utama", "occupation"),
    "petugas": ("petugas", "nama petugas", "petugas yang melayani", "officer"),
    "kritik_saran": (
        "kritik saran",
        "kritik dan saran",
        "saran",
        "masukan",
        "komentar",
        "comment",
        "comments",
    ),
}
# Words of the model questions that name one unsur, for long headers such as a Google Form's.
UNSUR_KEYWORDS = {
    "U1": ("persyaratan",),
    "U2": ("prosedur",),
    "U3": ("kecepatan", "waktu penyelesaian"),
    "U4": ("biaya", "tarif"),
    "U5": ("produk",),
    "U6": ("kompetensi", "kemampuan petugas"),
    "U7": ("perilaku", "kesopanan", "keramahan"),
    "U8": ("pengaduan",),
    "U9": ("sarana", "prasarana"),
}
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan", "january"),
            ("februari", "feb", "pebruari", "february"),
            ("maret", "mar", "march"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("agustus", "agu", "agt", "aug", "august"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct", "october"),
            ("november", "nov", "nop", "nopember"),
            ("desember", "des", "dec", "december"),
        ],
        start=1,
    )
    for name in names
}


def _words(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(text).lower()).strip()


def layout_signature(columns) -> str:
    """A layout is its set of (normalised) column names, whatever their order."""
    names = sorted({_words(column) for column in columns if column})
    return hashlib.sha256("\x1f".join(names).encode()).hexdigest()


def suggest_mapping(columns: list[str]) -> dict[str, str]:
    """Field -> column: the mapping saved for this layout, else guessed from names and questions."""
    saved = ImportLayout.objects.filter(signature=layout_signature(columns)).first()
    if saved:
        return {field_: column for field_, column in saved.mapping.items() if column in columns}
    mapping: dict[str, str] = {}
    plain = {column: _words(column) for column in columns if column}

    def take(name: str, accept) -> None:
        for column, words in plain.items():
            if name not in mapping and column not in mapping.values() and accept(words):
                mapping[name] = column

    for code in UNSUR_CODES:  # "U3", "u 3", "Unsur 3", or a header starting with its code
        number = code[1:]
        take(code, lambda words, n=number: words in (f"u{n}", f"u {n}", f"unsur {n}"))
        take(code, lambda words, n=number: re.match(rf"^(u ?{n}|unsur {n})\b", words) is not None)
    for name, aliases in ALIASES.items():
        take(name, lambda words, aliases=aliases: words in aliases)
    for code in UNSUR_CODES:  # the question itself, when it names exactly one unsur

        def names_only(words, code=code):
            hits = [other for other, keys in UNSUR_KEYWORDS.items() if any(key in words for key in keys)]
            return hits == [code]

        take(code, names_only)
    return mapping


@dataclass
class Options:
    """Choices made for one import besides the column mapping."""

    unit_code: str = ""  # every row belongs to this unit (the file has no unit column)
    period: str = ""  # reject rows dated outside this period (e.g. 2025-Q1)
    create_kinds: bool = False  # add kinds of service the unit does not have yet
    month_first: bool = False  # dates written month/day/year (a US-format export)

    @classmethod
    def of(cls, data: dict | None) -> Options:
        data = data or {}
        return cls(
            unit_code=str(data.get("unit_code", "")).strip(),
            period=str(data.get("period", "")).strip(),
            create_kinds=bool(data.get("create_kinds", False)),
            month_first=bool(data.get("month_first", False)),
        )

    def as_dict(self) -> dict:
        return {
            "unit_code": self.unit_code,
            "period": self.period,
            "create_kinds": self.create_kinds,
            "month_first": self.month_first,
        }


def mapping_problems(mapping: dict[str, str], columns: list[str], options: Options) -> list[str]:
    """What is wrong with a mapping before any row is read (missing required fields, reuse)."""
    problems = []
    unknown = [column for column in mapping.values() if column and column not in columns]
    if unknown:
        problems.append(
            _("These columns are not in the file: %(columns)s.") % {"columns": ", ".join(unknown)}
        )
    if not mapping.get("tanggal"):
        problems.append(_("Choose the column with the survey date (tanggal)."))
    if not mapping.get("unit") and not options.unit_code:
        problems.append(_("Choose the column with the service unit, or the unit every row belongs to."))
    missing = [code for code in UNSUR_CODES if not mapping.get(code)]
    if missing:
        problems.append(
            _("Choose a column for every unsur; missing: %(codes)s.") % {"codes": ", ".join(missing)}
        )
    used = Counter(column for column in mapping.values() if column)
    twice = [column for column, count in used.items() if count > 1]
    if twice:
        problems.append(_("A column can be used once only: %(columns)s.") % {"columns": ", ".join(twice)})
    if options.period:
        try:
            Period.parse(options.period)
        except ValueError:
            problems.append(_("The period must look like 2025-Q1, 2025-S1 or 2025."))
    if options.unit_code and not ServiceUnit.objects.filter(code__iexact=options.unit_code).exists():
        problems.append(_("There is no service unit with the code %(code)s.") % {"code": options.unit_code})
    return problems


DATE_PATTERNS = (
    re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y>\d{4})(?:[ ,T].*)?$"),
    re.compile(r"^(?P<d>\d{1,2})[ -](?P<month>[A-Za-z]+)\.?[ -](?P<y>\d{4})(?:[ ,].*)?$"),
)


def parse_date(text: str, month_first: bool = False) -> dt.date:
    """A survey date as typed: ISO (with or without a time), day/month/year (month/day/year when
    ``month_first``), "5 Januari 2025", or an Excel serial number."""
    text = str(text).strip()
    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        serial = int(float(text))
        if 20000 <= serial <= 80000:
            return dt.date(1899, 12, 30) + dt.timedelta(days=serial)
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        parts = match.groupdict()
        year = int(parts["y"])
        if "month" in parts:
            month = MONTHS.get(parts["month"].lower())
            if month is None:
                break
            day = int(parts["d"])
        elif "a" in parts:
            first, second = int(parts["a"]), int(parts["b"])
            day, month = (second, first) if month_first else (first, second)
        else:
            month, day = int(parts["m"]), int(parts["d"])
        return dt.date(year, month, day)
    raise ValueError(text)


@dataclass
class Checked:
    """The outcome of checking a table: rows ready to store, errors by line, kinds to add."""

    rows: list[services.NewResponse] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    new_kinds: dict[tuple[int, str], str] = field(default_factory=dict)  # (unit id, name key) -> name
    total: int = 0
    rejected_lines: set[int] = field(default_factory=set)
    units: Counter = field(default_factory=Counter)
    first_date: dt.date | None = None
    last_date: dt.date | None = None

    def reject(self, line: int, message: str, column: str = "") -> None:
        self.errors.append(RowError(line=line, message=message, column=column))
        self.rejected_lines.add(line)


class _Lookups:
    """Units and kinds of service by code or name, loaded once per check."""

    def __init__(self, options: Options):
        self.units = {}
        for unit in ServiceUnit.objects.all():
            self.units[unit.code.casefold()] = unit
            self.units.setdefault(" ".join(unit.name.casefold().split()), unit)
        self.kinds: dict[tuple[int, str], ServiceKind] = {}
        for kind in ServiceKind.objects.all():
            self.kinds[(kind.unit_id, kind.code.casefold())] = kind
            self.kinds.setdefault((kind.unit_id, " ".join(kind.name.casefold().split())), kind)
        self.fixed_unit = self.units.get(options.unit_code.casefold()) if options.unit_code else None
        self.labels = adapted_labels(unit.id for unit in set(self.units.values()))

    def unit(self, text: str):
        return self.units.get(" ".join(text.casefold().split()))

    def kind(self, unit, text: str):
        return self.kinds.get((unit.id, " ".join(text.casefold().split())))


def check_table(table: Table, mapping: dict[str, str], options: Options) -> Checked:
    """Validate every row; a row with any problem is rejected whole, with every reason listed."""
    checked = Checked(total=0)
    lookups = _Lookups(options)
    period = Period.parse(options.period) if options.period else None
    today = timezone.localdate()

    def cell(row, name):
        column = mapping.get(name)
        return row.get(column).strip() if column else ""

    for row in table.rows:
        checked.total += 1
        line, problems = row.line, []
        raw_date = cell(row, "tanggal")
        answered_on = None
        if not raw_date:
            problems.append((_("the survey date is empty"), "tanggal"))
        else:
            try:
                answered_on = parse_date(raw_date, options.month_first)
            except ValueError:
                problems.append(
                    (_("'%(value)s' is not a date (write e.g. 2025-01-31)") % {"value": raw_date}, "tanggal")
                )
            if answered_on and answered_on > today:
                problems.append(
                    (_("the date %(date)s is in the future") % {"date": answered_on.isoformat()}, "tanggal")
                )
            elif answered_on and period and answered_on not in period:
                problems.append(
                    (
                        _("the date %(date)s is outside the period %(period)s")
                        % {"date": answered_on.isoformat(), "period": period.label},
                        "tanggal",
                    )
                )
        unit = lookups.fixed_unit
        if mapping.get("unit"):
            raw_unit = cell(row, "unit")
            if raw_unit:
                unit = lookups.unit(raw_unit)
                if unit is None:
                    problems.append((_("unknown service unit '%(value)s'") % {"value": raw_unit}, "unit"))
            elif unit is None:
                problems.append((_("the service unit is empty"), "unit"))
        kind_id = None
        raw_kind = " ".join(cell(row, "layanan").split())
        if raw_kind and unit is not None:
            kind = lookups.kind(unit, raw_kind)
            if kind is not None:
                kind_id = kind.id
            elif options.create_kinds:
                checked.new_kinds.setdefault((unit.id, raw_kind.casefold()), raw_kind)
            else:
                problems.append(
                    (
                        _(
                            "'%(value)s' is not a kind of service of %(unit)s: add it in the admin, or let "
                            "the import add it (--create-layanan; on the upload page: “Add kinds of service "
                            "the unit does not have yet”)"
                        )
                        % {"value": raw_kind, "unit": unit.code},
                        "layanan",
                    )
                )
        answers = {}
        for code in UNSUR_CODES:
            raw = cell(row, code)
            extra = (
                [lookups.labels[(unit.id, code)]]
                if unit is not None and (unit.id, code) in lookups.labels
                else []
            )
            try:
                answers[code] = parse_answer(code, raw, extra)
            except AnswerError:
                problems.append((_("'%(value)s' is not an answer from 1 to 4") % {"value": raw}, code))
        bad_answer = any(column in UNSUR_CODES for _message, column in problems)
        if not bad_answer and all(value is None for value in answers.values()):
            problems.append((_("no unsur is answered"), "U1-U9"))
        profile = {}
        for name, parse, target in (
            ("jenis_kelamin", parse_sex, "sex"),
            ("usia", parse_age, "age_group"),
            ("pendidikan", parse_education, "education"),
            ("pekerjaan", parse_occupation, "occupation"),
        ):
            try:
                profile[target] = parse(cell(row, name))
            except ValueError as exc:
                problems.append((_("%(value)s is not a known value") % {"value": exc}, name))
        officer, comment = cell(row, "petugas"), cell(row, "kritik_saran")
        if len(officer) > MAX_OFFICER:
            problems.append((_("longer than %(limit)d characters") % {"limit": MAX_OFFICER}, "petugas"))
        if len(comment) > MAX_COMMENT:
            problems.append((_("longer than %(limit)d characters") % {"limit": MAX_COMMENT}, "kritik_saran"))
        if problems:
            for message, column in problems:
                checked.reject(line, message, column)
            continue
        checked.rows.append(
            services.NewResponse(
                unit_id=unit.id,
                answered_on=answered_on,
                answers=answers,
                service_kind_id=kind_id,
                officer=officer,
                comment=comment,
                extra={"line": line, "kind_name": raw_kind if kind_id is None and raw_kind else ""},
                **profile,
            )
        )
        checked.units[unit.code] += 1
        checked.first_date = min(filter(None, [checked.first_date, answered_on]))
        checked.last_date = max(filter(None, [checked.last_date, answered_on]))
    return checked


@dataclass
class Outcome:
    """What an import did (or, in a dry run, would do)."""

    report: ImportReport
    checked: Checked
    batch: ImportBatch | None = None
    already_imported: ImportBatch | None = None

    @property
    def new_kind_names(self) -> list[str]:
        return sorted(set(self.checked.new_kinds.values()), key=str.casefold)


def previous_import(sha256: str, exclude_id: int | None = None) -> ImportBatch | None:
    query = ImportBatch.objects.filter(sha256=sha256, status=ImportStatus.COMMITTED)
    if exclude_id:
        query = query.exclude(id=exclude_id)
    return query.order_by("-committed_at").first()


def _report(checked: Checked, dry_run: bool) -> ImportReport:
    report = ImportReport(dry_run=dry_run, total=checked.total, created=len(checked.rows))
    report.errors = sorted(checked.errors, key=lambda error: error.line)
    return report


class ImportRefused(Exception):
    """The import cannot go ahead; the message says why, for the person importing."""


def run(
    table: Table,
    mapping: dict[str, str],
    options: Options,
    *,
    dry_run: bool,
    batch: ImportBatch,
    user=None,
    skip_invalid: bool = False,
) -> Outcome:
    """Check the table and, unless ``dry_run``, import it atomically into ``batch``.

    Rejected rows stop the import unless ``skip_invalid`` (then exactly the valid rows are taken and
    the report lists the others). A file already imported is refused until that import is undone.
    """
    problems = mapping_problems(mapping, table.columns, options)
    if problems:
        raise ImportRefused(" ".join(problems))
    checked = check_table(table, mapping, options)
    outcome = Outcome(report=_report(checked, dry_run), checked=checked, batch=batch)
    outcome.already_imported = previous_import(batch.sha256, exclude_id=batch.pk)
    if dry_run:
        return outcome
    if outcome.already_imported:
        raise ImportRefused(
            _("This file was already imported on %(date)s; undo that import first if it must be replaced.")
            % {"date": timezone.localtime(outcome.already_imported.committed_at).strftime("%d-%m-%Y %H:%M")}
        )
    if checked.errors and not skip_invalid:
        raise ImportRefused(
            _("%(count)d rows have problems; correct them, or import only the valid rows.")
            % {"count": len(checked.rejected_lines)}
        )
    if not checked.rows:
        raise ImportRefused(_("No row can be imported."))
    with transaction.atomic():
        kinds = {}
        for (unit_id, key), name in checked.new_kinds.items():
            unit = ServiceUnit.objects.get(id=unit_id)
            kinds[(unit_id, key)] = services.add_service_kind(unit, name).id
        for row in checked.rows:
            if row.service_kind_id is None and row.extra.get("kind_name"):
                row.service_kind_id = kinds[(row.unit_id, row.extra["kind_name"].casefold())]
        batch.mapping, batch.options = mapping, options.as_dict()
        batch.total_rows, batch.imported_rows = checked.total, len(checked.rows)
        batch.rejected_rows = len(checked.rejected_lines)
        batch.status, batch.committed_at = ImportStatus.COMMITTED, timezone.now()
        batch.content = b""  # the responses are stored; the file (citizens' answers) is not kept
        if user is not None and batch.uploaded_by_id is None:
            batch.uploaded_by = user
        batch.save()
        services.record_responses(checked.rows, ResponseSource.IMPORT, batch=batch)
        remember_layout(table.columns, mapping, user)
        transaction.on_commit(lambda: responses_changed.send(sender=ImportBatch, batch=batch))
    return outcome


def remember_layout(columns: list[str], mapping: dict[str, str], user=None) -> None:
    """Keep the mapping for the next file with the same columns."""
    ImportLayout.objects.update_or_create(
        signature=layout_signature(columns),
        defaults={"columns": list(columns), "mapping": mapping, "saved_by": user},
    )


def new_batch(content: bytes, filename: str, *, source: str, user=None) -> ImportBatch:
    """An unsaved batch for these bytes (saved as a draft by the import page, or on commit)."""
    return ImportBatch(
        filename=filename[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        source=source,
        uploaded_by=user,
    )


def read(batch: ImportBatch) -> Table:
    """The rows of a draft's file (an imported batch keeps no file: ``TableError``)."""
    if not batch.content and batch.status != ImportStatus.DRAFT:
        raise TableError(_("The file of this import is no longer kept; upload it again to check it."))
    return read_table(bytes(batch.content), filename=batch.filename)


DRAFT_MAX_AGE = dt.timedelta(hours=24)


def purge_drafts(max_age: dt.timedelta = DRAFT_MAX_AGE) -> int:
    """Delete drafts (files checked but never imported) older than ``max_age``; returns how many."""
    deleted, _detail = ImportBatch.objects.filter(
        status=ImportStatus.DRAFT, created__lt=timezone.now() - max_age
    ).delete()
    return deleted


def undo(batch: ImportBatch, user=None) -> int:
    """Take an import's responses out again (and out of the tallies); the batch stays as a record."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != ImportStatus.COMMITTED:
            raise ImportRefused(_("Only an imported file can be undone."))
        removed = services.delete_responses(batch.responses.all())
        batch.status, batch.undone_at, batch.undone_by = ImportStatus.UNDONE, timezone.now(), user
        batch.save(update_fields=["status", "undone_at", "undone_by"])
        transaction.on_commit(lambda: responses_changed.send(sender=ImportBatch, batch=batch))
    return removed


__all__ = [
    "DEFAULT_LAYOUT",
    "FIELDS",
    "ImportRefused",
    "Options",
    "Outcome",
    "TableError",
    "check_table",
    "layout_signature",
    "mapping_problems",
    "new_batch",
    "parse_date",
    "read",
    "run",
    "suggest_mapping",
    "undo",
]
