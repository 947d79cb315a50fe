"""Fixtures of the conformance suite: two courses with Open edX keys, the people, one block per case.

Every test runs once per block (``CASES``); a block is created the way a course author creates it:
an empty component added to course A, then filled in Studio's editor through the Studio-faithful
runtime (``dev/lms/platform.py``), by a course author who is not global staff.
"""

import pytest

from dev.lms import platform
from dev.lms.course import DevCourse

from .cases import CASES, call

COURSE_A = "course-v1:KotaSibolga+KONFORMITAS+2026"
COURSE_B = "course-v1:KotaSibolga+KONFORMITAS+2027_RERUN"


@pytest.fixture(params=CASES, ids=[case.tag for case in CASES])
def case(request):
    return request.param


@pytest.fixture
def course_a():
    return DevCourse(COURSE_A)


@pytest.fixture
def course_b():
    return DevCourse(COURSE_B)


@pytest.fixture
def author(make_user):
    """A course author: the course team's staff role, not global staff."""
    return make_user("penulis", course_staff=True)


@pytest.fixture
def learners(make_user):
    return make_user("ani"), make_user("budi")


def author_block(case, course, author, url_name: str, *, large: bool = False):
    """The case's block in ``course``, filled in Studio's editor by ``author``; its usage key."""
    usage = course.import_olx(f'<{case.tag} url_name="{url_name}"/>', author)
    persist = platform.has_studio_write_access(author, course.key)
    runtime = course.runtime(author, platform.STUDIO, persist=persist)
    payload = case.author_payload(large=large)
    status, body = call(runtime, runtime.get_block(usage), case.save_handler, payload)
    assert status == 200, body
    return usage


@pytest.fixture
def authored(case, course_a, author):
    """The case's block in course A, filled in Studio's editor by the author; its usage key."""
    return author_block(case, course_a, author, "blok-uji")


@pytest.fixture
def authored_large(case, course_a, author):
    """The same with the editor's large case (a 384-item bank, thirty sessions, a long introduction)."""
    return author_block(case, course_a, author, "blok-besar", large=True)
