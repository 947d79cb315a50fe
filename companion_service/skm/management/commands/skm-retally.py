"""``companion skm-retally [--check] [--unit CODE]``: recompute the quarterly tallies the IKM pages
read from the responses themselves; ``--check`` only compares and exits 1 on a difference."""

from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from companion_service.core.commands import LanguageCommand
from companion_service.organization.models import ServiceUnit
from companion_service.skm import services
from companion_service.skm.models import ResponseTally

FIELDS = ["unit_id", "service_kind_id", "year", "quarter", "respondents"] + [
    f"{prefix}{n}" for prefix in "sc" for n in range(1, 10)
]


def snapshot(unit_ids):
    rows = ResponseTally.objects.all()
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
    return {tuple(row[:4]): row for row in rows.values_list(*FIELDS)}


class Command(LanguageCommand):
    help = "Recompute the SKM tallies from the responses (or, with --check, compare them)."

    def add_arguments(self, parser):
        parser.add_argument("--unit", action="append", default=[], help="only this unit code (repeatable)")
        parser.add_argument("--check", action="store_true", help="compare only; exit 1 on a difference")

    def handle(self, *args, unit, check, **options):
        unit_ids = (
            list(ServiceUnit.objects.filter(code__in=unit).values_list("id", flat=True)) if unit else None
        )
        if unit and len(unit_ids) != len(set(unit)):
            raise CommandError(_("Unknown unit code."))
        before = snapshot(unit_ids)
        with transaction.atomic():
            written = services.rebuild_tallies(unit_ids)
            after = snapshot(unit_ids)
            differing = sorted(
                key for key in before.keys() | after.keys() if before.get(key) != after.get(key)
            )
            if check:
                transaction.set_rollback(True)
        if check and differing:
            raise CommandError(
                _("%(count)d tallies differ from the responses; run companion skm-retally.")
                % {"count": len(differing)}
            )
        message = (
            _("%(count)d tallies checked; %(differ)d differed.")
            if check
            else _("%(count)d tallies rebuilt; %(differ)d differed.")
        )
        self.stdout.write(message % {"count": written, "differ": len(differing)})
