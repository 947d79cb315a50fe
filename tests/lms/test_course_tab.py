"""The "JP saya" course tab: a dynamic ``openedx.course_tab`` plugin, listed the way the LMS lists
dynamic tabs (``lms/djangoapps/courseware/tabs.py`` ``_get_dynamic_tabs``), linking to the companion."""

from importlib.metadata import entry_points
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser

from dev.lms.course_tabs import dynamic_tabs
from xblocks.bina_asn.course_tab import JpSayaCourseTab

COURSE = "course-v1:KotaSibolga+ASN-DIGITAL+2026"


def test_the_tab_is_registered_under_the_lms_namespace():
    points = {point.name: point.load() for point in entry_points(group="openedx.course_tab")}
    assert points["bina_jp_saya"] is JpSayaCourseTab
    assert JpSayaCourseTab.is_dynamic and JpSayaCourseTab.type == "bina_jp_saya"


def test_signed_in_learners_get_a_link_to_jp_saya(settings, learner):
    settings.BINA_ASN_COMPANION_URL = "https://companion.belajar.sibolgakota.go.id/"
    assert dynamic_tabs(COURSE, learner) == [
        ("JP saya", "https://companion.belajar.sibolgakota.go.id/jp-saya/")
    ]
    assert dynamic_tabs(COURSE, AnonymousUser()) == []
    tab = JpSayaCourseTab({})
    assert tab.link_func(SimpleNamespace(id=COURSE), None).endswith("/jp-saya/")


def test_no_companion_address_no_tab(settings, learner):
    settings.BINA_ASN_COMPANION_URL = ""
    assert dynamic_tabs(COURSE, learner) == []


def test_the_course_pages_show_the_tab(settings, client, learner, scenarios):
    settings.BINA_ASN_COMPANION_URL = "http://127.0.0.1:8001"
    client.force_login(learner)
    page = client.get("/").content.decode()
    assert 'href="http://127.0.0.1:8001/jp-saya/"' in page and "JP saya" in page
