"""The dev LMS runtime: who is asking, what a block may know about them, where events go."""

import json

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from workbench.models import XBlockState
from workbench.scenarios import get_scenarios

from dev.lms.models import TrackingEvent
from dev.lms.runtime import DevLmsRuntime, anonymous_user_id
from xblocks.common import compat


def probe_for(user, scenario_id):
    runtime = DevLmsRuntime(user)
    return runtime.get_block(get_scenarios()[scenario_id].usage_id)


def whoami_url(user, scenario_id):
    block = probe_for(user, scenario_id)
    return block.runtime.handler_url(block, "whoami")


def test_user_service_gives_blocks_the_edx_platform_attributes(probe_scenario, learner, course_staff):
    for user, staff, role in [(learner, False, "student"), (course_staff, True, "staff")]:
        who = compat.current_user(probe_for(user, probe_scenario))
        assert who.username == user.username
        assert who.user_id == user.pk
        assert who.is_authenticated
        assert who.is_course_staff is staff
        assert who.is_global_staff is False
        assert who.role == role
        assert who.anonymous_user_id == anonymous_user_id(user, settings.BINA_DEVLMS_COURSE_ID)


def test_anonymous_user_service_says_not_authenticated(probe_scenario):
    who = compat.current_user(probe_for(AnonymousUser(), probe_scenario))
    assert not who.is_authenticated
    assert not who.is_staff


def test_anonymous_ids_differ_per_user_and_course(learner, course_staff):
    course = settings.BINA_DEVLMS_COURSE_ID
    assert anonymous_user_id(learner, course) != anonymous_user_id(course_staff, course)
    assert anonymous_user_id(learner, course) != anonymous_user_id(learner, course + "x")
    assert len(anonymous_user_id(learner, course)) == 32


def test_blocks_get_the_configured_course_and_keep_their_due_date(probe_scenario, learner):
    block = probe_for(learner, probe_scenario)
    block.runtime.render(block, "student_view")
    assert compat.course_key_string(block) == settings.BINA_DEVLMS_COURSE_ID
    assert compat.usage_key_string(block) == get_scenarios()[probe_scenario].usage_id
    assert getattr(block, "due", None) is None


def test_publish_writes_the_tracking_log_and_a_row(probe_scenario, learner):
    block = probe_for(learner, probe_scenario)
    block.runtime.publish(block, "grade", {"value": 3, "max_value": 4})
    row = TrackingEvent.objects.get()
    assert (row.user, row.event_type, row.data) == (learner, "grade", {"value": 3, "max_value": 4})
    last = json.loads(settings.BINA_DEVLMS_TRACKING_LOG.read_text().splitlines()[-1])
    assert last["event_type"] == "grade"
    assert last["username"] == "ani"
    assert last["context"]["course_id"] == settings.BINA_DEVLMS_COURSE_ID
    assert last["event"] == {"value": 3, "max_value": 4}


def test_handler_urls_carry_no_student_parameter(probe_scenario, learner):
    url = whoami_url(learner, probe_scenario)
    assert "student=" not in url
    assert url.startswith("/handler/")


def test_handler_runs_for_the_signed_in_user(client, probe_scenario, learner):
    client.force_login(learner)
    response = client.post(whoami_url(learner, probe_scenario), "{}", content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "ani"
    assert body["course"] == settings.BINA_DEVLMS_COURSE_ID
    assert body["calls"] == 1
    assert XBlockState.objects.filter(user_id=str(learner.pk)).exists()


def test_handler_refuses_anonymous_callers(client, probe_scenario, learner):
    response = client.post(whoami_url(learner, probe_scenario), "{}", content_type="application/json")
    assert response.status_code == 403
    assert "error" in response.json()


def test_student_parameter_cannot_impersonate(client, probe_scenario, learner, course_staff):
    client.force_login(learner)
    url = whoami_url(learner, probe_scenario) + f"?student={course_staff.pk}"
    body = client.post(url, "{}", content_type="application/json").json()
    assert body["username"] == "ani"
    assert not XBlockState.objects.filter(user_id=str(course_staff.pk)).exists()


@pytest.mark.parametrize("view_name", ["studio_view", "author_view"])
def test_studio_views_are_for_the_course_team(client, probe_scenario, learner, course_staff, view_name):
    client.force_login(learner)
    assert client.get(f"/scenario/{probe_scenario}/{view_name}/").status_code == 403
    client.force_login(course_staff)
    response = client.get(f"/scenario/{probe_scenario}/{view_name}/")
    assert response.status_code == 200
    assert b"probe studio" in response.content


def test_pages_need_a_signed_in_user(client, probe_scenario):
    response = client.get(f"/scenario/{probe_scenario}/")
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_index_lists_only_our_units(client, probe_scenario, learner):
    client.force_login(learner)
    page = client.get("/").content.decode()
    assert "Probe unit" in page
    assert "thumbs" not in page.lower()


def test_unknown_unit_is_404(client, scenarios, learner):
    client.force_login(learner)
    assert client.get("/scenario/bina_nothing.0/").status_code == 404
