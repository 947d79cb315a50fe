"""``companion course-credit COURSE_KEY [--name NAME] [--jp N] [--channel CHANNEL] [--lms NAME]``

What an administrator sets on a course in the admin, from the command line: its name (a course known
only from grade reports is named by its key), the JP its completion credits (kept by every later
sync) and its learning channel (Peraturan LAN 10/2018).
"""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from companion_service.core.commands import LanguageCommand
from companion_service.openedx_sync.channels import LearningChannel
from companion_service.openedx_sync.models import Course


class Command(LanguageCommand):
    help = "Set a course's name, JP credit and learning channel (as in the admin)."

    def add_arguments(self, parser):
        parser.add_argument("course_key")
        parser.add_argument("--name", help="The course's name as people know it.")
        parser.add_argument("--jp", type=int, help="JP credited for completing the course (0-200).")
        parser.add_argument("--channel", choices=LearningChannel.values, help="The learning channel.")
        parser.add_argument("--lms", help="The LMS connection's name (when the key exists in several).")

    def handle(self, *args, course_key, name, jp, channel, lms, **options):
        courses = Course.objects.filter(course_key=course_key.strip())
        if lms:
            courses = courses.filter(connection__name=lms)
        found = list(courses[:2])
        if not found:
            raise CommandError(
                _("There is no course %(key)s; sync or import its grade report first.") % {"key": course_key}
            )
        if len(found) > 1:
            raise CommandError(
                _("Several LMS connections have course %(key)s; say which with --lms.") % {"key": course_key}
            )
        if jp is not None and not 0 <= jp <= 200:
            raise CommandError(_("--jp must be between 0 and 200."))
        course = found[0]
        changed = []
        if name:
            course.name = name.strip()[:255]
            changed.append("name")
        if jp is not None:
            course.jp, course.jp_set_by_admin = jp, True
            changed += ["jp", "jp_set_by_admin"]
        if channel:
            course.channel = channel
            changed.append("channel")
        if changed:
            course.save(update_fields=changed)
        self.stdout.write(
            _("%(key)s: %(name)s, %(jp)s JP, %(channel)s")
            % {
                "key": course.course_key,
                "name": course.name,
                "jp": course.jp,
                "channel": course.get_channel_display(),
            }
        )
