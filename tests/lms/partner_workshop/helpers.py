"""Helpers for handler, concurrency and browser tests: the block's scenario, handlers, a Studio form.

Importable without Django settings (the browser tests run without them): Django imports are local.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

SCENARIO = "bina_partner_workshop.0"
WIB = ZoneInfo("Asia/Jakarta")


def usage_id() -> str:
    from workbench.scenarios import get_scenarios

    return get_scenarios()[SCENARIO].usage_id


def block_for(user):
    from dev.lms.runtime import DevLmsRuntime

    return DevLmsRuntime(user).get_block(usage_id())


def handler_url(user, name: str, suffix: str = "") -> str:
    """The platform's URL of the handler (Studio's for the editor's handlers, the LMS's otherwise)."""
    from dev.handler_urls import handler_url as platform_handler_url

    return platform_handler_url(usage_id(), name, suffix)


def post(client, user, name: str, data) -> tuple[int, dict]:
    client.force_login(user)
    response = client.post(handler_url(user, name), json.dumps(data), content_type="application/json")
    return response.status_code, response.json()


def wib_local(moment: datetime) -> str:
    return moment.astimezone(WIB).strftime("%Y-%m-%dT%H:%M")


def session_form(key="", **overrides) -> dict:
    starts = overrides.pop("starts", datetime.now(UTC) + timedelta(days=3))
    values = {
        "key": key,
        "title": "Analisis data layanan dengan spreadsheet",
        "kind": "workshop",
        "international": False,
        "starts_at": wib_local(starts),
        "duration_minutes": "225",
        "capacity": "2",
        "registration_deadline": "",
        "jp": "",
        "mode": "hybrid",
        "location": "Aula BKPSDM, Jl. S. Parman, Sibolga",
        "meeting_url": "https://meet.contoh.go.id/lokakarya-data",
        "cancelled": False,
    }
    values.update(overrides)
    return values


def studio_form(*sessions, **overrides) -> dict:
    values = {
        "display_name": "Lokakarya mitra: analisis data layanan",
        "partner": {
            "name": "PT Teknologi Tapanuli (sintetis)",
            "kind": "local_tech",
            "description": "Perusahaan teknologi lokal di Sibolga.",
            "logo": "",
            "website": "https://tapanuli-tech.contoh.co.id",
            "contact_name": "Rina Sihombing",
            "contact_email": "rina@tapanuli-tech.contoh.co.id",
            "contact_phone": "+62 631 000000",
        },
        "sessions": list(sessions) or [session_form()],
        "attendance_method": "code_and_staff",
        "checkin_opens_minutes": "30",
        "checkin_closes_minutes": "30",
        "one_session_per_learner": True,
        "weight": "0",
        "reaction_questions": [
            {"key": "relevance", "label": "Materinya relevan dengan pekerjaan saya."},
            {"key": "engagement", "label": "Sesi ini membuat saya terlibat."},
            {"key": "trainer", "label": "Pelatih menjelaskan dengan jelas."},
            {"key": "usefulness", "label": "Saya dapat memakai ilmunya dalam pekerjaan."},
            {"key": "recommend", "label": "Saya akan merekomendasikan sesi ini."},
        ],
    }
    values.update(overrides)
    return values


def signed_in_http(server, session_key: str):
    """A requests session with a learner's ``sessionid`` cookie and CSRF token (as a browser holds)."""
    import requests

    browser = requests.Session()
    browser.cookies.set("sessionid", session_key, domain="127.0.0.1")
    page = browser.get(f"{server.url}/scenario/{SCENARIO}/", timeout=60)
    assert page.status_code == 200, page.text[:500]
    browser.headers.update({"X-CSRFToken": browser.cookies["csrftoken"], "Referer": page.url})
    return browser, page.text


def handler_base(page_html: str, server):
    """A function giving the absolute URL of a handler of the block on a rendered unit page
    (the platform's shapes: Studio's for the editor's handlers, the LMS's for the rest)."""
    import re

    from dev.handler_urls import handler_url

    usage = re.search(r"data-usage='([^']+)'", page_html).group(1)
    return lambda name, suffix="": server.url + handler_url(usage, name, suffix)
