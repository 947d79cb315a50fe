"""The ``companion`` command: Django's manage.py for the companion service (like Tutor's ``lms``).

Settings come from the environment. ``DJANGO_SETTINGS_MODULE`` defaults to the production
settings; ``make demo`` and the tests use ``companion_service.settings.dev``. A wrong setting stops
with one sentence saying what to fix, not a traceback.
"""

import os
import sys


def main(argv=None):
    """Run a management command; exit 2 with a clear sentence on a configuration problem."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "companion_service.settings.production")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    try:
        execute_from_command_line(argv or sys.argv)
    except ImproperlyConfigured as exc:
        heading = "companion: konfigurasi belum dapat dipakai / the configuration is not usable:"
        sys.stderr.write(f"{heading}\n{exc}\n")
        sys.exit(2)
    except OperationalError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        sys.stderr.write(
            f"companion: cannot use the database ({reason}). "
            "Check DATABASE_URL and that the database server is running.\n"
        )
        sys.exit(2)


if __name__ == "__main__":
    main()
