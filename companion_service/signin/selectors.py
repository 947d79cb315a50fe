"""Reads of the sign-in app."""

from __future__ import annotations

from companion_service.roster.models import Asn

from .models import AsnAccount


def asn_of(user) -> Asn | None:
    """The ASN (in service) ``user`` is, or None (anonymous users, users who are not ASN)."""
    if user is None or not user.is_authenticated:
        return None
    cached = getattr(user, "_bina_asn", False)
    if cached is not False:
        return cached
    account = (
        AsnAccount.objects.select_related("asn__opd", "asn__position")
        .filter(user=user, asn__is_active=True)
        .first()
    )
    user._bina_asn = account.asn if account else None
    return user._bina_asn


def is_asn(user) -> bool:
    return asn_of(user) is not None
