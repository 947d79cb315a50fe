"""companion import-outside-training FILE [--dry-run]: BKPSDM's bulk import of outside trainings
(columns in companion_service/learning/importing.py); one bad row and nothing is written."""

from companion_service.core.import_command import ImportCommand
from companion_service.learning import importing


class Command(ImportCommand):
    help = "Import trainings ASN did outside the LMS (CSV or XLSX); they are approved and count at once."

    def run_import(self, path, dry_run, options):
        return importing.run_import(path.read_bytes(), path.name, dry_run)
