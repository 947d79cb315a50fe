"""Note what changed and have a worker refresh the aggregates (ADR 0131).

Changes are noted inside the transactions that make them (``refresh.changes``): the sync's rows,
the SKM's answers and service users, outside learning (an approval, a rejection of an approved
record, an import or its undo). Once committed, a refresh task is queued: at once after a sync run,
grade report, import, roster change, new number of service users or outside learning, and
``COMPANION_FORM_REFRESH_DELAY`` seconds after the first of a run of public-form answers (one
refresh takes them all in). ``COMPANION_EVALUATION_AUTO_REFRESH`` off leaves refreshing to
``companion evaluate --refresh`` (the notes are still kept; a full refresh clears them).
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.dispatch import receiver

from companion_service.core import queue
from companion_service.learning.api import outside_learning_changed
from companion_service.openedx_sync.api import data_synced, records_changed
from companion_service.roster.api import roster_changed
from companion_service.skm.api import responses_changed, service_users_changed, tallies_changed

from .refresh import changes

DEBOUNCE_KEY = "evaluation:refresh-scheduled"


def _enabled() -> bool:
    return getattr(settings, "COMPANION_EVALUATION_AUTO_REFRESH", True)


def schedule_refresh(trigger: str, delay: int = 0) -> None:
    """Queue the refresh of pending changes (after ``delay`` seconds; at most one waiting at a time)."""
    if not _enabled():
        return
    refresh_pending = queue.task("evaluation.refresh_pending")
    if delay <= 0:
        refresh_pending.delay(trigger)
    elif refresh_pending.app.conf.task_always_eager:
        return  # unit tests run tasks at once: a delayed refresh there is beat's (every minute)
    elif cache.add(DEBOUNCE_KEY, trigger, timeout=delay + 30):
        refresh_pending.apply_async((trigger,), countdown=delay)


@receiver(records_changed, dispatch_uid="evaluation.note_records")
def note_records(sender, ideas=False, sessions=False, **kwargs):
    names = ("course_learners", "learners", "assessments", "linked", "asns", "courses")
    changes.note_records(ideas=ideas, sessions=sessions, **{name: kwargs.get(name, ()) for name in names})


@receiver(tallies_changed, dispatch_uid="evaluation.note_tallies")
def note_tallies(sender, unit_quarters=(), **kwargs):
    changes.note_unit_quarters(unit_quarters)
    delay = settings.COMPANION_FORM_REFRESH_DELAY
    transaction.on_commit(lambda: schedule_refresh("skm_form", delay))


@receiver(data_synced, dispatch_uid="evaluation.refresh_after_sync")
def refresh_after_sync(sender, **kwargs):
    trigger = next((name for name in ("run", "course_key", "course", "learner") if name in kwargs), "sync")
    schedule_refresh({"run": "sync", "course_key": "grade_report"}.get(trigger, f"admin_{trigger}"))


@receiver(responses_changed, dispatch_uid="evaluation.refresh_after_skm")
def refresh_after_skm(sender, **kwargs):
    schedule_refresh("skm")


@receiver(service_users_changed, dispatch_uid="evaluation.refresh_after_service_users")
def refresh_after_service_users(sender, **kwargs):
    """The minimum sample rests on the service users: its flags must follow a new number (the
    quarters concerned were noted with the change, ``tallies_changed``)."""
    schedule_refresh("skm_population")


@receiver(roster_changed, dispatch_uid="evaluation.refresh_after_roster")
def refresh_after_roster(sender, **kwargs):
    changes.note_everything()
    schedule_refresh("roster")


@receiver(outside_learning_changed, dispatch_uid="evaluation.note_outside_learning")
def note_outside_learning(sender, asns=(), **kwargs):
    """Sent inside the changing transaction: note the ASN, refresh once committed."""
    changes.note_records(asns=asns)
    transaction.on_commit(lambda: schedule_refresh("outside_learning"))
