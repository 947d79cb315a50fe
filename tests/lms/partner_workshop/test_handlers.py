"""The block's handlers through the dev LMS's HTTP endpoints: learners, the course team, and bad input."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from icalendar import Calendar

from dev.lms.models import TrackingEvent
from xblocks.bina_asn import api
from xblocks.bina_asn.models.workshop import WorkshopReaction, WorkshopRegistration, WorkshopSession

from .helpers import SCENARIO, block_for, handler_url, post, session_form, studio_form, wib_local

REACTION = {"relevance": 5, "engagement": 4, "trainer": 5, "usefulness": 4, "recommend": 5}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def authored(client, scenarios, course_staff):
    """Author the block through the Studio handler; return a function to re-author it."""

    def author(*sessions, **overrides):
        status, body = post(client, course_staff, "studio_submit", studio_form(*sessions, **overrides))
        assert status == 200, body
        return {s["key"]: s for s in block_for(course_staff).sessions}

    return author


@pytest.fixture
def session_key(authored):
    return next(iter(authored()))


@pytest.fixture
def live_key(authored):
    """A session starting in ten minutes: check-in is open."""
    return next(iter(authored(session_form(starts=timezone.now() + timedelta(minutes=10)))))


def end_session(key, *, window_closed=False):
    """Move a session into the past: it ended a minute ago (its check-in window still open for 29
    minutes, or already closed with ``window_closed``), as if the clock had run on."""
    session = WorkshopSession.objects.get(key=key)
    shift = timezone.now() - timedelta(minutes=31 if window_closed else 1) - session.ends_at
    WorkshopSession.objects.filter(pk=session.pk).update(
        starts_at=session.starts_at + shift,
        ends_at=session.ends_at + shift,
        registration_deadline=session.registration_deadline + shift,
        checkin_opens_at=session.checkin_opens_at + shift,
        checkin_closes_at=session.checkin_closes_at + shift,
    )


def learners(make_user, n):
    return [make_user(f"asn{i}") for i in range(1, n + 1)]


def page(client, user):
    client.force_login(user)
    return client.get(f"/scenario/{SCENARIO}/").content.decode()


# --- Registration ---------------------------------------------------------------------------------


def test_register_fill_seats_then_waiting_list_and_promotion(client, session_key, make_user):
    a, b, c = learners(make_user, 3)
    status, body = post(client, a, "register", {"session": session_key})
    assert status == 200
    assert "registered" in body["message"] or "terdaftar" in body["message"]
    post(client, b, "register", {"session": session_key})
    status, body = post(client, c, "register", {"session": session_key})
    assert status == 200
    assert "1" in body["message"]
    assert 'data-action="cancel"' in body["html"]  # "leave the waiting list"
    status, _ = post(client, a, "cancel", {"session": session_key})
    assert status == 200
    assert WorkshopRegistration.objects.get(user=c).status == "registered"
    events = list(
        TrackingEvent.objects.filter(event_type__startswith="bina.partner_workshop").values_list(
            "event_type", flat=True
        )
    )
    assert events.count("bina.partner_workshop.registered") == 3


def test_registering_twice_is_refused_with_a_message(client, session_key, learner):
    post(client, learner, "register", {"session": session_key})
    status, body = post(client, learner, "register", {"session": session_key})
    assert status == 409
    assert body["error"]
    assert WorkshopRegistration.objects.count() == 1


def test_registration_after_the_deadline_is_refused(client, authored, learner):
    # Registration closed a minute ago; the session itself is tomorrow.
    deadline = timezone.now() - timedelta(minutes=1)
    key = next(
        iter(
            authored(
                session_form(
                    starts=timezone.now() + timedelta(days=1), registration_deadline=wib_local(deadline)
                )
            )
        )
    )
    status, body = post(client, learner, "register", {"session": key})
    assert status == 409
    assert not WorkshopRegistration.objects.exists()


def test_unknown_session_is_404(client, session_key, learner):
    status, body = post(client, learner, "register", {"session": "tidak-ada"})
    assert status == 404
    assert body["error"]


def test_anonymous_visitors_cannot_register(client, session_key):
    from django.contrib.auth.models import AnonymousUser

    client.logout()
    block = block_for(AnonymousUser())
    url = block.runtime.handler_url(block, "register")
    response = client.post(url, json.dumps({"session": session_key}), content_type="application/json")
    assert response.status_code == 403
    assert not WorkshopRegistration.objects.exists()


def test_meeting_link_only_for_seat_holders(client, session_key, make_user):
    a, b, c = learners(make_user, 3)
    assert "meet.contoh.go.id" not in page(client, a)
    post(client, a, "register", {"session": session_key})
    post(client, b, "register", {"session": session_key})
    post(client, c, "register", {"session": session_key})  # waiting
    assert "meet.contoh.go.id" in page(client, a)
    assert "meet.contoh.go.id" not in page(client, c)
    data = block_for(a).student_view_data()
    assert "meet.contoh.go.id" not in str(data)
    # Collected once per publish for everyone: no live seat counts (the handlers have them).
    assert "seats_left" not in data["sessions"][0] and data["sessions"][0]["capacity"] == 2


# --- Calendar -------------------------------------------------------------------------------------


def test_ics_for_registered_learners(client, session_key, make_user):
    a, b = learners(make_user, 2)
    client.force_login(a)
    url = handler_url(a, "calendar", session_key)
    assert client.get(url).status_code == 404  # not registered yet
    post(client, a, "register", {"session": session_key})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    session = WorkshopSession.objects.get(key=session_key)
    assert event.decoded("dtstart") == session.starts_at
    assert event.decoded("dtend") == session.ends_at
    assert "meet.contoh.go.id" in str(event.get("description"))
    assert str(event.get("status")) == "CONFIRMED"


# --- Check-in -------------------------------------------------------------------------------------


def test_check_in_with_the_code_publishes_completion(client, live_key, learner):
    post(client, learner, "register", {"session": live_key})
    code = api.workshop_checkin_code(WorkshopSession.objects.get(key=live_key).id)
    status, body = post(client, learner, "check_in", {"session": live_key, "code": "ZZZZZZ"})
    assert status == 409
    assert WorkshopRegistration.objects.get().status == "registered"
    status, body = post(client, learner, "check_in", {"session": live_key, "code": code.lower()})
    assert status == 200, body
    registration = WorkshopRegistration.objects.get()
    # Attendance is recorded at once; the JP wait until the session has ended and check-in closed.
    assert (registration.status, registration.jp_credited, registration.jp_credited_at) == (
        "attended",
        0,
        None,
    )
    completion = TrackingEvent.objects.get(event_type="completion")
    assert (completion.user, completion.data) == (learner, {"completion": 1.0})
    assert not TrackingEvent.objects.filter(event_type="grade").exists()  # weight 0: not graded
    html = page(client, learner)
    assert "5 JP" in html and "JP yang diakui untuk Anda dari lokakarya ini: 0 JP" in html
    assert "JP dihitung setelah sesi selesai dan kehadiran ditetapkan" in html  # and from when
    end_session(live_key, window_closed=True)
    html = page(client, learner)  # the page settles first: the JP are now credited
    assert "5 JP diakui" in html and WorkshopRegistration.objects.get().jp_credited == 5


def test_check_in_outside_the_window_is_refused(client, session_key, learner):
    post(client, learner, "register", {"session": session_key})
    code = api.workshop_checkin_code(WorkshopSession.objects.get(key=session_key).id)
    status, body = post(client, learner, "check_in", {"session": session_key, "code": code})
    assert status == 409
    assert body["error"]
    assert WorkshopRegistration.objects.get().status == "registered"


def test_check_in_attempts_are_rate_limited(client, live_key, learner):
    post(client, learner, "register", {"session": live_key})
    code = api.workshop_checkin_code(WorkshopSession.objects.get(key=live_key).id)
    statuses = [
        post(client, learner, "check_in", {"session": live_key, "code": f"WRONG{i}"})[0] for i in range(5)
    ]
    assert statuses == [409] * 5
    status, body = post(client, learner, "check_in", {"session": live_key, "code": code})
    assert status == 429  # even the right code waits: guessing is not rewarded
    assert body["error"]
    assert WorkshopRegistration.objects.get().status == "registered"


def test_graded_block_publishes_a_grade_on_attendance(client, authored, learner):
    key = next(iter(authored(session_form(starts=timezone.now() + timedelta(minutes=5)), weight="2")))
    assert block_for(learner).has_score
    post(client, learner, "register", {"session": key})
    code = api.workshop_checkin_code(WorkshopSession.objects.get(key=key).id)
    post(client, learner, "check_in", {"session": key, "code": code})
    grade = TrackingEvent.objects.get(event_type="grade")
    assert grade.data["value"] == 1.0 and grade.data["max_value"] == 1.0


# --- Reaction survey ------------------------------------------------------------------------------


def attend(client, user, key):
    post(client, user, "register", {"session": key})
    code = api.workshop_checkin_code(WorkshopSession.objects.get(key=key).id)
    status, body = post(client, user, "check_in", {"session": key, "code": code})
    assert status == 200, body


def test_survey_after_attendance(client, live_key, learner):
    post(client, learner, "register", {"session": live_key})
    status, body = post(client, learner, "submit_reaction", {"session": live_key, "answers": REACTION})
    assert status == 400  # not attended yet
    attend(client, learner, live_key)
    html = page(client, learner)
    assert "pw-survey" not in html and "Survei singkat tentang sesi ini dibuka saat sesi berakhir" in html
    status, body = post(client, learner, "submit_reaction", {"session": live_key, "answers": REACTION})
    assert status == 400 and "dibuka saat sesi berakhir" in body["error"]  # not before the end
    end_session(live_key)
    assert "pw-survey" in page(client, learner)
    status, body = post(
        client,
        learner,
        "submit_reaction",
        {"session": live_key, "answers": REACTION, "comment": "<b>Mantap</b>"},
    )
    assert status == 200, body
    assert WorkshopReaction.objects.get().comment == "<b>Mantap</b>"
    assert "pw-survey" not in page(client, learner)


@pytest.mark.parametrize(
    "payload",
    [
        {"answers": {**REACTION, "trainer": 7}},
        {"answers": {**REACTION, "trainer": "tinggi"}},
        {"answers": {k: v for k, v in REACTION.items() if k != "recommend"}},
        {"answers": REACTION, "comment": "x" * 2001},
        {"answers": "semua bagus"},
    ],
)
def test_bad_survey_answers_change_nothing(client, live_key, learner, payload):
    attend(client, learner, live_key)
    status, body = post(client, learner, "submit_reaction", {"session": live_key, **payload})
    assert status == 400
    assert body["error"]
    assert not WorkshopReaction.objects.exists()


def test_staff_see_comments_escaped_and_without_names(client, live_key, learner, course_staff):
    attend(client, learner, live_key)
    end_session(live_key)
    post(
        client,
        learner,
        "submit_reaction",
        {"session": live_key, "answers": REACTION, "comment": "<script>alert(1)</script> bagus"},
    )
    html = page(client, course_staff)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; bagus" in html
    assert "4,50" in html or "4.50" in html or "5,00" in html or "5.00" in html


# --- The course team ------------------------------------------------------------------------------


def test_learners_cannot_use_staff_handlers(client, live_key, learner, make_user):
    other = make_user("budi")
    post(client, other, "register", {"session": live_key})
    for name, data in [
        ("staff_mark", {"session": live_key, "username": "budi", "present": True}),
        ("staff_new_code", {"session": live_key}),
        ("studio_submit", studio_form()),
    ]:
        status, body = post(client, learner, name, data)
        assert status == 403, name
    client.force_login(learner)
    assert client.get(handler_url(learner, "roster_csv", live_key)).status_code == 403
    assert WorkshopRegistration.objects.get(user=other).status == "registered"
    assert "Course team" not in page(client, learner) and "pw-staff" not in page(client, learner)


def test_staff_marks_attendance_and_the_learner_gets_completion(client, live_key, make_user, course_staff):
    a, b = learners(make_user, 2)
    post(client, a, "register", {"session": live_key})
    post(client, b, "register", {"session": live_key})
    status, body = post(
        client, course_staff, "staff_mark", {"session": live_key, "username": "asn1", "present": True}
    )
    assert status == 200, body
    registration = WorkshopRegistration.objects.get(user=a)
    assert (registration.status, registration.attendance_method, registration.marked_by) == (
        "attended",
        "staff",
        course_staff,
    )
    completion = TrackingEvent.objects.get(event_type="completion")
    assert completion.user == a  # credited to the learner, not to the trainer
    status, body = post(
        client, course_staff, "staff_mark", {"session": live_key, "username": "asn2", "present": False}
    )
    assert status == 200
    assert WorkshopRegistration.objects.get(user=b).status == "no_show"
    status, body = post(
        client, course_staff, "staff_mark", {"session": live_key, "username": "nobody", "present": True}
    )
    assert status == 404


def test_staff_roster_csv(client, live_key, make_user, course_staff):
    a, b, c = learners(make_user, 3)
    a.first_name, a.last_name = '=HYPERLINK("x")', "Siregar"
    a.save()
    for user in (a, b, c):
        post(client, user, "register", {"session": live_key})
    attend(client, b, live_key)
    client.force_login(course_staff)
    response = client.get(handler_url(course_staff, "roster_csv", live_key))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 4
    by_username = {row[3]: row for row in rows[1:]}
    assert by_username["asn1"][2].startswith("'=")  # no formula injection
    assert by_username["asn2"][13:15] == ["0", "tertunda"]  # JP pending until check-in closes
    assert by_username["asn3"][6] == "1"  # first on the waiting list
    end_session(live_key, window_closed=True)
    api.settle_ended_workshop_sessions()
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(handler_url(course_staff, "roster_csv", live_key)).content.decode("utf-8-sig")
            )
        )
    )
    asn2 = next(row for row in rows if row[3] == "asn2")
    assert asn2[13] == "5" and asn2[14]  # credited, with the time


def test_staff_regenerates_the_code(client, live_key, course_staff):
    session = WorkshopSession.objects.get(key=live_key)
    old = api.workshop_checkin_code(session.id)
    status, body = post(client, course_staff, "staff_new_code", {"session": live_key})
    assert status == 200
    new = api.workshop_checkin_code(session.id)
    assert new != old and new in body["message"]


def test_staff_page_shows_roster_code_and_counts(client, live_key, make_user, course_staff):
    a, b, c = learners(make_user, 3)
    for user in (a, b, c):
        post(client, user, "register", {"session": live_key})
    html = page(client, course_staff)
    code = api.workshop_checkin_code(WorkshopSession.objects.get(key=live_key).id)
    assert code in html
    assert "asn3" in html and 'data-action="staff_mark"' in html
    assert code not in page(client, a)


# --- Studio ---------------------------------------------------------------------------------------


def test_studio_rejects_bad_input_and_changes_nothing(client, session_key, course_staff):
    before = list(block_for(course_staff).sessions)
    form = studio_form(
        session_form(
            session_key,
            title="",
            capacity="0",
            duration_minutes="abc",
            starts_at="besok",
            mode="online",
            meeting_url="bukan-url",
        ),
        partner={"name": "", "kind": "alien"},
        weight="-1",
        reaction_questions=[],
    )
    status, body = post(client, course_staff, "studio_submit", form)
    assert status == 400
    paths = set(body["fields"])
    assert {
        "partner.name",
        "partner.kind",
        "weight",
        "reaction_questions",
        "sessions.0.title",
        "sessions.0.capacity",
        "sessions.0.duration_minutes",
        "sessions.0.starts_at",
        "sessions.0.meeting_url",
    } <= paths
    assert block_for(course_staff).sessions == before


def test_studio_refuses_to_delete_a_session_with_registrations(client, authored, learner, course_staff):
    keys = list(authored(session_form(), session_form(title="Sesi kedua")))
    post(client, learner, "register", {"session": keys[0]})
    status, body = post(
        client, course_staff, "studio_submit", studio_form(session_form(keys[1], title="Sesi kedua"))
    )
    assert status == 400
    assert any(path.startswith("sessions.refused") for path in body["fields"])
    assert [s["key"] for s in block_for(course_staff).sessions] == keys
    # Cancelling it instead keeps the registration and tells the learner.
    status, body = post(
        client,
        course_staff,
        "studio_submit",
        studio_form(session_form(keys[0], cancelled=True), session_form(keys[1], title="Sesi kedua")),
    )
    assert status == 200, body
    assert WorkshopRegistration.objects.get().status == "registered"
    assert "pw-cancelled" in page(client, learner)


def test_studio_edit_keeps_registrations_and_times_are_wib(client, session_key, learner, course_staff):
    post(client, learner, "register", {"session": session_key})
    status, _ = post(
        client,
        course_staff,
        "studio_submit",
        studio_form(
            session_form(session_key, starts_at="2027-01-15T09:00", duration_minutes="90", title="Baru")
        ),
    )
    assert status == 200
    session = WorkshopSession.objects.get(key=session_key)
    assert session.starts_at.isoformat() == "2027-01-15T02:00:00+00:00"  # 09.00 WIB is 02.00 UTC
    assert session.jp_credit == 2
    assert block_for(course_staff).sessions[0]["starts_at"] == "2027-01-15T02:00:00Z"
    assert WorkshopRegistration.objects.get(session=session).user == learner
    client.force_login(course_staff)
    html = client.get(f"/scenario/{SCENARIO}/studio_view/").content.decode()
    assert 'value="2027-01-15T09:00"' in html


def test_validate_warns_about_an_empty_block(scenarios, course_staff):
    messages = block_for(course_staff).validate().to_json()["messages"]
    assert len(messages) == 2


def test_report_data_lists_registrations(client, live_key, learner):
    from types import SimpleNamespace

    attend(client, learner, live_key)
    rows = list(block_for(learner).generate_report_data([SimpleNamespace(user=learner)]))
    assert rows[0][0] == "ani"
    assert rows[0][1]["Status"] == "attended"
    assert (rows[0][1]["JP"], rows[0][1]["JP status"]) == (0, "pending")


def test_studio_form_data_round_trips(client, session_key, course_staff, learner):
    status, form = post(client, course_staff, "studio_form_data", {})
    assert status == 200
    assert form["sessions"][0]["key"] == session_key
    before = list(block_for(course_staff).sessions)
    status, body = post(client, course_staff, "studio_submit", form)
    assert status == 200, body
    assert block_for(course_staff).sessions == before
    assert post(client, learner, "studio_form_data", {})[0] == 403


def test_author_view_summarises_without_learner_actions(client, session_key, course_staff):
    client.force_login(course_staff)
    html = client.get(f"/scenario/{SCENARIO}/author_view/").content.decode()
    assert "Analisis data layanan dengan spreadsheet" in html
    assert "5 JP" in html
    assert 'data-action="register"' not in html
