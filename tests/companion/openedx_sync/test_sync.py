"""The sync against a fake LMS on loopback: what it brings, idempotency, incremental runs, the join."""

from datetime import UTC, datetime

import pytest

from companion_service.openedx_sync.api import course_jp
from companion_service.openedx_sync.linking import link_manually
from companion_service.openedx_sync.models import (
    AssessmentAttempt,
    Completion,
    Course,
    Enrollment,
    Grade,
    Idea,
    Learner,
    LinkMethod,
    SyncCheckpoint,
    WorkshopAttendance,
    WorkshopReaction,
    WorkshopSession,
)

from .conftest import COURSES, learners, lms_data, sync

ALL = len(learners())


def snapshot():
    """Every synced row with the values that matter, to compare runs."""
    return {
        "enrollments": sorted(
            Enrollment.objects.values_list(
                "course__course_key", "learner__username", "mode", "is_active", "modified"
            )
        ),
        "grades": sorted(
            Grade.objects.values_list(
                "course__course_key", "learner__username", "percent", "passed", "passed_at", "modified"
            )
        ),
        "completions": sorted(
            Completion.objects.values_list(
                "course__course_key", "learner__username", "percent", "completed_at", "modified"
            )
        ),
        "plugin": [
            sorted(model.objects.values_list("remote_id", "lms_modified", "synced"))
            for model in (AssessmentAttempt, Idea, WorkshopSession, WorkshopAttendance, WorkshopReaction)
        ],
        "learners": sorted(Learner.objects.values_list("username", "asn_id", "link_method")),
    }


def test_first_sync_brings_courses_enrollments_grades_completion_and_our_blocks(
    start_lms, connection_to, roster
):
    lms = start_lms(lms_data())
    run = sync(connection_to(lms))
    assert run.status == "ok", run.errors
    assert run.counts["courses"] == {"fetched": 3, "created": 3, "updated": 0}
    assert run.counts["enrollments"] == {"fetched": 3 * ALL, "created": 3 * ALL, "updated": 0}
    assert run.counts["grades"]["created"] == 3 * ALL - 1
    assert run.counts["completions"]["created"] == 3 * ALL
    for counter in ("assessment_attempts", "ideas", "workshop_sessions", "workshop_reactions"):
        assert run.counts[counter] == {"fetched": 1, "created": 1, "updated": 0}
    assert run.counts["workshop_attendance"]["created"] == 2
    assert WorkshopAttendance.objects.get(remote_id=44).jp_status == "credited"
    assert Enrollment.objects.count() == 3 * ALL

    digi, spbe, data = (Course.objects.get(course_key=key) for key, _, _ in COURSES)
    # Effort is per week; the sample course runs 9 weeks (17 July - 19 September 2015).
    assert (digi.name, digi.effort, digi.jp, digi.channel) == (
        "Literasi Digital ASN",
        "6 hours",
        72,  # 360 min x 9 weeks / 45
        "e_learning",
    )
    assert (spbe.jp, spbe.jp_source) == (30, "estimated")  # 150 min x 9 / 45
    assert (data.jp, data.jp_source) == (None, "missing")  # no effort: an administrator sets it

    dropped = Enrollment.objects.get(course=digi, learner__username="asn000")
    assert dropped.is_active is False
    assert run.started <= dropped.unenrolled_at <= run.finished

    ani_grade = Grade.objects.get(course=digi, learner__username="ani")
    assert ani_grade.passed and ani_grade.percent == 1.0
    assert ani_grade.passed_at == datetime(2026, 11, 25, 8, 0, tzinfo=UTC)  # the certificate's date
    assert ani_grade.passed_at_source == "certificate"
    assert ani_grade.certificate_number == "5d1c7e3f9a2b4c6d8e0f1a2b3c4d5e6f"  # SIASN's nomorSertipikat
    budi_grade = Grade.objects.get(course=digi, learner__username="budi")
    assert (budi_grade.passed, budi_grade.passed_at) == (False, None)
    passed_without_certificate = Grade.objects.filter(passed=True).exclude(
        learner__username="ani", course=digi
    )
    assert passed_without_certificate.exists()
    assert set(passed_without_certificate.values_list("passed_at_source", flat=True)) == {"first_sync"}

    full = Completion.objects.filter(percent__gte=1)
    assert full.exists() and not full.filter(completed_at__isnull=True).exists()
    assert set(full.values_list("completed_at_source", flat=True)) == {"first_sync"}
    assert not Completion.objects.filter(percent__lt=1, completed_at__isnull=False).exists()

    attempt = AssessmentAttempt.objects.get()
    assert (attempt.learner.username, attempt.mode, attempt.score) == ("ani", "pre", 0.725)
    assert attempt.pillar_scores["aman"] == 58.3
    assert Idea.objects.get().author.username == "ani"
    assert WorkshopSession.objects.get().jp_credit == 5
    assert WorkshopReaction.objects.get().comment == "Sangat bermanfaat. <b>Terima kasih</b>"


