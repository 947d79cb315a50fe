"""The "JP saya" course tab: in every course, a link to the learner's JP ledger in the companion.

A dynamic course tab plugin (entry point ``openedx.course_tab``): edx-platform's
``lms/djangoapps/courseware/tabs.py`` ``get_course_tab_list`` adds the tabs whose class sets
``is_dynamic`` and whose ``is_enabled(course, user)`` is true to every course's tab list, without
changing the course (``_get_dynamic_tabs``); the learning MFE shows them from the course metadata
API with ``tab.link_func(course, reverse)`` as the address (ADR 0144). Shown to signed-in learners
when the operator set ``BINA_ASN_COMPANION_URL``.
"""

from __future__ import annotations

from django.conf import settings

from xblocks.common.compat import course_tab_base


def gettext_noop(text: str) -> str:
    return text


def my_jp_url() -> str:
    root = (getattr(settings, "BINA_ASN_COMPANION_URL", "") or "").rstrip("/")
    return f"{root}/jp-saya/" if root else ""


class JpSayaCourseTab(course_tab_base()):
    """A link to "JP saya" in the companion (the companion asks the learner to sign in through the LMS)."""

    type = "bina_jp_saya"
    title = gettext_noop("JP saya")
    priority = 200
    is_dynamic = True
    is_default = False
    is_hideable = False
    is_movable = False
    allow_multiple = False

    def __init__(self, tab_dict=None):
        tab_dict = dict(tab_dict or {})
        tab_dict["link_func"] = lambda course, reverse_func: my_jp_url()
        super().__init__(tab_dict)

    @classmethod
    def is_enabled(cls, course, user=None):
        if not my_jp_url():
            return False
        return user is None or bool(getattr(user, "is_authenticated", False))
