"""companion course-focus COURSE_KEY --pillars cakap,aman: the digital-literacy pillars a course
develops; "JP saya" suggests it to ASN whose last assessment showed a gap there."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from companion_service.learning.models import CourseFocus
from companion_service.openedx_sync.models import Course


class Command(BaseCommand):
    help = "Set the pillars (cakap, etika, aman, budaya) a course develops."

    def add_arguments(self, parser):
        parser.add_argument("course_key")
        parser.add_argument("--pillars", required=True, help="Comma-separated: cakap, etika, aman, budaya.")

    def handle(self, *args, course_key, pillars, **options):
        course = Course.objects.filter(course_key=course_key).first()
        if course is None:
            raise CommandError(f"There is no course {course_key}; sync or import it first.")
        focus = CourseFocus.objects.filter(course=course).first() or CourseFocus(course=course)
        focus.pillars = [p.strip() for p in pillars.split(",") if p.strip()]
        try:
            focus.full_clean()
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        focus.save()
        self.stdout.write(f"{course.name}: {', '.join(focus.pillars)}")
