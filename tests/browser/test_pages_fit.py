"""Every page fits a phone (390 px) and a laptop (1366 px), in Indonesian: no element wider than the
viewport or cut by its box, a table wider than its box scrolls inside it with a visible cue and can
be reached and named by keyboard and screen-reader users, and a question of several lines stays
inside its box (``tests/support/overflow.py`` says what is checked).

One dev LMS and one companion, linked for sign-in as ``make demo`` links them, carry a small version
of the demo's story: the city's units and roster, survey answers, grade reports, the innovation
competition, a partner workshop with registrations, pre- and post-tests. Each person's pages are
visited at both widths: the learners', the course team's and the jury's block pages (student view,
Studio editor, Studio preview), the evaluators' dashboard, the SKM pages, the OPD head's
verification queue, and an ASN's "JP saya" pages. Hidden parts are opened first (every tab of a
block, every ``details``), and an assessment in progress shows its questions.
"""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from dev.demo import digital_skills as demo_assessment
from dev.demo import innovation as demo_innovation
from dev.demo import partner_workshop as demo_workshop
from dev.demo import skm_data as skm_story
from dev.demo.people import LMS_LEARNERS
from tests.browser.test_evaluation_pages import load_story
from tests.support import overflow, servers
from tests.support.browser import axe_violations, sign_in
from tests.support.pgcluster import free_port

pytestmark = pytest.mark.browser
PASSWORD = "kata-sandi-uji-123"
WIDTHS = (390, 1366)
SSO = ("bina-companion-sso-fit", "rahasia-sso-fit-0123456789")
UNIT = skm_story.UNITS[0].code
PERIOD = "2026-Q2"


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    port = free_port()
    tab = {"BINA_COMPANION_URL": f"http://127.0.0.1:{port}"}  # the "JP saya" course tab
    with servers.dev_lms(tmp_path_factory.mktemp("lms"), extra_env=tab) as server:
        server.companion_port = port
        people = [(u, n, e, []) for u, n, e in LMS_LEARNERS] + [
            ("pelatih", "Pelatih BKPSDM", "pelatih@contoh.go.id", ["--group", "course_staff"]),
            ("juri_mitra", "Juri Mitra Swasta", "juri@contoh-mitra.co.id", []),
            ("bina_companion", "Bina companion service", "svc@localhost", ["--staff"]),
        ]
        server.batch(
            [
                ["manage_user", username, email, "--full-name", name, "--password-env", "PW", *extra]
                for username, name, email, extra in people
            ],
            extra_env={"PW": PASSWORD},
        )
        units = servers.city_units_file(tmp_path_factory.mktemp("units"))
        server.command("import-units", str(units))
        server.command(
            "create_dot_application", "bina-companion-sso", "bina_companion",
            "--grant-type", "authorization-code",
            f"--redirect-uris=http://127.0.0.1:{port}/complete/edx-oauth2/", "--skip-authorization",
            "--scopes", "user_id", f"--client-id={SSO[0]}", f"--client-secret={SSO[1]}",
        )  # fmt: skip
        ctx = SimpleNamespace(
            lms_url=server.url,
            credentials={"password": PASSWORD},
            batch=lambda side, commands, secret_env=None: server.batch(commands, extra_env=secret_env),
        )
        demo_innovation.competition(ctx)
        demo_workshop.author(ctx)
        demo_workshop.today_session(ctx)
        demo_workshop.activity(ctx)
        take_assessments(ctx)
        yield server


def take_assessments(ctx) -> None:
    """budi takes both tests, citra the pre-test, dedi leaves the post-test in progress."""
    from xblocks.digital_skills.bankio import read_bank

    bank = {item["id"]: item for item in read_bank(demo_assessment.BANK.read_bytes(), "yaml")}
    for username, post, in_progress in demo_assessment.NAMED_PLAN:
        rng = random.Random(username)  # noqa: S311 - synthetic answers
        ability = dict.fromkeys(demo_assessment.BASE_ABILITY, 0.6)
        learner = demo_assessment.Learner(ctx.lms_url, username, PASSWORD)
        demo_assessment.take(learner, demo_assessment.PRE, ability, rng, bank)
        if post or in_progress:
            demo_assessment.take(learner, demo_assessment.POST, ability, rng, bank, submit=not in_progress)


@pytest.fixture(scope="module")
def companion(tmp_path_factory, lms):
    folder = tmp_path_factory.mktemp("companion")
    settings = {
        "COMPANION_LMS_URL": lms.url,
        "COMPANION_LMS_PUBLIC_URL": lms.url,
        "COMPANION_LMS_SSO_CLIENT_ID": SSO[0],
        "COMPANION_LMS_SSO_CLIENT_SECRET": SSO[1],
    }
    with servers.companion(folder, extra_env=settings, port=lms.companion_port) as server:
        load_story(server, folder, learners=LMS_LEARNERS)
        yield server


def report(found: dict) -> str:
    return "\n".join(f"{where}:\n  " + "\n  ".join(problems) for where, problems in found.items())


def open_everything(page) -> None:
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")


def examine(page) -> list[str]:
    """What does not fit, and what axe-core finds serious (scroll boxes included), on the page as it is."""
    found = overflow.problems(page)
    for v in axe_violations(page):
        found.append(f"axe {v['id']} ({v['impact']}): {v['help']} {v['targets'][:3]}")
    return found


