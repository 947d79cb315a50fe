"""Workshop JP are earned, not promised (issue 14): a check-in before or during the session records
attendance, but the JP count only once the session has ended and the attendance stands (its check-in
window has closed); staff can still correct the roster; the reaction survey opens at the end.

The case of the issue: a learner checked in at 13.09 WIB for a session running 13.19-17.04 WIB and
was credited "5 JP diakui" at once, and the survey took answers before the session began.
"""

from datetime import UTC, datetime, timedelta

import pytest

from xblocks.bina_asn import api
from xblocks.bina_asn.models.workshop import WorkshopRegistration

from .conftest import NOW, USAGE, session_definition

pytestmark = pytest.mark.django_db
KEYS = ["relevance", "engagement", "trainer", "usefulness", "recommend"]
STARTS = datetime(2026, 12, 3, 6, 19, tzinfo=UTC)  # 13.19 WIB
CHECKED_IN = datetime(2026, 12, 3, 6, 9, tzinfo=UTC)  # 13.09 WIB


@pytest.fixture
def session(sync, learners):
    found = sync(session_definition(starts_at=STARTS, duration_minutes=225, capacity=5))["sesi-1"]  # to 17.04
    for user in learners[:3]:
        api.register_for_workshop_session(found.id, user.pk, now=NOW)
    return found


def registration(session, user):
    return WorkshopRegistration.objects.get(session_id=session.id, user=user)


def check_in(session, user, now):
    return api.check_in_to_workshop_session(
        session.id, user.pk, api.workshop_checkin_code(session.id), now=now
    )


def test_check_in_before_the_start_records_attendance_but_credits_no_jp(session, learners):
    assert check_in(session, learners[0], CHECKED_IN).status == "attended"
    row = registration(session, learners[0])
    assert (row.status, row.jp_credited, row.jp_credited_at) == ("attended", 0, None)
    assert api.learner_workshop_jp(USAGE, learners[0].pk) == 0
    mine = api.learner_workshop_registrations(USAGE, learners[0].pk)["sesi-1"]
    assert (mine.jp_status, mine.jp_session, mine.jp_counts_from) == ("pending", 5, session.checkin_closes_at)


def test_jp_are_credited_once_the_session_has_ended_and_check_in_closed(session, learners):
    check_in(session, learners[0], CHECKED_IN)
    assert api.settle_ended_workshop_sessions(now=session.ends_at) == 0  # ended, attendance may still change
    assert registration(session, learners[0]).jp_credited == 0
    assert api.settle_ended_workshop_sessions(now=session.checkin_closes_at) == 0
    closed = session.checkin_closes_at + timedelta(seconds=1)
    # learners[1] and [2] never came: no-shows; learners[0]'s JP are credited
    assert api.settle_ended_workshop_sessions(now=closed) == 3
    row = registration(session, learners[0])
    assert (row.jp_credited, row.jp_credited_at, row.modified) == (5, closed, closed)
    assert api.learner_workshop_jp(USAGE, learners[0].pk) == 5
    assert api.settle_ended_workshop_sessions(now=closed + timedelta(hours=1)) == 0  # idempotent


def test_staff_can_still_correct_the_roster_after_the_jp_were_credited(session, learners, course_staff):
    check_in(session, learners[0], CHECKED_IN)
    later = session.checkin_closes_at + timedelta(days=1)
    api.settle_ended_workshop_sessions(now=later)
    api.mark_workshop_attendance(session.id, learners[0].pk, False, course_staff.pk, now=later)
    row = registration(session, learners[0])
    assert (row.status, row.jp_credited, row.jp_credited_at) == ("no_show", 0, None)
    api.mark_workshop_attendance(session.id, learners[1].pk, True, course_staff.pk, now=later)
    row = registration(session, learners[1])
    assert (row.status, row.jp_credited, row.jp_credited_at) == ("attended", 5, later)  # at once


def test_staff_marking_present_during_the_session_leaves_the_jp_pending(session, learners, course_staff):
    api.mark_workshop_attendance(session.id, learners[2].pk, True, course_staff.pk, now=STARTS)
    assert registration(session, learners[2]).jp_credited == 0


def test_a_jp_change_in_studio_does_not_credit_pending_attendance(session, learners, sync):
    check_in(session, learners[0], CHECKED_IN)
    sync(session_definition(starts_at=STARTS, duration_minutes=225, capacity=5, jp_explicit=3))
    assert registration(session, learners[0]).jp_credited == 0
    api.settle_ended_workshop_sessions(now=session.checkin_closes_at + timedelta(seconds=1))
    assert registration(session, learners[0]).jp_credited == 3


def test_the_reaction_survey_opens_at_the_end_of_the_session(session, learners):
    check_in(session, learners[0], CHECKED_IN)
    answers = dict.fromkeys(KEYS, 4)
    for moment in (CHECKED_IN, STARTS, session.ends_at - timedelta(seconds=1)):
        with pytest.raises(api.WorkshopError) as caught:
            api.submit_workshop_reaction(session.id, learners[0].pk, answers, "", KEYS, now=moment)
        assert caught.value.code == "reaction_not_open"
    assert not hasattr(registration(session, learners[0]), "reaction")
    reaction = api.submit_workshop_reaction(
        session.id, learners[0].pk, answers, "", KEYS, now=session.ends_at
    )
    assert reaction.answers == answers


def test_the_database_refuses_jp_before_they_are_credited(session, learners):
    from django.db import IntegrityError, transaction

    check_in(session, learners[0], CHECKED_IN)
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkshopRegistration.objects.filter(session_id=session.id, user=learners[0]).update(jp_credited=5)
