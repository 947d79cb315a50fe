"""Fault injection: a misbehaving LMS, and each time correct data, no duplicates, an honest status."""

import pytest

from companion_service.openedx_sync.models import Completion, Enrollment, Grade, Learner, SyncRun
from tests.support.fake_lms import Fault

from .conftest import COURSES, learners, lms_data, sync

EXTRA = 226  # 230 learners: several pages per listing
ALL = len(learners(EXTRA))
GRADES_2 = r"/api/grades/v1/courses/course-v1:KotaSibolga%2BSPBE201%2B2026/"
ENROLLMENTS_2 = r"/api/enrollment/v1/enrollments/\?course_id=course-v1%3AKotaSibolga%2BSPBE201"


def rows():
    """The synced data, as comparable sets (duplicates would show as count mismatches)."""
    return {
        "enrollments": set(
            Enrollment.objects.values_list("course__course_key", "learner__username", "is_active")
        ),
        "grades": set(
            Grade.objects.values_list("course__course_key", "learner__username", "percent", "passed")
        ),
        "completions": set(
            Completion.objects.values_list("course__course_key", "learner__username", "percent")
        ),
        "counts": (Enrollment.objects.count(), Grade.objects.count(), Completion.objects.count()),
        "learners": Learner.objects.count(),
    }


@pytest.fixture
def clean(start_lms, connection_to, roster):
    """The data a sync without faults produces (then wiped), to compare a faulty run against."""
    from companion_service.openedx_sync.models import LmsConnection

    lms = start_lms(lms_data(EXTRA))
    sync(connection_to(lms))
    expected = rows()
    LmsConnection.objects.all().delete()
    return expected


@pytest.mark.parametrize(
    "fault",
    [
        Fault(r"/api/grades/", "500", times=3),
        Fault(r"/api/enrollment/", "503", times=2, skip=2),
        Fault(r"/completion-aggregator/", "timeout", times=2, delay=0.8),
        Fault(r"/api/enrollment/", "drop", times=2),
        Fault(r"/api/grades/", "429", times=2, retry_after="1"),
        Fault(r"/api/enrollment/.*cursor=", "expire_token"),
        Fault(r"/api/grades/", "expire_token", skip=3),
        Fault(r"/api/grades/", "truncate", times=1, skip=1),
        Fault(r"/api/enrollment/", "html", times=1),
        Fault(r"/api/enrollment/", "empty", times=3),
        Fault(r"/api/bina/v1/ideas/", "500", times=1),
    ],
    ids=lambda f: f"{f.kind}-{f.path}",
)
def test_transient_faults_end_with_correct_data_and_status_ok(start_lms, connection_to, clean, fault):
    lms = start_lms(lms_data(EXTRA), [fault])
    run = sync(connection_to(lms))
    assert fault.fired, "the fault never happened"
    assert run.status == "ok", run.errors
    assert run.errors == []
    assert rows() == clean


def test_token_expiring_mid_run_fetches_one_new_token(start_lms, connection_to, clean):
    lms = start_lms(lms_data(EXTRA), [Fault(r"/api/grades/", "expire_token", skip=2)])
    run = sync(connection_to(lms))
    assert run.status == "ok"
    assert len(lms.requests_to("/oauth2/access_token")) == 2
    assert rows() == clean


@pytest.mark.parametrize(
    ("fault", "endpoint", "status", "words"),
    [
        (Fault(GRADES_2, "truncate", times=-1), GRADES_2.replace("\\", ""), 200, "not valid JSON"),
        (Fault(GRADES_2, "500", times=-1), GRADES_2.replace("\\", ""), 500, "answered 500"),
        (Fault(GRADES_2, "timeout", times=-1, delay=0.8), GRADES_2.replace("\\", ""), None, "timed out"),
        (Fault(GRADES_2, "malformed"), GRADES_2.replace("\\", ""), 200, "not a page of results"),
        (Fault(GRADES_2, "403"), GRADES_2.replace("\\", ""), 403, "global staff"),
        (Fault(ENROLLMENTS_2 + ".*cursor", "loop"), "/api/enrollment/v1/enrollments/", 200, "already read"),
    ],
    ids=["truncated", "500", "timeout", "malformed", "403", "loop"],
)
def test_lasting_faults_are_recorded_and_the_rest_is_synced(
    start_lms, connection_to, clean, fault, endpoint, status, words
):
    lms = start_lms(lms_data(EXTRA), [fault])
    connection = connection_to(lms)
    run = sync(connection)
    assert run.status == "partial"
    assert len(run.errors) == 1, run.errors
    error = run.errors[0]
    assert (error["endpoint"], error["status"]) == (endpoint, status)
    assert words in error["message"]
    assert COURSES[1][0] in error["message"]
    # The broken unit wrote nothing; every other unit is complete and nothing is duplicated.
    broken = "grades" if "grades" in endpoint else "enrollments"
    got = rows()
    for name in ("enrollments", "grades", "completions"):
        expected = clean[name]
        if name == broken:
            expected = {row for row in expected if row[0] != COURSES[1][0]}
            if name == "grades":  # learners' data of other resources of that course is still there
                assert Enrollment.objects.filter(course__course_key=COURSES[1][0]).count() == ALL
        assert got[name] == expected, name
    # The LMS heals: the next run completes the data and says ok.
    fault.times = fault.fired
    healed = sync(connection)
    assert healed.status == "ok", healed.errors
    assert rows() == clean