def check(page, url: str, found: dict) -> None:
    """Visit ``url``, open what is folded, check; then each tab of the page in turn."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    open_everything(page)
    where = f"{page.viewport_size['width']} px {url}"
    problems = examine(page)
    tabs = page.locator("[role=tab]")
    for index in range(tabs.count()):
        tab = tabs.nth(index)
        if tab.is_visible():
            tab.click()
            page.wait_for_load_state("networkidle")
            open_everything(page)
            problems += [f"(tab {tab.inner_text().strip()}) {p}" for p in examine(page)]
    if problems:
        found[where] = sorted(set(problems))


def lms_pages(page, lms) -> list[str]:
    page.goto(lms.url + "/")
    links = page.eval_on_selector_all("main a[href^='/scenario/']", "links => links.map(a => a.href)")
    return [lms.url + "/", *sorted(set(links))]


@pytest.fixture
def context_at(browser):
    contexts = []

    def open_page(width):
        context = browser.new_context(
            locale="id-ID", timezone_id="Asia/Jakarta", viewport={"width": width, "height": 900}
        )
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_block_pages_fit_for_learners_the_course_team_and_the_jury(lms, context_at, width):
    found = {}
    for username in ("budi", "dedi", "pelatih", "juri_mitra"):
        page = context_at(width)
        sign_in(page, lms.url, username, PASSWORD)
        for url in lms_pages(page, lms):
            check(page, url, found)
        if username == "budi":  # the cases: the post-test's pillar table, the gallery's filters
            found.update(named_cases(page, lms, width))
        if username == "dedi":  # the post-test in progress: its questions on the page
            page.goto(f"{lms.url}/scenario/{demo_assessment.POST}/")
            page.locator(".bina-ds__question").first.wait_for()
            problems = examine(page)
            if problems:
                found[f"{width} px post-test questions"] = problems
    assert not found, report(found)


def within(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"] + 1


def named_cases(page, lms, width) -> dict:
    """The post-test's pillar table (577 px on a phone before) and the idea gallery's filters (550 px) are
    on the page, inside the viewport; the table's box is the one that scrolls."""
    found = {}
    page.goto(f"{lms.url}/scenario/{demo_assessment.POST}/")
    pillars = page.get_by_role("region", name="Skor per pilar")
    pillars.wait_for()
    if not within(page, pillars):
        found[f"{width} px post-test pillar table"] = ["its box is wider than the viewport"]
    page.goto(lms.url + demo_innovation.UNIT)
    page.get_by_role("tab", name="Galeri ide").click()
    filters = page.get_by_role("search", name="Cari dan saring ide")
    filters.wait_for()
    parts = filters.locator("input, select, button")
    if not all(within(page, parts.nth(i)) for i in range(parts.count())) or not within(page, filters):
        found[f"{width} px idea gallery filters"] = ["a filter is wider than the viewport"]
    return found


def companion_pages(companion) -> dict[str, list[str]]:
    evaluation = [
        "/evaluasi/", "/evaluasi/opd/", "/evaluasi/opd/DISDUKCAPIL/", "/evaluasi/dampak/",
        "/evaluasi/dampak/?level=opd", "/evaluasi/jp/", "/evaluasi/inovasi/", "/evaluasi/mitra/",
        "/evaluasi/cakupan/", "/evaluasi/butir-soal/", "/evaluasi/metodologi/",
    ]  # fmt: skip
    skm = [
        "/skm/", f"/skm/unit/{UNIT}/", f"/skm/unit/{UNIT}/{PERIOD}/", f"/skm/unit/{UNIT}/{PERIOD}/komentar/",
        f"/skm/unit/{UNIT}/poster/", "/skm/impor/", "/skm/impor/1/",
        "/skm/rtl/", "/skm/rtl/baru/", "/skm/unit-survei/", f"/skm/unit-survei/{UNIT}/",
    ]  # fmt: skip
    public = ["/survei/", f"/survei/{UNIT}/"]
    return {
        "eva": ["/", *evaluation, *skm],
        "kadis": ["/", "/evaluasi/", "/evaluasi/opd/DISDUKCAPIL/", "/evaluasi/jp/", "/verifikasi/"],
        None: public,
    }


def sign_in_as_asn(page, companion, lms, username) -> None:
    """An ASN signs in to the companion through the dev LMS (OAuth2), as in ``make demo``."""
    page.goto(companion.url + "/jp-saya/")
    page.get_by_role("button", name="Masuk dengan akun Open edX").click()
    page.wait_for_url(f"{lms.url}/login/**")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(companion.url + "/jp-saya/")


@pytest.mark.parametrize("width", WIDTHS)
def test_companion_pages_fit_for_evaluators_opd_heads_asn_and_citizens(companion, lms, context_at, width):
    found = {}
    for username, paths in companion_pages(companion).items():
        page = context_at(width)
        if username:
            sign_in(page, companion.url, username, PASSWORD)
        for path in paths:
            check(page, companion.url + path, found)
    page = context_at(width)
    sign_in_as_asn(page, companion, lms, "ani")
    for path in ("/jp-saya/", "/jp-saya/pelatihan-luar/baru/"):
        check(page, companion.url + path, found)
    assert not found, report(found)
