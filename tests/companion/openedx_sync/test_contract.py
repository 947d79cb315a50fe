"""Contract tests: every recorded Open edX payload the client reads, served over HTTP, read right."""

import json
from datetime import UTC, datetime

import pytest

from companion_service.openedx_sync.channels import estimate_jp
from companion_service.openedx_sync.client import parse_page
from companion_service.openedx_sync.parsing import (
    certificate_date,
    completion_from_blocks,
    read_aggregated_completion,
    read_certificate,
    read_course,
    read_enrollment,
    read_grade,
)
from tests.support.fake_lms import SAMPLES, LmsData, sample

from .conftest import FAST, client_for


def raw(name):
    return (SAMPLES / f"{name}.json").read_bytes()


def test_token_answer_and_its_claims(start_lms, db):
    lms = start_lms()
    claims = client_for(lms).token_claims()
    expected = sample("oauth2.access_token.client_credentials.jwt-payload")
    assert set(expected) <= set(claims)
    assert claims["preferred_username"] == "bina_companion"
    assert claims["administrator"] is True
    token_answer = json.loads(raw("oauth2.access_token.client_credentials"))
    assert token_answer["token_type"] == "JWT" and "refresh_token" not in token_answer


def test_courses_item(start_lms, db):
    body = {
        "results": [sample("courses.v1.courses.item.test-expected")],
        "pagination": {"next": None, "previous": None, "count": 1, "num_pages": 1},
    }
    lms = start_lms(LmsData(verbatim={"/api/courses/v1/courses/": json.dumps(body).encode()}))
    rows = list(client_for(lms).courses("bina_companion"))
    course = read_course(rows[0])
    assert course.course_key == "edX/toy/2012_Fall"
    assert (course.name, course.org, course.number) == ("Toy Course", "edX", "toy")
    assert course.start == datetime(2015, 7, 17, 12, 0, tzinfo=UTC)
    assert course.end == datetime(2015, 9, 19, 18, 0, tzinfo=UTC)
    assert (course.effort, course.pacing, course.hidden) == ("6 hours", "instructor", False)
    # "6 hours" is Studio's "Hours of Effort per Week"; the course runs 9 weeks: 360 x 9 / 45 = 72 JP.
    estimate = estimate_jp(course.effort, course.start, course.end, course.pacing)
    assert (estimate.minutes_per_week, estimate.weeks, estimate.jp) == (360, 9, 72)
    assert "username=bina_companion" in lms.requests_to("/api/courses/")[0][1]


def test_enrollments_fixture_with_the_course_key_encoded(start_lms, db):
    lms = start_lms(
        LmsData(verbatim={"/api/enrollment/v1/enrollments/": raw("enrollment.v1.enrollments.test-fixture")})
    )
    rows = [read_enrollment(row, "course-v1:x+y+Z") for row in client_for(lms).enrollments("course-v1:x+y+Z")]
    assert [(r.username, r.mode, r.is_active) for r in rows] == [
        ("staff", "verified", True),
        ("student2", "honor", True),
        ("student3", "verified", True),
    ]
    assert rows[0].created == datetime(2018, 1, 1, 0, 0, 1, tzinfo=UTC)
    (request,) = lms.requests_to("/api/enrollment/")
    assert "course_id=course-v1%3Ax%2By%2BZ" in request[1]


def test_grades_all_users(start_lms, db):
    key = "course-v1:org.0+course_0+Testing_course"
    lms = start_lms(
        LmsData(verbatim={f"/api/grades/v1/courses/{key}/": raw("grades.v1.courses.all-users.test-expected")})
    )
    rows = [read_grade(row) for row in client_for(lms).grades(key)]
    assert [r.username for r in rows] == [
        "student",
        "other_student",
        "program_student",
        "program_masters_student",
    ]
    assert rows[3].email == "i_love_learning@example.com"
    assert rows[0].email == ""
    assert (rows[0].passed, rows[0].percent, rows[0].letter_grade) == (False, 0.0, "")
    (request,) = lms.requests_to("/api/grades/")
    assert "/api/grades/v1/courses/course-v1:org.0%2Bcourse_0%2BTesting_course/" in request[1]
    assert f"page_size={FAST.grades_page_size}" in request[1]