def test_an_empty_course_and_an_empty_page(start_lms, connection_to, roster):
    data = lms_data(EXTRA)
    data.enrollments[COURSES[2][0]] = []
    data.grades[COURSES[2][0]] = []
    data.completion[COURSES[2][0]] = []
    lms = start_lms(data, [Fault(r"/api/grades/.*cursor=", "empty", times=2)])
    run = sync(connection_to(lms))
    assert run.status == "ok", run.errors
    assert Enrollment.objects.filter(course__course_key=COURSES[2][0]).count() == 0
    assert Grade.objects.count() == 2 * ALL - 1


def test_bad_rows_are_skipped_and_reported(start_lms, connection_to, roster):
    data = lms_data(EXTRA)
    data.grades[COURSES[0][0]][3]["percent"] = "banyak"
    del data.enrollments[COURSES[0][0]][5]["user"]
    run = sync(connection_to(start_lms(data)))
    assert run.status == "partial"
    messages = sorted(error["message"] for error in run.errors)
    assert "1 rows could not be read and were skipped (first: no user)" in messages[0] + messages[1]
    assert any("percent is not a number" in m for m in messages)
    assert Grade.objects.filter(course__course_key=COURSES[0][0]).count() == ALL - 2
    # Not marked done: the next run reports the same rows again instead of calling them unchanged.
    again = sync(SyncRun.objects.first().connection)
    assert again.status == "partial" and len(again.errors) == 2


def test_the_courses_list_failing_fails_the_run(start_lms, connection_to, roster):
    lms = start_lms(lms_data(EXTRA), [Fault(r"/api/courses/", "502", times=-1)])
    run = sync(connection_to(lms))
    assert run.status == "failed"
    assert run.errors[0]["endpoint"] == "/api/courses/v1/courses/"
    assert not Enrollment.objects.exists()


def test_wrong_credentials_fail_the_run_with_a_clear_message(start_lms, connection_to, roster, monkeypatch):
    lms = start_lms(lms_data(EXTRA))
    connection = connection_to(lms)
    monkeypatch.setenv("OPENEDX_CLIENT_SECRET", "salah")
    run = sync(connection)
    assert run.status == "failed"
    assert run.errors == [
        {
            "endpoint": "/oauth2/access_token",
            "status": 401,
            "message": (
                "the LMS refused the client id or secret (check the OAuth2 application and its secret)"
            ),
        }
    ]


def test_an_lms_without_our_plugin_is_partial_with_an_honest_error(start_lms, connection_to, roster, clean):
    lms = start_lms(lms_data(EXTRA, plugin=False))
    run = sync(connection_to(lms))
    assert run.status == "partial"
    assert run.errors == [
        {
            "endpoint": "/api/bina/v1/",
            "status": 404,
            "message": "the Bina ASN plugin API is not installed on this LMS (install bina-asn in the LMS)",
        }
    ]
    assert rows() == clean


def test_a_plugin_endpoint_not_yet_installed(start_lms, connection_to, roster):
    data = lms_data(EXTRA)
    del data.plugin["ideas"]
    run = sync(connection_to(start_lms(data)))
    assert run.status == "partial"
    assert [(e["endpoint"], e["status"]) for e in run.errors] == [("/api/bina/v1/ideas/", 404)]
    assert run.counts["assessment_attempts"]["created"] == 1
