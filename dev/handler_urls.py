"""Handler URLs of the dev LMS, in the platform's shapes (ADR 0080), for the demo and the tests.

Learner-side handlers run in the LMS (``/courses/<course>/xblock/<usage>/handler/<name>``); the
Studio editor's handlers in Studio (``/xblock/<usage>/handler/<name>``), as Open edX routes them.
Importable without Django settings (browser tests run without them).
"""

from __future__ import annotations

import os

DEFAULT_COURSE = "course-v1:KotaSibolga+ASN-DIGITAL+2026"
# Handlers of our blocks' Studio editors: Studio's component_handler runs them, never the LMS.
STUDIO_HANDLERS = frozenset(
    {"studio_submit", "studio_form_data", "submit_studio_edits", "import_bank", "export_bank"}
)


def course_id() -> str:
    try:
        from django.conf import settings

        return settings.BINA_DEVLMS_COURSE_ID
    except Exception:  # noqa: BLE001 - no Django settings here (a browser test): the dev LMS's default
        return os.environ.get("BINA_DEVLMS_COURSE_ID", DEFAULT_COURSE)


def lms_prefix(usage_id: str) -> str:
    return f"/courses/{course_id()}/xblock/{usage_id}/handler/"


def studio_prefix(usage_id: str) -> str:
    return f"/xblock/{usage_id}/handler/"


def handler_url(usage_id: str, handler: str, suffix: str = "") -> str:
    """The URL the platform gives ``handler`` of the block ``usage_id`` (Studio's for the editors')."""
    prefix = studio_prefix(usage_id) if handler in STUDIO_HANDLERS else lms_prefix(usage_id)
    return prefix + handler + (f"/{suffix}" if suffix else "")
