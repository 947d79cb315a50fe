"""Chromium on the competition as ``make demo`` fills it: what the guides show, taken from real pages.

The demo's own step (``xblocks.innovation.demo.competition``: ideas, supports, comments, jury
scores, an answer, an accepted idea made a program, all through the block's handlers over HTTP)
runs against a fresh dev LMS; then each audience's page is checked and photographed for its guide.
"""

from types import SimpleNamespace

import pytest

from dev.demo import innovation as demo
from tests.support import servers
from tests.support.browser import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser


PASSWORD = "kata-sandi-uji-123"
PEOPLE = [
    ("ani", "Ani Siregar", []),
    ("budi", "Budi Hutagalung", []),
    ("citra", "Citra Nainggolan", []),
    ("dedi", "Dedi Simatupang", []),
    ("pelatih", "Pelatih BKPSDM", ["--group", "course_staff"]),
    ("juri_mitra", "Juri Mitra Swasta", []),
]
ANI_TITLE = demo.IDEAS["ani"]["title"]
CITRA_TITLE = demo.IDEAS["citra"]["title"]


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    with servers.dev_lms(tmp_path_factory.mktemp("lms")) as server:
        server.batch(
            [
                ["manage_user", username, f"{username}@contoh.go.id", "--full-name", name,
                 "--password-env", "PW", *extra]
                for username, name, extra in PEOPLE
            ],
            extra_env={"PW": PASSWORD},
        )  # fmt: skip
        units = servers.city_units_file(tmp_path_factory.mktemp("units"))
        server.command("import-units", str(units))  # the operator's step: the city's OPDs and units
        demo.competition(SimpleNamespace(lms_url=server.url, credentials={"password": PASSWORD}))
        yield server


def open_unit(page, lms, username):
    sign_in(page, lms.url, username, PASSWORD)
    page.goto(lms.url + demo.UNIT)
    page.locator('[data-panel="gallery"] .bi-cards').wait_for()


def open_idea(page, panel: str, title: str):
    page.locator(f'[data-panel="{panel}"] .bi-card').filter(has_text=title).locator(
        '[data-action="open"]'
    ).click()
    page.locator(".bi-detail h3").wait_for()


def test_the_gallery_lists_submitted_ideas_by_support(lms, page):
    open_unit(page, lms, "budi")
    titles = page.locator('[data-panel="gallery"] .bi-card-title').all_inner_texts()
    assert set(titles[:2]) == {ANI_TITLE, demo.IDEAS["budi"]["title"]}  # three supports each
    assert titles[2] == CITRA_TITLE  # one support
    assert set(titles) == {idea["title"] for idea in demo.IDEAS.values()}  # not dedi's draft
    assert demo.DRAFT["title"] not in page.content()
    assert axe_violations(page) == []
    screenshot(page, "innovation-gallery", full_page=True)


def test_the_proposer_reads_the_answer_and_the_program(lms, page):
    open_unit(page, lms, "ani")
    page.get_by_role("tab", name="Ide saya").click()
    open_idea(page, "mine", ANI_TITLE)
    assert "Antrean daring akan diuji coba" in page.locator(".bi-answer").inner_text()
    history = page.locator(".bi-history").inner_text()
    assert history.index("Diajukan") < history.index("Diterima") < history.index("Sudah diterapkan")
    assert axe_violations(page) == []
    screenshot(page, "innovation-idea-answer", full_page=True)


def test_the_jury_sees_the_rubric_and_their_score(lms, page):
    open_unit(page, lms, "juri_mitra")
    page.get_by_role("tab", name="Penilaian juri").click()
    page.get_by_label("Tampilkan", exact=True).select_option("all")
    open_idea(page, "jury", CITRA_TITLE)
    points = sum(demo.SCORES["juri_mitra"]["citra"])
    assert page.locator(".bi-criterion input:checked").count() == len(demo.SCORES["juri_mitra"]["citra"])
    assert sum(int(value) for value in page.locator(".bi-criterion input:checked").evaluate_all(
        "inputs => inputs.map(i => i.value)"
    )) == points  # fmt: skip
    assert axe_violations(page) == []
    screenshot(page, "innovation-jury-scoring", full_page=True)


def test_the_course_team_reviews_an_implemented_idea(lms, page):
    open_unit(page, lms, "pelatih")
    open_idea(page, "gallery", ANI_TITLE)
    assert page.locator(".bi-detail .bi-badge").inner_text() == "Sudah diterapkan"
    jury = page.locator('[data-slot="jury_rows"]').inner_text()
    assert "juri_mitra" in jury and "pelatih" in jury
    assert page.locator('[data-slot="program_kpi_target"]').inner_text() == demo.PROGRAM["kpi_target"]
    assert axe_violations(page) == []
    screenshot(page, "innovation-staff-review", full_page=True)
