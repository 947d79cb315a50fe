"""The dev LMS serves the Open edX APIs the companion's sync reads, in the recorded shapes."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from dev.lms.models import CourseEnrollment, TrackingEvent

from .test_plugin_api_auth import get_jwt

SAMPLES = Path(__file__).resolve().parents[1] / "support" / "api_samples"
COURSE = settings.BINA_DEVLMS_COURSE_ID
ENCODED = COURSE.replace("+", "%2B")


def sample(name):
    return json.loads((SAMPLES / f"{name}.json").read_text())


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def service(client, make_user):
    make_user("bina_companion", global_staff=True)
    call_command(
        "create_dot_application",
        "bina-companion",
        "bina_companion",
        "--client-id",
        "cid",
        "--client-secret",
        "s3",
    )
    token = get_jwt(client, "cid", "s3")["access_token"]
    return {"HTTP_AUTHORIZATION": f"JWT {token}"}


@pytest.fixture
def learners(make_user):
    users = [make_user(name) for name in ("ani", "budi", "citra", "dedi")]
    call_command("enroll", "ani", "budi", "citra", "dedi")
    return users


def grade(user, block, value, maximum=1):
    TrackingEvent.objects.create(
        user=user, usage_id=block, event_type="grade", data={"value": value, "max_value": maximum}
    )


def complete(user, block, value=1.0):
    TrackingEvent.objects.create(
        user=user, usage_id=block, event_type="completion", data={"completion": value}
    )


def test_courses_in_the_sample_shape(client, service):
    answer = client.get("/api/courses/v1/courses/", {"username": "bina_companion"}, **service).json()
    assert set(answer) == set(
        sample("completion-aggregator.v1.course.detail.production-shape")
    )  # results+pagination
    assert answer["pagination"] == {"next": None, "previous": None, "count": 1, "num_pages": 1}
    item = answer["results"][0]
    expected = sample("courses.v1.courses.item.test-expected")
    assert set(item) == set(expected)
    assert set(item["media"]) == set(expected["media"])
    assert (item["id"], item["effort"], item["org"]) == (
        COURSE,
        settings.BINA_DEVLMS_COURSE_EFFORT,
        "KotaSibolga",
    )
    assert ENCODED in item["blocks_url"]
    assert client.get(item["media"]["course_image"]["uri"]).status_code in (
        200,
        404,
    )  # static files: runserver


def test_enrollments_in_the_sample_shape_with_unenrollments(client, service, learners):
    call_command("enroll", "budi", "--unenroll")
    answer = client.get("/api/enrollment/v1/enrollments/", {"course_id": COURSE}, **service).json()
    fixture = sample("enrollment.v1.enrollments.test-fixture")
    assert set(answer) == set(fixture)
    assert set(answer["results"][0]) == set(fixture["results"][0])
    assert [(r["user"], r["is_active"]) for r in answer["results"]] == [
        ("ani", True),
        ("budi", False),
        ("citra", True),
        ("dedi", True),
    ]
    assert answer["results"][0]["created"].endswith("Z")


def test_enrollments_come_in_cursor_pages_of_100(client, service):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.bulk_create(get_user_model()(username=f"asn{i:03d}") for i in range(130))
    CourseEnrollment.objects.bulk_create(CourseEnrollment(user=user, course_id=COURSE) for user in users)
    first = client.get(
        "/api/enrollment/v1/enrollments/", {"course_id": COURSE, "page_size": 500}, **service
    ).json()
    assert len(first["results"]) == 100 and "cursor=" in first["next"]
    second = client.get(first["next"], **service).json()
    assert len(second["results"]) == 30 and second["next"] is None


def test_grades_are_computed_from_published_grade_events(client, service, learners):
    ani, budi, citra, dedi = learners
    grade(ani, "block-a", 1, 1)
    grade(ani, "block-b", 3, 4)
    grade(budi, "block-a", 0, 1)
    grade(budi, "block-a", 1, 2)  # the latest counts
    grade(citra, "block-b", 2, 4)
    call_command("enroll", "dedi", "--unenroll")
    answer = client.get(f"/api/grades/v1/courses/{ENCODED}/", {"page_size": 2}, **service).json()
    expected = sample("grades.v1.courses.all-users.test-expected")
    assert set(answer) == set(expected)
    assert len(answer["results"]) == 2
    rows = answer["results"] + client.get(answer["next"], **service).json()["results"]
    assert set(rows[0]) == set(expected["results"][0])
    by_name = {row["username"]: row for row in rows}
    assert set(by_name) == {"ani", "budi", "citra"}  # active enrollments only
    assert (by_name["ani"]["percent"], by_name["ani"]["passed"], by_name["ani"]["letter_grade"]) == (
        0.88,
        True,
        "Pass",
    )
    assert (by_name["budi"]["percent"], by_name["budi"]["passed"]) == (0.25, False)
    assert by_name["citra"]["percent"] == 0.25
    assert by_name["ani"]["email"] == "" and by_name["ani"]["course_id"] == COURSE


def test_completion_in_the_aggregator_s_production_shape(client, service, learners):
    ani, budi, *_ = learners
    complete(ani, "video-1")
    complete(ani, "html-1", 0.5)
    grade(ani, "block-a", 1)
    complete(budi, "video-1")
    answer = client.get(f"/completion-aggregator/v1/course/{ENCODED}/", {"page_size": 500}, **service).json()
    expected = sample("completion-aggregator.v1.course.detail.production-shape")
    assert set(answer) == set(expected) and set(answer["pagination"]) == set(expected["pagination"])
    rows = {row["username"]: row for row in answer["results"]}
    assert set(rows["ani"]) == set(expected["results"][0])
    assert rows["ani"]["course_key"] == COURSE
    assert rows["ani"]["completion"] == {"earned": 2.5, "possible": 3.0, "percent": 0.8333}
    assert rows["budi"]["completion"]["earned"] == 1.0
    assert rows["dedi"]["completion"] == {"earned": 0.0, "possible": 3.0, "percent": 0.0}


def test_only_global_staff_may_read(client, make_user, learners):
    call_command("create_dot_application", "ani-app", "ani", "--client-id", "cid-ani", "--client-secret", "s")
    token = get_jwt(client, "cid-ani", "s")["access_token"]
    for url in (
        "/api/courses/v1/courses/",
        f"/api/enrollment/v1/enrollments/?course_id={ENCODED}",
        f"/api/grades/v1/courses/{ENCODED}/",
        f"/completion-aggregator/v1/course/{ENCODED}/",
    ):
        assert client.get(url, HTTP_AUTHORIZATION=f"JWT {token}").status_code == 403
        assert client.get(url).status_code == 401


def test_an_unknown_course_has_no_grades(client, service):
    assert client.get("/api/grades/v1/courses/course-v1:Nope+X+1/", **service).status_code == 404


def test_enroll_command_checks_its_input(learners):
    with pytest.raises(CommandError, match="No such user"):
        call_command("enroll", "zaki")
    with pytest.raises(CommandError, match="not a course key"):
        call_command("enroll", "ani", "--course", "bukan kunci")
    call_command("enroll", "ani", "--mode", "verified")
    assert CourseEnrollment.objects.get(user__username="ani").mode == "verified"
