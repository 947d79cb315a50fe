"""The plugin REST API v1 for partner workshops: the contract in docs/reference/plugin-api-v1.rst."""

import base64
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from xblocks.bina_asn import api

from .conftest import COURSE, NOW, USAGE, session_definition

CONTRACT_KEYS = {
    "workshop-sessions": {
        "id",
        "course_id",
        "usage_id",
        "partner",
        "title",
        "kind",
        "starts_at",
        "duration_minutes",
        "mode",
        "capacity",
        "jp_credit",
        "registered_count",
        "waiting_count",
        "attended_count",
        "created",
        "modified",
    },
    "workshop-attendance": {
        "id",
        "session_id",
        "course_id",
        "username",
        "anonymous_user_id",
        "status",
        "attended_at",
        "jp_credited",
        "jp_status",
        "jp_credited_at",
        "jp_counts_from",
        "method",
        "created",
        "modified",
    },
    "workshop-reactions": {
        "id",
        "session_id",
        "course_id",
        "username",
        "answers",
        "comment",
        "created",
        "modified",
    },
    "partners": {"id", "course_id", "usage_id", "name", "kind", "created", "modified"},
}
KEYS = ["relevance", "engagement", "trainer", "usefulness", "recommend"]


@pytest.fixture
def data(sync, learners):
    """A workshop with 2 seats: 1 attended (with a survey), 1 registered, 1 waiting."""
    session = sync(session_definition(starts_at=NOW + timedelta(days=2)))["sesi-1"]
    for user in learners[:3]:
        api.register_for_workshop_session(session.id, user.pk, anonymous_user_id=f"anon-{user.pk}", now=NOW)
    code = api.workshop_checkin_code(session.id)
    api.check_in_to_workshop_session(session.id, learners[0].pk, code, now=session.starts_at)
    api.submit_workshop_reaction(
        session.id, learners[0].pk, dict.fromkeys(KEYS, 4), "Bermanfaat", KEYS, now=session.ends_at
    )
    return session


@pytest.fixture
def staff_client(client, make_user):
    client.force_login(make_user("admin", global_staff=True))
    return client


