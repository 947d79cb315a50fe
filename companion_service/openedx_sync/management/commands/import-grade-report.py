"""``companion import-grade-report FILE --course KEY [--as-of DATE] [--dry-run]``

The offline path: the instructor dashboard's grade report CSV of one course. ``--as-of`` is the day
the report was downloaded (YYYY-MM-DD; default today), used as the date of passes first seen in it.
"""

from datetime import date

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from companion_service.core.import_command import ImportCommand
from companion_service.openedx_sync.grade_report import (
    DEFAULT_PASS_MARK,
    GradeReportError,
    import_grade_report,
)


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("%(value)s is not a date; write YYYY-MM-DD.") % {"value": text}, returncode=2
        ) from None


class Command(ImportCommand):
    help = "Import a course's grade report CSV from the instructor dashboard (offline path)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--course", required=True, help="The course key, e.g. course-v1:KotaSibolga+DIGI101+2026"
        )
        parser.add_argument("--as-of", help="The day the report was downloaded (YYYY-MM-DD); default today.")
        parser.add_argument("--lms", help="The LMS connection's name (when there are several).")
        parser.add_argument(
            "--pass-mark",
            type=float,
            default=DEFAULT_PASS_MARK,
            help="Grade (0-1) from which a learner passed, besides Certificate Eligible = Y (default 0.5).",
        )

    def run_import(self, path, dry_run, options):
        as_of = iso_date(options["as_of"]) if options.get("as_of") else None
        if as_of and as_of > date.today():
            raise CommandError(_("The --as-of date is in the future."), returncode=2)
        if not 0 < options["pass_mark"] <= 1:
            raise CommandError(_("--pass-mark must be above 0 and at most 1."), returncode=2)
        try:
            return import_grade_report(
                path,
                course_key=options["course"].strip(),
                as_of=as_of,
                dry_run=dry_run,
                lms=options.get("lms"),
                pass_mark=options["pass_mark"],
            )
        except GradeReportError as exc:
            raise CommandError(str(exc), returncode=2) from exc
