"""Chromium on the innovation competition: a learner proposes, colleagues support and comment, the jury
scores, staff answer, accept and mark the idea implemented. Script and HTML payloads render as text,
everything is done with the keyboard where a keyboard user would, and axe finds nothing serious.
"""

import csv
import io
from pathlib import Path

import pytest

from tests.support import servers
from tests.support.browser import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser


PASSWORD = "kata-sandi-uji-123"
UNIT = "/scenario/bina_innovation.0/"
SCRIPT_TITLE = "<script>window.__xss = 'title'</script>Antrean daring KTP-el"
IMG_PROBLEM = "<img src=x onerror=\"window.__xss='problem'\"> Warga antre sejak subuh."
COMMENT = (
    "<b onmouseover=\"window.__xss='comment'\">Setuju!</b> "
    + "<a href=\"javascript:window.__xss='link'\">klik</a>"
)


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    with servers.dev_lms(tmp_path_factory.mktemp("lms")) as server:
        people = [
            ("ani", "Ani Siregar", []),
            ("budi", "Budi Hutagalung", []),
            ("pelatih", "Pelatih BKPSDM", ["--group", "course_staff"]),
            ("juri_mitra", "Juri Mitra Swasta", []),
        ]
        server.batch(
            [
                ["manage_user", username, f"{username}@contoh.go.id", "--full-name", name,
                 "--password-env", "PW", *extra]
                for username, name, extra in people
            ],
            extra_env={"PW": PASSWORD},
        )  # fmt: skip
        units = servers.city_units_file(tmp_path_factory.mktemp("units"))
        server.command("import-units", str(units))  # the operator's step: the city's OPDs and units
        yield server


def open_unit(page, lms, username):
    sign_in(page, lms.url, username, PASSWORD)
    page.goto(lms.url + UNIT)
    page.locator('[data-panel="gallery"] .bi-cards').wait_for()


def no_script_ran(page):
    assert page.evaluate("window.__xss === undefined"), page.evaluate("window.__xss")
    assert page.locator(".bina-innovation img, .bina-innovation script:not([type])").count() == 0
    assert page.locator(".bina-innovation b, .bina-innovation a[href^='javascript']").count() == 0


def type_into(page, label, text):
    field = page.get_by_label(label, exact=True)
    field.focus()
    page.keyboard.type(text)


def test_a_learner_proposes_an_idea_with_the_keyboard(lms, page):
    open_unit(page, lms, "ani")
    assert axe_violations(page) == []
    # Tabs: arrow keys move between them (WAI-ARIA tabs).
    page.get_by_role("tab", name="Galeri ide").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.textContent") == "Usulkan ide"
    assert page.get_by_role("tab", name="Usulkan ide").get_attribute("aria-selected") == "true"

    type_into(page, "Judul ide *", SCRIPT_TITLE)
    page.get_by_label("OPD yang layanannya diperbaiki *").select_option("DISDUKCAPIL")
    type_into(page, "Layanan publik yang diperbaiki *", "Perekaman KTP-el")
    page.get_by_label("Kategori *").select_option("pelayanan-publik")
    page.get_by_label("Digital", exact=True).check()
    # Saving a draft first: the form keeps the text and says so.
    page.get_by_role("button", name="Simpan draf").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Draf tersimpan.").first.wait_for()

    sections = {
        "Masalah dan kondisi sebelum inovasi *": IMG_PROBLEM,
        "Solusi yang diusulkan dan kondisi sesudahnya *": "Nomor antrean lewat WhatsApp dengan jam datang.",
        "Kebaruan *": "Belum ada antrean daring di Sibolga.",
        "Signifikansi *": "Ribuan warga per tahun.",
        "Dapat direplikasi *": "Semua loket layanan.",
        "Sumber daya dan keberlanjutan *": "Satu operator.",
        "Dampak yang diharapkan *": "Waktu tunggu turun.",
    }
    # Submitting with a section missing: the error is shown next to the field, nothing typed is lost.
    for label, text in list(sections.items())[:-1]:
        type_into(page, label, text)
    page.get_by_role("button", name="Ajukan ide").click()
    summary = page.locator(".bi-form-errors")
    summary.wait_for()
    assert "Dampak yang diharapkan: Wajib diisi." in summary.inner_text()
    assert page.get_by_label("Dampak yang diharapkan *").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Kebaruan *").input_value() == "Belum ada antrean daring di Sibolga."
    assert axe_violations(page) == []

    type_into(page, "Dampak yang diharapkan *", "Waktu tunggu turun dari 3 jam menjadi 30 menit.")
    type_into(page, "Waktu yang dihemat per layanan (menit)", "150")
    page.get_by_role("button", name="Ajukan ide").focus()
    page.keyboard.press("Enter")
    title = page.locator(".bi-detail h3")
    title.wait_for()
    assert title.inner_text() == SCRIPT_TITLE
    assert page.locator(".bi-detail .bi-badge").inner_text() == "Diajukan"
    assert IMG_PROBLEM in page.locator(".bi-detail .bi-fields").inner_text()
    assert page.evaluate("document.activeElement.tagName") == "H3"  # focus moved to the idea
    no_script_ran(page)
    assert axe_violations(page) == []


