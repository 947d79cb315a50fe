"""The digital-skills assessment in Chromium: pre- and post-test with the keyboard only, and Studio edits.

The learner never touches the mouse: Tab to reach each control, Space or the arrow keys to answer,
Enter to press buttons. The test reads the page (which items were drawn, in which order) to decide
what to answer and to compute the scores it then expects the results to show.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support import servers
from tests.support.browser import axe_violations, screenshot, sign_in
from xblocks.digital_skills.bankio import read_bank
from xblocks.digital_skills.scoring import normalised_gain, score_attempt

pytestmark = pytest.mark.browser
PASSWORD = "kata-sandi-uji-123"
PRE, POST = "bina_digital_skills.0", "bina_digital_skills.1"
BANK = {
    item["id"]: item
    for item in read_bank(
        (Path(__file__).parents[2] / "xblocks/digital_skills/bank/starter_bank_id.yaml").read_bytes(), "yaml"
    )
}


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    with servers.dev_lms(tmp_path_factory.mktemp("lms")) as server:
        server.batch(
            [
                ["manage_user", username, f"{username}@contoh.go.id", *extra, "--password-env", "PW"]
                for username, extra in (("ani", []), ("pelatih", ["--group", "course_staff"]))
            ],
            extra_env={"PW": PASSWORD},
        )
        yield server


def focused(page, script):
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {script}; }})()")


def tab_to(page, condition, limit=60):
    """Press Tab until the focused element satisfies the JS ``condition`` (on ``el``)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page, condition):
            return
    raise AssertionError(f"Tab never reached: {condition}")


def press_button(page, name):
    tab_to(page, f"el.tagName === 'BUTTON' && el.textContent.trim() === {name!r}")
    page.keyboard.press("Enter")


def answer_page(page, choose):
    """Answer every item on the page with the keyboard; ``choose(item, shown)`` picks option ids."""
    answers = {}
    for li in page.locator(".bina-ds__item").all():
        item_id = li.get_attribute("data-item-id")
        shown = li.locator("input").evaluate_all("inputs => inputs.map(input => input.value)")
        chosen = choose(BANK[item_id], shown)
        answers[item_id] = chosen
        kind = li.locator("input").first.get_attribute("type")
        if kind == "radio":
            target = shown.index(chosen[0])
            tab_to(page, f"el.type === 'radio' && el.closest('li').dataset.itemId === {item_id!r}")
            if target == 0:
                page.keyboard.press("Space")
            for _ in range(target):
                page.keyboard.press("ArrowDown")
        else:
            for option_id in chosen:
                tab_to(
                    page,
                    f"el.type === 'checkbox' && el.value === {option_id!r} "
                    f"&& el.closest('li').dataset.itemId === {item_id!r}",
                )
                page.keyboard.press("Space")
        checked = li.locator("input:checked").evaluate_all("inputs => inputs.map(input => input.value)")
        assert sorted(checked) == sorted(chosen), item_id
    return answers


def take(page, lms, scenario_id, choose):
    """Start, answer every page, submit and confirm, all with the keyboard; return the answers given."""
    page.goto(f"{lms.url}/scenario/{scenario_id}/")
    assert axe_violations(page) == []
    press_button(page, "Mulai asesmen")
    page.wait_for_selector(".bina-ds__items")
    assert axe_violations(page) == []
    answers = {}
    while True:
        answers.update(answer_page(page, choose))
        next_button = page.get_by_role("button", name="Soal berikutnya")
        if next_button.is_disabled():
            break
        press_button(page, "Soal berikutnya")
        page.wait_for_function("document.activeElement.classList.contains('bina-ds__page-title')")
    assert (
        page.locator(".bina-ds__progress-text").inner_text()
        == f"{len(answers)} dari {len(answers)} soal terjawab"
    )
    press_button(page, "Kirim jawaban")
    page.wait_for_selector("dialog[open]")
    assert focused(page, "el.textContent") == "Ya, kirim jawaban saya"
    count = len(answers)
    assert f"Anda sudah menjawab {count} dari {count} soal." in page.locator("dialog").inner_text()
    assert axe_violations(page) == []
    page.keyboard.press("Enter")
    page.wait_for_selector(".bina-ds__results")
    assert focused(page, "el.textContent") == "Hasil Anda"
    assert axe_violations(page) == []
    return answers


