"""Signal receivers: when the roster changes, learners not yet linked are joined again."""

from django.dispatch import receiver

from companion_service.roster.api import roster_changed


@receiver(roster_changed, dispatch_uid="openedx_sync.link_learners_after_roster_change")
def link_learners_after_roster_change(sender, **kwargs):
    from .linking import link_learners

    link_learners()
