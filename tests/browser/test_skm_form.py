"""The public SKM survey in Chromium: answered with the keyboard only, a validation error keeps the
answers, large text on a small phone, and axe-core finds nothing serious on the survey and staff pages."""

import pytest

from tests.support import servers
from tests.support.browser import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser
PASSWORD = "kata-sandi-uji-123"
UNIT = "DUKCAPIL-LOKET"


def answers_file(folder):
    """A small spreadsheet of answers for the staff pages, imported as an evaluator would."""
    lines = ["tanggal;unit;layanan;U1;U2;U3;U4;U5;U6;U7;U8;U9;jenis_kelamin;usia;kritik_saran"]
    for day in range(1, 31):
        answers = ";".join(str(1 + (day * n) % 4) for n in range(1, 10))
        lines.append(
            f"2025-01-{day:02d};{UNIT};KTP-el;{answers};{'LP'[day % 2]};{20 + day};Saran nomor {day}"
        )
    path = folder / "jawaban.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def companion(tmp_path_factory):
    folder = tmp_path_factory.mktemp("companion-skm")
    with servers.companion(folder) as server:
        server.batch(
            [
                ["skm-unit", UNIT, "--name", "Loket Pelayanan Dukcapil", "--opd", "DISDUKCAPIL",
                 "--opd-name", "Dinas Kependudukan dan Pencatatan Sipil",
                 "--layanan", "KTP-el", "--layanan", "Kartu Keluarga"],
                ["import-skm", str(answers_file(folder))],
                ["skm-population", UNIT, "2025-Q1", "300"],
                ["manage_user", "siti", "siti@contoh.go.id", "--role", "evaluator", "--password-env", "PW"],
            ],
            extra_env={"PW": PASSWORD},
        )  # fmt: skip
        yield server


def focused(page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {tag: e.tagName, name: e.name || '', value: e.value || '', id: e.id || ''}; }"
    )


def tab_to(page, name: str, limit: int = 80) -> None:
    """Press Tab until the control called ``name`` has the focus (keyboard only, as a user would)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page)["name"] == name:
            return
    raise AssertionError(f"Tab never reached {name}")


def choose_radio(page, name: str, position: int) -> None:
    """Tab into a radio group (none chosen yet) and pick its ``position``-th option with Space and
    the arrow keys."""
    tab_to(page, name)
    page.keyboard.press("Space")
    for _ in range(position - 1):
        page.keyboard.press("ArrowDown")
    assert page.locator(f'input[name="{name}"]').nth(position - 1).is_checked()


def choose_option(page, name: str, steps: int) -> None:
    """Tab to a select and move down ``steps`` options with the arrow key."""
    tab_to(page, name)
    for _ in range(steps):
        page.keyboard.press("ArrowDown")


ANSWERS = {"U1": 4, "U2": 3, "U3": 2, "U4": 4, "U5": 3, "U6": 4, "U7": 4, "U8": 1, "U9": 3}


def fill_with_keyboard(page, skip=()):
    for code, value in ANSWERS.items():
        if code not in skip:
            choose_radio(page, code, value)
    choose_option(page, "layanan", 1)  # KTP-el
    choose_radio(page, "jenis_kelamin", 2)
    if "usia" not in skip:
        choose_option(page, "usia", 3)  # 30-39
    choose_option(page, "pendidikan", 3)  # SMA
    choose_option(page, "pekerjaan", 4)  # wirausaha
    tab_to(page, "petugas")
    page.keyboard.type("Bu Rina")
    tab_to(page, "kritik_saran")
    page.keyboard.type("Ruang tunggu panas, petugas ramah.")


def submit_with_keyboard(page):
    """From the last answer: the privacy notice's link (the consent line above the button), then
    the button."""
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "A"
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#privasi"
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "BUTTON"
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_answer_with_the_keyboard_only(companion, page):
    page.goto(f"{companion.url}/survei/{UNIT}/")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone, as citizens answer
    screenshot(page, "skm-public-form-phone")
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.locator("html").get_attribute("lang") == "id"
    assert axe_violations(page) == []
    fill_with_keyboard(page)
    submit_with_keyboard(page)
    assert page.url.endswith(f"/survei/{UNIT}/terima-kasih/#terima-kasih")
    assert page.locator("h1").inner_text() == "Terima kasih!"
    assert axe_violations(page) == []


def test_a_validation_error_keeps_the_answers(companion, page):
    page.goto(f"{companion.url}/survei/{UNIT}/")
    fill_with_keyboard(page, skip=("U3", "usia"))
    submit_with_keyboard(page)
    summary = page.locator("#kesalahan")
    assert "2 jawaban belum diisi" in summary.inner_text()
    assert page.url.endswith("#kesalahan")
    for code, value in ANSWERS.items():
        if code != "U3":
            assert page.locator(f'input[name="{code}"][value="{value}"]').is_checked(), code
    assert page.locator("#id_kritik_saran").input_value() == "Ruang tunggu panas, petugas ramah."
    assert page.locator("#id_petugas").input_value() == "Bu Rina"
    assert page.locator("#id_pendidikan").input_value() == "sma"
    assert axe_violations(page) == []
    # Follow the summary's first link with the keyboard, answer, and send again.
    summary.locator("a").first.focus()
    page.keyboard.press("Enter")
    choose_radio(page, "U3", 2)
    choose_option(page, "usia", 3)
    tab_to(page, "kritik_saran")
    submit_with_keyboard(page)
    assert page.locator("h1").inner_text() == "Terima kasih!"


def test_large_text_on_a_small_phone_does_not_overflow(companion, browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, device_scale_factor=2, locale="id-ID"
    )
    page = context.new_page()
    page.goto(f"{companion.url}/survei/{UNIT}/")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    option = page.locator('label[for="id_U1_0"]').bounding_box()
    assert option["height"] >= 44  # a finger-sized target
    context.close()


def test_staff_pages_pass_axe(companion, page):
    sign_in(page, companion.url, "siti", PASSWORD)
    for path in [
        "/skm/",
        f"/skm/unit/{UNIT}/",
        f"/skm/unit/{UNIT}/2025-Q1/",
        "/skm/impor/",
        "/skm/rtl/",
        f"/skm/unit/{UNIT}/poster/",
    ]:
        page.goto(companion.url + path)
        assert axe_violations(page) == [], path
        if path == f"/skm/unit/{UNIT}/2025-Q1/":
            screenshot(page, "skm-unit-period-report", full_page=True)
