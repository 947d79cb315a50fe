"""Our runtime for the workbench: real users, a course id, and events written where the LMS writes them.

The stock ``WorkbenchRuntime`` takes the learner from a ``?student=`` query parameter, patches every
block's ``due`` to "now" and only logs published events. ``DevLmsRuntime`` instead:

- runs for the logged-in Django user and offers the ``user`` service with the same optional
  attributes as edx-platform's XBlockUserService (staff flags, role, anonymous id);
- gives blocks a real course key (``BINA_DEVLMS_COURSE_ID``) and leaves ``due`` alone;
- appends every ``publish`` (grade, completion, tracking) to the tracking log in the LMS's JSON
  shape and to the ``TrackingEvent`` table, so tests and the demo can read what a block published.
"""

from __future__ import annotations

import contextlib
import gettext
import hashlib
import importlib
import json
import logging
import threading
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from opaque_keys.edx.keys import CourseKey
from workbench.models import XBlockState
from workbench.runtime import WorkbenchRuntime
from xblock.core import XBlockAside
from xblock.reference.user_service import UserService, XBlockUser
from xblock.runtime import KeyValueStore, KvsFieldData, NullI18nService

from xblocks.common import compat

from .models import TrackingEvent

log = logging.getLogger(__name__)
_tracking_lock = threading.Lock()

COURSE_STAFF_GROUP = "course_staff"


def anonymous_user_id(user, course_id: str) -> str:
    """A stable per-course pseudonym, computed like edx-platform's ``anonymous_id_for_user``."""
    digest = hashlib.md5(usedforsecurity=False)
    digest.update(settings.SECRET_KEY.encode())
    digest.update(str(user.pk).encode())
    digest.update(course_id.encode())
    return digest.hexdigest()


def is_course_staff(user) -> bool:
    """Course team in the dev LMS: global staff, or members of the ``course_staff`` group."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.groups.filter(name=COURSE_STAFF_GROUP).exists()


class DevLmsUserService(UserService):
    """The ``user`` service for one Django user, shaped like edx-platform's XBlockUserService."""

    def __init__(self, user, course_id: str):
        super().__init__()
        self._user = user
        self._course_id = course_id

    def get_current_user(self):
        user = self._user
        staff = is_course_staff(user)
        xblock_user = XBlockUser(
            is_current_user=True,
            emails=[user.email] if getattr(user, "email", "") else [],
            full_name=(user.get_full_name() or user.username) if user.is_authenticated else "",
        )
        xblock_user.opt_attrs.update(
            {
                compat.ATTR_IS_AUTHENTICATED: user.is_authenticated,
                compat.ATTR_USER_ID: user.pk,
                compat.ATTR_USERNAME: user.username,
                compat.ATTR_USER_IS_STAFF: staff,
                compat.ATTR_USER_IS_GLOBAL_STAFF: bool(user.is_staff),
                compat.ATTR_USER_ROLE: "instructor"
                if user.is_superuser
                else ("staff" if staff else "student"),
                compat.ATTR_ANONYMOUS_USER_ID: anonymous_user_id(user, self._course_id) if user.pk else "",
            }
        )
        return xblock_user

    def get_anonymous_user_id(self, username, course_id):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(username=username).first()
        return anonymous_user_id(user, course_id) if user else None


class BlockI18nService(NullI18nService):
    """The ``i18n`` service for one block, found the way edx-platform's XBlockI18nService finds it.

    A block ships ``translations/<locale>/LC_MESSAGES/text.mo`` next to its module; when there is
    no catalog for the active language, Django's own translations answer.
    """

    def __init__(self, block):
        super().__init__()
        self.translator = translation
        module = importlib.import_module(getattr(block, "unmixed_class", type(block)).__module__)
        locale_dir = Path(module.__file__).parent / "translations"
        language = translation.to_locale(translation.get_language() or settings.LANGUAGE_CODE)
        with contextlib.suppress(OSError):  # no catalog for this language: Django's answers
            self.translator = gettext.translation("text", str(locale_dir), [language])

    def gettext(self, message):
        return self.translator.gettext(message)

    ugettext = gettext

    def ngettext(self, singular, plural, number):
        return self.translator.ngettext(singular, plural, number)

    ungettext = ngettext

    def pgettext(self, context, message):
        return self.translator.pgettext(context, message)

    def get_language(self):
        return translation.get_language()

    def __getattr__(self, name):
        """Anything else (e.g. ``_catalog``, which xblock-utils' ``{% trans %}`` tag merges) from the
        translator, as edx-platform's XBlockI18nService does."""
        if name == "translator":
            raise AttributeError(name)
        return getattr(self.translator, name)


