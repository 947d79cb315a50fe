"""Courses suggested in "JP saya" from the gaps (pillars below 60) of the ASN's last assessment."""

import datetime as dt

from django.utils import timezone

from companion_service.evaluation.selectors.jp_saya import my_learning
from companion_service.learning.models import CourseFocus
from companion_service.openedx_sync.models import AssessmentAttempt, Course, Learner, LmsConnection


def attempt(learner, remote_id, day, **pillars):
    now = timezone.now()
    return AssessmentAttempt.objects.create(
        connection=learner.connection, remote_id=remote_id, course_key="course-v1:x+y+z",
        lms_created=now, lms_modified=now, synced=now, learner=learner, usage_id="block-v1:x",
        mode="pre", attempt_number=1, score=0.5, passed=False, pillar_scores=pillars,
        submitted_at=dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC),
    )  # fmt: skip


def course(connection, key, name, pillars):
    now = timezone.now()
    found = Course.objects.create(
        connection=connection, course_key=key, name=name, first_seen=now, last_seen=now, jp=10
    )
    CourseFocus.objects.create(course=found, pillars=pillars)
    return found


def test_suggestions_follow_the_last_assessment_weakest_gap_first(town):
    connection = LmsConnection.objects.create(name="LMS", base_url="https://lms.contoh.go.id/", client_id="x")
    learner = Learner.objects.create(
        connection=connection, username="ani", asn=town.ani, first_seen=timezone.now()
    )
    assert my_learning(town.ani).assessed_at is None
    course(connection, "course-v1:K+AMAN+1", "Keamanan Informasi", ["aman"])
    course(connection, "course-v1:K+ETIKA+1", "Etika Digital", ["etika"])
    course(connection, "course-v1:K+CAKAP+1", "Cakap Digital", ["cakap"])
    attempt(learner, 1, "2026-01-05", cakap=30.0, etika=30.0, aman=30.0, budaya=30.0)
    attempt(learner, 2, "2026-06-05", cakap=80.0, etika=55.0, aman=40.0, budaya=75.0)  # the last one
    learning = my_learning(town.ani)
    assert [gap.pillar for gap in learning.gaps] == ["aman", "etika"]
    assert [s.title for s in learning.suggestions] == ["Keamanan Informasi", "Etika Digital"]
    assert learning.suggestions[0].url == "https://lms.contoh.go.id/courses/course-v1:K+AMAN+1/about"


def test_no_gap_no_suggestion(town):
    connection = LmsConnection.objects.create(name="LMS", base_url="https://lms.contoh.go.id", client_id="x")
    learner = Learner.objects.create(
        connection=connection, username="ani", asn=town.ani, first_seen=timezone.now()
    )
    course(connection, "course-v1:K+AMAN+1", "Keamanan Informasi", ["aman"])
    attempt(learner, 1, "2026-06-05", cakap=80.0, etika=65.0, aman=60.0, budaya=75.0)
    learning = my_learning(town.ani)
    assert learning.assessed_at is not None and learning.gaps == [] and learning.suggestions == []
