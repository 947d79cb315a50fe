"""``companion skm-population UNIT PERIOD USERS [--note TEXT]`` or ``--file FILE``: how many people
used a unit's services in a period (2025-Q1, 2025-S1 or 2025), the population N of the minimum
sample. The file (CSV or XLSX) has the columns ``unit``, ``periode``, ``pengguna`` and optionally
``sumber``; every row is checked first and nothing is saved unless all rows are valid.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from companion_service.core.tabular import TableError, read_table
from companion_service.organization.models import ServiceUnit
from companion_service.skm import services
from companion_service.skm.periods import Period


class Command(BaseCommand):
    help = "Record the number of service users of a unit in a period (for the minimum sample)."

    def add_arguments(self, parser):
        parser.add_argument("unit", nargs="?", help="unit code")
        parser.add_argument("period", nargs="?", help="2025-Q1, 2025-S1 or 2025")
        parser.add_argument("users", nargs="?", help="service users in the period (at least 1)")
        parser.add_argument("--note", default="", help="where the number comes from")
        parser.add_argument("--file", help="CSV/XLSX with columns unit; periode; pengguna; sumber")

    def handle(self, *args, unit, period, users, note, file, **options):
        if file:
            entries = self.read(file)
        elif unit and period and users:
            entries = [(2, unit, period, users, note)]
        else:
            raise CommandError(_("Give UNIT PERIOD USERS, or --file FILE."))
        checked, errors = [], []
        units = {found.code: found for found in ServiceUnit.objects.all()}
        for line, code, key, number, source in entries:
            problems = []
            if code not in units:
                problems.append(_("there is no unit %(code)s") % {"code": code})
            try:
                period = Period.parse(key)
            except ValueError:
                problems.append(
                    _("'%(value)s' is not a period such as 2025-Q1, 2025-S1 or 2025") % {"value": key}
                )
            try:
                count = self.number(number)
            except ValueError as exc:
                problems.append(str(exc))
            if problems:
                errors.extend(
                    _("line %(line)d: %(reason)s") % {"line": line, "reason": problem} for problem in problems
                )
            else:
                checked.append((units[code], period, count, source))
        if errors:
            raise CommandError("\n".join(errors))
        services.set_many_service_users(checked)  # all or none; the evaluation refreshes once
        for found, parsed, count, _source in checked:
            self.stdout.write(
                _("%(code)s %(period)s: %(users)d service users")
                % {"code": found.code, "period": parsed.key, "users": count}
            )

    @staticmethod
    def number(text) -> int:
        cleaned = str(text).replace(".", "").replace(",", "").strip()
        if not cleaned.isdigit() or int(cleaned) < 1:
            raise ValueError(_("the number of service users must be a whole number of at least 1"))
        return int(cleaned)

    @staticmethod
    def read(path):
        try:
            table = read_table(path)
        except (OSError, TableError) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        missing = [column for column in ("unit", "periode", "pengguna") if column not in table.columns]
        if missing:
            raise CommandError(
                _("%(file)s: missing columns %(columns)s") % {"file": path, "columns": ", ".join(missing)}
            )
        return [
            (row.line, row.get("unit").strip(), row.get("periode"), row.get("pengguna"), row.get("sumber"))
            for row in table.rows
        ]
