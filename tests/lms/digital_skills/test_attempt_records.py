"""The plugin table of submitted attempts: recorded once per number, found again for pairing."""

from datetime import UTC, datetime, timedelta

import pytest

from xblocks.bina_asn import api
from xblocks.bina_asn.data import NewAssessmentAttempt
from xblocks.bina_asn.models import AssessmentAttempt

COURSE = "course-v1:KotaSibolga+ASN-DIGITAL+2026"
T0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def new_attempt(user, *, usage="block-pre", mode="pre", number=1, key="literasi", submitted=T0, score=0.5):
    return NewAssessmentAttempt(
        course_id=COURSE,
        usage_id=usage,
        user_id=user.pk,
        anonymous_user_id=f"anon-{user.pk}",
        mode=mode,
        pairing_key=key,
        attempt_number=number,
        score=score,
        passed=score >= 0.6,
        pillar_scores={"cakap": 50.0},
        pillar_index={"cakap": 3.0},
        competence_scores={"1.2": 50.0},
        area_bands={"1": None},
        item_scores={"c1": 0.5},
        answers={"c1": ["b"]},
        item_ids=["c1"],
        started=submitted - timedelta(minutes=20),
        submitted=submitted,
    )


def test_record_and_read_back(learner):
    recorded = api.record_assessment_attempt(new_attempt(learner))
    assert recorded.id > 0
    latest = api.latest_assessment_attempt("block-pre", learner.pk)
    assert latest == recorded
    assert latest.pillar_scores == {"cakap": 50.0}
    assert latest.area_bands == {"1": None}


def test_the_same_attempt_number_is_recorded_once(learner):
    api.record_assessment_attempt(new_attempt(learner))
    with pytest.raises(api.AttemptAlreadyRecorded):
        api.record_assessment_attempt(new_attempt(learner, score=0.9))
    assert AssessmentAttempt.objects.get().score == 0.5


def test_scores_out_of_range_are_refused(learner):
    with pytest.raises(ValueError, match="out of range"):
        api.record_assessment_attempt(new_attempt(learner, score=1.5))
    assert not AssessmentAttempt.objects.exists()


def test_latest_attempt_is_the_highest_number(learner):
    api.record_assessment_attempt(new_attempt(learner, number=1))
    api.record_assessment_attempt(new_attempt(learner, number=2, score=0.8))
    assert api.latest_assessment_attempt("block-pre", learner.pk).attempt_number == 2
    assert [a.attempt_number for a in api.assessment_attempts_of("block-pre", learner.pk)] == [1, 2]


def test_pairing_finds_the_learners_latest_pre_test_with_the_same_key(learner, make_user):
    other = make_user("budi")
    api.record_assessment_attempt(new_attempt(learner, number=1, score=0.3))
    api.record_assessment_attempt(new_attempt(learner, number=2, score=0.4, submitted=T0 + timedelta(days=1)))
    api.record_assessment_attempt(new_attempt(learner, usage="other-pre", key="lain", score=0.9))
    api.record_assessment_attempt(new_attempt(other, score=0.95))
    pre = api.latest_paired_assessment_attempt(COURSE, learner.pk, "literasi", "pre")
    assert (pre.attempt_number, pre.score) == (2, 0.4)
    assert api.latest_paired_assessment_attempt(COURSE, learner.pk, "literasi", "post") is None
    assert api.latest_paired_assessment_attempt(COURSE, learner.pk, "", "pre") is None
    assert api.latest_paired_assessment_attempt("course-v1:X+Y+Z", learner.pk, "literasi", "pre") is None
