"""Create or update a companion user with roles.

companion manage_user siti siti@example.org --role evaluator --password-env SITI_PASSWORD
"""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from companion_service.accounts.roles import Role


class Command(BaseCommand):
    help = "Create or update a user and give them roles; the password is read from an environment variable."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("email")
        parser.add_argument("--role", action="append", default=[], choices=Role.values)
        parser.add_argument("--full-name", default="")
        parser.add_argument("--superuser", action="store_true")
        parser.add_argument("--password-env", help="Environment variable that holds the password.")

    def handle(self, *args, username, email, role, full_name, superuser, password_env, **options):
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
        if password_env:
            password = os.environ.get(password_env, "")
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise CommandError(
                    f"The password in {password_env} is not accepted: {' '.join(exc.messages)}"
                ) from exc
            user.set_password(password)
        elif created:
            user.set_unusable_password()
        user.email = email
        if full_name:
            user.first_name, _, user.last_name = full_name.partition(" ")
        user.is_superuser = superuser
        user.is_staff = superuser or Role.ADMINISTRATOR in role
        user.save()
        for code in role:
            user.groups.add(Group.objects.get_or_create(name=code)[0])
        self.stdout.write(
            f"{'Created' if created else 'Updated'} user {username} ({', '.join(role) or 'no role'})"
        )
