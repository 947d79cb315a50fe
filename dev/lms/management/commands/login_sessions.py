"""Signed-in sessions for many users at once, for load and concurrency tests of the dev LMS.

    python -m django login_sessions pelatih asn001 asn002 --create --settings=dev.lms.settings

Prints ``{"<username>": "<session key>", ...}`` as JSON; a client sends the key as the ``sessionid``
cookie. Signing 100 learners in through the login form costs 100 password hashes (seconds each on a
small machine); this stores the same session rows ``django.contrib.auth.login`` would. With
``--create`` missing users are created as learners without a usable password. Dev LMS only: the
command is part of ``dev.lms``, which is never installed into a real LMS.
"""

import json
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.core.management.base import BaseCommand, CommandError

BACKEND = "django.contrib.auth.backends.ModelBackend"


class Command(BaseCommand):
    help = "Create signed-in sessions for USERNAMES and print them as JSON (load tests of the dev LMS)."

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="+")
        parser.add_argument("--create", action="store_true", help="Create missing users as learners.")

    def handle(self, *args, usernames, create, **options):
        user_model = get_user_model()
        store = import_module(settings.SESSION_ENGINE).SessionStore
        sessions = {}
        for username in usernames:
            user = user_model.objects.filter(username=username).first()
            if user is None:
                if not create:
                    raise CommandError(f"There is no user {username!r}; pass --create to create learners.")
                user = user_model(username=username, email=f"{username}@contoh.sibolgakota.go.id")
                user.set_unusable_password()
                user.save()
            session = store()
            session[SESSION_KEY] = user._meta.pk.value_to_string(user)
            session[BACKEND_SESSION_KEY] = BACKEND
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            sessions[username] = session.session_key
        self.stdout.write(json.dumps(sessions))