def test_a_colleague_supports_and_comments(lms, page):
    open_unit(page, lms, "budi")
    card = page.locator(".bi-card").filter(has_text="Antrean daring KTP-el")
    assert card.locator(".bi-card-title").inner_text() == SCRIPT_TITLE
    assert "0 dukungan" in card.inner_text()
    support = card.get_by_role("button", name="Dukung")
    assert support.get_attribute("aria-pressed") == "false"
    described_by = support.get_attribute("aria-describedby")
    assert page.locator(f"#{described_by}").inner_text() == SCRIPT_TITLE  # which idea it supports
    support.focus()
    page.keyboard.press("Enter")
    page.get_by_text("Anda mendukung ide ini.").wait_for()
    assert support.get_attribute("aria-pressed") == "true"
    assert "1 dukungan" in card.inner_text()
    assert (
        page.locator('[data-panel="gallery"] .bi-budget').inner_text()
        == "Anda sudah memakai 1 dari 3 jatah dukungan."
    )
    assert axe_violations(page) == []

    card.locator('[data-action="open"]').click()
    page.locator(".bi-detail h3").wait_for()
    page.get_by_label("Komentar Anda").fill(COMMENT)
    page.get_by_role("button", name="Kirim komentar").click()
    page.get_by_text("Komentar Anda sudah dikirim.").wait_for()
    assert page.locator(".bi-comment .bi-text").first.inner_text() == COMMENT
    no_script_ran(page)
    page.locator(".bi-comment").first.hover()
    no_script_ran(page)
    # Back to the list: focus returns to the idea's title in the gallery.
    page.get_by_role("button", name="Kembali ke daftar").click()
    page.wait_for_function("document.activeElement && document.activeElement.dataset.action === 'open'")
    assert axe_violations(page) == []


def test_the_jury_scores_on_the_rubric(lms, page):
    open_unit(page, lms, "juri_mitra")
    page.get_by_role("tab", name="Penilaian juri").click()
    item = page.locator('[data-panel="jury"] .bi-card').first
    item.wait_for()
    assert "Belum Anda nilai." in item.inner_text()
    item.locator('[data-action="open"]').click()
    page.locator(".bi-detail h3").wait_for()
    assert page.locator('[data-part="aggregate"]').is_hidden()  # not before scoring
    for fieldset in page.locator(".bi-criterion").all():
        # Keyboard: focus the first point, then arrow right four times = 4 points.
        fieldset.locator("input").first.focus()
        for _ in range(4):
            page.keyboard.press("ArrowRight")
    page.get_by_label("Catatan untuk juri dan tim pengajar (tidak dipublikasikan)").fill(
        "Layak diuji coba <b>segera</b>"
    )
    page.get_by_role("button", name="Simpan nilai saya").click()
    page.get_by_text("Nilai Anda tersimpan.").wait_for()
    assert "Nilai Anda: 80 dari 100." in page.locator('[data-slot="jury_note"]').inner_text()
    assert "rata-rata 80 dari 100" in page.locator('[data-slot="aggregate_text"]').inner_text()
    assert axe_violations(page) == []


