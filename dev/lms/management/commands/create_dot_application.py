"""Create or update a django-oauth-toolkit application, like the LMS command of the same name.

    python -m django create_dot_application bina-companion bina_companion \
        --grant-type client-credentials --client-id ID --client-secret SECRET [--update]

As in edx-platform, an application is found by user and name; it changes only with ``--update``.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from oauth2_provider.models import get_application_model

GRANT_TYPES = {
    "client-credentials": "client-credentials",
    "authorization-code": "authorization-code",
    "password": "password",
}


class Command(BaseCommand):
    help = "Create or update an OAuth2 application owned by USERNAME (as edx-platform's command does)."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("username")
        parser.add_argument("--grant-type", choices=sorted(GRANT_TYPES), default="client-credentials")
        parser.add_argument("--client-id", help="Keep a known client id (default: generated).")
        parser.add_argument("--client-secret", help="Keep a known client secret (default: generated).")
        parser.add_argument("--public", action="store_true", help="A public client (default: confidential).")
        parser.add_argument(
            "--update", action="store_true", help="Update the application if it exists (otherwise leave it)."
        )

    def handle(self, *args, name, username, grant_type, client_id, client_secret, public, update, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}; create it first (manage_user).")
        application_model = get_application_model()
        values = {
            "user": user,
            "authorization_grant_type": GRANT_TYPES[grant_type],
            "client_type": application_model.CLIENT_PUBLIC
            if public
            else application_model.CLIENT_CONFIDENTIAL,
            "redirect_uris": "",
        }
        if client_id:
            values["client_id"] = client_id
        if client_secret:
            values["client_secret"] = client_secret
        existing = application_model.objects.filter(user=user, name=name).first()
        if existing is not None and not update:
            self.stdout.write(
                f"Application {name!r} of {username} already exists; left unchanged (see --update)."
            )
            return
        application, created = application_model.objects.update_or_create(
            user=user, name=name, defaults=values
        )
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} application {application.name!r} with client id {application.client_id}")