def test_the_identity_join(start_lms, connection_to, roster):
    lms = start_lms(lms_data())
    run = sync(connection_to(lms))
    linked = {learner.username: learner for learner in Learner.objects.exclude(asn=None)}
    assert linked["ani"].asn == roster["ani"] and linked["ani"].link_method == LinkMethod.USERNAME
    assert linked["196711101992031001"].asn == roster["dedi"]
    assert linked["196711101992031001"].link_method == LinkMethod.NIP
    assert linked["citra_m"].asn == roster["citra"] and linked["citra_m"].link_method == LinkMethod.EMAIL
    roster["citra"].refresh_from_db()
    assert roster["citra"].openedx_username == "citra_m"  # recorded in the roster once known
    assert run.unmatched_learners == ALL - 4


def test_a_manual_link_is_kept_and_a_roster_import_links_the_rest(
    start_lms, connection_to, roster, make_user, django_capture_on_commit_callbacks
):
    from companion_service.roster.services import import_roster

    lms = start_lms(lms_data())
    connection = connection_to(lms)
    sync(connection)
    stranger = Learner.objects.get(username="asn001")
    link_manually(stranger, roster["budi"], make_user("operator", superuser=True))
    not_asn = Learner.objects.get(username="asn002")
    link_manually(not_asn, None, None)  # an administrator says: this learner is no ASN
    run = sync(connection)
    stranger.refresh_from_db()
    assert (stranger.asn, stranger.link_method) == (roster["budi"], LinkMethod.MANUAL)
    assert run.unmatched_learners == ALL - 6
    # The roster learns a username: the learner is linked without waiting for the next sync.
    with django_capture_on_commit_callbacks(execute=True):
        import_roster(b"nip;nama;kode_opd;username_lms\n198503152010011005;Eko Tambunan;DISKOMINFO;asn003\n")
    assert Learner.objects.get(username="asn003").asn.name == "Eko Tambunan"


def test_a_second_run_with_nothing_changed_creates_and_changes_nothing(start_lms, connection_to, roster):
    lms = start_lms(lms_data())
    connection = connection_to(lms)
    sync(connection)
    before = snapshot()
    run = sync(connection)
    assert run.status == "ok", run.errors
    for counter, numbers in run.counts.items():
        if isinstance(numbers, dict) and "created" in numbers:
            assert (counter, numbers.get("created", 0), numbers.get("updated", 0)) == (counter, 0, 0)
    assert run.counts["enrollments"]["fetched"] == 3 * ALL
    assert snapshot() == before
    assert SyncCheckpoint.objects.filter(run=run).count() == 1 + 3 * 3 + 5


def test_a_full_run_reads_and_compares_everything_but_writes_nothing_new(start_lms, connection_to, roster):
    lms = start_lms(lms_data())
    connection = connection_to(lms)
    sync(connection)
    before = snapshot()
    run = sync(connection, full=True)
    assert run.full and run.status == "ok"
    assert run.counts["grades"] == {"fetched": 3 * ALL - 1, "created": 0, "updated": 0}
    assert "modified_since" not in lms.requests_to("/api/bina/v1/ideas/")[-1][1]
    assert snapshot() == before


