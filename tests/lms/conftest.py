"""Fixtures for tests on the dev LMS (settings: dev.lms.settings)."""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from dev.lms.platform import COURSE_STAFF_GROUP

PASSWORD = "kata-sandi-uji-123"


@pytest.fixture
def scenarios(db):
    """Load the workbench scenarios into this test's database (their content lives in the DB)."""
    from workbench.scenarios import get_scenarios, init_scenarios

    init_scenarios()
    return get_scenarios()


PROBE_SCENARIO = "bina_probe.0"


@pytest.fixture
def probe_scenario(scenarios):
    """A scenario holding the test-only ``ProbeBlock``; yields its scenario id."""
    from workbench.scenarios import add_xml_scenario, remove_scenario
    from xblock import plugin as xblock_plugin
    from xblock.core import XBlock

    from tests.lms.probe import ProbeBlock

    # XBlock.register_temp_plugin only decorates functions; this is the same mechanism for a fixture.
    entry_point = SimpleNamespace(
        name="bina_probe", dist=SimpleNamespace(key="tests"), group="xblock.v1", load=lambda: ProbeBlock
    )
    saved = list(XBlock.extra_entry_points)
    XBlock.extra_entry_points.append(("bina_probe", entry_point))
    xblock_plugin.PLUGIN_CACHE = {}
    try:
        add_xml_scenario(PROBE_SCENARIO, "Probe unit", "<bina_probe/>")
        yield PROBE_SCENARIO
        remove_scenario(PROBE_SCENARIO)
    finally:
        XBlock.extra_entry_points = saved
        xblock_plugin.PLUGIN_CACHE = {}


@pytest.fixture
def make_user(db):
    """Create users: learners by default, course staff, global staff or the service user on request."""

    def make(username, *, course_staff=False, global_staff=False, email=None):
        user = get_user_model().objects.create_user(
            username=username,
            email=email or f"{username}@contoh.go.id",
            password=PASSWORD,
            is_staff=global_staff,
        )
        if course_staff:
            user.groups.add(Group.objects.get_or_create(name=COURSE_STAFF_GROUP)[0])
        return user

    return make


@pytest.fixture
def learner(make_user):
    return make_user("ani")


@pytest.fixture
def course_staff(make_user):
    return make_user("pelatih", course_staff=True)
