"""Course tabs in the dev LMS, as the LMS finds them (ADR 0144):

- ``CourseTab`` (``xblocks.common.course_tab``): the attributes and constructor of edx-platform's
  ``xmodule/tabs.py`` ``CourseTab`` that plugins rely on;
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
