"""Studio: a course author who is not global staff saves the editor; a learner cannot.

In Studio the user service carries no staff flags (``load_services_for_studio`` builds
``DjangoXBlockUserService(user)``) and authors are recognised by ``studio_user_permissions``;
``component_handler`` runs the handler for any signed-in user, so the block itself must refuse.
"""

from dev.lms import platform

from .cases import call

NEW_NAME = "Nama baru dari Studio"


def studio(course, user):
    persist = platform.has_studio_write_access(user, course.key)
    return course.runtime(user, platform.STUDIO, persist=persist)


def test_course_author_saves_in_studio(case, course_a, author):
    assert not author.is_staff
    usage = course_a.import_olx(f'<{case.tag} url_name="studio-uji"/>', author)
    runtime = studio(course_a, author)
    payload = case.payload_named(case.author_payload(), NEW_NAME)
    status, body = call(runtime, runtime.get_block(usage), case.save_handler, payload)
    assert status == 200, body
    assert studio(course_a, author).get_block(usage).display_name == NEW_NAME


def test_learner_cannot_save_in_studio(case, course_a, author, learners):
    usage = course_a.import_olx(f'<{case.tag} url_name="studio-uji"/>', author)
    before = studio(course_a, author).get_block(usage).display_name
    runtime = studio(course_a, learners[0])
    payload = case.payload_named(case.author_payload(), NEW_NAME)
    status, body = call(runtime, runtime.get_block(usage), case.save_handler, payload)
    assert status == 403, body
    assert studio(course_a, author).get_block(usage).display_name == before
