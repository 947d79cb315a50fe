"""Every editor and form shows all its errors after one save, each on its field (issue 17).

In Chromium at phone width (390 px), in Indonesian: the assessment editor, the innovation editor and
the learner's idea form each get several faults, are saved once, and show every fault next to its
field (``aria-invalid`` and the message in ``aria-describedby``), with the summary focused; axe
finds nothing serious.
"""

from __future__ import annotations

import pytest

from tests.support import servers
from tests.support.browser import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser
PASSWORD = "kata-sandi-uji-123"
ASSESSMENT = "/scenario/bina_digital_skills.0/studio_view/"
INNOVATION = "/scenario/bina_innovation.0/"


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    with servers.dev_lms(tmp_path_factory.mktemp("lms")) as server:
        server.batch(
            [
                ["manage_user", name, f"{name}@contoh.go.id", *extra, "--password-env", "PW"]
                for name, extra in (("ani", []), ("pelatih", ["--group", "course_staff"]))
            ],
            extra_env={"PW": PASSWORD},
        )
        server.command("import-units", str(servers.city_units_file(tmp_path_factory.mktemp("units"))))
        yield server


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        locale="id-ID", timezone_id="Asia/Jakarta", viewport={"width": 390, "height": 844}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def described_error(page, locator) -> str:
    """The field-error text an input is described by (what a screen reader reads with it)."""
    assert locator.get_attribute("aria-invalid") == "true"
    return page.evaluate(
        """(el) => (el.getAttribute('aria-describedby') || '').split(' ')
            .map((id) => document.getElementById(id)).filter((n) => n && /error/.test(n.className))
            .map((n) => n.textContent).join(' ')""",
        locator.element_handle(),
    )


def test_the_assessment_editor_marks_every_fault_after_one_save(lms, phone):
    page = phone
    sign_in(page, lms.url, "pelatih", PASSWORD)
    page.goto(lms.url + ASSESSMENT)
    page.wait_for_selector(".bina-ds__bank-list li")
    page.get_by_label("Batas lulus", exact=True).fill("120")
    page.get_by_label("Soal per pilar", exact=True).fill("13")
    first = page.locator(".bina-ds__bank-item").first
    first.locator("summary").click()
    first.get_by_label("Teks pertanyaan").fill("")
    page.get_by_role("button", name="Simpan", exact=True).click()
    summary = page.locator(".bina-ds__messages [role='alert']")
    summary.wait_for()
    text = summary.inner_text()
    assert "Batas lulus" in text and "Soal 1" in text
    threshold = page.get_by_label("Batas lulus", exact=True)
    assert "0 sampai 100" in described_error(page, threshold)
    draw = page.get_by_label("Soal per pilar", exact=True)
    assert "12 soal" in described_error(page, draw)
    first = page.locator(".bina-ds__bank-item").first
    assert first.locator("details").get_attribute("open") is not None  # opened to show its problem
    assert "teks pertanyaan" in described_error(page, first.get_by_label("Teks pertanyaan")).lower()
    assert axe_violations(page) == []
    screenshot(page, "assessment-studio-errors")


def test_the_innovation_editor_marks_every_fault_after_one_save(lms, phone):
    page = phone
    sign_in(page, lms.url, "pelatih", PASSWORD)
    page.goto(lms.url + INNOVATION + "studio_view/")
    page.locator(".bi-studio-form").wait_for()
    page.get_by_label("Nama tampilan").fill("")
    page.locator(".bi-criterion-row").first.locator('[name="code"]').fill("A!")
    page.locator(".bi-criterion-row").first.locator('[name="weight"]').fill("25")
    page.locator("textarea[name='jury']").fill("siti DINAS_X")
    page.get_by_role("button", name="Simpan").click()
    errors = page.locator(".bi-form-errors")
    errors.wait_for()
    assert page.evaluate("document.activeElement.classList.contains('bi-form-errors')")
    assert "nama tampilan" in described_error(page, page.get_by_label("Nama tampilan")).lower()
    code = page.locator(".bi-criterion-row").first.locator('[name="code"]')
    assert "Kriteria rubrik 1" in described_error(page, code)
    assert "DINAS_X" in described_error(page, page.locator("textarea[name='jury']"))
    assert "harus 100" in page.locator(".bi-rubric + .bi-field-error").inner_text()
    assert axe_violations(page) == []


def test_the_idea_form_marks_every_fault_after_one_submit(lms, phone):
    page = phone
    sign_in(page, lms.url, "ani", PASSWORD)
    page.goto(lms.url + INNOVATION)
    page.locator('[data-panel="gallery"] .bi-cards').wait_for()
    page.get_by_role("tab", name="Usulkan ide").click()
    page.get_by_label("Judul ide *").fill("Ide")
    page.get_by_label("Tautan bukti").fill("javascript:alert(1)")
    page.get_by_role("button", name="Ajukan ide").click()
    summary = page.locator(".bi-form-errors")
    summary.wait_for()
    assert "minimal 5 karakter" in described_error(page, page.get_by_label("Judul ide *"))
    assert "javascript:alert(1)" in described_error(page, page.get_by_label("Tautan bukti"))
    assert "Wajib diisi" in described_error(page, page.get_by_label("Kebaruan *"))
    assert "Wajib diisi" in described_error(page, page.get_by_label("Dampak yang diharapkan *"))
    assert axe_violations(page) == []
    screenshot(page, "innovation-form-errors")
