"""Refresh the evaluation's aggregates when the sync, the SKM (responses or service users), the
roster or outside learning (an approval, a rejection of an approved record, an import or its undo)
committed new data.

``COMPANION_EVALUATION_AUTO_REFRESH`` (default on) turns this off for large installations that
prefer to refresh on a timer (``companion evaluate --refresh``) only.
"""

from django.conf import settings
from django.dispatch import receiver

from companion_service.learning.api import outside_learning_changed
from companion_service.openedx_sync.api import data_synced
from companion_service.roster.api import roster_changed
from companion_service.skm.api import responses_changed, service_users_changed


def _enabled() -> bool:
    return getattr(settings, "COMPANION_EVALUATION_AUTO_REFRESH", True)


def _refresh(trigger: str) -> None:
    if _enabled():
        from .refresh import refresh

        refresh(trigger)


@receiver(data_synced, dispatch_uid="evaluation.refresh_after_sync")
def refresh_after_sync(sender, **kwargs):
    _refresh("sync" if "run" in kwargs else "grade_report")


@receiver(responses_changed, dispatch_uid="evaluation.refresh_after_skm")
def refresh_after_skm(sender, **kwargs):
    _refresh("skm")


@receiver(service_users_changed, dispatch_uid="evaluation.refresh_after_service_users")
def refresh_after_service_users(sender, **kwargs):
    """The minimum sample rests on the service users: its flags must follow a new number."""
    _refresh("skm_population")


@receiver(roster_changed, dispatch_uid="evaluation.refresh_after_roster")
def refresh_after_roster(sender, **kwargs):
    _refresh("roster")


@receiver(outside_learning_changed, dispatch_uid="evaluation.refresh_after_outside_learning")
def refresh_after_outside_learning(sender, **kwargs):
    _refresh("outside_learning")
