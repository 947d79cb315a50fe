"""``GET /api/bina/v1/assessment-attempts/``: the contract the companion's sync reads."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from xblocks.bina_asn import api
from xblocks.bina_asn.models import AssessmentAttempt

from .test_attempt_records import COURSE, new_attempt

URL = "/api/bina/v1/assessment-attempts/"
CONTRACT_FIELDS = {
    "id",
    "course_id",
    "usage_id",
    "username",
    "anonymous_user_id",
    "mode",
    "pairing_key",
    "attempt_number",
    "score",
    "passed",
    "pillar_scores",
    "pillar_index",
    "competence_scores",
    "form",
    "self_ratings",
    "started",
    "submitted",
    "created",
    "modified",
}
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


def record(user, **kwargs):
    return api.record_assessment_attempt(new_attempt(user, **kwargs))


def test_the_service_user_reads_attempts_in_the_contract_shape(client, service_token, learner):
    record(learner)
    response = client.get(URL, **service_token)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"next", "previous", "results"}
    (row,) = body["results"]
    assert set(row) == CONTRACT_FIELDS
    assert row["username"] == "ani"
    assert row["course_id"] == COURSE
    assert (row["mode"], row["pairing_key"], row["attempt_number"]) == ("pre", "literasi", 1)
    assert row["pillar_scores"] == {"cakap": 50.0} and row["pillar_index"] == {"cakap": 3.0}
    assert row["competence_scores"] == {"1.2": 50.0}
    assert row["submitted"] == "2026-11-20T02:00:00Z"
    for name in ("started", "submitted", "created", "modified"):
        assert ISO_UTC.match(row[name]), row[name]


def test_the_root_lists_the_endpoint(client, service_token):
    endpoints = client.get("/api/bina/v1/", **service_token).json()["endpoints"]
    assert endpoints["assessment-attempts"] == "http://testserver" + URL


def test_cursor_pages_follow_next_in_change_order(client, service_token, make_user):
    users = [make_user(f"asn{n:02d}") for n in range(7)]
    for user in users:
        record(user)
    seen, url = [], URL + "?page_size=3"
    while url:
        body = client.get(url, **service_token).json()
        assert len(body["results"]) <= 3
        seen += [row["username"] for row in body["results"]]
        url = body["next"]
    assert seen == [user.username for user in users]


def test_modified_since_and_course_filters(client, service_token, learner, make_user):
    old = record(learner, number=1)
    AssessmentAttempt.objects.filter(pk=old.id).update(modified=datetime(2026, 1, 1, tzinfo=UTC))
    record(learner, number=2)
    other_course = new_attempt(make_user("budi"))
    api.record_assessment_attempt(
        other_course.__class__(**{**other_course.__dict__, "course_id": "course-v1:X+Y+Z"})
    )
    since = (datetime.now(UTC) - timedelta(hours=1)).isoformat().replace("+00:00", "Z")
    rows = client.get(URL, {"modified_since": since, "course_id": COURSE}, **service_token).json()["results"]
    assert [row["attempt_number"] for row in rows] == [2]
    assert len(client.get(URL, {"course_id": COURSE}, **service_token).json()["results"]) == 2
    assert len(client.get(URL, **service_token).json()["results"]) == 3
    # A course key with an unencoded "+" (it arrives as a space) still works.
    raw = client.get(URL + "?course_id=course-v1:X+Y+Z", **service_token).json()["results"]
    assert [row["username"] for row in raw] == ["budi"]


@pytest.mark.parametrize(
    ("query", "field"),
    [({"modified_since": "kemarin"}, "modified_since"), ({"course_id": "bukan kunci"}, "course_id")],
)
def test_malformed_filters_are_400_with_the_parameter_named(client, service_token, query, field):
    response = client.get(URL, query, **service_token)
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_learners_and_anonymous_callers_are_refused(client, learner):
    assert client.get(URL).status_code == 401
    client.force_login(learner)
    assert client.get(URL).status_code == 403


def test_global_staff_session_reads(client, make_user, learner):
    record(learner)
    client.force_login(make_user("admin", global_staff=True))
    assert len(client.get(URL).json()["results"]) == 1


def test_attempts_submitted_through_the_block_appear(client, service_token, taker, learner):
    ani = taker(learner)
    ids = [item["id"] for item in ani.start()["draft"]["items"]]
    ani.call("submit", {"answers": ani.answers(ids, correct_ids=ids)})
    client.logout()
    (row,) = client.get(URL, **service_token).json()["results"]
    assert row["username"] == "ani" and row["mode"] == "pre" and row["score"] == 1.0
    assert row["usage_id"] == ani.usage_id
    assert row["pillar_index"] == {}  # kept for older readers; no rescaled index is computed any more
