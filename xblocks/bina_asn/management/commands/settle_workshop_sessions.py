"""Turn registered learners of ended workshop sessions into no-shows (schedule it, e.g. hourly).

    ./manage.py lms settle_workshop_sessions

The pages and the REST API settle on read too; this keeps the tables current between visits.
"""

from django.core.management.base import BaseCommand

from xblocks.bina_asn import api


class Command(BaseCommand):
    help = "Mark registered learners of sessions whose check-in window has closed as no-shows."

    def handle(self, *args, **options):
        changed = api.settle_ended_workshop_sessions()
        self.stdout.write(f"{changed} registration(s) marked as no-show")
