"""Wait until the database answers: ``companion wait_for_database --timeout 120``.

For start-up scripts (the Tutor init job, a systemd ``ExecStartPre``) where PostgreSQL may still be
starting. Exits 0 as soon as ``SELECT 1`` works, 1 with one sentence after the timeout.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections


class Command(BaseCommand):
    help = "Wait until the database answers (or fail after --timeout seconds)."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=60.0, help="Seconds to wait (default 60).")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between tries (default 2).")
        parser.add_argument("--database", default="default", help="Database alias (default 'default').")

    def handle(self, *args, timeout, interval, database, **options):
        connection = connections[database]
        deadline = time.monotonic() + max(timeout, 0)
        last_error = ""
        while True:
            try:
                connection.ensure_connection()
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
                self.stdout.write(f"The database '{database}' answers.")
                return
            except DatabaseError as exc:
                last_error = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
                connection.close()
            if time.monotonic() >= deadline:
                raise CommandError(
                    f"The database '{database}' did not answer within {timeout:g} seconds ({last_error}). "
                    "Check DATABASE_URL and that the database server is running."
                )
            self.stderr.write(f"Waiting for the database '{database}'...")
            time.sleep(interval)
