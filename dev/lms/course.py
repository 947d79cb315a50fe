"""Courses with real Open edX keys in the dev LMS: OLX import and export, re-runs, three runtimes.

The workbench names blocks ``<scenario>.<type>.d0.u0``; an Open edX course names them
``block-v1:ORG+COURSE+RUN+type@<type>+block@<url_name>``, and a course's key follows from each
block's usage key (``usage_key.context_key``). ``DevCourse`` holds the authored fields of one such
course in memory and hands out runtimes bound to a user in one of the platform's flavours
(``platform.LMS``, ``STUDIO``, ``PREVIEW``), each with the services and handler URLs the platform
gives (ADR 0080). Learner state is kept per user in the same store; plugin rows go to the database.

OLX goes through the XBlock runtime's own serialisation (``XBlock.add_xml_to_node`` on export,
``XBlock.parse_xml`` on import), the way edx-platform exports and imports pure XBlocks; as in
edx-platform's XML importer, ``url_name`` names the block within the course, so a course imported
or re-run under a new course key keeps its block ids under the new key.
"""

from __future__ import annotations

import uuid
from io import BytesIO

from django.urls import reverse
from lxml import etree
from opaque_keys.edx.keys import CourseKey
from opaque_keys.edx.locator import BlockUsageLocator
from xblock.fields import ScopeIds
from xblock.runtime import (
    DictKeyValueStore,
    IdGenerator,
    IdReader,
    KeyValueStore,
    KvsFieldData,
    Runtime,
)

from . import platform
from .runtime import BlockI18nService, record_event


class CourseIds(IdReader, IdGenerator):
    """Usage and definition ids of one course: both are the block's ``BlockUsageLocator``."""

    def __init__(self, course_key: CourseKey):
        self.course_key = course_key
        self._next_url_name = None

    def usage_key(self, block_type: str, url_name: str) -> BlockUsageLocator:
        return BlockUsageLocator(self.course_key, block_type, url_name)

    def create_definition(self, block_type, slug=None):
        url_name = self._next_url_name or slug or uuid.uuid4().hex[:12]
        self._next_url_name = None
        return self.usage_key(block_type, url_name)

    def create_usage(self, def_id):
        return def_id

    def get_definition_id(self, usage_id):
        return usage_id

    def get_block_type(self, def_id):
        return def_id.block_type

    def get_usage_id_from_aside(self, aside_id):
        raise NotImplementedError("the dev LMS's courses have no asides")

    def get_definition_id_from_aside(self, aside_id):
        raise NotImplementedError("the dev LMS's courses have no asides")

    def get_aside_type_from_usage(self, aside_id):
        raise NotImplementedError("the dev LMS's courses have no asides")

    def get_aside_type_from_definition(self, aside_id):
        raise NotImplementedError("the dev LMS's courses have no asides")

    def create_aside(self, definition_id, usage_id, aside_type):
        raise NotImplementedError("the dev LMS's courses have no asides")


class BufferedKvs(KeyValueStore):
    """Reads through to ``base``; writes stay here (Studio drops a non-author's changes)."""

    def __init__(self, base: KeyValueStore):
        self.base = base
        self.changes: dict = {}
        self.deleted: set = set()

    def get(self, key):
        if key in self.deleted:
            raise KeyError(key)
        return self.changes[key] if key in self.changes else self.base.get(key)

    def set(self, key, value):
        self.deleted.discard(key)
        self.changes[key] = value

    def delete(self, key):
        self.changes.pop(key, None)
        self.deleted.add(key)

    def has(self, key):
        return key not in self.deleted and (key in self.changes or self.base.has(key))


class DevCourse:
    """One course: its key and the stored fields of its blocks."""

    def __init__(self, course_key: str | CourseKey):
        self.key = CourseKey.from_string(str(course_key))
        self.store = DictKeyValueStore()

    def runtime(self, user, flavour: str = platform.LMS, *, persist: bool = True) -> CourseRuntime:
        """A runtime for ``user``; with ``persist`` False its writes are dropped when it goes."""
        kvs = self.store if persist else BufferedKvs(self.store)
        return CourseRuntime(self, user, flavour, kvs)

    def import_olx(self, olx: str | bytes, author) -> BlockUsageLocator:
        """Create a block of this course from OLX (``url_name`` names it), as Studio's import does."""
        runtime = self.runtime(author, platform.STUDIO)
        return runtime.parse_xml_string(olx.encode() if isinstance(olx, str) else olx)

    def export_olx(self, usage_key, author) -> str:
        """The block's OLX, as Studio's export writes it (with its ``url_name``)."""
        runtime = self.runtime(author, platform.STUDIO)
        block = runtime.get_block(usage_key)
        out = BytesIO()
        runtime.export_to_xml(block, out)
        root = etree.fromstring(out.getvalue())
        root.set("url_name", usage_key.block_id)
        return etree.tostring(root, encoding="unicode")


class CourseRuntime(Runtime):
    """An XBlock runtime for one course, one user and one platform flavour."""

    def __init__(self, course: DevCourse, user, flavour: str, kvs: KeyValueStore):
        self.course = course
        self.user = user
        self.flavour = flavour
        ids = CourseIds(course.key)
        services = {"field-data": KvsFieldData(kvs), **platform.services_for(flavour, user, course.key)}
        super().__init__(ids, ids, services=services)
        self.user_id = user.pk

    def _usage_id_from_node(self, node, parent_id):
        """Honour ``url_name`` as edx-platform's XML importer does (the block id within the course)."""
        url_name = node.attrib.pop("url_name", None)
        if url_name:
            self.id_generator._next_url_name = url_name
        return super()._usage_id_from_node(node, parent_id)

    def construct_xblock_from_class(self, cls, scope_ids, field_data=None, *args, **kwargs):
        """Blocks are bound to this runtime's user (``ScopeIds.user_id``) as the LMS binds them."""
        scope_ids = ScopeIds(self.user.pk, scope_ids.block_type, scope_ids.def_id, scope_ids.usage_id)
        return super().construct_xblock_from_class(cls, scope_ids, field_data, *args, **kwargs)

    def service(self, block, service_name):
        """The block's own i18n service (its ``text`` catalog), the rest as declared."""
        if service_name == "i18n" and block.service_declaration("i18n") is not None:
            return BlockI18nService(block)
        return super().service(block, service_name)

    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        return platform.handler_url(
            self.flavour, block, self.course.key, handler_name, suffix, query, thirdparty
        )

    def local_resource_url(self, block, uri):
        return reverse("package_resource", args=(block.scope_ids.block_type, uri))

    def resource_url(self, resource):
        raise NotImplementedError("the dev LMS serves no runtime resources for course blocks")

    def publish(self, block, event_type, event_data):
        record_event(
            self.user, self.course.key, f"course:{block.scope_ids.usage_id}", block, event_type, event_data
        )

    def publish_for_user(self, user, block, event_type, event_data):
        """What ``compat.publish_for_learner`` calls for staff actions credited to a learner."""
        record_event(
            user, self.course.key, f"course:{block.scope_ids.usage_id}", block, event_type, event_data
        )
