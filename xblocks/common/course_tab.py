"""The base class of course tabs outside Open edX (the XBlock SDK, the dev LMS): the attributes and
constructor of edx-platform's ``xmodule/tabs.py`` ``CourseTab`` that plugins rely on (``type``,
``title``, ``priority``, ``is_dynamic``, ``name``, ``link_func``). Inside Open edX
``compat.course_tab_base`` returns the platform's own class instead (ADR 0144)."""

from __future__ import annotations


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
