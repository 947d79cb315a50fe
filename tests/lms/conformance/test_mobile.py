"""Mobile: what the LMS's course blocks API tells the Open edX apps about our blocks.

``lms/djangoapps/course_api/blocks/transformers/student_view.py`` (``StudentViewTransformer.collect``)
asks ``block.has_support(getattr(block.__class__, 'student_view'), 'multi_device')``: the decorator
must sit on the view method, not the class. It also calls ``student_view_data()`` once when the
course is published, on a block bound to no learner, and stores the result for every user, so the
data must be JSON and the same whoever asks.
"""

import json

from django.contrib.auth.models import AnonymousUser
from xblock.core import XBlock

from dev.lms import platform


def test_student_view_supports_multi_device(case):
    block_class = XBlock.load_class(case.tag)
    student_view = getattr(block_class, "student_view", None)
    assert student_view is not None
    assert block_class.has_support(block_class, student_view, "multi_device")


def test_student_view_data_is_json_and_the_same_for_every_user(case, authored, course_a, learners):
    collected = course_a.runtime(AnonymousUser(), platform.LMS).get_block(authored).student_view_data()
    assert json.loads(json.dumps(collected)) == collected  # plain JSON: no dates, sets or objects
    learner = learners[0]
    runtime = course_a.runtime(learner, platform.LMS)
    case.learner_action(runtime, runtime.get_block(authored))
    after = course_a.runtime(learner, platform.LMS).get_block(authored).student_view_data()
    assert after == collected
