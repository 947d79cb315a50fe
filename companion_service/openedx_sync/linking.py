"""Linking the LMS's learners to the ASN roster (username, NIP as username, email, or by hand).

The sync engine links after each pull and the roster's importers link after each change; both
call in here, never the reverse. A username that is an ASN's NIP links by itself only when the
LMS's email agrees with the roster; otherwise an administrator confirms it (``confirm_nip_links``).
Every automatic link waits in the admin's review list until an administrator checks it (ADR 0108).
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
    learner.reviewed_at, learner.reviewed_by = learner.linked_at, learner.linked_by
    learner.save(update_fields=["asn", "link_method", "linked_at", "linked_by", "reviewed_at", "reviewed_by"])
    if asn is not None:
        roster_api.record_username_if_missing(asn.pk, learner.username)


def awaiting_nip_confirmation(learners):
    """Of ``learners`` (a queryset), the unlinked ones whose username is an ASN's NIP."""
    learners = learners.filter(asn__isnull=True).exclude(link_method=LinkMethod.MANUAL)
    usernames = learners.filter(username__regex=r"^[0-9]{18}$").values_list("username", flat=True)
    return learners.filter(username__in=list(roster_api.nip_candidates(usernames)))


@transaction.atomic
def confirm_nip_links(learners, user) -> int:
    """An administrator confirms that each learner is the ASN whose NIP is their username; returns how
    many were linked (learners whose username is no ASN's NIP, or already linked, are left alone)."""
    ids = list(awaiting_nip_confirmation(learners).values_list("pk", flat=True))
    learners = list(Learner.objects.filter(pk__in=ids).select_for_update())
    learners = [learner for learner in learners if learner.asn_id is None]
    candidates = roster_api.nip_candidates(learner.username for learner in learners)
    if learners:  # the incremental refresh recomputes these learners' figures (ADR 0131)
        send_changes(linked=[learner.pk for learner in learners])
        transaction.on_commit(lambda: data_synced.send(sender=Learner, learner=learners[0].pk))
    now = timezone.now()
    for learner in learners:
        learner.asn_id = candidates[learner.username][0]
        learner.link_method = LinkMethod.NIP
        learner.linked_at = learner.reviewed_at = now
        learner.linked_by = learner.reviewed_by = user
        learner.save(
            update_fields=["asn", "link_method", "linked_at", "linked_by", "reviewed_at", "reviewed_by"]
        )
        roster_api.record_username_if_missing(learner.asn_id, learner.username)
    return len(learners)


def automatic_links(learners):
    """Of ``learners`` (a queryset), those the sync or a roster import linked (not an administrator)."""
    return learners.filter(asn__isnull=False, linked_by__isnull=True).exclude(link_method=LinkMethod.MANUAL)


def mark_links_checked(learners, user) -> int:
    """An administrator has checked these automatic links; they leave the review list."""
    return (
        automatic_links(learners)
        .filter(reviewed_at__isnull=True)
        .update(reviewed_at=timezone.now(), reviewed_by=user)
    )


@transaction.atomic
def clear_link(learner: Learner) -> None:
    """Forget a link so the next sync joins the learner again."""
    send_changes(linked=[learner.pk], asns=[learner.asn_id])
    transaction.on_commit(lambda: data_synced.send(sender=Learner, learner=learner.pk))
    learner.asn = None
    learner.link_method = ""
    learner.linked_at = None
    learner.linked_by = None
    learner.reviewed_at = learner.reviewed_by = None
    learner.save(update_fields=["asn", "link_method", "linked_at", "linked_by", "reviewed_at", "reviewed_by"])
