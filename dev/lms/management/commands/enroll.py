"""Enroll users in a course of the dev LMS (or unenroll them), like the LMS's enrollment API does.

    python -m django enroll ani budi citra --settings=dev.lms.settings
    python -m django enroll budi --unenroll --settings=dev.lms.settings

The course defaults to ``BINA_DEVLMS_COURSE_ID``. Unenrolling keeps the row, inactive, as Open edX
does, so the enrollment API reports it with ``is_active: false``.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey

from dev.lms.models import CourseEnrollment


class Command(BaseCommand):
    help = "Enroll (or unenroll) USERNAMEs in a course of the dev LMS."

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="+")
        parser.add_argument("--course", default=None, help="Course key (default: BINA_DEVLMS_COURSE_ID).")
        parser.add_argument(
            "--mode", default="audit", help="Enrollment mode (audit, honor, verified, masters)."
        )
        parser.add_argument("--unenroll", action="store_true", help="Mark the enrollments inactive.")

    def handle(self, *args, usernames, course, mode, unenroll, **options):
        course = course or settings.BINA_DEVLMS_COURSE_ID
        try:
            CourseKey.from_string(course)
        except InvalidKeyError as exc:
            raise CommandError(f"{course!r} is not a course key (e.g. course-v1:Org+Number+Run).") from exc
        users = {u.username: u for u in get_user_model().objects.filter(username__in=usernames)}
        missing = [name for name in usernames if name not in users]
        if missing:
            raise CommandError(f"No such user(s): {', '.join(missing)}; create them first (manage_user).")
        for name in usernames:
            enrollment, created = CourseEnrollment.objects.get_or_create(
                user=users[name], course_id=course, defaults={"mode": mode, "is_active": not unenroll}
            )
            if not created:
                enrollment.is_active = not unenroll
                if not unenroll:
                    enrollment.mode = mode
                enrollment.save(update_fields=["is_active", "mode"])
            verb = "Unenrolled" if unenroll else "Enrolled"
            self.stdout.write(f"{verb} {name} in {course} ({enrollment.mode})")