def test_changes_are_picked_up_and_dated(start_lms, connection_to, roster):
    data = lms_data()
    lms = start_lms(data)
    connection = connection_to(lms)
    first = sync(connection)
    key = COURSES[0][0]
    # budi unenrolls, asn000 comes back, asn003's grade rises to a pass, asn004 completes.
    for row in data.enrollments[key]:
        if row["user"] == "budi":
            row["is_active"] = False
        if row["user"] == "asn000":
            row["is_active"] = True
    for row in data.grades[key]:
        if row["username"] == "asn003":
            row.update(percent=0.9, passed=True, letter_grade="Pass")
    for row in data.completion[key]:
        if row["username"] == "asn004":
            row["completion"] = {"earned": 4.0, "possible": 4.0, "percent": 1.0}
    data.plugin["ideas"][0].update(state="shortlisted", modified="2026-11-26T00:00:00Z")
    second = sync(connection)
    assert second.status == "ok", second.errors
    assert second.counts["enrollments"] == {"fetched": 3 * ALL, "created": 0, "updated": 2}
    assert second.counts["grades"]["updated"] == 1
    assert second.counts["completions"]["updated"] == 1
    assert second.counts["ideas"] == {"fetched": 1, "created": 0, "updated": 1}
    budi = Enrollment.objects.get(course__course_key=key, learner__username="budi")
    assert not budi.is_active and budi.unenrolled_at >= second.started
    back = Enrollment.objects.get(course__course_key=key, learner__username="asn000")
    assert back.is_active and back.unenrolled_at is None
    passed = Grade.objects.get(course__course_key=key, learner__username="asn003")
    assert passed.passed and second.started <= passed.passed_at <= second.finished
    done = Completion.objects.get(course__course_key=key, learner__username="asn004")
    assert done.completed_at >= second.started and done.completed_at_source == "first_sync"
    assert Idea.objects.get().state == "shortlisted"
    # Incremental: the plugin listings were asked only for rows changed since the last one seen.
    last_ideas = lms.requests_to("/api/bina/v1/ideas/")[-1][1]
    assert "modified_since=2026-11-20T03%3A00%3A00Z" in last_ideas
    # An earlier pass keeps its first date.
    ani = Grade.objects.get(course__course_key=key, learner__username="ani")
    assert ani.passed_at == datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    assert first.pk != second.pk


def test_an_administrators_jp_is_kept(start_lms, connection_to, roster):
    data = lms_data()
    lms = start_lms(data)
    connection = connection_to(lms)
    sync(connection)
    Course.objects.filter(course_key=COURSES[2][0]).update(jp=12, jp_set_by_admin=True, channel="bimtek")
    data.courses[0]["effort"] = "9 jam"
    sync(connection)
    assert Course.objects.get(course_key=COURSES[2][0]).jp == 12
    assert Course.objects.get(course_key=COURSES[2][0]).jp_source == "set"
    assert Course.objects.get(course_key=COURSES[0][0]).jp == 108  # 540 min a week x 9 weeks: follows the LMS


