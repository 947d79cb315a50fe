"""100 learners press "Register" at the same moment for 20 seats: exactly 20 seats, 80 on the waiting list.

Real parallel HTTP against the dev LMS running as a server (``runserver``, threaded), on SQLite
(the demo's database) and on PostgreSQL (production's), each request a separate signed-in learner.
"""

import csv
import io
import json
import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.support import servers
from tests.support.pgcluster import scratch_database

from .helpers import SCENARIO, handler_base, session_form, signed_in_http, studio_form

pytestmark = pytest.mark.slow
LEARNERS = 100
SEATS = 20


@contextmanager
def database(kind):
    if kind == "sqlite":
        yield None
        return
    if not os.environ.get("BINA_TEST_PG_URL"):
        pytest.skip("needs the PostgreSQL cluster of `make test` (BINA_TEST_PG_URL)")
    with scratch_database("bina_ws") as url:
        yield url


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_hundred_learners_twenty_seats(tmp_path, kind):
    with database(kind) as url, servers.dev_lms(tmp_path / "lms", database_url=url) as lms:
        lms.command("manage_user", "pelatih", "pelatih@contoh.go.id", "--group", "course_staff")
        learners = [f"asn{i:03d}" for i in range(1, LEARNERS + 1)]
        keys = json.loads(lms.command("login_sessions", "pelatih", *learners, "--create"))

        staff, html = signed_in_http(lms, keys["pelatih"])
        handler = handler_base(html, lms)
        starts = timezone.now().astimezone(ZoneInfo("Asia/Jakarta")) + timedelta(days=5)
        form = studio_form(session_form(starts=starts, capacity=str(SEATS)))
        answer = staff.post(handler("studio_submit"), json=form, timeout=60)
        assert answer.status_code == 200, answer.text
        session_key = re.search(
            r'data-key="([^"]+)"', staff.get(f"{lms.url}/scenario/{SCENARIO}/studio_view/").text
        )
        session_key = session_key.group(1)

        with ThreadPoolExecutor(max_workers=8) as pool:  # every learner opens the unit first
            browsers = list(pool.map(lambda name: signed_in_http(lms, keys[name])[0], learners))

        start = threading.Barrier(LEARNERS)

        def register(browser):
            start.wait(timeout=120)  # everyone presses the button at the same moment
            response = browser.post(handler("register"), json={"session": session_key}, timeout=180)
            return response.status_code, response.json()

        with ThreadPoolExecutor(max_workers=LEARNERS) as pool:
            answers = list(pool.map(register, browsers))

        assert [status for status, _ in answers] == [200] * LEARNERS, answers[:3]
        waiting_positions = sorted(
            int(re.search(r"\d+", body["message"]).group(0))
            for _, body in answers
            if "tunggu" in body["message"]
        )
        assert waiting_positions == list(range(1, LEARNERS - SEATS + 1))

        roster = staff.get(handler("roster_csv", session_key), timeout=60)
        rows = list(csv.DictReader(io.StringIO(roster.content.decode("utf-8-sig"))))
        statuses = [row["Status"] for row in rows]
        assert statuses.count("Terdaftar") == SEATS
        assert statuses.count("Daftar tunggu") == LEARNERS - SEATS
        numbers = sorted(int(row["Nomor daftar tunggu"]) for row in rows if row["Nomor daftar tunggu"])
        assert numbers == list(range(1, LEARNERS - SEATS + 1))
        assert {row["Nama pengguna"] for row in rows} == set(learners)

        # A seat freed now goes to number 1 on the waiting list, at once.
        first_waiting = next(row["Nama pengguna"] for row in rows if row["Nomor daftar tunggu"] == "1")
        holder = next(row["Nama pengguna"] for row in rows if row["Status"] == "Terdaftar")
        holder_browser = browsers[learners.index(holder)]
        assert (
            holder_browser.post(handler("cancel"), json={"session": session_key}, timeout=60).status_code
            == 200
        )
        rows = list(csv.DictReader(io.StringIO(
            staff.get(handler("roster_csv", session_key), timeout=60).content.decode("utf-8-sig")
        )))  # fmt: skip
        by_name = {row["Nama pengguna"]: row for row in rows}
        assert by_name[first_waiting]["Status"] == "Terdaftar"
        assert [row["Status"] for row in rows].count("Terdaftar") == SEATS
