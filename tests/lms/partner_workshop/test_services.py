"""Seats, the waiting list and its promotion, attendance, reactions and the Studio sync, on the tables."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from xblocks.bina_asn import api
from xblocks.bina_asn.models.workshop import WorkshopRegistration, WorkshopSession

from .conftest import NOW, USAGE, session_definition

pytestmark = pytest.mark.django_db


def status_of(session, user):
    return WorkshopRegistration.objects.get(session_id=session.id, user=user).status


def code_of(session):
    return api.workshop_checkin_code(session.id)


def error_code(call, *args, **kwargs):
    with pytest.raises(api.WorkshopError) as caught:
        call(*args, **kwargs)
    return caught.value.code


# --- Seats and waiting list ----------------------------------------------------------------------


def test_seats_then_waiting_list_in_order(sync, learners):
    session = sync()["sesi-1"]
    outcomes = [api.register_for_workshop_session(session.id, u.pk, now=NOW) for u in learners[:5]]
    assert [(o.status, o.queue_position) for o in outcomes] == [
        ("registered", None),
        ("registered", None),
        ("waiting", 1),
        ("waiting", 2),
        ("waiting", 3),
    ]
    data = api.workshop_session_by_key(USAGE, "sesi-1")
    assert (data.registered_count, data.waiting_count, data.seats_left) == (2, 3, 0)


def test_cancelling_a_seat_promotes_the_first_waiting_learner(sync, learners):
    session = sync()["sesi-1"]
    for user in learners[:4]:
        api.register_for_workshop_session(session.id, user.pk, now=NOW)
    outcome = api.cancel_workshop_registration(session.id, learners[0].pk, now=NOW)
    assert outcome.status == "cancelled"
    assert outcome.promoted_user_ids == (learners[2].pk,)
    assert status_of(session, learners[2]) == "registered"
    assert status_of(session, learners[3]) == "waiting"
    mine = api.learner_workshop_registrations(USAGE, learners[3].pk)["sesi-1"]
    assert mine.queue_position == 1


def test_leaving_the_waiting_list_moves_others_up_without_taking_a_seat(sync, learners):
    session = sync()["sesi-1"]
    for user in learners[:5]:
        api.register_for_workshop_session(session.id, user.pk, now=NOW)
    outcome = api.cancel_workshop_registration(session.id, learners[2].pk, now=NOW)
    assert outcome.promoted_user_ids == ()
    # peserta5 was third in the queue and is now second.
    assert api.learner_workshop_registrations(USAGE, learners[4].pk)["sesi-1"].queue_position == 2


def test_re_registering_after_cancelling_joins_the_end_of_the_queue(sync, learners):
    session = sync()["sesi-1"]
    for user in learners[:4]:
        api.register_for_workshop_session(session.id, user.pk, now=NOW)
    api.cancel_workshop_registration(session.id, learners[3].pk, now=NOW)
    api.register_for_workshop_session(session.id, learners[4].pk, now=NOW)
    again = api.register_for_workshop_session(session.id, learners[3].pk, now=NOW)
    assert (again.status, again.queue_position) == ("waiting", 3)


def test_no_seat_jumps_the_waiting_list(sync, learners):
    """A seat freed after the session started is not refilled; late registrations queue behind."""
    session = sync(session_definition(capacity=1, registration_deadline=NOW + timedelta(days=3)))["sesi-1"]
    api.register_for_workshop_session(session.id, learners[0].pk, now=NOW)
    api.register_for_workshop_session(session.id, learners[1].pk, now=NOW)
    assert status_of(session, learners[1]) == "waiting"


def test_registering_twice_is_refused(sync, learners):
    session = sync()["sesi-1"]
    api.register_for_workshop_session(session.id, learners[0].pk, now=NOW)
    assert error_code(api.register_for_workshop_session, session.id, learners[0].pk, now=NOW) == (
        "already_registered"
    )
    for user in learners[1:3]:
        api.register_for_workshop_session(session.id, user.pk, now=NOW)
    assert (
        error_code(api.register_for_workshop_session, session.id, learners[2].pk, now=NOW)
        == "already_waiting"
    )
    assert WorkshopRegistration.objects.count() == 3


def test_registration_closes_at_the_deadline(sync, learners):
    session = sync(session_definition(registration_deadline=NOW + timedelta(hours=1)))["sesi-1"]
    late = NOW + timedelta(hours=1)
    assert error_code(api.register_for_workshop_session, session.id, learners[0].pk, now=late) == (
        "registration_closed"
    )
    assert not WorkshopRegistration.objects.exists()


def test_without_a_deadline_registration_closes_at_the_start(sync, learners):
    session = sync()["sesi-1"]
    assert session.registration_deadline == session.starts_at
    assert (
        error_code(api.register_for_workshop_session, session.id, learners[0].pk, now=session.starts_at)
        == "registration_closed"
    )


def test_one_session_per_learner_by_default(sync, learners):
    sessions = sync(
        session_definition("sesi-1"), session_definition("sesi-2", starts_at=NOW + timedelta(days=9))
    )
    api.register_for_workshop_session(sessions["sesi-1"].id, learners[0].pk, now=NOW)
    assert (
        error_code(api.register_for_workshop_session, sessions["sesi-2"].id, learners[0].pk, now=NOW)
        == "other_session_held"
    )
    api.cancel_workshop_registration(sessions["sesi-1"].id, learners[0].pk, now=NOW)
    assert (
        api.register_for_workshop_session(sessions["sesi-2"].id, learners[0].pk, now=NOW).status
        == "registered"
    )


def test_several_sessions_when_the_author_allows_it(sync, learners):
    sessions = sync(
        session_definition("sesi-1"),
        session_definition("sesi-2", starts_at=NOW + timedelta(days=9)),
        one_session_per_learner=False,
    )
    for session in sessions.values():
        assert api.register_for_workshop_session(session.id, learners[0].pk, now=NOW).status == "registered"


def test_cancelled_session_takes_no_registrations(sync, learners):
    session = sync(session_definition(cancelled=True))["sesi-1"]
    assert (
        error_code(api.register_for_workshop_session, session.id, learners[0].pk, now=NOW)
        == "session_cancelled"
    )


def test_a_seat_cannot_be_given_up_once_the_session_started(sync, learners):
    session = sync()["sesi-1"]
    api.register_for_workshop_session(session.id, learners[0].pk, now=NOW)
    assert (
        error_code(api.cancel_workshop_registration, session.id, learners[0].pk, now=session.starts_at)
        == "cancel_too_late"
    )
    assert (
        error_code(api.cancel_workshop_registration, session.id, learners[1].pk, now=NOW) == "not_registered"
    )


def test_unknown_session_is_an_error(db, learners):
    assert error_code(api.register_for_workshop_session, 999, learners[0].pk, now=NOW) == "session_not_found"


def test_database_refuses_two_rows_per_learner_and_session(sync, learners):
    session = sync()["sesi-1"]
    api.register_for_workshop_session(session.id, learners[0].pk, now=NOW)
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkshopRegistration.objects.create(session_id=session.id, user=learners[0], status="registered")


def test_database_refuses_jp_without_attendance(sync, learners):
    session = sync()["sesi-1"]
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkshopRegistration.objects.create(
            session_id=session.id, user=learners[0], status="registered", jp_credited=5
        )


# --- Check-in and staff attendance ---------------------------------------------------------------


def test_check_in_window_and_code(sync, learners):
    session = sync()["sesi-1"]
    api.register_for_workshop_session(session.id, learners[0].pk, now=NOW)
    code = code_of(session)
    too_early = session.starts_at - timedelta(minutes=31)
    assert error_code(api.check_in_to_workshop_session, session.id, learners[0].pk, code, now=too_early) == (
        "checkin_not_open"
    )
    too_late = session.ends_at + timedelta(minutes=31)
    assert error_code(api.check_in_to_workshop_session, session.id, learners[0].pk, code, now=too_late) == (
        "checkin_closed"
    )
    during = session.starts_at + timedelta(minutes=10)
    assert (
        error_code(api.check_in_to_workshop_session, session.id, learners[0].pk, "XXXXXX", now=during)
        == "checkin_wrong_code"
    )
    assert status_of(session, learners[0]) == "registered"
    typed = f" {code[:3].lower()}-{code[3:]} "
    outcome = api.check_in_to_workshop_session(session.id, learners[0].pk, typed, now=during)
    assert outcome.status == "attended"
    registration = WorkshopRegistration.objects.get(session_id=session.id, user=learners[0])
    assert (registration.attendance_method, registration.jp_credited) == (
        "code",
        0,
    )  # pending until it stands
    again = api.check_in_to_workshop_session(session.id, learners[0].pk, code, now=during)
    assert again.already


def test_window_edges_are_inclusive(sync, learners):
    session = sync()["sesi-1"]
    api.register_for_workshop_session(session.id, learners[0].pk, now=NOW)
    api.register_for_workshop_session(session.id, learners[1].pk, now=NOW)
    code = code_of(session)
    assert (
        api.check_in_to_workshop_session(
            session.id, learners[0].pk, code, now=session.checkin_opens_at
        ).status
        == "attended"
    )
    assert (
        api.check_in_to_workshop_session(
            session.id, learners[1].pk, code, now=session.checkin_closes_at
        ).status
        == "attended"
    )


def test_waiting_and_unregistered_learners_cannot_check_in(sync, learners):
    session = sync(session_definition(capacity=1))["sesi-1"]
    api.register_for_workshop_session(session.id, learners[0].pk, now=NOW)
    api.register_for_workshop_session(session.id, learners[1].pk, now=NOW)
    during = session.starts_at
    code = code_of(session)
    assert error_code(api.check_in_to_workshop_session, session.id, learners[1].pk, code, now=during) == (
        "checkin_waiting"
    )
    assert error_code(api.check_in_to_workshop_session, session.id, learners[2].pk, code, now=during) == (
        "not_registered"
    )


def test_staff_only_workshops_refuse_codes_and_code_only_refuse_staff(sync, learners, course_staff):
    session = sync(attendance_method="staff")["sesi-1"]
    api.register_for_workshop_session(session.id, learners[0].pk, now=NOW)
    assert (
        error_code(
            api.check_in_to_workshop_session,
            session.id,
            learners[0].pk,
            code_of(session),
            now=session.starts_at,
        )
        == "checkin_not_by_code"
    )
    session = sync(attendance_method="code")["sesi-1"]
    assert (
        error_code(
            api.mark_workshop_attendance,
            session.id,
            learners[0].pk,
            True,
            course_staff.pk,
            now=session.starts_at,
        )
        == "marking_not_by_staff"
    )


def test_staff_marks_present_and_absent(sync, learners, course_staff):
    session = sync()["sesi-1"]
    api.register_for_workshop_session(session.id, learners[0].pk, now=NOW)
    assert (
        error_code(api.mark_workshop_attendance, session.id, learners[0].pk, True, course_staff.pk, now=NOW)
        == "marking_not_started"
    )
    later = session.ends_at + timedelta(days=2)  # staff may correct the roster afterwards
    api.mark_workshop_attendance(session.id, learners[0].pk, True, course_staff.pk, now=later)
    registration = WorkshopRegistration.objects.get(session_id=session.id, user=learners[0])
    assert (registration.status, registration.attendance_method, registration.marked_by) == (
        "attended",
        "staff",
        course_staff,
    )
    assert registration.jp_credited == 5
    api.mark_workshop_attendance(session.id, learners[0].pk, False, course_staff.pk, now=later)
    registration.refresh_from_db()
    assert (registration.status, registration.jp_credited, registration.attended_at) == ("no_show", 0, None)
    assert (
        error_code(api.mark_workshop_attendance, session.id, learners[5].pk, True, course_staff.pk, now=later)
        == "learner_not_registered"
    )


def test_settling_turns_absent_registrations_into_no_shows(sync, learners):
    session = sync()["sesi-1"]
    api.register_for_workshop_session(session.id, learners[0].pk, now=NOW)
    api.register_for_workshop_session(session.id, learners[1].pk, now=NOW)
    api.check_in_to_workshop_session(session.id, learners[1].pk, code_of(session), now=session.starts_at)
    assert api.settle_ended_workshop_sessions(now=session.checkin_closes_at) == 0
    # one no-show, and learners[1]'s JP credited
    assert api.settle_ended_workshop_sessions(now=session.checkin_closes_at + timedelta(seconds=1)) == 2
    assert status_of(session, learners[0]) == "no_show"
    assert status_of(session, learners[1]) == "attended"


def test_new_checkin_code_replaces_the_old_one(sync, learners):
    session = sync()["sesi-1"]
    api.register_for_workshop_session(session.id, learners[0].pk, now=NOW)
    old = code_of(session)
    new = api.regenerate_workshop_checkin_code(session.id)
    assert new != old and len(new) == 6
    assert (
        error_code(api.check_in_to_workshop_session, session.id, learners[0].pk, old, now=session.starts_at)
        == "checkin_wrong_code"
    )


# --- Reactions -----------------------------------------------------------------------------------

KEYS = ["relevance", "engagement", "trainer", "usefulness", "recommend"]
GOOD = {"relevance": 5, "engagement": 4, "trainer": 5, "usefulness": "4", "recommend": 5}


@pytest.fixture
def attendee(sync, learners):
    session = sync()["sesi-1"]
    api.register_for_workshop_session(session.id, learners[0].pk, now=NOW)
    api.check_in_to_workshop_session(session.id, learners[0].pk, code_of(session), now=session.starts_at)
    return session, learners[0]


def test_reaction_after_attendance_only(sync, learners, attendee):
    session, user = attendee
    api.register_for_workshop_session(session.id, learners[1].pk, now=NOW)
    assert error_code(api.submit_workshop_reaction, session.id, learners[1].pk, GOOD, "", KEYS) == (
        "reaction_not_attended"
    )
    reaction = api.submit_workshop_reaction(
        session.id, user.pk, GOOD, "  Sangat bermanfaat.  ", KEYS, now=session.ends_at
    )
    assert reaction.answers["usefulness"] == 4
    assert reaction.comment == "Sangat bermanfaat."
    assert error_code(
        api.submit_workshop_reaction, session.id, user.pk, GOOD, "", KEYS, now=session.ends_at
    ) == ("reaction_already_submitted")


@pytest.mark.parametrize(
    ("answers", "comment", "code"),
    [
        ({**GOOD, "trainer": 6}, "", "answer_out_of_range"),
        ({**GOOD, "trainer": 0}, "", "answer_out_of_range"),
        ({**GOOD, "trainer": 3.5}, "", "answer_out_of_range"),
        ({**GOOD, "trainer": "lima"}, "", "answer_out_of_range"),
        ({**GOOD, "trainer": True}, "", "answer_out_of_range"),
        ({k: v for k, v in GOOD.items() if k != "trainer"}, "", "answer_missing"),
        ({**GOOD, "extra": 3}, "", "answer_unknown_question"),
        ([1, 2, 3], "", "answers_not_a_mapping"),
        (GOOD, "x" * 2001, "comment_too_long"),
    ],
)
def test_bad_reactions_change_nothing(attendee, answers, comment, code):
    session, user = attendee
    assert error_code(api.submit_workshop_reaction, session.id, user.pk, answers, comment, KEYS) == code
    assert not hasattr(WorkshopRegistration.objects.get(session_id=session.id, user=user), "reaction")


def test_reaction_summary_averages_and_comments(sync, learners):
    session = sync(session_definition(capacity=5))["sesi-1"]
    for user in learners[:3]:
        api.register_for_workshop_session(session.id, user.pk, now=NOW)
        api.check_in_to_workshop_session(session.id, user.pk, code_of(session), now=session.starts_at)
    api.submit_workshop_reaction(session.id, learners[0].pk, GOOD, "Bagus", KEYS, now=session.ends_at)
    api.submit_workshop_reaction(
        session.id, learners[1].pk, dict.fromkeys(KEYS, 3), "", KEYS, now=session.ends_at
    )
    summary = api.workshop_reaction_summary(session.id, KEYS)
    assert (summary.responses, summary.attended) == (2, 3)
    assert summary.averages["relevance"] == 4.0
    assert summary.averages["engagement"] == 3.5
    assert summary.distribution["trainer"] == {1: 0, 2: 0, 3: 1, 4: 0, 5: 1}
    assert [text for _, text in summary.comments] == ["Bagus"]


def test_staff_cannot_mark_absent_after_a_reaction(attendee, course_staff):
    session, user = attendee
    api.submit_workshop_reaction(session.id, user.pk, GOOD, "", KEYS, now=session.ends_at)
    assert (
        error_code(
            api.mark_workshop_attendance, session.id, user.pk, False, course_staff.pk, now=session.starts_at
        )
        == "absent_after_reaction"
    )


# --- Sync from Studio ----------------------------------------------------------------------------


def test_sync_keeps_registrations_when_a_session_is_edited(sync, learners):
    session = sync()["sesi-1"]
    api.register_for_workshop_session(session.id, learners[0].pk, now=NOW)
    edited = sync(
        session_definition(title="Judul baru", starts_at=NOW + timedelta(days=3), duration_minutes=90)
    )
    assert edited["sesi-1"].id == session.id
    assert edited["sesi-1"].title == "Judul baru"
    assert edited["sesi-1"].jp_credit == 2
    assert edited["sesi-1"].registered_count == 1


def test_sync_refuses_to_delete_a_session_with_registrations(sync, learners):
    sessions = sync(session_definition("sesi-1"), session_definition("sesi-2"))
    api.register_for_workshop_session(sessions["sesi-1"].id, learners[0].pk, now=NOW)
    with pytest.raises(api.WorkshopDefinitionError) as caught:
        sync(session_definition("sesi-2"))
    assert [p.code for p in caught.value.problems] == ["session_removed_with_registrations"]
    assert WorkshopSession.objects.filter(key="sesi-1").exists()
    # Deleting the session without registrations is fine; cancelling the other keeps its rows.
    after = sync(session_definition("sesi-1", cancelled=True))
    assert set(after) == {"sesi-1"}
    assert after["sesi-1"].cancelled
    assert after["sesi-1"].registered_count == 1


def test_sync_refuses_capacity_below_seats_held(sync, learners):
    session = sync(session_definition(capacity=3))["sesi-1"]
    for user in learners[:3]:
        api.register_for_workshop_session(session.id, user.pk, now=NOW)
    with pytest.raises(api.WorkshopDefinitionError) as caught:
        sync(session_definition(capacity=2))
    problem = caught.value.problems[0]
    assert (problem.code, problem.params["seats"], problem.params["capacity"]) == (
        "capacity_below_seats",
        3,
        2,
    )
    assert WorkshopSession.objects.get().capacity == 3


def test_more_capacity_moves_the_waiting_list_up(sync, learners):
    session = sync()["sesi-1"]
    for user in learners[:5]:
        api.register_for_workshop_session(session.id, user.pk, now=NOW)
    after = sync(session_definition(capacity=4))["sesi-1"]
    assert (after.registered_count, after.waiting_count) == (4, 1)
    assert status_of(session, learners[4]) == "waiting"


def test_jp_change_updates_credited_jp(attendee, sync):
    session, user = attendee
    api.settle_ended_workshop_sessions(now=session.checkin_closes_at + timedelta(seconds=1))
    sync(session_definition(jp_explicit=8))
    assert WorkshopRegistration.objects.get(session_id=session.id, user=user).jp_credited == 8
    assert api.learner_workshop_jp(USAGE, user.pk) == 8


def test_sync_derives_windows_and_keeps_the_code(sync):
    session = sync(checkin_opens_minutes=15, checkin_closes_minutes=60)["sesi-1"]
    code = code_of(session)
    assert session.checkin_opens_at == session.starts_at - timedelta(minutes=15)
    assert session.checkin_closes_at == session.ends_at + timedelta(minutes=60)
    sync(checkin_opens_minutes=15, checkin_closes_minutes=60)
    assert code_of(session) == code


def test_definition_problems_are_reported_without_writing(sync, learners):
    from .conftest import workshop_definition

    session = sync()["sesi-1"]
    api.register_for_workshop_session(session.id, learners[0].pk, now=NOW)
    problems = api.workshop_definition_problems(workshop_definition(session_definition("other")))
    assert [p.code for p in problems] == ["session_removed_with_registrations"]
    assert WorkshopSession.objects.filter(key="sesi-1").exists()


def test_settle_command(sync, learners):
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    session = sync(session_definition(starts_at=timezone.now() - timedelta(days=1)))["sesi-1"]
    api.register_for_workshop_session(session.id, learners[0].pk, now=session.starts_at - timedelta(days=1))
    out = StringIO()
    call_command("settle_workshop_sessions", stdout=out)
    assert out.getvalue().startswith("1 ")
    assert status_of(session, learners[0]) == "no_show"
