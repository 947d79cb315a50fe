"""The reaction survey is anonymous, as the block tells the learner (issue 15, finding 7).

Answers are stored without the learner (no user, no registration, times to the day, ids that do not
follow the order of answering), the event the block publishes carries no answers (the platform adds
the learner to every event), the plugin API sends no username, and the course team sees results
only for a session with at least 5 answers. The learner's "answered" flag stays on the registration
so that each attendee answers once.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.utils import timezone

from dev.lms.models import TrackingEvent
from xblocks.bina_asn import api
from xblocks.bina_asn.models.workshop import WorkshopReaction, WorkshopRegistration

from .helpers import SCENARIO, handler_url, post, session_form, studio_form, usage_id
from .test_handlers import REACTION, end_session

WIB = ZoneInfo("Asia/Jakarta")
COMMENTS = ["Sangat membantu", "Contohnya kurang", "Pelatih sabar", "Ruangan panas", "Lanjutkan"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def ended(client, scenarios, course_staff, make_user):
    """A session six learners attended; it ended a minute ago. Returns (key, learners)."""
    start = timezone.now() + timedelta(minutes=10)
    status, body = post(
        client, course_staff, "studio_submit", studio_form(session_form(starts=start, capacity="10"))
    )
    assert status == 200, body
    key = api.workshop_sessions(usage_id())[0].key
    people = [make_user(f"peserta{n}") for n in range(1, 7)]
    for person in people:
        assert post(client, person, "register", {"session": key})[0] == 200
        marked = post(
            client, course_staff, "staff_mark", {"session": key, "username": person.username, "present": True}
        )
        assert marked[0] == 200, marked
    end_session(key)
    return key, people


def answer(client, person, key, comment=""):
    return post(client, person, "submit_reaction", {"session": key, "answers": REACTION, "comment": comment})


def staff_page(client, user):
    client.force_login(user)
    return client.get(f"/scenario/{SCENARIO}/").content.decode()


def test_answers_are_stored_without_the_learner(client, ended):
    key, people = ended
    for person, comment in zip(people, COMMENTS, strict=False):
        status, body = answer(client, person, key, comment)
        assert status == 200, body
    fields = {field.name for field in WorkshopReaction._meta.get_fields()}
    assert not fields & {"registration", "user", "user_id", "username", "anonymous_user_id"}
    reactions = list(WorkshopReaction.objects.all())
    assert len(reactions) == 5
    today = timezone.localtime(timezone.now(), WIB).replace(hour=0, minute=0, second=0, microsecond=0)
    assert {r.created for r in reactions} == {r.modified for r in reactions} == {today}
    ids = [r.id for r in reactions]
    assert max(ids) - min(ids) > 10**6  # random ids: their order is not the order of answering
    # Each learner answers once: the flag on the registration, not a link from the answers.
    flags = dict(WorkshopRegistration.objects.values_list("user__username", "reaction_submitted"))
    assert flags == {p.username: p in people[:5] for p in people}
    status, body = answer(client, people[0], key)
    assert status == 400 and "sudah" in body["error"]
    assert WorkshopReaction.objects.count() == 5


def test_the_event_carries_no_answers(client, ended):
    key, people = ended
    answer(client, people[0], key, "rahasia")
    (event,) = TrackingEvent.objects.filter(event_type="bina.partner_workshop.reaction_submitted")
    assert event.data == {"session": key}


def test_the_api_sends_no_username(client, ended, make_user):
    key, people = ended
    for person in people[:5]:
        answer(client, person, key, "baik")
    client.force_login(make_user("admin", global_staff=True))
    rows = client.get("/api/bina/v1/workshop-reactions/").json()["results"]
    assert len(rows) == 5
    for row in rows:
        assert set(row) == {
            "id",
            "session_id",
            "course_id",
            "usage_id",
            "answers",
            "comment",
            "created",
            "modified",
        }
        assert row["answers"] == REACTION
    assert all(p.username not in str(rows) for p in people)


def test_results_need_five_answers(client, ended, course_staff):
    key, people = ended
    for person, comment in zip(people[:4], COMMENTS, strict=False):
        answer(client, person, key, comment)
    html = staff_page(client, course_staff)
    assert "4 dari 6 peserta yang hadir sudah mengisi." in html
    assert "pw-averages" not in html and "Sangat membantu" not in html
    assert "paling sedikit 5 jawaban" in html
    answer(client, people[4], key, COMMENTS[4])
    html = staff_page(client, course_staff)
    assert "pw-averages" in html and "Sangat membantu" in html and "Lanjutkan" in html
    summary = api.workshop_reaction_summary(WorkshopRegistration.objects.first().session_id, list(REACTION))
    assert summary.responses == 5 and summary.averages["relevance"] == 5


def test_the_learner_is_told_who_sees_what(client, ended):
    key, people = ended
    client.force_login(people[0])
    html = client.get(f"/scenario/{SCENARIO}/").content.decode()
    assert "disimpan tanpa nama Anda" in html
    assert "paling sedikit 5" in html
    assert handler_url(people[0], "submit_reaction")
