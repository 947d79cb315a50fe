"""The HTML component of a course, as edx-platform's ``xmodule/html_block.py`` (``HtmlBlock``) has it.

Only what a course's OLX and a learner's page need (ADR 0127):

- fields ``display_name`` (settings) and ``data`` (content: the HTML itself);
- OLX as Studio exports it: ``<html filename="NAME" display_name="..."/>`` with the HTML in
  ``html/NAME.html`` of the course folder (``HtmlBlockMixin.load_definition`` reads
  ``html/<filename>.html`` through ``runtime.resources_fs``), or the HTML inline in the element;
- ``student_view``: the HTML as written, with ``%%USER_ID%%`` and ``%%COURSE_ID%%`` replaced
  (``HtmlBlockMixin.get_html``). Course authors are trusted, as in the platform: no escaping.
"""

from __future__ import annotations

from lxml import etree
from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Scope, String


class HtmlBlock(XBlock):
    """Text of a course unit (Studio's "Text" component)."""

    display_name = String(
        display_name="Display name", help="The component's name.", scope=Scope.settings, default="Text"
    )
    data = String(help="The HTML of the component.", scope=Scope.content, default="")

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        block = runtime.construct_xblock_from_class(cls, keys)
        filename = node.get("filename")
        if filename:
            block.data = (runtime.resources_fs / "html" / f"{filename}.html").read_text(encoding="utf-8")
        else:  # inline: the element's children are the HTML (``stringify_children``)
            parts = [node.text or ""]
            parts += [etree.tostring(child, encoding="unicode", with_tail=True) for child in node]
            block.data = "".join(parts).strip()
        if node.get("display_name"):
            block.display_name = node.get("display_name")
        return block

    def student_view(self, context=None):
        user_id = str(self.scope_ids.user_id or "")
        course_id = str(getattr(self.scope_ids.usage_id, "course_key", ""))
        html = self.data.replace("%%USER_ID%%", user_id).replace("%%COURSE_ID%%", course_id)
        return Fragment(html)
