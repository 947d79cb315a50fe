"""Fixtures for the assessment block on the dev LMS: scenarios, learners talking to handlers."""

import json
import re
from itertools import count
from xml.sax.saxutils import quoteattr

import pytest
from workbench.scenarios import add_xml_scenario, get_scenarios, remove_scenario

from dev.handler_urls import handler_url
from dev.lms.runtime import DevLmsRuntime

PRE = "bina_digital_skills.0"
POST = "bina_digital_skills.1"
_numbers = count(1)
DATA_RE = re.compile(r'<script type="application/json" class="bina-ds__data">(.*?)</script>', re.S)


class Taker:
    """A signed-in learner (or staff member) using one assessment block through HTTP."""

    def __init__(self, client, user, scenario_id, language):
        self.client, self.user, self.scenario_id = client, user, scenario_id
        self.usage_id = get_scenarios()[scenario_id].usage_id
        # The tests read messages by their English ids; test_translations checks Indonesian.
        client.cookies["django_language"] = language

    def url(self, handler, suffix=""):
        return handler_url(self.usage_id, handler, suffix)

    def call(self, handler, payload=None, raw=None):
        self.client.force_login(self.user)
        body = raw if raw is not None else json.dumps(payload if payload is not None else {})
        return self.client.post(self.url(handler), body, content_type="application/json")

    def view_state(self, view="student_view"):
        self.client.force_login(self.user)
        suffix = "" if view == "student_view" else f"{view}/"
        response = self.client.get(f"/scenario/{self.scenario_id}/{suffix}")
        assert response.status_code == 200, response.content[:500]
        return json.loads(DATA_RE.search(response.content.decode()).group(1))

    def block(self):
        return DevLmsRuntime(self.user).get_block(self.usage_id)

    def start(self):
        response = self.call("start_attempt")
        assert response.status_code == 200, response.content
        return response.json()

    def items_by_id(self):
        return {item["id"]: item for item in self.block().bank}

    def answers(self, drawn_ids, correct_ids=()):
        """Correct answers for ``correct_ids``, a wrong (or lowest) option for the other drawn items."""
        bank = self.items_by_id()
        result = {}
        for item_id in drawn_ids:
            item = bank[item_id]
            if item["type"] == "likert":
                chosen = [item["options"][-1 if item_id in correct_ids else 0]["id"]]
            elif item_id in correct_ids:
                chosen = [option["id"] for option in item["options"] if option["correct"]]
            else:
                chosen = [next(option["id"] for option in item["options"] if not option["correct"])]
            result[item_id] = chosen
        return result


@pytest.fixture
def service_token(client, make_user):
    """The companion's service user signed in with a JWT (client-credentials grant)."""
    from django.core.management import call_command

    from ..test_plugin_api_auth import get_jwt

    make_user("bina_companion", global_staff=True)
    call_command(
        "create_dot_application",
        "bina-companion",
        "bina_companion",
        "--client-id",
        "cid",
        "--client-secret",
        "s",
    )
    return {"HTTP_AUTHORIZATION": "JWT " + get_jwt(client, "cid", "s")["access_token"]}


@pytest.fixture(autouse=True)
def _forget_recorded_banks():
    """Each test has a fresh database: forget which bank snapshots this process wrote."""
    from xblocks.bina_asn.assessment import reports
    from xblocks.digital_skills import staff

    reports._saved_digests.clear()
    staff._recorded.clear()
    yield


@pytest.fixture
def taker(client, scenarios):
    def make(user, scenario_id=PRE, language="en"):
        return Taker(client, user, scenario_id, language)

    return make


@pytest.fixture
def scenario(scenarios):
    """Add a scenario with given block attributes for one test; yields a function returning its id."""
    added = []

    def make(**attributes):
        number = next(_numbers)
        scenario_id = f"bina_digital_skills_test.{number}"
        attrs = " ".join(
            f"{key}={quoteattr(value if isinstance(value, str) else json.dumps(value))}"
            for key, value in attributes.items()
        )
        add_xml_scenario(scenario_id, f"Uji asesmen {number}", f"<bina_digital_skills {attrs}/>")
        added.append(scenario_id)
        return scenario_id

    yield make
    for scenario_id in added:
        remove_scenario(scenario_id)
