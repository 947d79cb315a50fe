"""The dev LMS runtime gives blocks what edx-platform gives them (ADR 0080), in its three flavours.

Each expectation below is read from edx-platform's source: the user service's attributes from
``common/djangoapps/xblock_django/user_service.py`` (``DjangoXBlockUserService``), the LMS's choice
of them from ``lms/djangoapps/courseware/block_render.py``, Studio's from
``cms/djangoapps/contentstore/utils.py:load_services_for_studio`` and ``views/preview.py``, the
handler URLs from ``lms/djangoapps/lms_xblock/runtime.py`` and ``cms/lib/xblock/runtime.py``.
"""

import hashlib
import json

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from workbench.models import XBlockState
from workbench.scenarios import get_scenarios

from dev.lms import platform
from dev.lms.models import TrackingEvent
from dev.lms.runtime import DevLmsRuntime
from xblocks.common import compat

COURSE = settings.BINA_DEVLMS_COURSE_ID


def probe_for(user, scenario_id, flavour=platform.LMS):
    runtime = DevLmsRuntime(user, flavour)
    return runtime.get_block(get_scenarios()[scenario_id].usage_id)


def whoami_url(user, scenario_id, flavour=platform.LMS):
    block = probe_for(user, scenario_id, flavour)
    return block.runtime.handler_url(block, "whoami")


def attrs(user, scenario_id, flavour=platform.LMS) -> dict:
    block = probe_for(user, scenario_id, flavour)
    return block.runtime.service(block, "user").get_current_user().opt_attrs


def md5(*parts) -> str:
    return hashlib.md5("".join(parts).encode(), usedforsecurity=False).hexdigest()


def test_lms_user_service_sets_what_the_platform_sets(probe_scenario, learner, course_staff, make_user):
    admin = make_user("admin", global_staff=True)
    for user, staff, role in [
        (learner, False, "student"),
        (course_staff, True, "staff"),
        (admin, True, "instructor"),
    ]:
        opt = attrs(user, probe_scenario)
        assert opt == {
            compat.ATTR_IS_AUTHENTICATED: True,
            compat.ATTR_USER_ID: user.pk,
            compat.ATTR_USERNAME: user.username,
            compat.ATTR_USER_IS_STAFF: staff,
            compat.ATTR_USER_IS_GLOBAL_STAFF: user.is_staff,
            compat.ATTR_USER_IS_BETA_TESTER: False,
            compat.ATTR_USER_ROLE: role,
            compat.ATTR_ANONYMOUS_USER_ID: md5(settings.SECRET_KEY, str(user.pk), COURSE),
            compat.ATTR_DEPRECATED_ANONYMOUS_USER_ID: md5(settings.SECRET_KEY, str(user.pk)),
            compat.ATTR_REQUEST_COUNTRY_CODE: None,
            compat.ATTR_USER_PREFERENCES: {},
        }
        who = compat.current_user(probe_for(user, probe_scenario))
        assert (who.username, who.is_staff, who.role) == (user.username, staff, role)


def test_studio_user_service_carries_no_staff_flags(probe_scenario, course_staff, make_user):
    """``load_services_for_studio`` builds ``DjangoXBlockUserService(user)``: defaults only."""
    admin = make_user("admin", global_staff=True)
    for user in (course_staff, admin):
        opt = attrs(user, probe_scenario, platform.STUDIO)
        assert opt[compat.ATTR_USER_IS_STAFF] is False
        assert opt[compat.ATTR_USER_IS_GLOBAL_STAFF] is False
        assert opt[compat.ATTR_USER_ROLE] == "student"
        assert opt[compat.ATTR_ANONYMOUS_USER_ID] is None
        assert compat.current_user(probe_for(user, probe_scenario, platform.STUDIO)).is_staff is False


def test_studio_permissions_say_who_authors(probe_scenario, learner, course_staff):
    assert compat.can_edit_content(probe_for(course_staff, probe_scenario, platform.STUDIO))
    assert not compat.can_edit_content(probe_for(learner, probe_scenario, platform.STUDIO))
    # The LMS offers no studio_user_permissions: nobody edits authored content there.
    assert not compat.can_edit_content(probe_for(course_staff, probe_scenario, platform.LMS))