class RequestCachedKvs(KeyValueStore):
    """The workbench's field store, reading each state row once per runtime (one request).

    The stock store reads the row again (``get_or_create`` and a JSON parse) for every ``has`` and
    ``get`` of every field; the LMS loads a block's fields once per request (FieldDataCache and the
    modulestore). Writes still go straight to the row.
    """

    def __init__(self):
        self._rows = {}

    def _row(self, key):
        ident = (key.scope, key.block_scope_id, key.user_id)
        if ident not in self._rows:
            record = XBlockState.get_for_key(key)
            self._rows[ident] = (record, json.loads(record.state))
        return self._rows[ident]

    def get(self, key):
        return self._row(key)[1][key.field_name]

    def has(self, key):
        return key.field_name in self._row(key)[1]

    def set(self, key, value):
        record, state = self._row(key)
        state[key.field_name] = value
        self._save(record, state)

    def delete(self, key):
        record, state = self._row(key)
        del state[key.field_name]
        self._save(record, state)

    @staticmethod
    def _save(record, state):
        record.state = json.dumps(state, indent=2, sort_keys=True)
        record.save()


class DevLmsRuntime(WorkbenchRuntime):
    """A workbench runtime bound to a logged-in user and the dev course."""

    def __init__(self, user):
        super().__init__(user_id=user.pk)
        self.user = user
        self.course_id = CourseKey.from_string(settings.BINA_DEVLMS_COURSE_ID)
        self._services["user"] = DevLmsUserService(user, str(self.course_id))
        self._services["field-data"] = KvsFieldData(RequestCachedKvs())

    def service(self, block, service_name):
        """Per-block services where the LMS gives them per block (``i18n``); otherwise the shared ones."""
        if service_name == "i18n" and block.service_declaration("i18n") is not None:
            return BlockI18nService(block)
        return super().service(block, service_name)

    def _patch_xblock(self, block):
        """Unlike the workbench, do not set ``due`` to now: blocks keep their own dates."""
        block.course_id = self.course_id

    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        """Handler URLs without the workbench's ``?student=`` (the session says who is asking)."""
        func = getattr(block, handler_name, None)
        if not getattr(func, "_is_xblock_handler", False):
            raise ValueError(f"{handler_name!r} is not a handler of {block!r}")
        if thirdparty:
            name = "devlms:unauth_handler"
        elif isinstance(block, XBlockAside):
            name = "devlms:aside_handler"
        else:
            name = "devlms:handler"
        url = reverse(name, args=(block.scope_ids.usage_id, handler_name, suffix))
        return f"{url}?{query}" if query else url

    def publish(self, block, event_type, event_data):
        """Record the event as the LMS would: a tracking-log line and a row for tests to read."""
        self.publish_for_user(self.user, block, event_type, event_data)

    def publish_for_user(self, user, block, event_type, event_data):
        """Record an event credited to ``user`` (``compat.publish_for_learner`` for staff actions)."""
        now = datetime.now(UTC)
        record = {
            "username": user.username,
            "event_type": event_type,
            "event_source": "server",
            "time": now.isoformat(),
            "event": event_data,
            "context": {
                "course_id": str(self.course_id),
                "org_id": self.course_id.org,
                "user_id": user.pk,
                "path": f"/handler/{block.scope_ids.usage_id}",
                "module": {"usage_key": str(block.scope_ids.usage_id)},
            },
        }
        line = json.dumps(record, default=str, ensure_ascii=False)
        with _tracking_lock, open(settings.BINA_DEVLMS_TRACKING_LOG, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
        TrackingEvent.objects.create(
            user=user,
            usage_id=str(block.scope_ids.usage_id),
            event_type=event_type,
            data=json.loads(json.dumps(event_data, default=str)),
        )