def test_staff_answer_accept_implement_and_moderate(lms, page):
    open_unit(page, lms, "pelatih")
    page.locator(".bi-card").filter(has_text="Antrean daring KTP-el").locator('[data-action="open"]').click()
    page.locator(".bi-detail h3").wait_for()
    assert page.locator('[data-slot="jury_rows"]').inner_text().count("juri_mitra") == 1
    assert "Layak diuji coba <b>segera</b>" in page.locator('[data-slot="jury_rows"]').inner_text()
    assert axe_violations(page) == []

    page.get_by_label("Status baru").select_option("accepted")
    page.get_by_label("Alasan (tampil di riwayat status)").first.fill("Layak dijalankan tahun depan.")
    page.get_by_role("button", name="Ubah status").click()
    page.get_by_text("Status ide sekarang 'Diterima'.").wait_for()
    assert page.locator(".bi-detail .bi-badge").inner_text() == "Diterima"

    page.get_by_label("Jawaban", exact=True).fill("Akan diuji coba di Disdukcapil mulai Januari.")
    page.get_by_label("Biaya (rupiah, boleh dikosongkan)").fill("10.000.000")
    page.get_by_role("button", name="Terbitkan jawaban").click()
    page.get_by_text("Jawaban sudah diterbitkan.").wait_for()
    assert page.locator('[data-slot="answer_cost"]').inner_text() == "Rp 10.000.000"

    form = page.locator('[data-form="implement"]')
    form.get_by_label("OPD penanggung jawab").select_option("DISDUKCAPIL")
    form.get_by_label("Tanggal mulai").fill("2027-01-15")
    form.get_by_label("Indikator kinerja utama (IKU)").fill("Waktu tunggu perekaman KTP-el")
    form.get_by_label("Target IKU").fill("30 menit")
    form.get_by_label("Alasan (tampil di riwayat status)").fill("SK Wali Kota terbit.")
    form.get_by_role("button", name="Simpan program").click()
    page.get_by_text("Rincian program tersimpan.").wait_for()
    assert page.locator(".bi-detail .bi-badge").inner_text() == "Sudah diterapkan"
    assert page.locator('[data-slot="program_kpi_target"]').inner_text() == "30 menit"

    comment = page.locator(".bi-comment").first
    comment.get_by_label("Alasan menyembunyikan").fill("Memuat kode")
    comment.get_by_role("button", name="Sembunyikan").click()
    page.get_by_text("Komentar disembunyikan.").wait_for()
    assert "Disembunyikan oleh tim pengajar: Memuat kode" in page.locator(".bi-comment").first.inner_text()
    no_script_ran(page)
    assert axe_violations(page) == []

    # The exports, as staff download them.
    page.get_by_role("button", name="Kembali ke daftar").click()
    page.get_by_role("tab", name="Kelola").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Ide yang sudah diterapkan untuk Indeks Inovasi Daerah (CSV)").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert rows[1][0] == SCRIPT_TITLE and rows[1][6:8] == ["Penerapan", "2027-01-15"]


def test_the_proposer_sees_the_answer_and_history(lms, page):
    open_unit(page, lms, "ani")
    page.get_by_role("tab", name="Ide saya").click()
    card = page.locator('[data-panel="mine"] .bi-card').first
    card.wait_for()
    assert "Sudah diterapkan" in card.inner_text()
    card.locator('[data-action="open"]').click()
    page.locator(".bi-detail h3").wait_for()
    assert "Akan diuji coba di Disdukcapil mulai Januari." in page.locator(".bi-answer").inner_text()
    history = page.locator(".bi-history").inner_text()
    assert history.index("Diajukan") < history.index("Diterima") < history.index("Sudah diterapkan")
    assert "Layak dijalankan tahun depan." in history
    assert page.locator(".bi-comment").count() == 0  # the hidden comment is gone for others
    no_script_ran(page)
    assert axe_violations(page) == []


def test_english_and_the_studio_editor(lms, page):
    open_unit(page, lms, "pelatih")
    # Saving the editor untouched in Indonesian keeps every setting (numbers are not localised).
    page.goto(lms.url + UNIT + "studio_view/")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Pengaturan tersimpan.").wait_for()
    page.goto(lms.url + UNIT)
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    page.locator('[data-panel="gallery"] .bi-cards').wait_for()
    assert page.get_by_role("tab", name="Idea gallery").is_visible()
    page.goto(lms.url + UNIT + "studio_view/")
    page.locator(".bi-studio-form").wait_for()
    assert axe_violations(page) == []
    screenshot(page, "innovation-studio-editor")
    weight = page.locator(".bi-criterion-row").first.locator('[name="weight"]')
    weight.fill("25")
    assert page.locator(".bi-weight-sum").inner_text() == "105"
    page.get_by_role("button", name="Save").click()
    errors = page.locator(".bi-form-errors")
    errors.wait_for()
    assert "The rubric weights must add up to 100 (now 105)." in errors.inner_text()
    weight.fill("20")
    page.get_by_role("button", name="Add a criterion").click()
    row = page.locator(".bi-criterion-row").last
    assert page.evaluate("document.activeElement.name") == "code"
    row.locator('[name="code"]').fill("digital")
    row.locator('[name="label"]').fill("Memanfaatkan teknologi digital")
    row.locator('[name="weight"]').fill("10")
    page.locator(".bi-criterion-row").nth(1).locator('[name="weight"]').fill("10")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Settings saved.").wait_for()
    page.goto(lms.url + UNIT)
    page.locator('[data-panel="gallery"] .bi-cards').wait_for()
    criteria = page.evaluate(
        "document.querySelector('.bi-tpl-detail').content.querySelectorAll('.bi-criterion').length"
    )
    assert criteria == 8  # the jury's form follows the new rubric