def test_studio_preview_has_the_role_and_the_placeholder_anonymous_id(probe_scenario, course_staff):
    opt = attrs(course_staff, probe_scenario, platform.PREVIEW)
    assert opt[compat.ATTR_USER_ROLE] == "staff"
    assert opt[compat.ATTR_ANONYMOUS_USER_ID] == "student"
    assert opt[compat.ATTR_USER_IS_STAFF] is False


def test_anonymous_user_gets_only_two_attributes(probe_scenario):
    assert attrs(AnonymousUser(), probe_scenario) == {
        compat.ATTR_IS_AUTHENTICATED: False,
        compat.ATTR_REQUEST_COUNTRY_CODE: None,
    }
    who = compat.current_user(probe_for(AnonymousUser(), probe_scenario))
    assert not who.is_authenticated and not who.is_staff and who.user_id is None


def test_only_course_staff_may_look_up_anonymous_ids(probe_scenario, learner, course_staff):
    for user, expected in [
        (learner, None),
        (course_staff, md5(settings.SECRET_KEY, str(learner.pk), COURSE)),
    ]:
        block = probe_for(user, probe_scenario)
        service = block.runtime.service(block, "user")
        assert service.get_anonymous_user_id(learner.username, COURSE) == expected


def test_anonymous_ids_differ_per_user_and_course(learner, course_staff):
    anon = platform.anonymous_id_for_user
    assert anon(learner, COURSE) != anon(course_staff, COURSE)
    assert anon(learner, COURSE) != anon(learner, COURSE + "x")
    assert len(anon(learner, COURSE)) == 32
    assert anon(AnonymousUser(), COURSE) is None


def test_handler_urls_have_the_platform_shapes(probe_scenario, learner, course_staff):
    usage = get_scenarios()[probe_scenario].usage_id
    lms = probe_for(learner, probe_scenario)
    assert lms.runtime.handler_url(lms, "whoami") == f"/courses/{COURSE}/xblock/{usage}/handler/whoami"
    assert lms.runtime.handler_url(lms, "whoami", "a/b", "x=1") == (
        f"/courses/{COURSE}/xblock/{usage}/handler/whoami/a/b?x=1"
    )
    assert lms.runtime.handler_url(lms, "whoami", thirdparty=True) == (
        f"{settings.LMS_ROOT_URL}/courses/{COURSE}/xblock/{usage}/handler_noauth/whoami"
    )
    studio = probe_for(course_staff, probe_scenario, platform.STUDIO)
    assert studio.runtime.handler_url(studio, "whoami") == f"/xblock/{usage}/handler/whoami"
    with pytest.raises(NotImplementedError):
        studio.runtime.handler_url(studio, "whoami", thirdparty=True)
    preview = probe_for(course_staff, probe_scenario, platform.PREVIEW)
    assert preview.runtime.handler_url(preview, "whoami") == f"/preview/xblock/{usage}/handler/whoami"
    with pytest.raises(ValueError, match="not a handler"):
        lms.runtime.handler_url(lms, "student_view")


def test_studio_keeps_only_an_authors_changes(client, probe_scenario, learner, course_staff):
    """``component_handler`` runs anyone's request but saves only a course author's changes."""
    for user, expected_calls in [(learner, [1, 1]), (course_staff, [1, 2])]:
        client.force_login(user)
        url = whoami_url(user, probe_scenario, platform.STUDIO)
        calls = [client.post(url, "{}", content_type="application/json").json()["calls"] for _ in range(2)]
        assert calls == expected_calls


def test_studio_handlers_need_a_signed_in_user(client, probe_scenario, course_staff):
    response = client.post(whoami_url(course_staff, probe_scenario, platform.STUDIO), "{}", content_type="x")
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_blocks_get_the_configured_course_and_keep_their_due_date(probe_scenario, learner):
    block = probe_for(learner, probe_scenario)
    block.runtime.render(block, "student_view")
    assert compat.course_key_string(block) == COURSE
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
    assert last["context"]["course_id"] == COURSE
    assert last["event"] == {"value": 3, "max_value": 4}


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
