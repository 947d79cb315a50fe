"""Writes of the sync app: connections, starting runs (one at a time per LMS), linking learners, JP."""

from __future__ import annotations

import logging
import os
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import secrets
from .client import ClientSettings, LmsClient, LmsError, LmsNotFound
from .models import LmsConnection, RunStatus, RunTrigger, SyncRun
from .runs import SyncAlreadyRunning, active_or_resumable, queue_sync, this_process

__all__ = ["SyncAlreadyRunning"]  # raised by begin_run and start_sync; defined with the runs

log = logging.getLogger(__name__)

SECRET_ENV = "OPENEDX_CLIENT_SECRET"  # noqa: S105  (the variable's name, not a secret)
URL_ENV = "OPENEDX_LMS_URL"  # the one LMS the environment's secret is sent to (ADR 0104)


class ConnectionNotUsable(Exception):
    """The connection lacks what a sync needs (URL, client id or secret); the message says what."""


# -- connections ---------------------------------------------------------------------------------


def set_client_secret(connection: LmsConnection, secret: str) -> None:
    """Store ``secret`` encrypted; an empty one means "read it from OPENEDX_CLIENT_SECRET" (only when
    the connection's URL is OPENEDX_LMS_URL)."""
    connection.client_secret_encrypted = secrets.encrypt(secret) if secret else ""
    connection.save(update_fields=["client_secret_encrypted", "modified"])


def client_secret(connection: LmsConnection) -> str:
    """The stored secret, else the environment's, which only the environment's LMS gets (ADR 0104)."""
    if connection.client_secret_encrypted:
        try:
            return secrets.decrypt(connection.client_secret_encrypted)
        except secrets.SecretUnreadable as exc:
            raise ConnectionNotUsable(str(exc)) from exc
    secret = os.environ.get(SECRET_ENV, "")
    if not secret:
        raise ConnectionNotUsable(
            _("No client secret: store it in the connection or set the environment variable %(name)s.")
            % {"name": SECRET_ENV}
        )
    if not secrets.same_lms(os.environ.get(URL_ENV, ""), connection.base_url):
        raise ConnectionNotUsable(
            _(
                "No client secret is stored for %(url)s, and the environment's secret "
                "(%(secret)s) is only sent to the LMS named in %(env)s. Enter this LMS's client secret "
                "in the connection."
            )
            % {"url": connection.base_url, "secret": SECRET_ENV, "env": URL_ENV}
        )
    return secret


def make_client(base_url: str, client_id: str, secret: str, client_settings=None, **kwargs) -> LmsClient:
    """A client with the timeouts from the settings (``COMPANION_SYNC_*``) unless given."""
    return LmsClient(base_url, client_id, secret, client_settings or sync_client_settings(), **kwargs)


def sync_client_settings() -> ClientSettings:
    return ClientSettings(
        connect_timeout=settings.COMPANION_SYNC_CONNECT_TIMEOUT,
        read_timeout=settings.COMPANION_SYNC_READ_TIMEOUT,
        max_attempts=settings.COMPANION_SYNC_MAX_ATTEMPTS,
    )


def client_for(
    connection: LmsConnection, client_settings: ClientSettings | None = None, **kwargs
) -> LmsClient:
    if not connection.base_url or not connection.client_id:
        raise ConnectionNotUsable(
            _("The connection %(name)s has no LMS URL or client id; it can only hold grade reports.")
            % {"name": connection.name}
        )
    return make_client(
        connection.base_url, connection.client_id, client_secret(connection), client_settings, **kwargs
    )


def connection_for_url(base_url: str, client_id: str) -> LmsConnection:
    """The connection for an LMS named on the command line (created, without a stored secret, if new)."""
    base_url = base_url.rstrip("/")
    connection = LmsConnection.objects.filter(base_url=base_url).first()
    if connection is None:
        host = urlsplit(base_url).netloc or base_url
        connection = LmsConnection.objects.create(name=host[:100], base_url=base_url, client_id=client_id)
    elif connection.client_id != client_id:
        connection.client_id = client_id
        connection.save(update_fields=["client_id", "modified"])
    return connection


def test_connection(
    connection: LmsConnection, client_settings: ClientSettings | None = None
) -> tuple[bool, list[str]]:
    """Ask the LMS for a token, the course list and our plugin's API root; record and return the result."""
    lines, ok = [], True
    try:
        client = client_for(connection, client_settings)
        claims = client.token_claims()
        who = claims.get("preferred_username") or "?"
        lines.append(_("Token: received for the service user %(user)s.") % {"user": who})
        if claims.get("administrator") is False:
            ok = False
            lines.append(
                _("The service user is not global staff in the LMS: enrollments and grades will be refused.")
            )
        page = next(client.course_pages(connection.service_username or who), None)
        count = len(page.results) if page else 0
        lines.append(_("Courses: the LMS answered (%(count)d on the first page).") % {"count": count})
        try:
            client.plugin_root()
            lines.append(_("Bina ASN plugin API: installed."))
        except LmsNotFound:
            lines.append(
                _(
                    "Bina ASN plugin API: not installed on this LMS "
                    "(assessment, ideas and workshops will be missing)."
                )
            )
        client.close()
    except (ConnectionNotUsable, LmsError) as exc:
        ok = False
        lines.append(str(exc.message if isinstance(exc, LmsError) else exc))
    connection.last_tested = timezone.now()
    connection.last_test_ok = ok
    connection.last_test_message = "\n".join(lines)
    connection.save(update_fields=["last_tested", "last_test_ok", "last_test_message", "modified"])
    return ok, lines


# -- runs ----------------------------------------------------------------------------------------


def begin_run(connection: LmsConnection, *, full: bool, trigger: str, user=None) -> SyncRun:
    """Create the run, refusing while another run of this LMS is alive; a dead one is closed and resumed."""
    now = timezone.now()
    with transaction.atomic():
        LmsConnection.objects.select_for_update().filter(pk=connection.pk).first()
        resumed = active_or_resumable(connection, now)
        me = this_process()
        return SyncRun.objects.create(
            connection=connection,
            status=RunStatus.RUNNING,
            full=full,
            trigger=trigger,
            started_by=user if user and user.is_authenticated else None,
            started=now,
            heartbeat=now,
            host=me["host"],
            pid=me["pid"],
            process_started=me["process_started"],
            attempts=1,
            resumed_from=resumed,
        )


def run_sync(
    connection: LmsConnection,
    *,
    full: bool = False,
    trigger: str = RunTrigger.COMMAND,
    user=None,
    client: LmsClient | None = None,
) -> SyncRun:
    """Sync ``connection`` now and return the finished run (its status says how it went)."""
    from .engine import SyncEngine

    client = client or client_for(connection)
    run = begin_run(connection, full=full, trigger=trigger, user=user)
    return SyncEngine(run, client).execute()


def start_sync(connection: LmsConnection, *, full: bool = False, user=None) -> SyncRun:
    """The administrator's "sync now": check the connection is usable, then queue the run for a worker
    (no thread in the web process); returns the queued run, whose page shows its progress."""
    client_for(connection).close()  # a missing URL, id or secret is said now, not by the worker
    return queue_sync(connection, full=full, trigger=RunTrigger.ADMIN, user=user)
