"""Create or update a companion user with roles.

companion manage_user siti siti@example.org --role evaluator --password-env SITI_PASSWORD
companion manage_user kadis siti@example.org --role opd_head --opd DISDUKCAPIL --password-env PW
companion manage_user mitra rina@example.co.id --role partner --partner "PT Teknologi Tapanuli"
companion manage_user kadis kadis@example.org --role opd_head --opd DISDUKCAPIL --sso

An OPD head reads only the OPD given with ``--opd`` (its code); a partner only the workshops held
under the name given with ``--partner``. ``--sso`` prepares an account that signs in through Open
edX only (same username as in the LMS; no password here, an existing one is removed).
"""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from companion_service.accounts.models import AccessLink
from companion_service.core.roles import Role
from companion_service.organization.models import Opd


class Command(BaseCommand):
    help = "Create or update a user and give them roles; the password is read from an environment variable."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("email")
        parser.add_argument("--role", action="append", default=[], choices=Role.values)
        parser.add_argument("--full-name", default="")
        parser.add_argument("--superuser", action="store_true")
        parser.add_argument("--password-env", help="Environment variable that holds the password.")
        parser.add_argument("--opd", help="The code of the OPD an OPD head reads.")
        parser.add_argument("--partner", help="The partner name whose workshops a partner user reads.")
        parser.add_argument(
            "--sso", action="store_true", help="Signs in through Open edX only: no password in the companion."
        )

    def handle(self, *args, username, email, role, full_name, superuser, password_env, sso=False, **options):
        opd_code, partner = (
            (options.get("opd") or "").strip(),
            " ".join((options.get("partner") or "").split()),
        )
        opd = None
        if opd_code:
            opd = Opd.objects.filter(code=opd_code).first()
            if opd is None:
                raise CommandError(
                    f"There is no OPD with code {opd_code}; import the OPDs first (import-units)."
                )
        if opd and partner:
            raise CommandError("Give --opd or --partner, not both: a user reads one OPD or one partner.")
        existing = AccessLink.objects.filter(user__username=username).first()
        if Role.OPD_HEAD in role and not opd and not (existing and existing.opd_id):
            raise CommandError("An OPD head needs --opd CODE (the OPD whose figures they read).")
        if Role.PARTNER in role and not partner and not (existing and existing.partner_name):
            raise CommandError("A partner needs --partner NAME (the partner whose workshops they read).")
        if sso and password_env:
            raise CommandError("Give --sso or --password-env, not both.")
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
        if sso:
            user.set_unusable_password()
        elif password_env:
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
        if opd or partner:
            AccessLink.objects.update_or_create(
                user=user, defaults={"opd": opd, "partner_name": partner if not opd else ""}
            )
        reads = f"; reads {opd.code}" if opd else (f"; reads partner {partner}" if partner else "")
        self.stdout.write(
            f"{'Created' if created else 'Updated'} user {username} ({', '.join(role) or 'no role'}){reads}"
        )
