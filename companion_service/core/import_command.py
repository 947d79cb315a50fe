"""The shape every ``companion import-*`` command shares: FILE, ``--dry-run``, a report, exit status.

A subclass implements ``run_import(path, dry_run, options)`` returning an ``ImportReport``. The
command prints what was (or, in a dry run, would be) created, updated and left unchanged, then each
rejected row as ``line N (column): reason``; it exits 1 when any row was rejected (nothing is
written then) and 2 when the file cannot be read at all.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from .commands import LanguageCommand
from .tabular import ImportReport, TableError


def report_lines(report: ImportReport) -> list[str]:
    """The report as lines for a terminal or a log."""
    if report.dry_run:
        head = _(
            "Preview (nothing written): %(total)d rows; would create %(created)d, update %(updated)d, "
            "leave %(unchanged)d unchanged."
        )
    else:
        head = _("%(total)d rows; created %(created)d, updated %(updated)d, left %(unchanged)d unchanged.")
    lines = [
        head
        % {
            "total": report.total,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        }
    ]
    lines.extend(_("Note: %(warning)s") % {"warning": w} for w in report.warnings)
    if report.errors:
        lines.append(
            _("%(count)d rows rejected; nothing was written. Correct them and import the file again:")
            % {"count": len(report.errors)}
        )
        for error in report.errors:
            where = (
                _("line %(line)d (%(column)s)") % {"line": error.line, "column": error.column}
                if error.column
                else _("line %(line)d") % {"line": error.line}
            )
            lines.append(f"  {where}: {error.message}")
    return lines


class ImportCommand(LanguageCommand):
    """Base of the import commands."""

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (; or ,) or XLSX file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and show what would change; write nothing."
        )

    def run_import(self, path: Path, dry_run: bool, options: dict) -> ImportReport:
        raise NotImplementedError

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": file}, returncode=2)
        try:
            report = self.run_import(path, dry_run, options)
        except TableError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        lines = report_lines(report)
        out = self.stderr if report.errors else self.stdout
        for line in lines:
            out.write(line)
        if report.errors:
            raise CommandError(
                _("%(count)d rows rejected; the file was not imported.") % {"count": len(report.errors)},
                returncode=1,
            )
