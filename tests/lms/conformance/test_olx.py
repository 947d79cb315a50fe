"""OLX: a course exported and imported keeps every content and settings field of our blocks.

Export and import go through the XBlock runtime's own serialisation (``add_xml_to_node`` /
``parse_xml``), as edx-platform exports and imports pure XBlocks; the block keeps its ``url_name``
under the new course key.
"""

from xblock.fields import Scope

from dev.lms import platform

from .cases import CORE_FIELDS


def own_fields(block) -> list[str]:
    return sorted(
        name
        for name, field in type(block).fields.items()
        if field.scope in (Scope.content, Scope.settings) and name not in CORE_FIELDS
    )


def test_every_content_and_settings_field_survives_export_and_import(
    case, authored_large, course_a, course_b, author
):
    authored = authored_large
    source = course_a.runtime(author, platform.STUDIO).get_block(authored)
    names = own_fields(source)
    assert [name for name in names if not source.fields[name].is_set_on(source)] == []

    olx = course_a.export_olx(authored, author)
    imported = course_b.import_olx(olx, author)
    assert imported.course_key == course_b.key
    assert imported.block_id == authored.block_id

    copy = course_b.runtime(author, platform.STUDIO).get_block(imported)
    for name in names:
        field = type(source).fields[name]
        assert field.read_json(copy) == field.read_json(source), name
