"""A whole course from its OLX folder or Studio archive, read the way edx-platform's XML import reads it.

Followed from edx-platform (ADR 0127):

- ``xmodule/modulestore/xml.py`` (``XMLModuleStore.load_course``): ``course.xml`` holds the pointer
  ``<course url_name=RUN org=ORG course=NUMBER/>``; the course key is ``ORG+NUMBER+RUN``; the
  course's settings come from ``policies/RUN/policy.json`` under ``"course/RUN"`` (values win over
  the XML's attributes); ``about/NAME.html`` become the course's "about" items (``effort`` is
  Studio's *Hours of Effort per Week*, ``openedx/core/djangoapps/models/course_details.py``).
- ``xmodule/xml_block.py`` (``is_pointer_tag``, ``load_definition_xml``): an element with only a
  ``url_name`` (a course root: ``url_name``, ``org``, ``course``) and no text or children points to
  ``TAG/URL_NAME.xml``; anything else is the definition inline.
- Studio's import (``cms/djangoapps/contentstore/views/import_export.py``) takes a ``.tar.gz``
  whose one folder holds ``course.xml``.

Chapters, sequentials and verticals are the outline (the dev LMS has no structural blocks); every
component is created through the course's XBlock runtime (``DevCourse.import_olx``), our blocks with
their own ``parse_xml`` and ``html`` with the stand-in of ``html_block.py``.
"""

from __future__ import annotations

import json
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from opaque_keys.edx.keys import CourseKey

from .course import DevCourse

STRUCTURE = ("chapter", "sequential", "vertical")
PARSER = etree.XMLParser(remove_blank_text=True, remove_comments=True)


class OlxError(ValueError):
    """The folder is not a course Studio could import; the message says what is wrong."""


@dataclass
class Node:
    """One element of the outline: a chapter, sequential or vertical, or a component (``usage_key``)."""

    tag: str
    url_name: str
    display_name: str
    attributes: dict = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    usage_key: object = None

    def walk(self, tag: str | None = None):
        for child in self.children:
            if tag is None or child.tag == tag:
                yield child
            yield from child.walk(tag)


@dataclass
class OlxCourse:
    """A course read from OLX: its key, settings (policy), about items, outline and runtime store."""

    key: CourseKey
    settings: dict
    about: dict
    outline: Node
    course: DevCourse

    @property
    def units(self) -> list[Node]:
        """The verticals (a learner's pages), in course order."""
        return list(self.outline.walk("vertical"))


def is_pointer_tag(node) -> bool:
    """``xmodule/xml_block.py:is_pointer_tag``."""
    expected = {"url_name"} if node.tag != "course" else {"url_name", "course", "org"}
    has_text = node.text is not None and node.text.strip() != ""
    return len(node) == 0 and set(node.attrib) == expected and not has_text


def course_root(folder: Path) -> Path:
    """The folder holding ``course.xml``: ``folder`` itself or its one sub-folder (an archive's root)."""
    if (folder / "course.xml").is_file():
        return folder
    found = sorted(path.parent for path in folder.glob("*/course.xml"))
    if len(found) != 1:
        raise OlxError(f"{folder}: no course.xml (or more than one) at the top of the archive")
    return found[0]


def read_archive(archive: Path, author) -> OlxCourse:
    """Unpack a Studio import archive (``.tar.gz``) and read its course."""
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r:gz") as tar:
        tar.extractall(tmp, filter="data")
        return read_folder(Path(tmp), author)


def read_folder(folder: Path, author) -> OlxCourse:
    """Read the OLX course in ``folder`` and create its components as ``author`` (a course author)."""
    root = course_root(folder)
    pointer = _parse(root / "course.xml")
    if pointer.tag != "course" or not is_pointer_tag(pointer):
        raise OlxError('course.xml must be <course url_name="RUN" org="ORG" course="NUMBER"/>')
    run = pointer.get("url_name")
    key = CourseKey.from_string(f"course-v1:{pointer.get('org')}+{pointer.get('course')}+{run}")
    definition = _parse(root / "course" / f"{run}.xml")
    policy_file = root / "policies" / run / "policy.json"
    policy = json.loads(policy_file.read_text(encoding="utf-8")).get(f"course/{run}", {})
    settings = {name: value for name, value in definition.attrib.items() if name != "url_name"}
    settings.update(policy)
    about = {
        path.stem: path.read_text(encoding="utf-8").strip() for path in sorted(root.glob("about/*.html"))
    }
    course = DevCourse(key)
    course.resources_fs = root
    outline = Node("course", run, settings.get("display_name", ""), settings)
    outline.children = [_node(root, child, course, author) for child in definition]
    return OlxCourse(key, settings, about, outline, course)


def _parse(path: Path):
    try:
        return etree.parse(str(path), PARSER).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise OlxError(f"{path}: {exc}") from exc


def _node(root: Path, element, course: DevCourse, author) -> Node:
    if is_pointer_tag(element):
        url_name = element.get("url_name")
        element = _parse(root / element.tag / f"{url_name.replace(':', '/')}.xml")
        element.set("url_name", url_name)
    url_name = element.get("url_name") or ""
    if element.tag in STRUCTURE:
        node = Node(element.tag, url_name, element.get("display_name", ""), dict(element.attrib))
        node.children = [_node(root, child, course, author) for child in element]
        return node
    node = Node(element.tag, url_name, element.get("display_name", ""), dict(element.attrib))
    node.usage_key = course.import_olx(etree.tostring(element), author)
    return node
