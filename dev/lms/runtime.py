"""Our runtime for the workbench: real users, a course id, and events written where the LMS writes them.

The stock ``WorkbenchRuntime`` takes the learner from a ``?student=`` query parameter, patches every
block's ``due`` to "now" and only logs published events. ``DevLmsRuntime`` instead:

- runs for the logged-in Django user in one of the platform's three flavours (``platform.LMS``,
  ``STUDIO``, ``PREVIEW``) with the services and handler URLs edx-platform gives in each
  (``platform.py``, ADR 0080);
- gives blocks a real course key (``BINA_DEVLMS_COURSE_ID``) and leaves ``due`` alone;
- appends every ``publish`` (grade, completion, tracking) to the tracking log in the LMS's JSON
  shape and to the ``TrackingEvent`` table, so tests and the demo can read what a block published.
"""

from __future__ import annotations

import contextlib
import gettext
import importlib
import json
import logging
import threading
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.templatetags.static import static
from django.utils import translation
from opaque_keys.edx.keys import CourseKey
from workbench.models import XBlockState
from workbench.runtime import WorkbenchRuntime
from xblock.runtime import KeyValueStore, KvsFieldData, NullI18nService

from . import platform
from .models import TrackingEvent

log = logging.getLogger(__name__)
_tracking_lock = threading.Lock()


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
    modulestore). Writes go straight to the row, unless ``persist`` is False: then they live only
    for this runtime, as Studio's ``component_handler`` drops a non-author's changes.
    """

    def __init__(self, persist: bool = True):
        self._rows = {}
        self.persist = persist

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

    def _save(self, record, state):
        if not self.persist:
            return
        record.state = json.dumps(state, indent=2, sort_keys=True)
        record.save()


class DevLmsRuntime(WorkbenchRuntime):
    """A workbench runtime bound to a signed-in user, the dev course and one platform flavour.

    ``flavour`` is ``platform.LMS`` (learners' pages and handlers), ``platform.STUDIO`` (the editor
    and its handlers) or ``platform.PREVIEW`` (Studio's ``author_view``). In Studio a non-author's
    field changes are kept for the request only (``persist`` False), as the platform drops them.
    """

    def __init__(self, user, flavour: str = platform.LMS, *, persist: bool = True):
        super().__init__(user_id=user.pk)
        self.user = user
        self.flavour = flavour
        self.course_id = CourseKey.from_string(settings.BINA_DEVLMS_COURSE_ID)
        self._services.update(platform.services_for(flavour, user, self.course_id))
        self._services["field-data"] = KvsFieldData(RequestCachedKvs(persist=persist))

    def service(self, block, service_name):
        """Per-block services where the LMS gives them per block (``i18n``); otherwise the shared ones."""
        if service_name == "i18n" and block.service_declaration("i18n") is not None:
            return BlockI18nService(block)
        return super().service(block, service_name)

    def _patch_xblock(self, block):
        """Unlike the workbench, do not set ``due`` to now: blocks keep their own dates."""
        block.course_id = self.course_id

    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        """The platform's handler URL shape for this flavour (``platform.handler_url``)."""
        return platform.handler_url(
            self.flavour, block, self.course_id, handler_name, suffix, query, thirdparty
        )

    def handler_prefix(self, block) -> str:
        """What the page's JavaScript runtime puts before a handler name (``.../handler/``)."""
        usage = str(block.scope_ids.usage_id)
        if self.flavour == platform.LMS:
            return f"/courses/{self.course_id}/xblock/{usage}/handler/"
        if self.flavour == platform.STUDIO:
            return f"/xblock/{usage}/handler/"
        return f"/preview/xblock/{usage}/handler/"

    def _wrap_ele(self, block, view, frag, extra_data=None):
        """The workbench's wrapper, plus the handler prefix our JavaScript runtime reads."""
        extra = {**(extra_data or {}), "handler-prefix": self.handler_prefix(block)}
        wrapped = super()._wrap_ele(block, view, frag, extra)
        if frag.js_init_fn:
            wrapped.add_javascript_url(static("devlms/handler-url.js"))
        return wrapped

    def publish(self, block, event_type, event_data):
        """Record the event as the LMS would: a tracking-log line and a row for tests to read."""
        self.publish_for_user(self.user, block, event_type, event_data)

    def publish_for_user(self, user, block, event_type, event_data):
        """Record an event credited to ``user`` (``compat.publish_for_learner`` for staff actions)."""
        record_event(user, self.course_id, self.handler_prefix(block), block, event_type, event_data)


def record_event(user, course_id, path: str, block, event_type: str, event_data) -> None:
    """Append the event to the tracking log in the LMS's JSON shape and keep a row for tests."""
    now = datetime.now(UTC)
    record = {
        "username": user.username,
        "event_type": event_type,
        "event_source": "server",
        "time": now.isoformat(),
        "event": event_data,
        "context": {
            "course_id": str(course_id),
            "org_id": course_id.org,
            "user_id": user.pk,
            "path": path,
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
