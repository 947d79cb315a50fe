"""``./manage.py lms import-units FILE [--dry-run]``: the city's OPDs and units, from the units file.

The same file (and layout) the companion's ``companion import-units`` reads: kode, nama, kode_induk,
jenis, optional aktif (``xblocks.bina_asn.organization.units``). Upsert by code, all rows or none;
exits 1 when a row was rejected (nothing written) and 2 when the file cannot be read.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from xblocks.bina_asn import api


class Command(BaseCommand):
    help = "Import the city's OPDs and service units from the units file (CSV: kode;nama;kode_induk;jenis)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The units file (CSV, ; or ,).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and show what would change; write nothing."
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            report = api.import_units(path.read_bytes(), dry_run=options["dry_run"])
        except FileNotFoundError as exc:
            raise CommandError(_("There is no file %(path)s.") % {"path": path}, returncode=2) from exc
        except api.UnitsFileError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        head = (
            _("Preview (nothing written): %(total)d rows; would create %(created)d, update %(updated)d, "
              "leave %(unchanged)d unchanged.")
            if report.dry_run
            else _("%(total)d rows; created %(created)d, updated %(updated)d, left %(unchanged)d unchanged.")
        )  # fmt: skip
        values = {
            "total": report.total,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        }
        self.stdout.write(head % values)
        if report.errors:
            self.stdout.write(
                _("%(count)d rows rejected; nothing was written. Correct them and import the file again:")
                % {"count": len(report.errors)}
            )
            for line, column, message in report.errors:
                self.stdout.write(
                    "  " + _("line %(line)d (%(column)s)") % {"line": line, "column": column} + f": {message}"
                )
            raise CommandError(_("The units file was not imported."), returncode=1)
