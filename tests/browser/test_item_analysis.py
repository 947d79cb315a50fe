"""Item analysis end to end (issue 16): a cohort takes the pre- and post-test on the dev LMS over HTTP;
the course team reads the item analysis under the assessment in Chromium; the companion syncs from
that LMS and an evaluator reads the assessment-items page. Every page in Indonesian, checked with
axe-core, and at phone width (390 px) without sideways scrolling.
"""

import json
import random
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from dev.demo import digital_skills as demo
from tests.support import servers
from tests.support.browser import axe_violations, screenshot, sign_in
from xblocks.digital_skills.resources import STARTER_BANK

pytestmark = pytest.mark.browser
PASSWORD = "kata-sandi-uji-123"
CLIENT = ("bina-companion-butir", "rahasia-butir-0123456789")
PRE, POST = "bina_digital_skills.0", "bina_digital_skills.1"
COHORT = [username for username, _name in demo.SYNTHETIC_LEARNERS]
BANK = {item["id"]: item for item in STARTER_BANK}
PHONE = {"width": 390, "height": 844}


def no_sideways_scroll(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    with servers.dev_lms(tmp_path_factory.mktemp("lms-items")) as server:
        users = [["manage_user", name, f"{name}@contoh.go.id", "--password-env", "PW"] for name in COHORT]
        staff = ["manage_user", "pelatih", "pelatih@contoh.go.id", "--group", "course_staff"]
        server.batch(
            [
                *users,
                [*staff, "--password-env", "PW"],
                ["manage_user", "bina_companion", "svc@localhost", "--staff"],
                ["create_dot_application", "bina-companion", "bina_companion",
                 f"--client-id={CLIENT[0]}", f"--client-secret={CLIENT[1]}"],
                ["enroll", *COHORT],
            ],
            extra_env={"PW": PASSWORD},
        )  # fmt: skip

        def take(index_name):
            index, username = index_name
            rng = random.Random(f"butir-{username}")  # noqa: S311 - synthetic answers
            ability = {pillar: 0.3 + 0.04 * index + rng.uniform(-0.05, 0.05) for pillar in demo.BASE_ABILITY}
            learner = demo.Learner(server.url, username, PASSWORD)
            demo.take(learner, PRE, ability, rng, BANK)
            demo.take(learner, POST, {p: min(v + 0.25, 0.97) for p, v in ability.items()}, rng, BANK)

        take((0, COHORT[0]))  # alone first: the workbench loads its scenarios on the first request
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(take, list(enumerate(COHORT))[1:]))
        yield server


def show_analysis(page):
    page.get_by_role("button", name="Tampilkan analisis butir soal").click()
    page.wait_for_selector(".bina-ds__table--staff")


def test_the_course_team_reads_the_item_analysis(lms, page):
    sign_in(page, lms.url, "pelatih", PASSWORD)
    page.goto(f"{lms.url}/scenario/{PRE}/")
    panel = page.locator(".bina-ds__staff")
    assert "Analisis butir soal (khusus tim pengajar)" in panel.inner_text()
    show_analysis(page)
    text = panel.inner_text()
    assert "Bentuk A" in text and "Bentuk B" in text
    assert "percobaan pertama; reliabilitas (KR-20" in text or "reliabilitas (alfa Cronbach)" in text
    assert page.locator(".bina-ds__table--staff tbody tr").count() == 104  # 52 knowledge items a form
    assert "kunci" in text
    assert axe_violations(page) == []
    panel.scroll_into_view_if_needed()
    screenshot(page, "assessment-staff-item-analysis")

    page.goto(f"{lms.url}/scenario/{POST}/")
    show_analysis(page)
    gain = page.locator(".bina-ds__staff-gain").inner_text()
    assert "Peningkatan angkatan kursus (kunci pasangan literasi-digital-2026)" in gain
    assert "Semua pilar" in gain and f"{len(COHORT)}" in gain
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh sebagai CSV").click()
    rows = download.value.path().read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("form;item;type") and len(rows) == 105  # ; for Excel in Indonesian


def test_learners_see_no_analysis(lms, page):
    sign_in(page, lms.url, COHORT[0], PASSWORD)
    page.goto(f"{lms.url}/scenario/{PRE}/")
    page.wait_for_selector(".bina-ds__results")
    assert page.locator(".bina-ds__staff").count() == 0


def test_the_pages_fit_a_phone_in_indonesian(lms, browser):
    context = browser.new_context(viewport=PHONE, locale="id-ID", timezone_id="Asia/Jakarta")
    page = context.new_page()
    try:
        # The learner's post-test results: the pillar table with pre, gain and g used to widen the page.
        sign_in(page, lms.url, COHORT[-1], PASSWORD)
        page.goto(f"{lms.url}/scenario/{POST}/")
        page.wait_for_selector(".bina-ds__results")
        assert "Bentuk" in page.locator(".bina-ds__results").inner_text()
        assert no_sideways_scroll(page) <= 0
        assert axe_violations(page) == []
        page.locator(".bina-ds__scroll").first.scroll_into_view_if_needed()
        screenshot(page, "assessment-post-test-results-phone")
        # The course team's analysis on a phone.
        context.clear_cookies()
        sign_in(page, lms.url, "pelatih", PASSWORD)
        page.goto(f"{lms.url}/scenario/{POST}/")
        show_analysis(page)
        assert no_sideways_scroll(page) <= 0
        assert axe_violations(page) == []
    finally:
        context.close()


@pytest.fixture(scope="module")
def companion(tmp_path_factory, lms):
    folder = tmp_path_factory.mktemp("companion-items")
    with servers.companion(folder) as server:
        server.batch(
            [
                ["manage_user", "eva", "eva@contoh.go.id", "--role", "evaluator", "--password-env", "PW"],
                ["lms-connection", "Dev LMS", "--url", lms.url, f"--client-id={CLIENT[0]}",
                 "--secret-env", "S", "--test"],
            ],
            extra_env={"PW": PASSWORD, "S": CLIENT[1]},
        )  # fmt: skip
        result = subprocess.run(
            [*server.manage, "sync", "--json"],
            env=server.env,
            capture_output=True,
            text=True,
            check=False,
            cwd=servers.REPO,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert json.loads(result.stdout)["status"] == "ok"
        yield server


def test_an_evaluator_reads_the_assessment_items_page(companion, page, browser):
    sign_in(page, companion.url, "eva", PASSWORD)
    page.goto(companion.url + "/evaluasi/butir-soal/")
    assert page.locator("h1").inner_text() == "Butir soal asesmen"
    text = page.locator("main").inner_text()
    assert "Bentuk asesmen" in text and "Peningkatan angkatan" in text
    assert "Asesmen literasi digital (pra-pelatihan)" in text
    assert page.locator("#items-items-caption").count() == 1
    assert axe_violations(page) == []
    screenshot(page, "evaluation-assessment-items")
    with page.expect_download() as download:
        page.locator("a[href^='/evaluasi/unduh/items/forms.csv'][href$='sep=semicolon']").click()
    forms = download.value.path().read_text(encoding="utf-8-sig").splitlines()
    assert len(forms) == 5  # header + pre and post, forms A and B

    context = browser.new_context(viewport=PHONE, locale="id-ID")
    phone = context.new_page()
    try:
        sign_in(phone, companion.url, "eva", PASSWORD)
        phone.goto(companion.url + "/evaluasi/butir-soal/")
        assert no_sideways_scroll(phone) <= 0
    finally:
        context.close()
