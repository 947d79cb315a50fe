"""The evaluators' dashboard in Chromium, on a small version of the demo city's story loaded through
the commands operators use (import-units, import-roster, import-skm, skm-population,
import-grade-report, course-credit, manage_user, evaluate --refresh).

Every page renders its charts as SVG and passes axe-core; the keyboard reaches the sections, the
filters and the downloads; the language switch works; CSV, XLSX and PDF downloads hold the numbers;
an OPD head reads only their OPD; the pages fit a phone.
"""

from __future__ import annotations

import csv
import io
import random

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dev.demo import city
from dev.demo import roster as demo_roster
from dev.demo import skm_data as skm_story
from dev.demo import training as demo_training
from tests.support import servers
from tests.support.browser import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser
PASSWORD = "kata-sandi-uji-123"
PAGES = [
    "/evaluasi/",
    "/evaluasi/opd/",
    "/evaluasi/opd/DISDUKCAPIL/",
    "/evaluasi/dampak/",
    "/evaluasi/jp/",
    "/evaluasi/inovasi/",
    "/evaluasi/mitra/",
    "/evaluasi/cakupan/",
    "/evaluasi/butir-soal/",
    "/evaluasi/metodologi/",
]


def load_story(server, folder) -> None:
    """The demo's story at a smaller scale: 400 ASN, a fifth of the survey answers, all grade reports."""
    units = folder / "units.csv"
    units.write_text(city.units_csv(), encoding="utf-8")
    people = demo_roster.roster(size=400)
    roster = folder / "roster.csv"
    roster.write_text(demo_roster.roster_csv(people), encoding="utf-8")
    commands = [["import-units", str(units)], ["import-roster", str(roster)]]
    for unit in skm_story.UNITS:
        commands.append(["skm-unit", unit.code, *[a for kind in unit.kinds for a in ("--layanan", kind)]])
    rng = random.Random(5)  # noqa: S311
    rows = [row for row in skm_story.rows() if rng.random() < 0.2]
    skm_story.write_csv(folder / "skm.csv", skm_story.HEADER, rows)
    users = skm_story.write_csv(
        folder / "users.csv", ["unit", "periode", "pengguna", "sumber"], skm_story.populations()
    )
    commands += [["import-skm", str(folder / "skm.csv")], ["skm-population", "--file", str(users)]]
    plan = demo_training.schedule(people)
    by_nip = {p.nip: p for p in people}
    for key, name, jp, channel in demo_training.COURSES:
        for index, quarter in enumerate(city.QUARTERS):
            text = demo_training.report_csv(plan[key], by_nip, index, demo_training.SEED)
            if text:
                path = folder / f"{key.split('+')[1]}-{index}.csv"
                path.write_text(text, encoding="utf-8")
                as_of = demo_training.report_date(quarter).isoformat()
                commands.append(["import-grade-report", str(path), "--course", key, "--as-of", as_of])
        commands.append(["course-credit", key, "--name", name, "--jp", str(jp), "--channel", channel])
    commands += [
        ["manage_user", "eva", "eva@contoh.go.id", "--role", "evaluator", "--password-env", "PW"],
        [
            "manage_user",
            "kadis",
            "kadis@contoh.go.id",
            "--role",
            "opd_head",
            "--opd",
            "DISDUKCAPIL",
            "--password-env",
            "PW",
        ],
    ]
    # One refresh at the end, as the demo does, not one per file.
    server.batch(commands, extra_env={"PW": PASSWORD, "COMPANION_EVALUATION_AUTO_REFRESH": "false"})
    server.command("evaluate", "--refresh")


@pytest.fixture(scope="module")
def companion(tmp_path_factory):
    folder = tmp_path_factory.mktemp("companion-evaluation")
    with servers.companion(folder) as server:
        load_story(server, folder)
        yield server


def charts_drawn(page) -> list[str]:
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.chart')).every(c => c.getAttribute('data-rendered'))",
        timeout=15_000,
    )
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('.chart')).map(c => c.getAttribute('data-rendered'))"
    )


# Pages shown in the evaluator guide (docs/evaluator/dashboard.rst).
GUIDE_SCREENSHOTS = {
    "/evaluasi/": "evaluation-scorecard",
    "/evaluasi/opd/DISDUKCAPIL/": "evaluation-opd",
    "/evaluasi/dampak/": "evaluation-impact",
}


def test_every_page_draws_its_charts_and_passes_axe(companion, page):
    sign_in(page, companion.url, "eva", PASSWORD)
    for path in PAGES:
        page.goto(companion.url + path)
        assert page.locator("html").get_attribute("lang") == "id"
        states = charts_drawn(page)
        assert all(state == "true" for state in states), (path, states)
        for chart in page.locator(".chart").all():
            # vega-embed labels the chart with the spec's description; each mark reads its values.
            assert chart.get_attribute("role") == "graphics-document", path
            assert chart.get_attribute("aria-label"), path
            assert chart.locator("svg [role=graphics-symbol][aria-label]").count() > 0, path
        assert axe_violations(page) == [], path
        if path in GUIDE_SCREENSHOTS:
            screenshot(page, GUIDE_SCREENSHOTS[path])
    page.goto(companion.url + "/evaluasi/dampak/")
    assert "Keterkaitan, bukan bukti sebab-akibat." in page.locator(".association").inner_text()


