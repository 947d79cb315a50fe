"""``companion import-roster FILE [--dry-run]``: load the HR office's ASN roster (CSV or XLSX).

The column layout is in ``companion_service.roster.importing`` and the operator guide. Rows are
upserted by NIP, all or none: any rejected row is listed and nothing is written.
"""

from companion_service.core.import_command import ImportCommand
from companion_service.roster.services import import_roster


class Command(ImportCommand):
    help = "Import the ASN roster from a CSV or XLSX file (upsert by NIP; all rows or none)."

    def run_import(self, path, dry_run, options):
        return import_roster(path, dry_run=dry_run)
