"""The partner workshop in Chromium, keyboard only: register, check in, rate; the roster; the Studio editor.

Every page is checked with axe-core (no serious or critical violations).
"""

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.lms.partner_workshop.helpers import (
    SCENARIO,
    handler_base,
    session_form,
    signed_in_http,
    studio_form,
)
from tests.support import servers
from tests.support.browser import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser
PASSWORD = "kata-sandi-uji-123"
WIB = ZoneInfo("Asia/Jakarta")
PEOPLE = [
    ("ani", "Ani Siregar"),
    ("budi", "Budi Hutagalung"),
    ("citra", "Citra Pasaribu"),
    ("dedi", "Dedi Lubis"),
]


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    """The dev LMS with a trainer, four learners, and a session starting in 20 minutes (check-in open)."""
    with servers.dev_lms(tmp_path_factory.mktemp("lms")) as server:
        server.batch(
            [
                ["manage_user", "pelatih", "pelatih@contoh.go.id", "--full-name", "Pelatih BKPSDM",
                 "--group", "course_staff", "--password-env", "PW"],
                *[["manage_user", username, f"{username}@contoh.go.id", "--full-name", name,
                   "--password-env", "PW"] for username, name in PEOPLE],
            ],
            extra_env={"PW": PASSWORD},
        )  # fmt: skip
        server.keys = json.loads(server.command("login_sessions", "pelatih", *[u for u, _ in PEOPLE]))
        staff, html = signed_in_http(server, server.keys["pelatih"])
        server.handler = handler_base(html, server)
        starts = datetime.now(UTC) + timedelta(minutes=20)
        answer = staff.post(
            server.handler("studio_submit"),
            json=studio_form(session_form(starts=starts, capacity="2")),
            timeout=60,
        )
        assert answer.status_code == 200, answer.text
        server.staff = staff
        server.session_key = re.search(
            r'data-session="([^"]+)"', staff.get(f"{server.url}/scenario/{SCENARIO}/").text
        ).group(1)
        yield server


def checkin_code(lms) -> str:
    page = lms.staff.get(f"{lms.url}/scenario/{SCENARIO}/", timeout=60).text
    return re.search(r'class="pw-code">([A-Z0-9]+)<', page).group(1)


SHIFT = """
import sys
from datetime import timedelta
from django.utils import timezone
from xblocks.bina_asn.models.workshop import WorkshopRegistration, WorkshopSession
session = WorkshopSession.objects.get(key={key!r})
ended = timezone.now() - timedelta(minutes=1) - session.ends_at
shift = timedelta(seconds={seconds}) if {seconds} is not None else ended
names = ("starts_at", "ends_at", "registration_deadline", "checkin_opens_at", "checkin_closes_at")
WorkshopSession.objects.filter(pk=session.pk).update(**{{n: getattr(session, n) + shift for n in names}})
for registration in WorkshopRegistration.objects.filter(session=session):  # what happened moves along
    for name in ("registered_at", "attended_at"):
        if getattr(registration, name):
            setattr(registration, name, getattr(registration, name) + shift)
    registration.save(update_fields=["registered_at", "attended_at"])
sys.stdout.write(str(shift.total_seconds()))
"""


def shift_session(lms, seconds=None) -> float:
    """Let the clock run on for the session (test time travel in the LMS's database): by default it
    ended a minute ago, its check-in still open; returns the shift, to move it back afterwards."""
    output = lms.command("shell", "--no-imports", "-c", SHIFT.format(key=lms.session_key, seconds=seconds))
    return float(output.strip().splitlines()[-1])


def press(page, locator, key="Enter"):
    """Move keyboard focus to a control and press a key, as a keyboard user does."""
    locator.focus()
    page.keyboard.press(key)


def test_learner_registers_checks_in_and_rates_with_the_keyboard(lms, page):
    sign_in(page, lms.url, "ani", PASSWORD)
    page.goto(f"{lms.url}/scenario/{SCENARIO}/")
    assert axe_violations(page) == []
    card = page.locator(".pw-session").first
    assert "meet.contoh.go.id" not in card.inner_text()

    press(page, card.get_by_role("button", name=re.compile("^Daftar")))
    status = page.locator(".pw-session .pw-session-status").first
    status.wait_for()
    page.wait_for_function("document.activeElement.classList.contains('pw-session-status')")
    assert "terdaftar" in status.inner_text().lower()
    assert page.locator(".pw-meeting-link").count() == 1  # the link shows once the learner has a seat
    assert page.locator("a", has_text="Tambahkan ke kalender").count() == 1
    assert axe_violations(page) == []

    code_input = page.get_by_label("Kode presensi yang diumumkan di sesi")
    code_input.focus()
    page.keyboard.type("SALAH1")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.pw-session-status').classList.contains('pw-error')")
    assert "tidak sesuai" in status.inner_text()

    code = checkin_code(lms)
    code_input.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(code.lower())
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.pw-session-status').textContent.includes('JP')")
    assert "Selamat datang" in status.inner_text()
    assert "dihitung setelah sesi selesai dan kehadiran ditetapkan" in status.inner_text()
    # Checked in 20 minutes before the start: attendance recorded, the JP pending, no survey yet.
    summary = page.locator(".pw-summary").inner_text()
    assert "0 JP" in summary and "5 JP tertunda" in summary
    assert "dihitung setelah sesi selesai" in card.locator(".pw-my-status").inner_text()
    assert page.locator("form.pw-survey").count() == 0
    assert "Survei singkat tentang sesi ini dibuka saat sesi berakhir" in card.inner_text()
    screenshot(page, "workshop-learner-checked-in", full_page=True)
    assert axe_violations(page) == []

    shift = shift_session(lms)  # the session ended a minute ago: the survey opens, the JP still wait
    page.reload()
    survey = page.locator("form.pw-survey")
    for index in range(survey.locator("fieldset").count()):
        first = survey.locator("fieldset").nth(index).locator("input[type=radio]").first
        first.focus()
        page.keyboard.press("Space")  # 1
        for _ in range(3):
            page.keyboard.press("ArrowRight")  # ... 4
    comment = page.get_by_label("Komentar (tidak wajib)")
    comment.focus()
    page.keyboard.type("Materi spreadsheet langsung terpakai di loket.")
    press(page, survey.get_by_role("button", name="Kirim jawaban saya"))
    page.wait_for_function(
        "document.querySelector('.pw-session-status').textContent.includes('Terima kasih')"
    )
    assert page.locator("form.pw-survey").count() == 0
    assert axe_violations(page) == []

    shift += shift_session(lms, seconds=-31 * 60)  # check-in closed: the attendance stands
    page.reload()
    assert "JP yang diakui untuk Anda dari lokakarya ini: 5 JP" in page.locator(".pw-summary").inner_text()
    assert "5 JP diakui" in page.locator(".pw-session").first.inner_text()
    screenshot(page, "workshop-learner-jp-credited", full_page=True)
    assert axe_violations(page) == []
    shift_session(lms, seconds=-shift)  # back to the module's schedule for the tests below


