"""Writes of the sign-in app: link a user to the ASN the roster says they are."""

from __future__ import annotations

from django.db import transaction

from companion_service.roster import api as roster_api
from companion_service.roster.models import Asn

from .models import AsnAccount, LinkMethod


@transaction.atomic
def link_from_roster(user, email: str = "") -> AsnAccount | None:
    """Find ``user`` in the roster as the sync finds LMS learners, and keep the link up to date.

    An administrator's link (``manual``) is never replaced; a link the roster no longer supports is
    removed (the ASN left, or their LMS username changed). Returns the link, or None.
    """
    existing = AsnAccount.objects.select_for_update().filter(user=user).first()
    if existing is not None and existing.method == LinkMethod.MANUAL:
        return existing
    match = roster_api.match_learners([(user.get_username(), email or user.email)]).get(user.get_username())
    asn = Asn.objects.filter(pk=match.asn_id, is_active=True).first() if match else None
    holder = AsnAccount.objects.filter(asn=asn).exclude(user=user).first() if asn else None
    if asn is None or (holder is not None and holder.method == LinkMethod.MANUAL):
        if existing is not None:
            existing.delete()
        return None
    if holder is not None:
        holder.delete()
    account, _created = AsnAccount.objects.update_or_create(
        user=user, defaults={"asn": asn, "method": match.method}
    )
    if match.method != roster_api.MATCH_USERNAME:
        roster_api.record_username_if_missing(asn.pk, user.get_username())
    return account


@transaction.atomic
def link_manually(user, asn: Asn) -> AsnAccount:
    """An administrator's link: ``user`` is ``asn`` (any earlier link of either is replaced)."""
    AsnAccount.objects.filter(asn=asn).exclude(user=user).delete()
    account, _created = AsnAccount.objects.update_or_create(
        user=user, defaults={"asn": asn, "method": LinkMethod.MANUAL}
    )
    return account
