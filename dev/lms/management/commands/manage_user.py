"""Create or update a user, like edx-platform's ``manage_user`` command.

python -m django manage_user siti siti@example.org --staff --password-env DEMO_PASSWORD
"""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create or update USERNAME with EMAIL; flags set staff, superuser, groups and the password."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("email")
        parser.add_argument("--staff", action="store_true", help="Global staff (is_staff).")
        parser.add_argument("--superuser", action="store_true")
        parser.add_argument("--group", action="append", default=[], help="Add to this group (repeatable).")
        parser.add_argument("--full-name", default="")
        parser.add_argument(
            "--unusable-password", action="store_true", help="The user never signs in with a password."
        )
        parser.add_argument(
            "--password-env",
            help="Name of an environment variable holding the password (never pass it on the command line).",
        )

    def handle(
        self,
        *args,
        username,
        email,
        staff,
        superuser,
        group,
        full_name,
        password_env,
        unusable_password,
        **options,
    ):
        password = os.environ.get(password_env) if password_env else None
        if password_env and not password:  # checked first: a refused command changes nothing
            raise CommandError(f"The environment variable {password_env} is empty or not set.")
        user_model = get_user_model()
        first, _, last = full_name.partition(" ")
        user, created = user_model.objects.get_or_create(username=username, defaults={"email": email})
        user.email = email
        user.is_staff = staff or superuser
        user.is_superuser = superuser
        if full_name:
            user.first_name, user.last_name = first, last
        if password:
            user.set_password(password)
        elif created or unusable_password:
            user.set_unusable_password()
        user.save()
        for name in group:
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        self.stdout.write(f"{'Created' if created else 'Updated'} user {username}")
