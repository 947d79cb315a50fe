"""The block kit on its own (ADR 0081): the handler decorator's checks in their order, the one error
shape, the audiences read from the platform's services, the JavaScript catalog lookup."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from opaque_keys.edx.locator import BlockUsageLocator
from webob import Request, Response
from xblock.core import XBlock
from xblock.fields import Integer, Scope, ScopeIds

from dev.lms import platform
from dev.lms.course import DevCourse
from xblocks.common import i18n
from xblocks.common.base import BinaBlockMixin
from xblocks.common.handlers import HandlerError, download_handler, handler
from xblocks.common.permissions import ANYONE, AUTHOR, COURSE_STAFF, LEARNER


class Refused(Exception):
    """A domain error the probe maps through ``handler_error``."""


class KitProbe(BinaBlockMixin, XBlock):
    """A block with one handler per audience."""

    calls = Integer(default=0, scope=Scope.user_state)
    handler_errors = (Refused,)

    def handler_error(self, error):
        return HandlerError(409, "refused", code="domain", problems=["one", "two"])

    @handler(audience=ANYONE)
    def anyone(self, data, suffix=""):
        return {"data": data, "suffix": suffix}

    @handler(audience=LEARNER, rate=("kit-probe", 2, 60))
    def learner(self, data, suffix=""):
        self.calls += 1
        if data.get("refuse"):
            raise Refused()
        if data.get("fail"):
            raise HandlerError(400, "bad field", fields={"x": {"label": "X", "messages": ["wrong"]}})
        return {"calls": self.calls}

    @handler(audience=COURSE_STAFF)
    def staff(self, data, suffix=""):
        return {"ok": True}

    @handler(audience=AUTHOR, max_bytes=100)
    def author(self, data, suffix=""):
        return {"ok": True}

    @download_handler(audience=LEARNER)
    def download(self, request, suffix=""):
        return Response(body=b"a,b\n", content_type="text/csv")


def call(course, user, name, body=b"{}", method="POST", flavour=platform.LMS):
    runtime = course.runtime(user, flavour)
    usage = BlockUsageLocator(course.key, "kit_probe", "probe")
    block = runtime.construct_xblock_from_class(KitProbe, ScopeIds(None, "kit_probe", usage, usage))
    request = Request.blank("/", method=method, body=body, content_type="application/json")
    with translation.override("en"):
        response = runtime.handle(block, name, request, "")
    payload = json.loads(response.body) if response.content_type == "application/json" else response.body
    return response.status_code, payload


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit windows live in the cache, which outlives a test's database."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def course():
    return DevCourse("course-v1:KotaSibolga+KIT+2026")


def test_audiences_come_from_the_platforms_services(course, learner, course_staff):
    assert call(course, AnonymousUser(), "learner")[1] == {
        "error": "Please sign in first.",
        "code": "sign_in",
    }
    assert call(course, learner, "learner")[0] == 200
    assert call(course, learner, "staff") == (
        403,
        {"error": "Only the course team may do this.", "code": "staff_only"},
    )
    assert call(course, course_staff, "staff")[0] == 200
    # In the LMS nobody authors; in Studio the course team does and a learner does not.
    assert call(course, course_staff, "author")[1]["code"] == "author_only"
    assert call(course, course_staff, "author", flavour=platform.STUDIO)[0] == 200
    assert call(course, learner, "author", flavour=platform.STUDIO)[0] == 403
    # Studio's user service has no staff flag: the course team is no "course staff" there.
    assert call(course, course_staff, "staff", flavour=platform.STUDIO)[0] == 403


def test_the_checks_run_in_order_with_one_error_shape(course, learner, course_staff):
    assert call(course, learner, "anyone", method="GET")[1]["code"] == "method_not_allowed"
    assert call(course, learner, "anyone", method="GET")[0] == 405
    big = json.dumps({"x": "y" * 200}).encode()
    assert call(course, course_staff, "author", big, flavour=platform.STUDIO) == (
        413,
        {"error": "The request is too large.", "code": "too_large"},
    )
    assert call(course, learner, "anyone", b"{not json")[1]["code"] == "bad_request"
    assert call(course, learner, "anyone", b"[1, 2]")[0] == 400
    assert call(course, learner, "anyone", b'{"a": 1}')[1] == {"data": {"a": 1}, "suffix": ""}
    assert call(course, learner, "learner", b'{"fail": true}') == (
        400,
        {"error": "bad field", "code": "bad_request", "fields": {"x": {"label": "X", "messages": ["wrong"]}}},
    )
    assert call(course, learner, "learner", b'{"refuse": true}') == (
        409,
        {"error": "refused", "code": "domain", "problems": ["one", "two"]},
    )


def test_the_rate_limit_counts_per_asker_and_block(course, learner, make_user):
    statuses = [call(course, learner, "learner")[0] for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert call(course, learner, "learner")[1]["code"] == "rate_limited"
    assert call(course, make_user("budi"), "learner")[0] == 200


def test_downloads_check_the_asker_and_answer_the_file(course, learner):
    assert call(course, AnonymousUser(), "download", method="GET")[0] == 403
    assert call(course, learner, "download", method="GET") == (200, b"a,b\n")


def test_the_js_catalog_follows_the_active_language(course, learner):
    from xblocks.digital_skills.block import DigitalSkillsBlock

    assert i18n.language_codes("pt-br") == ["pt_BR", "pt-br", "pt"]
    runtime = course.runtime(learner)
    usage = BlockUsageLocator(course.key, "bina_digital_skills", "x")
    block = runtime.construct_xblock_from_class(
        DigitalSkillsBlock, ScopeIds(None, "bina_digital_skills", usage, usage)
    )
    with translation.override("id"):
        assert i18n.js_catalog_path(block) == "static/js/translations/id/text.js"
    with translation.override("fr"):
        assert i18n.js_catalog_path(block) is None