@pytest.mark.parametrize(
    "name",
    [
        "completion-aggregator.v1.course.detail.production-shape",
        "completion-aggregator.v1.course.detail.staff-all-users",
    ],
)
def test_completion_aggregator_in_both_envelopes(start_lms, db, name):
    lms = start_lms(LmsData(verbatim={"/completion-aggregator/v1/course/edX/toy/2012_Fall/": raw(name)}))
    rows = [
        read_aggregated_completion(row) for row in client_for(lms).aggregated_completion("edX/toy/2012_Fall")
    ]
    assert [(r.username, r.earned, r.possible, r.percent) for r in rows] == [
        ("test_user", 1.0, 8.0, 0.125),
        ("test_user_2", 3.0, 12.0, 0.25),
    ]


def test_blocks_answer_without_completion_counts_nothing(start_lms, db):
    key = "course-v1:edX+DemoX+Demo_Course"
    lms = start_lms(LmsData(blocks={(key, "ani"): sample("courses.v2.blocks.pact")}))
    data = client_for(lms).blocks_with_completion(key, "ani")
    record = completion_from_blocks("ani", data)
    assert (record.earned, record.possible, record.percent) == (0.0, 0.0, 0.0)
    (request,) = lms.requests_to("/api/courses/v1/blocks/")
    assert "requested_fields=completion%2Cchildren" in request[1]
    assert "course_id=course-v1%3AedX%2BDemoX%2BDemo_Course" in request[1]


def test_blocks_answer_with_completion_counts_completable_leaves():
    data = sample("courses.v2.blocks.pact")
    root = data["root"]
    data["blocks"][root]["children"] = ["p1", "p2", "h1", "v1"]
    data["blocks"][root]["completion"] = 0  # a roll-up: ignored
    data["blocks"].update(
        {
            "p1": {"id": "p1", "type": "problem", "completion": 1.0},
            "p2": {"id": "p2", "type": "problem", "completion": 0.0},
            "h1": {"id": "h1", "type": "html", "completion": None},  # not completable
            "v1": {"id": "v1", "type": "video", "completion": 0.5},
        }
    )
    record = completion_from_blocks("ani", data)
    assert (record.earned, record.possible, record.percent) == (1.5, 3.0, 0.5)


def test_certificate_detail(start_lms, db):
    cert = sample("certificates.v0.detail.docstring")
    lms = start_lms(LmsData(certificates={("bob", "edX/DemoX/Demo_Course"): cert}))
    client = client_for(lms)
    record = read_certificate(client.certificate("bob", "edX/DemoX/Demo_Course"))
    assert record.created == datetime(2015, 12, 3, 13, 14, 28, tzinfo=UTC)
    assert certificate_date(record) == record.created
    assert client.certificate("bob", "course-v1:edX+Other+2026") is None


def test_the_three_envelopes_and_a_bare_list_are_told_apart():
    namespaced = sample("completion-aggregator.v1.course.detail.production-shape")
    page_number = sample("completion-aggregator.v1.course.detail.staff-all-users")
    cursor = sample("enrollment.v1.enrollments.test-fixture")
    bare = sample("enrollment.v1.enrollment.user-list.docs")
    assert parse_page(namespaced, "/x").envelope == "namespaced"
    assert parse_page(page_number, "/x").envelope == "page-number"
    assert parse_page(cursor, "/x").envelope == "cursor"
    page = parse_page(bare, "/x")
    assert (page.envelope, page.next, page.results[0]["user"]) == ("list", None, "test_user")


def test_a_web_certificate_carries_its_number_a_pdf_one_does_not(start_lms, db):
    """The verify id ends a web certificate's address (format_certificate_for_user); SIASN's
    nomorSertipikat takes it."""
    web = sample("certificates.v0.detail.webcert")
    lms = start_lms(LmsData(certificates={("ani", web["course_id"]): web}))
    record = read_certificate(client_for(lms).certificate("ani", web["course_id"]))
    assert record.number == "5d1c7e3f9a2b4c6d8e0f1a2b3c4d5e6f"
    assert read_certificate(sample("certificates.v0.detail.docstring")).number == ""
    assert read_certificate({**web, "status": "notpassing"}).number == ""