def first_shown(item, shown):
    return [shown[0]]


def correct(item, shown):
    if item["type"] == "likert":
        return [item["options"][-1]["id"]]
    return [option["id"] for option in item["options"] if option["correct"]]


def number(value):
    """A score as the page shows it in Indonesian (decimal comma, no trailing ,0)."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def pillar_rows(page):
    rows = {}
    for row in page.locator(".bina-ds__results table").first.locator("tbody tr").all():
        cells = [cell.inner_text() for cell in row.locator("th, td").all()]
        rows[cells[0]] = cells[1:]
    return rows


def test_pre_and_post_test_with_the_keyboard_only_show_the_gain(lms, page):
    sign_in(page, lms.url, "ani", PASSWORD)
    pre_answers = take(page, lms, PRE, first_shown)
    expected_pre = score_attempt([BANK[item_id] for item_id in pre_answers], pre_answers)
    summary = page.locator(".bina-ds__summary").inner_text()
    assert f"Skor keseluruhan: {number(expected_pre.score * 100)} dari 100" in summary
    rows = pillar_rows(page)
    assert rows["Aman Digital"][0] == number(expected_pre.pillar_scores["aman"])
    assert "setelah Anda mengirim post-test" in page.locator(".bina-ds__results").inner_text()

    post_answers = take(page, lms, POST, correct)
    # The other parallel form: no knowledge item comes back, only the self-ratings.
    shared = set(post_answers) & set(pre_answers)
    assert shared and all(BANK[item_id]["type"] == "likert" for item_id in shared)
    results = page.locator(".bina-ds__results").inner_text()
    assert "Skor keseluruhan: 100 dari 100" in results
    assert "Dibandingkan dengan pre-test Anda" in results
    rows = pillar_rows(page)
    names = {
        "cakap": "Cakap Digital",
        "etika": "Etika Digital",
        "aman": "Aman Digital",
        "budaya": "Budaya Digital",
    }
    for code, name in names.items():
        score, pre, gain, g, _reading = rows[name]  # no rescaled "index" column any more
        before = expected_pre.pillar_scores[code]
        assert score == "100"
        assert pre == number(before)
        assert gain == ("+" if before < 100 else "") + number(100 - before)
        assert g == (f"{normalised_gain(before, 100):.2f}".replace(".", ",") if before < 100 else "-")
    overall = normalised_gain(round(expected_pre.score * 100, 1), 100.0)
    assert re.search(rf"N-gain g = {overall:.2f}".replace(".", ","), results)
    assert "Pre-test Anda memakai bentuk" in results and "Penilaian diri Anda" in results
    page.locator(".bina-ds__results").scroll_into_view_if_needed()
    screenshot(page, "assessment-post-test-results")
    # The chart is there with the same numbers as the table, and the review of answers too.
    assert page.locator(".bina-ds__chart svg[role='img']").count() == 1
    assert page.locator(".bina-ds__review-item").count() == len(post_answers)

    # Back on the pre-test, the answers are now shown (after the post-test).
    page.goto(f"{lms.url}/scenario/{PRE}/")
    assert page.locator(".bina-ds__review-item").count() == len(pre_answers)


def test_progress_survives_a_reload(lms, browser):
    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta")
    page = context.new_page()
    try:
        servers_user = "budi"
        lms.command(
            "manage_user",
            servers_user,
            "budi@contoh.go.id",
            "--password-env",
            "PW",
            extra_env={"PW": PASSWORD},
        )
        sign_in(page, lms.url, servers_user, PASSWORD)
        page.goto(f"{lms.url}/scenario/{PRE}/")
        press_button(page, "Mulai asesmen")
        page.wait_for_selector(".bina-ds__items")
        first = page.locator(".bina-ds__item").first
        item_id = first.get_attribute("data-item-id")
        tab_to(page, "el.type === 'radio' || el.type === 'checkbox'")
        page.keyboard.press("Space")
        page.wait_for_function(
            "document.querySelector('.bina-ds__saved').textContent.startsWith('Jawaban tersimpan pada')"
        )
        page.reload()
        page.wait_for_selector(".bina-ds__items")
        assert page.locator(f"[data-item-id='{item_id}'] input:checked").count() == 1
        assert page.locator(".bina-ds__progress-text").inner_text() == "1 dari 60 soal terjawab"
    finally:
        context.close()


def open_editor(page, lms):
    sign_in(page, lms.url, "pelatih", PASSWORD)
    page.goto(f"{lms.url}/scenario/{PRE}/studio_view/")
    page.wait_for_selector(".bina-ds__bank-list li")


def test_studio_saves_a_valid_bank_and_refuses_an_invalid_one(lms, page):
    open_editor(page, lms)
    screenshot(page, "assessment-studio-editor")
    assert axe_violations(page) == []

    # Invalid: a draw larger than the pools, and a multiple-response item without a correct option.
    page.get_by_label("Soal per pilar").fill("13")
    item = page.locator(".bina-ds__bank-item").nth(10)  # cakap-a06, multiple response
    item.locator("summary").click()
    checked = item.locator("input[type='checkbox']:checked")
    expect(checked).to_have_count(2)  # the item's editor renders when it opens
    while checked.count():
        checked.first.uncheck()
    page.get_by_role("button", name="Simpan", exact=True).click()
    problems = page.locator(".bina-ds__messages [role='alert']")
    problems.wait_for()
    text = problems.inner_text()
    assert "Belum ada yang disimpan" in text
    assert "Soal 11 (cakap-a06): belum ada pilihan yang ditandai benar" in text
    assert "Etika Digital hanya memiliki 12 soal di bentuk A" in text
    assert axe_violations(page) == []
    page.reload()
    page.wait_for_selector(".bina-ds__bank-list li")
    assert page.get_by_label("Soal per pilar").input_value() == "0"

    # Valid: a new stem for the first item and a smaller draw.
    page.get_by_label("Soal per pilar").fill("8")
    first = page.locator(".bina-ds__bank-item").first
    first.locator("summary").click()
    assert first.get_by_label("Bentuk paralel").input_value() == "A"  # cakap-a01 belongs to form A
    first.get_by_label("Teks pertanyaan").fill(
        "Kata kunci pencarian mana yang paling tepat untuk dokumen resmi?"
    )
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_function("document.querySelector('.bina-ds__status').textContent === 'Tersimpan.'")
    page.reload()
    page.wait_for_selector(".bina-ds__bank-list li")
    assert page.get_by_label("Soal per pilar").input_value() == "8"
    assert (
        "Kata kunci pencarian mana yang paling tepat"
        in page.locator(".bina-ds__bank-item summary").first.inner_text()
    )


def test_studio_refuses_a_bad_bank_file_with_row_numbers(lms, page, tmp_path):
    open_editor(page, lms)
    bad = tmp_path / "bank.csv"
    bad.write_text(
        "id;pillar;level;stem;option_a;option_b;correct\n"
        "aman-90;aman;3;Soal pertama?;Ya;Tidak;a\n"
        "aman-91;aman;11;Soal kedua?;Ya;Tidak;c\n",
        encoding="utf-8",
    )
    before = page.locator(".bina-ds__bank-item").count()
    page.get_by_label("Berkas bank soal (CSV, JSON, atau YAML)").set_input_files(str(bad))
    problems = page.locator(".bina-ds__messages [role='alert']")
    problems.wait_for()
    text = problems.inner_text()
    assert "Berkas tidak diimpor" in text
    assert "Baris 3 (aman-91): level harus bilangan bulat dari 1 sampai 8" in text
    assert "Baris 3 (aman-91): pilihan c kosong tetapi diberi poin, pembahasan, atau ditandai benar" in text
    assert "Baris 2" not in text
    assert page.locator(".bina-ds__bank-item").count() == before
