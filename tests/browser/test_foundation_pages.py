"""Chromium on both servers: the dev LMS index, and the companion in Bahasa Indonesia then English."""

import pytest

from tests.support import servers
from tests.support.browser import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser
PASSWORD = "kata-sandi-uji-123"


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    with servers.dev_lms(tmp_path_factory.mktemp("lms")) as server:
        server.command(
            "manage_user",
            "ani",
            "ani@contoh.go.id",
            "--full-name",
            "Ani Siregar",
            "--password-env",
            "PW",
            extra_env={"PW": PASSWORD},
        )
        yield server


@pytest.fixture(scope="module")
def companion(tmp_path_factory):
    with servers.companion(tmp_path_factory.mktemp("companion")) as server:
        server.command(
            "manage_user",
            "siti",
            "siti@contoh.go.id",
            "--role",
            "evaluator",
            "--password-env",
            "PW",
            extra_env={"PW": PASSWORD},
        )
        yield server


def test_workbench_index_renders_for_a_learner(lms, page):
    sign_in(page, lms.url, "ani", PASSWORD)
    assert page.locator("h1").inner_text() == "Unit kursus"
    assert "Masuk sebagai ani" in page.locator("header").inner_text()
    screenshot(page, "dev-lms-course-units")
    assert axe_violations(page) == []


def test_companion_home_in_indonesian_then_english(companion, page):
    page.goto(companion.url + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert axe_violations(page) == []  # the sign-in page
    sign_in(page, companion.url, "siti", PASSWORD)
    assert page.locator("h1").inner_text() == "Selamat datang di Pendamping Bina ASN"
    assert axe_violations(page) == []
    # Switch language with the keyboard only: tab to the button and press Enter.
    button = page.get_by_role("button", name="English")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Welcome to the Bina ASN companion"
    assert axe_violations(page) == []


def test_skip_link_is_the_first_stop_for_keyboard_users(companion, page):
    page.goto(companion.url + "/login/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
