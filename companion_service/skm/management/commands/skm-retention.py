"""``companion skm-retention``: keep the public form's privacy notice true. Device codes older than a
day are dropped; after ``COMPANION_SKM_RETENTION_YEARS`` (default 5) comments and officers' names
are deleted, the answers' numbers staying. Run it daily (the operator guide's schedule)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from companion_service.skm import conf, services


class Command(BaseCommand):
    help = "Delete what the SKM form's privacy notice says is deleted (old comments, device codes)."

    def handle(self, *args, **options):
        cleared, codes = services.apply_retention(conf.retention_years())
        message = _("%(cleared)d old answers cleared of comments and officers' names; %(codes)d codes gone.")
        self.stdout.write(message % {"cleared": cleared, "codes": codes})
