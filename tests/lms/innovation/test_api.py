"""``GET /api/bina/v1/ideas/``: the companion's contract (docs/reference/plugin-api-v1.rst)."""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from xblocks.bina_asn import api
from xblocks.bina_asn.models.innovation import Idea

from .conftest import COMPLETE, with_rules

pytestmark = pytest.mark.django_db
URL = "/api/bina/v1/ideas/"
FIELDS = {
    "id",
    "course_id",
    "usage_id",
    "title",
    "state",
    "category",
    "opd_code",
    "opd_name",
    "service_name",
    "is_digital",
    "author_username",
    "co_proposers",
    "supports_count",
    "comments_count",
    "score_mean",
    "score_stdev",
    "score_count",
    "submitted_at",
    "state_changed_at",
    "program",
    "created",
    "modified",
}
PROGRAM = {
    "responsible_opd_code": "DISDUKCAPIL",
    "start_date": "2027-01-15",
    "budget": 25_000_000,
    "kpi": "Waktu tunggu perekaman KTP-el",
    "kpi_target": "30 menit",
}


@pytest.fixture
def staff_client(client, make_user):
    client.force_login(make_user("admin", global_staff=True))
    return client


@pytest.fixture
def ideas(rules, people):
    first = api.save_idea(rules, people["ani"], {**COMPLETE, "co_proposers": "budi, citra"}, submit=True)
    api.answer_invitation(rules, people["budi"], first.id, accept=True)  # citra's invitation waits
    api.save_idea(rules, people["citra"], {"title": "Draf tidak ikut"})
    second = api.save_idea(rules, people["citra"], {**COMPLETE, "title": "Posyandu digital"}, submit=True)
    api.support_idea(rules, people["citra"], first.id)
    api.add_comment(rules, people["citra"], first.id, "Bagus sekali")
    api.score_idea(rules, people["pelatih"], first.id, {"kebaruan": 5, "manfaat": 5, "replikasi": 5})
    api.score_idea(rules, people["juri_mitra"], first.id, {"kebaruan": 5, "manfaat": 3, "replikasi": 5})
    api.change_state(rules, people["pelatih"], first.id, "accepted", "Layak", 2)
    api.implement_idea(rules, people["pelatih"], first.id, PROGRAM, "SK terbit", 3)
    return first, second


def test_the_rows_have_exactly_the_documented_shape(staff_client, ideas):
    body = staff_client.get(URL).json()
    assert set(body) == {"next", "previous", "results"}
    rows = {row["title"]: row for row in body["results"]}
    assert set(rows) == {COMPLETE["title"], "Posyandu digital"}  # no drafts
    row = rows[COMPLETE["title"]]
    assert set(row) == FIELDS
    assert row["id"] == ideas[0].id
    assert (row["state"], row["category"], row["opd_code"]) == (
        "implemented",
        "pelayanan-publik",
        "DISDUKCAPIL",
    )
    assert row["opd_name"] == "Dinas Kependudukan dan Pencatatan Sipil"
    assert (row["service_name"], row["is_digital"], row["author_username"]) == (
        "Perekaman KTP-el",
        True,
        "ani",
    )
    assert row["co_proposers"] == ["budi"]  # accepted invitations only
    assert (row["supports_count"], row["comments_count"], row["score_count"]) == (1, 1, 2)
    assert (row["score_mean"], row["score_stdev"]) == (92.0, 8.0)
    assert row["program"] == {**PROGRAM}
    for key in ("submitted_at", "state_changed_at", "created", "modified"):
        assert row[key].endswith("Z"), key
    unscored = rows["Posyandu digital"]
    assert (unscored["score_mean"], unscored["score_stdev"], unscored["program"]) == (None, None, None)


def test_listed_in_the_api_root(staff_client):
    assert staff_client.get("/api/bina/v1/").json()["endpoints"]["ideas"].endswith(URL)


def test_pages_follow_next_in_change_order(staff_client, rules, people):
    many = with_rules(rules, max_ideas_per_learner=9)
    for n in range(5):
        api.save_idea(many, people["ani"], {**COMPLETE, "title": f"Ide nomor {n}"}, submit=True)
    seen, url = [], URL + "?page_size=2"
    while url:
        body = staff_client.get(url).json()
        assert len(body["results"]) <= 2
        seen += [row["title"] for row in body["results"]]
        url = body["next"]
    assert seen == [f"Ide nomor {n}" for n in range(5)]


def test_modified_since_sees_supports_and_answers(staff_client, rules, people, ideas):
    time.sleep(0.01)
    since = timezone.now()
    assert staff_client.get(URL, {"modified_since": since.isoformat()}).json()["results"] == []
    api.support_idea(rules, people["budi"], ideas[1].id)
    changed = staff_client.get(URL, {"modified_since": since.isoformat()}).json()["results"]
    assert [(row["title"], row["supports_count"]) for row in changed] == [("Posyandu digital", 1)]
    bad = staff_client.get(URL, {"modified_since": "kemarin"})
    assert bad.status_code == 400 and "modified_since" in bad.json()


def test_course_filter(staff_client, rules, people, ideas):
    other = with_rules(
        rules, course_id="course-v1:KotaSibolga+LAIN+2026", usage_id="lain.bina_innovation.d0.u0"
    )
    api.save_idea(other, people["budi"], COMPLETE, submit=True)
    assert len(staff_client.get(URL).json()["results"]) == 3
    only = staff_client.get(URL, {"course_id": "course-v1:KotaSibolga+LAIN+2026"}).json()["results"]
    assert [row["usage_id"] for row in only] == ["lain.bina_innovation.d0.u0"]


def test_learners_and_strangers_are_refused(client, make_user, ideas):
    assert client.get(URL).status_code == 401
    client.force_login(make_user("siapa"))
    assert client.get(URL).status_code == 403


def test_queries_do_not_grow_with_the_page(staff_client, rules, people, ideas):
    many = with_rules(rules, max_ideas_per_learner=50)
    for n in range(12):
        api.save_idea(
            many,
            people["budi"],
            {**COMPLETE, "title": f"Ide tambahan {n}", "co_proposers": "ani"},
            submit=True,
        )
    counts = []
    for size in (2, 14):
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(URL, {"page_size": size}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert Idea.objects.exclude(state="draft").count() == 14
    assert timezone.now() - Idea.objects.latest("modified").modified < timedelta(minutes=5)
