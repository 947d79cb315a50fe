"""``companion sync [--lms-url URL --client-id ID] [--connection NAME] [--full] [--json]
[--schedule] [--full-every-days DAYS] [--queue]``

``--queue`` hands the run to a worker (``celery --app=companion_service worker``) instead of running it
here, and prints the queued run's id (with ``--json``: ``{"run_id": N, "status": "queued"}``).

Without ``--lms-url`` the stored connection is used (the only active one, or ``--connection NAME``);
with it, the secret comes from the environment variable ``OPENEDX_CLIENT_SECRET`` (sent only when
the URL is ``OPENEDX_LMS_URL``'s, ADR 0104). ``--json`` prints
one object: status, started, finished, the counts per resource (fetched, created, updated),
unmatched_learners and errors. Exit status: 0 ok, 1 partial, 2 failed or not started.
``--full-every-days 7`` (the Tutor schedule's) makes a run full when no full run of this LMS ended
ok or partial in the last 7 days: a weekly safety net under the incremental reads (ADR 0103).
"""

import json
import os
from datetime import timedelta

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from companion_service.core.commands import LanguageCommand
from companion_service.openedx_sync.models import LmsConnection, RunStatus, RunTrigger
from companion_service.openedx_sync.runs import queue_sync
from companion_service.openedx_sync.selectors import full_run_due, run_summary
from companion_service.openedx_sync.services import (
    SECRET_ENV,
    ConnectionNotUsable,
    SyncAlreadyRunning,
    client_for,
    connection_for_url,
    make_client,
    run_sync,
)

EXIT = {RunStatus.OK: 0, RunStatus.PARTIAL: 1, RunStatus.FAILED: 2, RunStatus.CANCELLED: 2}


class Command(LanguageCommand):
    help = "Sync courses, enrollments, grades, completion and the Bina ASN blocks' records from Open edX."

    def add_arguments(self, parser):
        parser.add_argument(
            "--lms-url",
            help="Base URL of the LMS (secret: OPENEDX_CLIENT_SECRET, sent to OPENEDX_LMS_URL only).",
        )
        parser.add_argument("--client-id", help="OAuth2 client id (with --lms-url).")
        parser.add_argument("--connection", help="Name of a stored connection (when there are several).")
        parser.add_argument(
            "--full", action="store_true", help="Read everything again, not only what changed."
        )
        parser.add_argument("--json", action="store_true", help="Print the run as one JSON object.")
        parser.add_argument(
            "--schedule", action="store_true", help="Record the run as started by a schedule (cron, Celery)."
        )
        parser.add_argument(
            "--full-every-days",
            type=int,
            default=0,
            metavar="DAYS",
            help="Make this run a full one when no full run of this LMS ended (ok or partial) in DAYS days.",
        )
        parser.add_argument(
            "--queue", action="store_true", help="Let a worker run it (the run's id is printed at once)."
        )

    def handle(
        self, *args, lms_url, client_id, connection, full, json, schedule, full_every_days, queue, **options
    ):
        connection_obj, client = self._connection(lms_url, client_id, connection)
        trigger = RunTrigger.SCHEDULE if schedule else RunTrigger.COMMAND
        if full_every_days > 0 and not full:
            full = full_run_due(connection_obj, timedelta(days=full_every_days))
        if queue:
            client.close()
            try:
                run = queue_sync(connection_obj, full=full, trigger=trigger)
            except SyncAlreadyRunning as exc:
                raise CommandError(str(exc), returncode=2) from exc
            if json:
                self.stdout.write(dumps({"run_id": run.pk, "status": run.status}))
            else:
                self.stdout.write(_("Sync queued for a worker (run #%(id)d).") % {"id": run.pk})
            return
        try:
            run = run_sync(connection_obj, full=full, trigger=trigger, client=client)
        except SyncAlreadyRunning as exc:
            raise CommandError(str(exc), returncode=2) from exc
        summary = run_summary(run)
        if json:
            self.stdout.write(dumps(summary))
        else:
            for line in describe(summary):
                self.stdout.write(line)
        code = EXIT[run.status]
        if code:
            raise SystemExit(code)

    def _connection(self, lms_url, client_id, name):
        try:
            if lms_url:
                if not client_id:
                    raise CommandError(_("--lms-url needs --client-id."), returncode=2)
                secret = os.environ.get(SECRET_ENV, "")
                if not secret:
                    raise CommandError(
                        _("Set the environment variable %(name)s to the client secret.")
                        % {"name": SECRET_ENV},
                        returncode=2,
                    )
                connection = connection_for_url(lms_url, client_id)
                return connection, make_client(connection.base_url, client_id, secret)
            if client_id:
                raise CommandError(_("--client-id goes with --lms-url."), returncode=2)
            active = LmsConnection.objects.filter(is_active=True).exclude(base_url="")
            if name:
                connection = active.filter(name=name).first()
                if connection is None:
                    raise CommandError(
                        _("There is no active connection named %(name)s.") % {"name": name}, returncode=2
                    )
            else:
                found = list(active[:2])
                if not found:
                    raise CommandError(
                        _(
                            "No LMS connection is stored: add one in the administration pages "
                            "(or with companion lms-connection), or pass --lms-url and --client-id."
                        ),
                        returncode=2,
                    )
                if len(found) > 1:
                    names = ", ".join(active.values_list("name", flat=True))
                    raise CommandError(
                        _("Several LMS connections are active (%(names)s); choose one with --connection.")
                        % {"names": names},
                        returncode=2,
                    )
                connection = found[0]
            return connection, client_for(connection)
        except ConnectionNotUsable as exc:
            raise CommandError(str(exc), returncode=2) from exc


def dumps(summary: dict) -> str:
    return json.dumps(summary, ensure_ascii=False, sort_keys=False)


def describe(summary: dict) -> list[str]:
    """The run in a few lines for a terminal."""
    status = {"ok": _("OK"), "partial": _("partial"), "failed": _("failed")}.get(
        summary["status"], summary["status"]
    )
    lines = [
        _("Sync %(status)s (run #%(id)s, %(seconds)s s).")
        % {"status": status, "id": summary["run_id"], "seconds": summary["duration_seconds"]}
    ]
    labels = {
        "courses": _("courses"),
        "enrollments": _("enrollments"),
        "grades": _("grades"),
        "completions": _("completions"),
        "assessment_attempts": _("assessment attempts"),
        "ideas": _("ideas"),
        "workshop_sessions": _("workshop sessions"),
        "workshop_attendance": _("workshop attendance"),
        "workshop_reactions": _("workshop reactions"),
        "certificates": _("certificate look-ups"),
    }
    for key, label in labels.items():
        numbers = summary[key]
        lines.append(
            _("  %(label)s: %(fetched)d read, %(created)d new, %(updated)d changed")
            % {"label": label, **numbers}
        )
    lines.append(
        _("  learners not linked to the roster: %(count)d") % {"count": summary["unmatched_learners"]}
    )
    lines.extend(f"  {note}" for note in summary["notes"])
    for error in summary["errors"]:
        lines.append(
            _("  error: %(endpoint)s (%(status)s): %(message)s")
            % {
                "endpoint": error["endpoint"] or "-",
                "status": error["status"] or "-",
                "message": error["message"],
            }
        )
    return lines