def focused(page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement; return {tag: e.tagName, text: (e.innerText || '').trim(),"
        " name: e.name || '', href: e.getAttribute('href') || ''}; }"
    )


def tab_until(page, test, limit=120) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focused(page)
        if test(state):
            return state
    raise AssertionError("the keyboard never reached it")


def test_keyboard_reaches_sections_filters_and_downloads(companion, page):
    sign_in(page, companion.url, "eva", PASSWORD)
    page.goto(companion.url + "/evaluasi/")
    # Sections of the evaluation, then the filters: choose the exact weighting and show.
    tab_until(page, lambda s: s["href"] == "/evaluasi/dampak/")
    tab_until(page, lambda s: s["name"] == "weighting")
    page.keyboard.press("ArrowDown")
    tab_until(page, lambda s: s["tag"] == "BUTTON" and s["text"] == "Tampilkan")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "weighting=exact" in page.url
    # A table's download link, reached and followed with the keyboard.
    tab_until(page, lambda s: s["href"].startswith("/evaluasi/unduh/scorecard/coverage.csv"))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    text = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Ukuran" and rows[4][0] == "Minimal 20 JP"
    # The scrollable tables can be focused (and so scrolled) with the keyboard.
    tab_until(page, lambda s: s["tag"] == "DIV")
    # Impact page by keyboard from the section menu.
    page.goto(companion.url + "/evaluasi/")
    tab_until(page, lambda s: s["href"] == "/evaluasi/dampak/")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text().startswith("Dampak")


def test_language_switch(companion, page):
    sign_in(page, companion.url, "eva", PASSWORD)
    page.goto(companion.url + "/evaluasi/dampak/")
    assert page.locator("h1").inner_text() == "Dampak: kepuasan masyarakat sebelum dan sesudah pelatihan"
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Impact: citizen satisfaction before and after training"
    assert "Association, not proof of cause." in page.locator(".association").inner_text()
    assert all(state == "true" for state in charts_drawn(page))
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Bahasa Indonesia").click()
    assert page.locator("html").get_attribute("lang") == "id"


def test_downloads_xlsx_and_pdf(companion, page):
    sign_in(page, companion.url, "eva", PASSWORD)
    page.goto(companion.url + "/evaluasi/dampak/")
    estimate = page.locator(".estimate strong").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh laporan dampak (PDF)").click()
    text = "\n".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
    assert "Keterkaitan, bukan bukti sebab-akibat." in text and estimate in text
    page.goto(companion.url + "/evaluasi/jp/")
    with page.expect_download() as download:
        page.locator("a[href^='/evaluasi/unduh/siasn-riwayat-kursus.xlsx']").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert header[:4] == ["nipBaru", "instansiId", "institusiPenyelenggara", "jenisDiklatId"]
    assert sheet.max_row > 10


def test_an_opd_head_reads_only_their_opd(companion, page):
    sign_in(page, companion.url, "kadis", PASSWORD)
    page.goto(companion.url + "/evaluasi/")
    assert "Dinas Kependudukan dan Pencatatan Sipil" in page.locator("h1").inner_text()
    page.goto(companion.url + "/evaluasi/opd/")
    assert page.url.endswith("/evaluasi/opd/DISDUKCAPIL/")
    assert page.goto(companion.url + "/evaluasi/opd/RSUD-FLT/").status == 404
    page.goto(companion.url + "/evaluasi/jp/")
    options = page.locator("select[name=opd] option").all_inner_texts()
    assert options[1:] == ["Dinas Kependudukan dan Pencatatan Sipil"]
    page.goto(companion.url + "/evaluasi/dampak/")
    codes = page.locator("#impact-units-caption").locator("xpath=..").locator("tbody tr th").all_inner_texts()
    assert codes and all("Layanan" in name for name in codes)  # the three Dukcapil counters only
    assert "RSUD" not in page.content() and "Puskesmas" not in page.content()
    assert axe_violations(page) == []
    screenshot(page, "evaluation-impact-opd-head")


def test_pages_fit_a_phone(companion, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = context.new_page()
    sign_in(page, companion.url, "eva", PASSWORD)
    for path in PAGES:
        page.goto(companion.url + path)
        charts_drawn(page)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
    context.close()


def test_impact_page_on_a_phone_says_what_the_data_can_carry(companion, browser):
    """At 390 px, in Indonesian: the training level, the interval or why there is none, the warnings
    and the minimum detectable effect are on the page and readable without sideways scrolling; the
    OPD level is one choice away."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = context.new_page()
    sign_in(page, companion.url, "eva", PASSWORD)
    page.goto(companion.url + "/evaluasi/dampak/")
    charts_drawn(page)
    text = page.locator("main").inner_text()
    assert "Tingkat pelatihan: unit layanan." in text
    assert "Interval 95%" in text or "Tidak ada interval." in text
    assert "Dampak minimum yang dapat dideteksi" in text
    if page.locator(".warnings").count():
        assert page.locator(".warnings li").count() >= 1 and page.locator(".warnings").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    page.locator(".estimate").scroll_into_view_if_needed()
    screenshot(page, "evaluation-impact-phone")
    page.select_option("select[name=level]", "opd")
    page.get_by_role("button", name="Tampilkan").click()
    charts_drawn(page)
    assert "Tingkat pelatihan: OPD." in page.locator("main").inner_text()
    assert "level=opd" in page.url
    assert axe_violations(page) == []
    context.close()
