"""``companion lms-connection NAME --url URL --client-id ID [--secret-env VAR] [--test]``

Create or update a stored LMS connection (scriptable setup; the admin pages do the same). The client
secret is read from the environment variable named by ``--secret-env`` and stored encrypted; without
it, the sync reads ``OPENEDX_CLIENT_SECRET`` at run time. ``--test`` asks the LMS for a token, the
course list and the plugin API, and exits 1 when that fails.
"""

import os

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from companion_service.core.commands import LanguageCommand
from companion_service.openedx_sync.models import CompletionSource, LmsConnection, validate_lms_url
from companion_service.openedx_sync.services import set_client_secret, test_connection


class Command(LanguageCommand):
    help = "Create or update a stored LMS connection; optionally test it."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--url", required=True, help="LMS base URL, e.g. https://lms.sibolgakota.go.id")
        parser.add_argument("--client-id", required=True)
        parser.add_argument(
            "--secret-env", help="Environment variable holding the client secret (stored encrypted)."
        )
        parser.add_argument("--service-username", default="")
        parser.add_argument("--completion", choices=CompletionSource.values, default=None)
        parser.add_argument("--test", action="store_true", help="Test the connection after saving it.")

    def handle(self, *args, name, url, client_id, secret_env, service_username, completion, test, **options):
        url = url.rstrip("/")
        try:
            validate_lms_url(url)
        except ValidationError as exc:
            raise CommandError(_("%(url)s is not an http(s) URL.") % {"url": url}) from exc
        secret = None
        if secret_env:
            secret = os.environ.get(secret_env, "")
            if not secret:
                raise CommandError(
                    _("The environment variable %(name)s is empty or not set.") % {"name": secret_env}
                )
        other = LmsConnection.objects.filter(base_url=url).exclude(name=name).first()
        if other:
            raise CommandError(
                _("%(url)s is already the connection %(name)s.") % {"url": url, "name": other.name}
            )
        connection, created = LmsConnection.objects.update_or_create(
            name=name,
            defaults={
                "base_url": url,
                "client_id": client_id,
                "service_username": service_username,
                "is_active": True,
            },
        )
        if completion:
            connection.completion_source = completion
            connection.save(update_fields=["completion_source", "modified"])
        if secret is not None:
            set_client_secret(connection, secret)
        verb = _("Created") if created else _("Updated")
        self.stdout.write(
            _("%(verb)s the LMS connection %(name)s (%(url)s).") % {"verb": verb, "name": name, "url": url}
        )
        if test:
            ok, lines = test_connection(connection)
            for line in lines:
                (self.stdout if ok else self.stderr).write(f"  {line}")
            if not ok:
                raise CommandError(_("The connection test failed."), returncode=1)
