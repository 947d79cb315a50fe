"""Grades and completion as the LMS reads them.

The LMS reads ``has_score``, ``weight`` and ``max_score()`` of a scorable block
(``lms/djangoapps/grades/scores.py``), the completion mode from ``XBlockCompletionMode.get_mode``
and ``has_custom_completion`` (openedx/completion), and turns ``grade`` and ``completion`` events
into scores and completions (``courseware/block_render.py``: ``handle_grade_event`` reads
``value`` and ``max_value``, ``handle_completion_event`` reads ``completion``).
"""

from xblock.completable import XBlockCompletionMode
from xblock.scorable import ScorableXBlockMixin

from dev.lms import platform
from dev.lms.models import TrackingEvent


def test_grading_and_completion_attributes(case, authored, course_a, learners):
    learner = learners[0]
    runtime = course_a.runtime(learner, platform.LMS)
    block = runtime.get_block(authored)
    if getattr(block, "has_score", False):
        assert isinstance(block, ScorableXBlockMixin)
        assert block.max_score() > 0
        assert block.weight is None or block.weight >= 0
    assert XBlockCompletionMode.get_mode(block) == XBlockCompletionMode.COMPLETABLE
    assert block.has_custom_completion is True

    case.learner_action(runtime, block)
    for event in TrackingEvent.objects.filter(usage_id=str(authored), user=learner):
        if event.event_type == "grade":
            assert 0 <= event.data["value"] <= event.data["max_value"]
        elif event.event_type == "completion":
            assert 0.0 <= event.data["completion"] <= 1.0
