"""Linking the LMS's learners to the ASN roster (username, NIP as username, email, or by hand).

The sync engine links after each pull and the roster's importers link after each change; both
call in here, never the reverse.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from companion_service.roster import api as roster_api

from .models import Learner, LinkMethod, LmsConnection
from .signals import data_synced, send_changes


def link_learners(connection: LmsConnection | None = None) -> int:
    """Join unlinked learners to the roster (username, NIP as username, email); returns how many linked.

    Learners an administrator marked as no ASN (manual, without ASN) are left alone.
    """
    learners = Learner.objects.filter(asn__isnull=True).exclude(link_method=LinkMethod.MANUAL)
    if connection is not None:
        learners = learners.filter(connection=connection)
    pending = list(learners.values_list("id", "username", "email"))
    if not pending:
        return 0
    matches = roster_api.match_learners((username, email) for _, username, email in pending)
    now = timezone.now()
    linked = []
    for learner_id, username, _email in pending:
        match = matches.get(username)
        if match:
            linked.append(
                Learner(id=learner_id, asn_id=match.asn_id, link_method=match.method, linked_at=now)
            )
            if match.method != roster_api.MATCH_USERNAME:
                roster_api.record_username_if_missing(match.asn_id, username)
    with transaction.atomic():
        Learner.objects.bulk_update(linked, ["asn", "link_method", "linked_at"], batch_size=1000)
        send_changes(linked=[learner.id for learner in linked])
    return len(linked)


def count_unmatched(connection: LmsConnection) -> int:
    """Learners with an enrollment who are not linked to an ASN (and not marked as no ASN)."""
    return (
        Learner.objects.filter(connection=connection, asn__isnull=True, enrollments__isnull=False)
        .exclude(link_method=LinkMethod.MANUAL)
        .distinct()
        .count()
    )


@transaction.atomic
def link_manually(learner: Learner, asn, user) -> None:
    """An administrator's link (or, with ``asn`` None, "this learner is no ASN"); kept by every sync."""
    send_changes(linked=[learner.pk], asns=[learner.asn_id])
    transaction.on_commit(lambda: data_synced.send(sender=Learner, learner=learner.pk))
    learner.asn = asn
    learner.link_method = LinkMethod.MANUAL
    learner.linked_at = timezone.now()
    learner.linked_by = user if user and user.is_authenticated else None
    learner.save(update_fields=["asn", "link_method", "linked_at", "linked_by"])
    if asn is not None:
        roster_api.record_username_if_missing(asn.pk, learner.username)


@transaction.atomic
def clear_link(learner: Learner) -> None:
    """Forget a link so the next sync joins the learner again."""
    send_changes(linked=[learner.pk], asns=[learner.asn_id])
    transaction.on_commit(lambda: data_synced.send(sender=Learner, learner=learner.pk))
    learner.asn = None
    learner.link_method = ""
    learner.linked_at = None
    learner.linked_by = None
    learner.save(update_fields=["asn", "link_method", "linked_at", "linked_by"])