def get(client, route, **params):
    response = client.get(f"/api/bina/v1/{route}/", params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("route", sorted(CONTRACT_KEYS))
def test_lists_follow_the_contract(staff_client, data, route):
    body = get(staff_client, route)
    assert set(body) == {"next", "previous", "results"}
    assert body["results"]
    for row in body["results"]:
        assert CONTRACT_KEYS[route] <= set(row)
        assert row["course_id"] == COURSE
        assert row["modified"].endswith("Z") and row["created"].endswith("Z")


def test_session_counts_and_jp(staff_client, data):
    (row,) = get(staff_client, "workshop-sessions")["results"]
    assert row["partner"] == {"name": "PT Teknologi Tapanuli (sintetis)", "kind": "local_tech",
                              "slug": "pt-teknologi-tapanuli-sintetis"}  # fmt: skip
    assert (row["capacity"], row["registered_count"], row["waiting_count"], row["attended_count"]) == (
        2,
        2,
        1,
        1,
    )
    assert (row["duration_minutes"], row["jp_credit"], row["kind"], row["mode"]) == (
        225,
        5,
        "workshop",
        "onsite",
    )
    assert row["starts_at"] == "2026-12-03T02:00:00Z"
    assert row["usage_id"] == USAGE


def test_attendance_rows(staff_client, data):
    rows = {row["username"]: row for row in get(staff_client, "workshop-attendance")["results"]}
    assert rows["peserta1"]["status"] == "attended"
    assert (rows["peserta1"]["jp_credited"], rows["peserta1"]["jp_status"]) == (5, "credited")
    assert rows["peserta1"]["jp_counts_from"] == "2026-12-03T06:15:00Z"  # 09.00 WIB + 225 min + 30 min
    assert rows["peserta1"]["method"] == "code"
    assert rows["peserta1"]["attended_at"].endswith("Z")
    assert rows["peserta1"]["anonymous_user_id"].startswith("anon-")
    assert rows["peserta3"]["status"] == "waiting" and rows["peserta3"]["jp_status"] == "none"
    assert (rows["peserta3"]["jp_credited"], rows["peserta3"]["method"], rows["peserta3"]["attended_at"]) == (
        0,
        None,
        None,
    )


def test_registered_learners_become_no_shows_once_check_in_closes(staff_client, sync, learners):
    starts = timezone.now() - timedelta(days=1)  # check-in closed yesterday, in real time
    session = sync(session_definition(starts_at=starts))["sesi-1"]
    before = starts - timedelta(days=2)
    for user in learners[:3]:
        api.register_for_workshop_session(session.id, user.pk, now=before)
    api.check_in_to_workshop_session(
        session.id, learners[0].pk, api.workshop_checkin_code(session.id), now=starts
    )
    rows = {row["username"]: row["status"] for row in get(staff_client, "workshop-attendance")["results"]}
    assert rows == {"peserta1": "attended", "peserta2": "no_show", "peserta3": "waiting"}
    (session_row,) = get(staff_client, "workshop-sessions")["results"]
    assert (session_row["registered_count"], session_row["attended_count"], session_row["no_show_count"]) == (
        2,
        1,
        1,
    )


def test_reactions(staff_client, data):
    (row,) = get(staff_client, "workshop-reactions")["results"]
    assert row["answers"] == dict.fromkeys(KEYS, 4)
    assert row["comment"] == "Bermanfaat"
    assert row["session_id"] == data.id


def test_course_and_modified_since_filters(staff_client, data):
    assert get(staff_client, "workshop-attendance", course_id="course-v1:Lain+X+2026")["results"] == []
    assert len(get(staff_client, "workshop-attendance", course_id=COURSE)["results"]) == 3
    future = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert get(staff_client, "workshop-reactions", modified_since=future)["results"] == []
    bad = staff_client.get("/api/bina/v1/workshop-sessions/", {"course_id": "bukan kunci"})
    assert bad.status_code == 400 and "course_id" in bad.json()
    bad = staff_client.get("/api/bina/v1/workshop-sessions/", {"modified_since": "kemarin"})
    assert bad.status_code == 400 and "modified_since" in bad.json()


def test_cursor_pages(staff_client, data):
    first = get(staff_client, "workshop-attendance", page_size=2)
    assert len(first["results"]) == 2 and first["next"]
    second = staff_client.get(first["next"]).json()
    ids = [row["id"] for row in first["results"] + second["results"]]
    assert len(ids) == len(set(ids)) == 3


def test_root_lists_the_workshop_routes(staff_client, db):
    endpoints = staff_client.get("/api/bina/v1/").json()["endpoints"]
    for route in CONTRACT_KEYS:
        assert endpoints[route].endswith(f"/api/bina/v1/{route}/")


@pytest.mark.parametrize("route", sorted(CONTRACT_KEYS))
def test_learners_and_anonymous_callers_are_refused(client, make_user, data, route):
    assert client.get(f"/api/bina/v1/{route}/").status_code == 401
    client.force_login(make_user("ani"))
    assert client.get(f"/api/bina/v1/{route}/").status_code == 403


def test_service_user_reads_with_a_jwt(client, make_user, data):
    make_user("bina_companion", global_staff=True)
    call_command(
        "create_dot_application", "svc", "bina_companion", "--client-id", "cid", "--client-secret", "s"
    )
    token = client.post(
        "/oauth2/access_token",
        {"grant_type": "client_credentials", "token_type": "jwt"},
        HTTP_AUTHORIZATION="Basic " + base64.b64encode(b"cid:s").decode(),
    ).json()["access_token"]
    response = client.get("/api/bina/v1/workshop-attendance/", HTTP_AUTHORIZATION=f"JWT {token}")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3


def test_attendance_is_pending_until_the_session_has_ended_and_check_in_closed(staff_client, sync, learners):
    """What the companion reads: a check-in during the session sends 0 JP and ``pending``; once the
    window has closed the list (which settles first) sends the JP with a new ``modified``."""
    starts = timezone.now() - timedelta(minutes=30)  # running now, in real time
    session = sync(session_definition(starts_at=starts))["sesi-1"]
    api.register_for_workshop_session(session.id, learners[0].pk, now=starts - timedelta(days=1))
    code = api.workshop_checkin_code(session.id)
    api.check_in_to_workshop_session(session.id, learners[0].pk, code, now=starts + timedelta(minutes=5))
    (row,) = get(staff_client, "workshop-attendance")["results"]
    assert (row["status"], row["jp_credited"], row["jp_status"], row["jp_credited_at"]) == (
        "attended",
        0,
        "pending",
        None,
    )
    first_modified = row["modified"]
    sync(session_definition(starts_at=starts - timedelta(days=1)))  # the clock runs on: a day later
    (row,) = get(staff_client, "workshop-attendance")["results"]
    assert (row["jp_credited"], row["jp_status"]) == (5, "credited")
    assert row["modified"] > first_modified and row["jp_credited_at"].endswith("Z")