def test_waiting_list_then_staff_roster_marking_and_csv(lms, page):
    for username in ("citra", "budi", "dedi"):
        learner, _ = signed_in_http(lms, lms.keys[username])
        learner.post(lms.handler("register"), json={"session": lms.session_key}, timeout=60)
    sign_in(page, lms.url, "pelatih", PASSWORD)
    page.goto(f"{lms.url}/scenario/{SCENARIO}/")
    roster = page.locator("table.pw-roster")
    assert "Daftar tunggu (1)" in roster.inner_text()
    assert axe_violations(page) == []

    row = roster.locator("tr", has_text="Citra Pasaribu")
    assert "Terdaftar" in row.inner_text()  # citra took the second seat; budi and dedi wait
    press(page, row.get_by_role("button", name=re.compile("^Hadir")))
    page.wait_for_function("document.querySelector('.pw-staff-status').textContent.includes('hadir')")
    assert "Hadir" in page.locator("table.pw-roster tr", has_text="Citra Pasaribu").inner_text()
    screenshot(page, "workshop-staff-roster", full_page=True)
    assert page.locator(".pw-staff-session").first.get_attribute("open") is not None  # stays open

    link = page.get_by_role("link", name=re.compile("Unduh daftar peserta"))
    link.focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    text = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {"ani", "budi", "citra", "dedi"} <= {r["Nama pengguna"] for r in rows}
    assert any(r["Status"] == "Daftar tunggu" for r in rows)

    old = page.locator(".pw-code").first.inner_text()
    press(page, page.get_by_role("button", name=re.compile("^Kode baru")))
    page.wait_for_function(
        f"document.querySelector('.pw-code') && document.querySelector('.pw-code').textContent !== '{old}'"
    )
    assert axe_violations(page) == []


def test_studio_editor_with_the_keyboard(lms, page):
    sign_in(page, lms.url, "pelatih", PASSWORD)
    page.goto(f"{lms.url}/scenario/{SCENARIO}/studio_view/")
    assert axe_violations(page) == []
    press(page, page.get_by_role("button", name="Tambah sesi"))
    new = page.locator(".pw-session-list .pw-session-editor").last
    page.wait_for_function("document.activeElement.getAttribute('data-field') === 'title'")
    # Save without a title or start: nothing is saved and the summary says why.
    press(page, page.get_by_role("button", name="Simpan"))
    summary = page.locator(".pw-studio-errors")
    summary.wait_for(state="visible")
    page.wait_for_function("document.activeElement.classList.contains('pw-studio-errors')")
    assert "Isi judul sesi" in summary.inner_text()
    assert new.locator("[data-field=title]").get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == []

    new.locator("[data-field=title]").focus()
    page.keyboard.type("Seminar keamanan data pribadi")
    new.locator("[data-field=kind]").select_option("seminar")
    starts = (datetime.now(UTC) + timedelta(days=14)).astimezone(WIB)
    new.locator("[data-field=starts_at]").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    new.locator("[data-field=duration_minutes]").fill("120")
    new.locator("[data-field=capacity]").fill("30")
    new.locator("[data-field=mode]").select_option("online")
    new.locator("[data-field=meeting_url]").fill("https://meet.contoh.go.id/seminar-data")
    screenshot(page, "workshop-studio-editor", full_page=True)
    press(page, page.get_by_role("button", name="Simpan"))
    page.wait_for_function("document.querySelector('.pw-studio-status').textContent.includes('Tersimpan')")
    assert summary.is_hidden()

    page.goto(f"{lms.url}/scenario/{SCENARIO}/")
    card = page.locator(".pw-session", has_text="Seminar keamanan data pribadi")
    assert "3 JP" in card.inner_text()  # 120 minutes = 3 JP (a seminar day caps at 4)
    assert "Daring" in card.inner_text()
    assert axe_violations(page) == []
