"""``companion import-units FILE [--dry-run]``: load the city's OPDs and service units in one step.

Columns: kode (code), nama (name), kode_induk (parent code), jenis (kind; ``unit`` for a service
unit), optional aktif. The layout is in ``companion_service.organization.services`` and the operator
guide. Upsert by code, all rows or none.
"""

from companion_service.core.import_command import ImportCommand
from companion_service.organization.services import import_units


class Command(ImportCommand):
    help = "Import OPDs and service units from a CSV or XLSX file (code, name, parent code, kind)."

    def run_import(self, path, dry_run, options):
        return import_units(path, dry_run=dry_run)
