"""Background work in Chromium, in Indonesian, at phone width: a queued sync's page and its cancel
button, a PDF report's waiting page, and the worker (started as ``make demo`` starts it) finishing
the report while the reader waits (ADR 0130)."""

import os
import re
import signal
import subprocess

import pytest

from dev.demo.run import worker_command
from tests.support import servers
from tests.support.browser import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser
PASSWORD = "kata-sandi-uji-123"


@pytest.fixture(scope="module")
def companion(tmp_path_factory):
    folder = tmp_path_factory.mktemp("companion")
    # The demo's settings: tasks go to a worker through kombu's filesystem transport, none runs yet.
    dev = {"DJANGO_SETTINGS_MODULE": "companion_service.settings.dev"}
    with servers.companion(folder, extra_env=dev) as server:
        server.batch(
            [
                ["manage_user", "admin", "admin@contoh.go.id", "--superuser", "--role", "administrator",
                 "--password-env", "PW"],
                ["skm-unit", "DUKCAPIL-LOKET", "--name", "Loket Pelayanan Dukcapil", "--opd", "DISDUKCAPIL",
                 "--opd-name", "Dinas Kependudukan dan Pencatatan Sipil"],
                ["lms-connection", "LMS Kota Sibolga", "--url", "http://127.0.0.1:9", "--client-id", "x",
                 "--secret-env", "S"],
            ],
            extra_env={"PW": PASSWORD, "S": "rahasia-uji-0123456789"},
        )  # fmt: skip
        server.folder = folder
        yield server


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="id-ID", timezone_id="Asia/Jakarta"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def test_a_queued_sync_and_a_report_waiting_for_the_worker(companion, phone):
    page = phone
    sign_in(page, companion.url, "admin", PASSWORD)
    page.goto(companion.url + "/admin/openedx_sync/lmsconnection/")
    page.get_by_role("link", name="LMS Kota Sibolga").click()
    page.get_by_role("button", name=re.compile("Sinkronkan sekarang|Sync now")).first.click()
    assert "/syncrun/" in page.url
    assert page.locator("html").get_attribute("lang") == "id"
    status = page.get_by_role("status").first.inner_text()
    assert "menunggu diambil worker" in status
    assert "menunggu worker" in page.content()
    assert axe_violations(page) == []
    screenshot(page, "sync-run-waiting-phone")
    with page.expect_navigation():
        page.get_by_role("button", name="Batalkan sinkronisasi ini").click()
    page.wait_for_load_state()
    assert "berhenti setelah unit yang sedang ditulis" in page.content()
    assert "Dibatalkan" in page.content()

    page.goto(companion.url + "/skm/unit/DUKCAPIL-LOKET/poster.pdf")
    assert re.search(r"/tugas/\d+/$", page.url)
    assert page.locator("h1").inner_text() == "Sedang disiapkan"
    assert "Menunggu diambil worker" in page.get_by_role("status").inner_text()
    assert page.locator('meta[http-equiv="refresh"]').count() == 0  # a script follows the job
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    assert axe_violations(page) == []
    screenshot(page, "job-waiting-phone")
    log = open(companion.folder / "worker.log", "ab")  # noqa: SIM115 (closed below)
    worker = subprocess.Popen(
        worker_command(companion.folder), env=companion.env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        with page.expect_download(timeout=90_000) as download:  # the page refreshes itself, then the file
            pass
        assert download.value.suggested_filename == "poster-skm-dukcapil-loket.pdf"
        assert page.get_by_role("status").inner_text() == "Siap."  # said in the live region, no reload
        assert download.value.path().read_bytes().startswith(b"%PDF")
    finally:
        worker.terminate()  # its main process stops the pool and beat, as Ctrl-C in make demo does
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        log.close()
