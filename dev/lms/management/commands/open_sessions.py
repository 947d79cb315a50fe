"""Create learners in bulk and open a signed-in session for each, for load and concurrency tests.

    python -m django open_sessions peserta 200 --settings=dev.lms.settings

Users ``peserta001`` ... ``peserta200`` are created when missing (no usable password: they can only
use the sessions made here). Each session is written exactly as ``django.contrib.auth.login`` writes
it (user id, backend, session auth hash), so the server treats the cookie as a real sign-in. Prints
``{"cookie": "<session cookie name>", "sessions": {"<username>": "<session key>", ...}}``.
Signing 200 users in over HTTP would spend most of a test's time hashing passwords.
"""

import json
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError

BACKEND = "django.contrib.auth.backends.ModelBackend"


class Command(BaseCommand):
    help = "Create PREFIX001..PREFIXnnn learners when missing and print a signed-in session key for each."

    def add_arguments(self, parser):
        parser.add_argument("prefix", help="Username prefix, e.g. peserta.")
        parser.add_argument("count", type=int, help="How many learners (1-2000).")

    def handle(self, *args, prefix, count, **options):
        if not 1 <= count <= 2000:
            raise CommandError("count must be from 1 to 2000.")
        if not prefix.isidentifier():
            raise CommandError("prefix must be letters, digits or '_' (e.g. peserta).")
        user_model = get_user_model()
        names = [f"{prefix}{n:03d}" for n in range(1, count + 1)]
        existing = set(user_model.objects.filter(username__in=names).values_list("username", flat=True))
        unusable = make_password(None)
        user_model.objects.bulk_create(
            [
                user_model(username=name, email=f"{name}@contoh.sibolgakota.go.id", password=unusable)
                for name in names
                if name not in existing
            ]
        )
        store = import_module(settings.SESSION_ENGINE).SessionStore
        sessions = {}
        for user in user_model.objects.filter(username__in=names).order_by("username"):
            session = store()
            session[SESSION_KEY] = user._meta.pk.value_to_string(user)
            session[BACKEND_SESSION_KEY] = BACKEND
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.save()
            sessions[user.username] = session.session_key
        self.stdout.write(json.dumps({"cookie": settings.SESSION_COOKIE_NAME, "sessions": sessions}))
