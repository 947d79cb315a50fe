"""Create or update a django-oauth-toolkit application, like the LMS command of the same name
(edx-platform ``oauth_dispatch/management/commands/create_dot_application.py``).

    python -m django create_dot_application bina-companion bina_companion \\
        --grant-type client-credentials --client-id ID --client-secret SECRET [--update]
    python -m django create_dot_application bina-companion-sso bina_companion \\
        --grant-type authorization-code --redirect-uris https://companion/complete/edx-oauth2/ \\
        --skip-authorization --scopes user_id --client-id ID --client-secret SECRET

As in edx-platform, an application is found by user and name and changes only with ``--update``;
``--scopes`` (comma-separated) creates the application's ``ApplicationAccess`` (or, with
``--update``, replaces its scopes).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from oauth2_provider.models import get_application_model

from dev.lms.models import ApplicationAccess

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
        parser.add_argument("--redirect-uris", default="", help="Space-separated redirect URIs.")
        parser.add_argument("--client-id", help="Keep a known client id (default: generated).")
        parser.add_argument("--client-secret", help="Keep a known client secret (default: generated).")
        parser.add_argument("--public", action="store_true", help="A public client (default: confidential).")
        parser.add_argument(
            "--skip-authorization", action="store_true", help="Never ask the learner to approve (in-house)."
        )
        parser.add_argument("--scopes", default="", help="Comma-separated extra scopes, e.g. user_id.")
        parser.add_argument(
            "--update", action="store_true", help="Update the application if it exists (otherwise leave it)."
        )

    def handle(self, *args, name, username, grant_type, client_id, client_secret, public, update, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}; create it first (manage_user).")
        scopes = [scope.strip() for scope in options["scopes"].split(",") if scope.strip()]
        unknown = sorted(set(scopes) - set(settings.OAUTH2_PROVIDER["SCOPES"]))
        if unknown:
            raise CommandError(f"Unknown scope(s): {', '.join(unknown)}.")
        if grant_type == "authorization-code" and not options["redirect_uris"].strip():
            raise CommandError("An authorization-code application needs --redirect-uris.")
        application_model = get_application_model()
        values = {
            "user": user,
            "authorization_grant_type": GRANT_TYPES[grant_type],
            "client_type": application_model.CLIENT_PUBLIC
            if public
            else application_model.CLIENT_CONFIDENTIAL,
            "redirect_uris": options["redirect_uris"].strip(),
            "skip_authorization": options["skip_authorization"],
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
        if scopes:
            access = ApplicationAccess.objects.filter(application=application).first()
            if access is None:
                ApplicationAccess.objects.create(application=application, scopes=",".join(scopes))
            elif update:
                access.scopes = ",".join(scopes)
                access.save()
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} application {application.name!r} with client id {application.client_id}")
