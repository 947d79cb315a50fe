"""Delete import files whose preview has expired: ``companion purge-staged-imports`` (cron, hourly).

The admin's staged uploads older than an hour, and each app's own drafts (an app config with a
``purge_staged_imports()`` method, e.g. the SKM's unimported files older than a day). Uploads also
sweep them, and the worker's beat runs the same sweep every hour (``core.purge_expired_imports``);
this command is for installations without a worker. ADR 0109.
"""

from django.core.management.base import BaseCommand

from companion_service.core.admin_import import purge_expired_imports


class Command(BaseCommand):
    help = "Delete staged import files whose preview has expired."

    def handle(self, *args, **options):
        removed = purge_expired_imports()
        self.stdout.write(f"{removed} expired import file(s) deleted.")
