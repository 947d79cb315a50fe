"""The starter course "Transformasi Digital ASN Kota Sibolga": ``make starter-course``'s archive is
read the way Studio's import reads OLX (``dev/lms/olx_course.py``), every component is created
through the blocks' runtime, and every unit renders for a learner, in Indonesian.
"""

from __future__ import annotations

import re
import tarfile
from datetime import datetime

import pytest
from django.utils import translation
from lxml import html as lxml_html

from dev import starter_course
from dev.lms import platform
from dev.lms.olx_course import OlxError, read_archive, read_folder

TITLE = "Transformasi Digital ASN Kota Sibolga"
# Words any Indonesian page of some length uses, and no English one.
INDONESIAN = {"dan", "yang", "untuk", "dengan", "ini", "di", "dari", "atau", "tidak", "Anda"}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return starter_course.build(tmp_path_factory.mktemp("starter") / starter_course.ARCHIVE_NAME)


@pytest.fixture
def author(make_user):
    return make_user("penulis", course_staff=True)


@pytest.fixture
def course(archive, author):
    return read_archive(archive, author)


def page_text(fragment_html: str) -> str:
    tree = lxml_html.fromstring(f"<div>{fragment_html}</div>")
    for hidden in tree.xpath("//script | //style | //template"):
        hidden.drop_tree()
    return " ".join(tree.text_content().split())


def test_the_archive_is_what_studio_imports(archive):
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert names[0] == "course" and "course/course.xml" in names
    assert {"course/policies/2027/policy.json", "course/about/effort.html"} <= set(names)
    assert all(name == "course" or name.startswith("course/") for name in names)
    # Reproducible: the same sources give the same bytes.
    again = starter_course.build(archive.with_name("again.tar.gz"))
    assert again.read_bytes() == archive.read_bytes()


def test_course_settings_give_the_jp_the_companion_estimates(course):
    from companion_service.openedx_sync.channels import estimate_jp

    assert str(course.key) == starter_course.COURSE_KEY
    assert course.settings["display_name"] == TITLE and course.settings["language"] == "id"
    assert course.settings["self_paced"] is False  # instructor-paced: a weekly schedule
    start = datetime.fromisoformat(course.settings["start"])
    end = datetime.fromisoformat(course.settings["end"])
    assert course.about["effort"] == "03:00"  # Studio's "Hours of Effort per Week"
    estimate = estimate_jp(course.about["effort"], start, end, "instructor")
    assert (estimate.minutes_per_week, estimate.weeks, estimate.jp) == (180, 6, 24)  # ADR 0095


def test_outline_has_every_part_of_the_programme(course, author):
    chapters = [node.display_name for node in course.outline.children]
    assert chapters == [
        "1. Pendahuluan dan pra-tes",
        "2. Analisis data dengan spreadsheet",
        "3. Sistem informasi dan layanan digital",
        "4. Lokakarya bersama mitra",
        "5. Kompetisi ide inovasi",
        "6. Pasca-tes dan penutup",
    ]
    components = [node for unit in course.units for node in unit.children]
    tags = [node.tag for node in components]
    assert tags.count("bina_digital_skills") == 2 and "bina_partner_workshop" in tags
    assert "bina_innovation" in tags and tags.count("html") >= 10
    runtime = course.course.runtime(author, platform.STUDIO)
    tests = [runtime.get_block(node.usage_key) for node in components if node.tag == "bina_digital_skills"]
    assert [block.mode for block in tests] == ["pre", "post"]
    assert tests[0].pairing_key == tests[1].pairing_key == "transformasi-digital-sibolga-2027"
    assert tests[1].weight > 0 and tests[0].weight == 0  # the post-test decides the pass
    texts = " ".join(page_text(runtime.get_block(n.usage_key).data) for n in components if n.tag == "html")
    for topic in ("SPBE", "Satu Data Indonesia", "tabel pivot", "COUNTIF", "Pelindungan Data Pribadi"):
        assert topic in texts


def test_workshop_sessions_are_valid_and_become_rows(course, make_user):
    from xblocks.bina_asn import api
    from xblocks.partner_workshop import config

    learner = make_user("ani")
    runtime = course.course.runtime(learner, platform.LMS)
    (node,) = [n for unit in course.units for n in unit.children if n.tag == "bina_partner_workshop"]
    block = runtime.get_block(node.usage_key)
    assert [config.stored_session_problems(s, str) for s in block.sessions] == [[], []]
    with translation.override("id"):
        block.render("student_view", {})
    assert api.workshop_exists(str(node.usage_key))  # synced as a course imported without a save


def test_every_unit_renders_for_a_learner_in_indonesian(course, make_user):
    learner = make_user("ani")
    runtime = course.course.runtime(learner, platform.LMS)
    assert len(course.units) >= 12
    for unit in course.units:
        for node in unit.children:
            block = runtime.get_block(node.usage_key)
            with translation.override("id"):
                indonesian = block.render("student_view", {}).body_html()
            text = page_text(indonesian)
            if node.tag == "html":  # the author's teaching text
                words = set(re.findall(r"\w+", text))
                assert len(text) > 600 and len(words & INDONESIAN) >= 5, (unit.display_name, text[:200])
            else:  # the block's own page, in its Indonesian catalog
                assert block.display_name in text, (unit.display_name, text[:200])
                with translation.override("en"):  # a fresh block: a block keeps its catalog
                    fresh = course.course.runtime(learner, platform.LMS).get_block(node.usage_key)
                    english = page_text(fresh.render("student_view", {}).body_html())
                assert english != text, f"{node.tag}: the page is not translated"


def test_every_attribute_is_a_field_of_its_block(archive, author, caplog):
    """XBlock drops an attribute that names no field with only a log line: a typo would be lost."""
    with caplog.at_level("WARNING"):
        read_archive(archive, author)
    assert [r.getMessage() for r in caplog.records if "does not contain field" in r.getMessage()] == []


def test_a_missing_file_is_named(archive, author, tmp_path):
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path, filter="data")
    (tmp_path / "course" / "vertical" / "pra-tes.xml").unlink()
    with pytest.raises(OlxError, match=r"vertical/pra-tes\.xml"):
        read_folder(tmp_path, author)
