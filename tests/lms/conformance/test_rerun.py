"""A course re-run or imported under a new course key: the block works there, its plugin rows are
made for the new usage id, and the first course's learner data stays as it was."""

from dev.lms import platform


def test_rerun_under_a_new_course_key(case, authored, course_a, course_b, author, learners):
    ani, budi = learners
    runtime = course_a.runtime(ani, platform.LMS)
    case.learner_action(runtime, runtime.get_block(authored))
    before = case.rows(str(authored))
    assert before

    rerun = course_b.import_olx(course_a.export_olx(authored, author), author)
    assert not case.rows(str(rerun))
    for learner in (ani, budi):
        runtime = course_b.runtime(learner, platform.LMS)
        block = runtime.get_block(rerun)
        assert block.render("student_view", {}).content
        case.learner_action(runtime, block)

    rows = case.rows(str(rerun))
    assert rows
    assert {row[1] for row in rows} == {str(course_b.key)}
    assert case.rows(str(authored)) == before
