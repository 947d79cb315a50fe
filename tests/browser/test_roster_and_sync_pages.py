"""End to end: the dev LMS and the companion as servers; the roster imported in the browser, the
sync run from the command line against the dev LMS over HTTP, the history read by an administrator."""

import json
import subprocess

import pytest

from tests.support import servers
from tests.support.browser import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser
PASSWORD = "kata-sandi-uji-123"
CLIENT = ("bina-companion-e2e", "rahasia-e2e-0123456789")
UNITS = "kode;nama;kode_induk;jenis\nDISKOMINFO;Dinas Komunikasi dan Informatika;;dinas\n"
ROSTER = (
    "nip;nama;kode_opd;jabatan;jenis_jabatan;golongan;username_lms\n"
    "198203142006042012;Ani Siregar;DISKOMINFO;Pranata Komputer Ahli Pertama;fungsional;III/b;ani\n"
    "199005212015031004;Budi Hutagalung;DISKOMINFO;Pengelola Data;pelaksana;II/d;\n"
)


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    with servers.dev_lms(tmp_path_factory.mktemp("lms")) as server:
        server.batch(
            [
                ["manage_user", "ani", "ani@contoh.go.id", "--password-env", "PW"],
                ["manage_user", "budi", "budi@contoh.go.id", "--password-env", "PW"],
                ["manage_user", "bina_companion", "svc@localhost", "--staff"],
                ["create_dot_application", "bina-companion", "bina_companion",
                 f"--client-id={CLIENT[0]}", f"--client-secret={CLIENT[1]}"],
                ["enroll", "ani", "budi"],
            ],
            extra_env={"PW": PASSWORD},
        )  # fmt: skip
        yield server


@pytest.fixture(scope="module")
def companion(tmp_path_factory, lms):
    folder = tmp_path_factory.mktemp("companion")
    with servers.companion(folder) as server:
        units = folder / "units.csv"
        units.write_text(UNITS)
        server.batch(
            [
                ["manage_user", "admin", "admin@contoh.go.id", "--superuser", "--role", "administrator",
                 "--password-env", "PW"],
                ["import-units", str(units)],
                ["lms-connection", "Dev LMS", "--url", lms.url, f"--client-id={CLIENT[0]}",
                 "--secret-env", "S", "--test"],
            ],
            extra_env={"PW": PASSWORD, "S": CLIENT[1]},
        )  # fmt: skip
        yield server


def sync_json(companion) -> tuple[int, dict]:
    result = subprocess.run(
        [*companion.manage, "sync", "--json"],
        env=companion.env,
        capture_output=True,
        text=True,
        check=False,
        cwd=servers.REPO,
    )
    return result.returncode, json.loads(result.stdout)


def test_roster_import_in_the_browser_then_a_sync_against_the_dev_lms(companion, page, tmp_path):
    sign_in(page, companion.url, "admin", PASSWORD)
    page.goto(companion.url + "/admin/roster/asn/")
    with page.expect_navigation():
        page.get_by_role("link", name="Impor data ASN").click()
    assert axe_violations(page) == []
    roster = tmp_path / "data-asn.csv"
    roster.write_text(ROSTER)
    page.locator("input[type=file]").set_input_files(str(roster))
    with page.expect_navigation():
        page.get_by_role("button", name="Pratinjau").click()
    assert "Pratinjau (belum ada yang disimpan)" in page.content()
    assert axe_violations(page) == []
    page.locator("input[name=apply]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "2 dibuat" in page.content()
    assert page.locator("#result_list tbody tr").count() == 2

    code, summary = sync_json(companion)
    # Our plugin's list endpoints are other issues' work: until they land, the run is partial.
    assert summary["status"] in ("ok", "partial") and code in (0, 1)
    assert all(error["endpoint"].startswith("/api/bina/v1/") for error in summary["errors"])
    assert summary["courses"]["created"] == 1
    assert summary["enrollments"] == {"fetched": 2, "created": 2, "updated": 0}
    assert summary["grades"]["created"] == 2 and summary["completions"]["created"] == 2
    assert summary["unmatched_learners"] == 1  # budi has no username in the roster yet

    page.goto(companion.url + "/admin/openedx_sync/syncrun/")
    assert "2 dibaca / 2 baru / 0 berubah" in page.content()
    screenshot(page, "sync-run-history")
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.locator("#result_list tbody tr th a").first.click()
    assert "Status HTTP" in page.content() or summary["errors"] == []
    assert axe_violations(page) == []

    # Link budi by hand; the next sync keeps the link and nobody is left to link.
    page.goto(companion.url + "/admin/openedx_sync/learner/?linked=no")
    with page.expect_navigation():
        page.get_by_role("link", name="budi").click()
    page.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("Budi")
    page.locator(".select2-results__option", has_text="Budi Hutagalung").click()
    with page.expect_navigation():
        page.locator("input[name=_save]").click()
    assert axe_violations(page) == []
    assert sync_json(companion)[1]["unmatched_learners"] == 0

    # Issue 15, finding 5: every automatic link waits for a check, also on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(companion.url + "/admin/openedx_sync/learner/?review=automatic")
    assert "Tautan otomatis, belum diperiksa" in page.content()
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1 and "ani" in rows.first.inner_text()  # budi was linked by hand
    screenshot(page, "learner-link-review")
    assert axe_violations(page) == []
    rows.first.locator("input[type=checkbox]").check()
    page.locator("select[name=action]").select_option("mark_links_checked")
    with page.expect_navigation():
        page.locator("button[name=index]").click()
    assert "1 tautan ditandai sudah diperiksa." in page.content()
    assert page.locator("#result_list tbody tr").count() == 0


def test_test_connection_with_the_keyboard(companion, page):
    sign_in(page, companion.url, "admin", PASSWORD)
    page.goto(companion.url + "/admin/openedx_sync/lmsconnection/")
    with page.expect_navigation():
        page.get_by_role("link", name="Dev LMS").click()
    assert axe_violations(page) == []
    button = page.get_by_role("button", name="Uji koneksi")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Koneksi Dev LMS berfungsi." in page.content()
    assert axe_violations(page) == []
