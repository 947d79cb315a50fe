"""``companion skm-unit CODE --name NAME --opd CODE --opd-name NAME [--layanan NAME ...]``

Make sure a service unit exists for the survey and offers the given kinds of service. A unit or OPD
that already exists (e.g. loaded from the city's list) is used as it is, never changed; only
missing ones are created, and missing kinds of service added.
"""

from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from companion_service.core.commands import LanguageCommand
from companion_service.organization.models import Opd, OpdKind, ServiceUnit
from companion_service.skm import services


class Command(LanguageCommand):
    help = "Ensure a service unit (and its OPD) exists and offers the given kinds of service."

    def add_arguments(self, parser):
        parser.add_argument("code", help="the unit's code (its stable key)")
        parser.add_argument("--name", help="the unit's name, used when the unit is created")
        parser.add_argument("--opd", help="the OPD's code, used when the unit is created")
        parser.add_argument("--opd-name", help="the OPD's name, used when the OPD is created")
        parser.add_argument("--opd-kind", default=OpdKind.DINAS, choices=OpdKind.values)
        parser.add_argument("--layanan", action="append", default=[], help="a kind of service (repeatable)")

    @transaction.atomic
    def handle(self, *args, code, name, opd, opd_name, opd_kind, layanan, **options):
        unit = ServiceUnit.objects.filter(code=code).first()
        if unit is None:
            if not (name and opd):
                raise CommandError(
                    _("There is no unit %(code)s; give --name and --opd to create it.") % {"code": code}
                )
            department = Opd.objects.filter(code=opd).first()
            if department is None:
                if not opd_name:
                    raise CommandError(
                        _("There is no OPD %(code)s; give --opd-name to create it.") % {"code": opd}
                    )
                department = Opd.objects.create(code=opd, name=opd_name, kind=opd_kind)
                self.stdout.write(_("Created OPD %(code)s") % {"code": opd})
            unit = ServiceUnit.objects.create(code=code, name=name, opd=department)
            self.stdout.write(_("Created unit %(code)s") % {"code": code})
        services.survey_for(unit)
        for kind_name in layanan:
            services.add_service_kind(unit, kind_name)
        kinds = unit.skm_service_kinds.filter(is_active=True).count()
        self.stdout.write(
            _("Unit %(code)s: %(count)d kinds of service") % {"code": unit.code, "count": kinds}
        )
