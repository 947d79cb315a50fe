"""Delete import files whose preview has expired: ``companion purge-staged-imports`` (cron, hourly).

The admin's staged uploads older than an hour, and each app's own drafts (an app config with a
``purge_staged_imports()`` method, e.g. the SKM's unimported files older than a day). Uploads also
sweep them; this command covers the quiet days. ADR 0109.
"""

from django.apps import apps
from django.core.management.base import BaseCommand

from companion_service.core.admin_import import purge_staged


class Command(BaseCommand):
    help = "Delete staged import files whose preview has expired."

    def handle(self, *args, **options):
        removed = purge_staged()
        for config in apps.get_app_configs():
            purge = getattr(config, "purge_staged_imports", None)
            if callable(purge):
                removed += purge()
        self.stdout.write(f"{removed} expired import file(s) deleted.")
