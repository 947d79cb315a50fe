"""Course tabs in the dev LMS, as the LMS finds them (ADR 0144):

- ``CourseTab``: the attributes and constructor of edx-platform's ``xmodule/tabs.py`` ``CourseTab``
  that plugins rely on (``type``, ``title``, ``priority``, ``is_dynamic``, ``name``, ``link_func``);
- ``dynamic_tabs(course_id, user)``: the ``openedx.course_tab`` entry points (the namespace of
  ``openedx/core/lib/course_tabs.py`` ``CourseTabPluginManager``), the dynamic ones that are enabled
  for the user, sorted by name (``lms/djangoapps/courseware/tabs.py`` ``_get_dynamic_tabs``), as
  ``(name, url)`` with the URL from ``tab.link_func(course, reverse)``.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from types import SimpleNamespace

from django.urls import reverse
from django.utils.translation import gettext as _

NAMESPACE = "openedx.course_tab"


class CourseTab:
    type = ""
    title = None
    priority = None
    is_dynamic = False
    is_default = True
    is_hideable = False
    is_movable = False
    allow_multiple = False
    view_name = None

    def __init__(self, tab_dict):
        self.name = tab_dict.get("name", self.title)
        self.tab_id = tab_dict.get("tab_id", getattr(self, "tab_id", self.type))
        self.tab_dict = tab_dict

    @property
    def link_func(self):
        return self.tab_dict.get("link_func")

    @classmethod
    def is_enabled(cls, course, user=None):
        raise NotImplementedError


def dynamic_tabs(course_id: str, user) -> list[tuple[str, str]]:
    course = SimpleNamespace(id=course_id)
    tabs = []
    for point in entry_points(group=NAMESPACE):
        tab_type = point.load()
        if not getattr(tab_type, "is_dynamic", False):
            continue
        tab = tab_type({})
        if tab.is_enabled(course, user=user):
            tabs.append(tab)
    tabs.sort(key=lambda tab: str(tab.name))
    return [(_(tab.name), tab.link_func(course, reverse)) for tab in tabs]
