"""``companion import-skm FILE [--dry-run]``: import SKM responses from a CSV or XLSX file.

The file uses the default layout (``tanggal``, ``unit``, ``layanan``, ``U1`` ... ``U9``,
``jenis_kelamin``, ``usia``, ``pendidikan``, ``pekerjaan``, ``petugas``, ``kritik_saran``) or a
layout whose mapping was saved on the import page. Every row is checked first; a rejected row stops
the import (exit 1) unless ``--skip-invalid``; ``--dry-run`` only reports.
"""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from companion_service.core.commands import LanguageCommand
from companion_service.skm import importer
from companion_service.skm.importer import ImportRefused, Options, TableError


class Command(LanguageCommand):
    help = (
        "Import SKM responses from a CSV or XLSX file (default layout: tanggal, unit, layanan, U1-U9, ...)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (; or ,) or XLSX file")
        parser.add_argument("--dry-run", action="store_true", help="check every row, store nothing")
        parser.add_argument(
            "--unit", default="", help="code of the unit every row belongs to (no unit column)"
        )
        parser.add_argument(
            "--period", default="", help="reject rows dated outside this period (2025-Q1, 2025-S2, 2025)"
        )
        parser.add_argument(
            "--create-layanan", action="store_true", help="add kinds of service the unit lacks"
        )
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the valid rows, list the others"
        )
        parser.add_argument("--month-first", action="store_true", help="dates are month/day/year")

    def handle(
        self, *args, file, dry_run, unit, period, create_layanan, skip_invalid, month_first, **options
    ):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("%(file)s: no such file.") % {"file": file})
        content = path.read_bytes()
        try:
            batch = importer.new_batch(content, path.name, source="cli")
            table = importer.read(batch)
        except TableError as exc:
            raise CommandError(f"{path.name}: {exc}") from exc
        mapping = importer.suggest_mapping(table.columns)
        choice = Options(unit_code=unit, period=period, create_kinds=create_layanan, month_first=month_first)
        try:
            outcome = importer.run(
                table, mapping, choice, dry_run=True, batch=batch, skip_invalid=skip_invalid
            )
            self.describe(path.name, outcome)
            if dry_run:
                self.stdout.write(_("Dry run: nothing was stored."))
                if outcome.report.errors:
                    raise CommandError(_("Some rows would be rejected."))
                return
            outcome = importer.run(
                table, mapping, choice, dry_run=False, batch=batch, skip_invalid=skip_invalid
            )
        except ImportRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("Imported %(count)d responses (import #%(id)d).")
            % {"count": outcome.report.created, "id": outcome.batch.pk}
        )

    def describe(self, name, outcome):
        report, checked = outcome.report, outcome.checked
        self.stdout.write(
            _("%(file)s: %(total)d rows, %(valid)d can be imported, %(rejected)d rejected.")
            % {
                "file": name,
                "total": report.total,
                "valid": report.created,
                "rejected": len(checked.rejected_lines),
            }
        )
        for error in report.errors:
            self.stdout.write(
                "  "
                + _("line %(line)d (%(column)s): %(message)s")
                % {"line": error.line, "column": error.column, "message": error.message}
            )
        if checked.units:
            units = ", ".join(f"{code} {count}" for code, count in sorted(checked.units.items()))
            self.stdout.write(
                _("Units: %(units)s. Dates %(first)s to %(last)s.")
                % {"units": units, "first": checked.first_date, "last": checked.last_date}
            )
        if outcome.new_kind_names:
            self.stdout.write(
                _("New kinds of service: %(names)s.") % {"names": ", ".join(outcome.new_kind_names)}
            )
        if outcome.already_imported:
            self.stdout.write(
                _("This file was already imported (import #%(id)d).") % {"id": outcome.already_imported.pk}
            )
