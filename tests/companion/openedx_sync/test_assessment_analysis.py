"""The sync reads each course's assessment item analysis from the plugin API v1 (issue 16)."""

import copy

from companion_service.openedx_sync.models import AssessmentAnalysis, SyncRun
from tests.support.fake_lms import sample

from .conftest import COURSES, lms_data, sync

KEY = COURSES[0][0]


def analysis_for(key):
    """The recorded answer of the real plugin view, for ``key``."""
    payload = copy.deepcopy(sample("bina.v1.assessment-analysis.course"))
    payload["course_id"] = key
    return payload


def test_the_analysis_of_each_course_with_attempts_is_kept_and_replaced(start_lms, connection_to, roster):
    data = lms_data()
    data.analysis = {KEY: analysis_for(KEY)}
    lms = start_lms(data)
    connection = connection_to(lms)
    run = sync(connection, lms)
    assert run.status == "ok", run.errors
    (row,) = AssessmentAnalysis.objects.all()
    assert row.course_key == KEY
    forms = row.payload["blocks"][0]["forms"]
    assert {form["form"] for form in forms} == {"A", "B"} and forms[0]["reliability_kind"] == "kr20"
    assert row.payload["gains"][0]["overall"]["pairs"] == 12
    (request,) = lms.requests_to("/api/bina/v1/assessment-analysis/")
    assert "course_id=" in request[1]

    data.analysis[KEY]["gains"] = []  # the next run replaces the figures
    sync(connection, lms)
    assert AssessmentAnalysis.objects.get().payload["gains"] == []


def test_an_lms_with_an_older_plugin_is_noted_not_failed(start_lms, connection_to, roster):
    data = lms_data()
    data.analysis = None  # a plugin from before the route: it answers 404
    lms = start_lms(data)
    run = sync(connection_to(lms), lms)
    assert run.status == "ok" and not run.errors
    assert any("assessment-analysis" in note for note in SyncRun.objects.get().counts["notes"])
    assert not AssessmentAnalysis.objects.exists()