def test_jp_are_effort_per_week_times_the_weeks_the_course_runs(start_lms, connection_to, roster):
    """Studio's effort is "Hours of Effort per Week": a 6-week course at 03:00 earns 24 JP, not 4."""
    data = lms_data()
    six_weeks = {"start": "2026-02-02T01:00:00Z", "end": "2026-03-16T01:00:00Z", "pacing": "instructor"}
    data.courses[0].update(effort="03:00", **six_weeks)
    data.courses[1].update(effort="03:00", **{**six_weeks, "pacing": "self"})
    data.courses[2].update(effort="03:00", start="2026-02-02T01:00:00Z", end=None, pacing="instructor")
    lms = start_lms(data)
    sync(connection_to(lms))
    scheduled, self_paced, open_ended = (Course.objects.get(course_key=key) for key, _, _ in COURSES)
    assert (scheduled.jp, scheduled.jp_source) == (24, "estimated")
    assert (self_paced.jp, self_paced.jp_source, self_paced.jp_estimate.reason) == (
        None,
        "missing",
        "self_paced",
    )
    assert (open_ended.jp, open_ended.jp_source, open_ended.jp_estimate.reason) == (
        None,
        "missing",
        "no_dates",
    )
    listed = {item.course_key: item for item in course_jp()}
    assert (listed[COURSES[0][0]].minutes_per_week, listed[COURSES[0][0]].weeks) == (180, 6)
    assert "self-paced" in listed[COURSES[1][0]].reason_text.lower()
    assert [item.source for item in course_jp()] == ["missing", "missing", "estimated"]


def test_a_course_the_lms_no_longer_lists_is_kept_and_marked(start_lms, connection_to, roster):
    data = lms_data()
    lms = start_lms(data)
    connection = connection_to(lms)
    sync(connection)
    gone = data.courses.pop()
    run = sync(connection)
    assert run.status == "ok"
    course = Course.objects.get(course_key=gone["id"])
    assert course.in_lms is False
    assert course.enrollments.count() == ALL


@pytest.mark.parametrize("envelope", ["cursor", "page-number"])
def test_both_enrollment_envelopes_give_the_same_data(start_lms, connection_to, roster, envelope):
    data = lms_data()
    data.enrollment_envelope = envelope
    run = sync(connection_to(start_lms(data)))
    assert run.counts["enrollments"]["created"] == 3 * ALL


def blocks_for(completed: int, total: int = 4) -> dict:
    """A blocks-API answer: a course with ``total`` completable problems, ``completed`` of them done."""
    from tests.support.fake_lms import sample

    data = sample("courses.v2.blocks.pact")
    root = data["root"]
    data["blocks"][root]["children"] = [f"p{i}" for i in range(total)] + ["html"]
    for i in range(total):
        data["blocks"][f"p{i}"] = {
            "id": f"p{i}",
            "type": "problem",
            "completion": 1.0 if i < completed else 0.0,
        }
    data["blocks"]["html"] = {"id": "html", "type": "html", "completion": None}
    return data


def test_without_the_aggregator_completion_comes_from_the_blocks_api_for_active_learners(
    start_lms, connection_to, roster
):
    from tests.support.fake_lms import Fault

    data = lms_data(aggregator=False)
    for key, _, _ in COURSES:
        for i, name in enumerate(learners()):
            data.blocks[(key, name)] = blocks_for(i % 5)
    slow_blocks = Fault(r"/api/courses/v1/blocks/", "timeout", times=-1, delay=0.02)
    lms = start_lms(data, [slow_blocks])
    connection = connection_to(lms, completion_concurrency=3)
    run = sync(connection)
    assert run.status == "ok", run.errors
    assert "openedx-completion-aggregator is not installed" in run.counts["notes"][0]
    active = 3 * ALL - 1  # one learner unenrolled from the first course
    assert len(lms.requests_to("/api/courses/v1/blocks/")) == active
    assert run.counts["completions"]["created"] == active
    assert 1 < lms.max_in_flight <= 3  # bounded concurrency
    done = Completion.objects.get(course__course_key=COURSES[0][0], learner__username="ani")
    assert done.source == "blocks"
    four = Completion.objects.filter(percent=1.0)
    assert four.exists() and not four.filter(completed_at=None).exists()
    assert set(Completion.objects.values_list("possible", flat=True)) == {4.0}  # html is not completable

    # Next run: only learners who moved (here: a new grade) are read again.
    data.grades[COURSES[1][0]][0]["percent"] = 0.99
    before = len(lms.requests_to("/api/courses/v1/blocks/"))
    again = sync(connection)
    assert again.status == "ok"
    assert len(lms.requests_to("/api/courses/v1/blocks/")) - before == 1
