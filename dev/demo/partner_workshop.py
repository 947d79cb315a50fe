"""``make demo`` data for the partner workshop, entered through the block's real handlers over HTTP.

* ``partner-workshop-author``: the trainer (course staff) saves the block in the Studio editor: a
  synthetic partner and a seminar next week with 2 seats.
* ``partner-workshop-today-<date>``: a workshop session starting 15 minutes after the demo starts
  (check-in is open), added through the editor on each new day the demo runs, so there is always a
  session a learner can register for, check into and rate.
* ``partner-workshop-activity``: demo learners register (one ends up on the waiting list), budi
  checks in with the announced code, the trainer marks citra present, both answer the survey.

``ani`` is left free: sign in as ani to register, check in (the code is on the trainer's view) and rate.
All data is synthetic.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import requests

from dev.demo import DemoError
from dev.handler_urls import handler_url

WIB = ZoneInfo("Asia/Jakarta")
SCENARIO = "bina_partner_workshop.0"
TODAY = datetime.now(WIB).date().isoformat()
TODAY_TITLE = "Klinik spreadsheet: analisis data layanan ({date})"
SEMINAR_TITLE = "Seminar keamanan data pribadi untuk layanan publik"
QUESTIONS = [
    {"key": "relevance", "label": "Materinya relevan dengan pekerjaan saya."},
    {"key": "engagement", "label": "Sesi ini membuat saya terlibat aktif."},
    {"key": "trainer", "label": "Pelatih menjelaskan dengan jelas dan menjawab pertanyaan dengan baik."},
    {"key": "usefulness", "label": "Saya dapat menerapkan yang saya pelajari dalam pekerjaan saya."},
    {"key": "recommend", "label": "Saya akan merekomendasikan sesi ini kepada rekan kerja."},
]


class Browser:
    """One demo person signed in to the dev LMS over HTTP (the login form), holding a CSRF token."""

    def __init__(self, ctx, username: str):
        self.ctx = ctx
        self.http = requests.Session()
        login = f"{ctx.lms_url}/login/"
        self.http.get(login, timeout=30)
        answer = self.http.post(
            login,
            data={
                "username": username,
                "password": ctx.credentials["password"],
                "csrfmiddlewaretoken": self.http.cookies["csrftoken"],
            },
            headers={"Referer": login},
            timeout=60,
        )
        if answer.url.rstrip("/").endswith("/login"):
            raise DemoError(f"The demo user {username} could not sign in to the dev LMS.")
        unit = self.http.get(f"{ctx.lms_url}/scenario/{SCENARIO}/", timeout=60)
        usage = re.search(r"data-usage='([^']+)'", unit.text).group(1)
        self.usage = usage
        self.http.headers.update({"X-CSRFToken": self.http.cookies["csrftoken"], "Referer": unit.url})

    def call(self, handler: str, payload: dict) -> dict:
        answer = self.http.post(self.ctx.lms_url + handler_url(self.usage, handler), json=payload, timeout=60)
        if answer.status_code != 200:
            raise DemoError(
                f"partner workshop demo: {handler} answered {answer.status_code}: {answer.text[:300]}"
            )
        return answer.json()

    def page(self) -> str:
        return self.http.get(f"{self.ctx.lms_url}/scenario/{SCENARIO}/", timeout=60).text


def _wib(moment: datetime) -> str:
    return moment.astimezone(WIB).strftime("%Y-%m-%dT%H:%M")


def _session(title, starts, **values):
    return {
        "key": "",
        "title": title,
        "kind": "workshop",
        "international": False,
        "starts_at": _wib(starts),
        "duration_minutes": 225,
        "capacity": 3,
        "registration_deadline": "",
        "jp": "",
        "mode": "hybrid",
        "location": "Aula BKPSDM Kota Sibolga, Jl. S. Parman (alamat sintetis)",
        "meeting_url": "https://meet.contoh.sibolgakota.go.id/lokakarya-data",
        "cancelled": False,
        **values,
    }


def author(ctx) -> None:
    """The trainer describes the partner and a seminar next week in the Studio editor."""
    staff = Browser(ctx, "pelatih")
    next_week = (datetime.now(WIB) + timedelta(days=7)).replace(hour=9, minute=0, second=0, microsecond=0)
    form = {
        "display_name": "Lokakarya mitra: analisis data layanan dengan spreadsheet",
        "partner": {
            "name": "PT Teknologi Tapanuli (sintetis)",
            "kind": "local_tech",
            "description": (
                "Perusahaan teknologi lokal (data sintetis untuk demo) yang membantu OPD di Sibolga "
                "mengolah data layanan dengan spreadsheet dan dasbor sederhana."
            ),
            "logo": "",
            "website": "https://tapanuli-tech.contoh.co.id",
            "contact_name": "Rina Sihombing",
            "contact_email": "rina@tapanuli-tech.contoh.co.id",
            "contact_phone": "+62 631 21000",
        },
        "sessions": [
            _session(
                SEMINAR_TITLE,
                next_week,
                kind="seminar",
                duration_minutes=180,
                capacity=2,
                mode="online",
                location="",
                meeting_url="https://meet.contoh.sibolgakota.go.id/seminar-data-pribadi",
                registration_deadline=_wib(next_week - timedelta(days=1)),
            )
        ],
        "attendance_method": "code_and_staff",
        "checkin_opens_minutes": 30,
        "checkin_closes_minutes": 30,
        "one_session_per_learner": False,
        "weight": 0,
        "reaction_questions": QUESTIONS,
    }
    staff.call("studio_submit", form)


def today_session(ctx) -> None:
    """Add today's session (starting in 15 minutes, so check-in is open) through the editor."""
    staff = Browser(ctx, "pelatih")
    form = staff.call("studio_form_data", {})
    title = TODAY_TITLE.format(date=TODAY)
    if any(session["title"] == title for session in form["sessions"]):
        return
    starts = (datetime.now(UTC) + timedelta(minutes=15)).replace(second=0, microsecond=0)
    form["sessions"].insert(0, _session(title, starts))
    staff.call("studio_submit", form)


def _session_key(page: str, title: str) -> str:
    match = re.search(r'data-session="([^"]+)">\s*<article[^>]*>\s*<h3[^>]*>' + re.escape(title), page)
    return match.group(1)


def activity(ctx) -> None:
    """Learners register (one waits), check in or are marked present. Their JP are pending: they are
    credited once the session has ended and check-in has closed, and the reaction survey opens at the
    end (the next sync after that brings both to the companion)."""
    staff = Browser(ctx, "pelatih")
    page = staff.page()
    today = _session_key(page, TODAY_TITLE.format(date=TODAY))
    seminar = _session_key(page, SEMINAR_TITLE)
    learners = {name: Browser(ctx, name) for name in ("budi", "citra", "dedi")}
    for name in ("budi", "citra"):
        learners[name].call("register", {"session": today})
    for name in ("dedi", "budi", "citra"):  # 2 seats: citra ends up first on the waiting list
        learners[name].call("register", {"session": seminar})
    code = re.search(r'class="pw-code">([A-Z0-9]+)<', staff.page()).group(1)
    learners["budi"].call("check_in", {"session": today, "code": code})
    staff.call("staff_mark", {"session": today, "username": "citra", "present": True})


WITH_SERVERS = [
    ("partner-workshop-author", author),
    (f"partner-workshop-today-{TODAY}", today_session),
    ("partner-workshop-activity", activity),
]
