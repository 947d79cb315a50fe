"""Reads of the roster: search, one ASN, and the identity join's lookups."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower

from .data import AsnData, RosterMatch
from .models import Asn
from .nip import normalise_nip

MATCH_USERNAME = "username"
MATCH_NIP = "nip"
MATCH_EMAIL = "email"


def search_asn(query: str = "", *, opd_code: str = "") -> QuerySet[Asn]:
    """ASN whose NIP, name, email or LMS username contains ``query``, optionally in one OPD."""
    rows = Asn.objects.select_related("opd", "service_unit", "position")
    if opd_code:
        rows = rows.filter(opd__code=opd_code)
    query = query.strip()
    if query:
        digits = normalise_nip(query)
        condition = (
            Q(name__icontains=query) | Q(email__icontains=query) | Q(openedx_username__icontains=query)
        )
        if digits.isdigit():
            condition |= Q(nip__startswith=digits)
        rows = rows.filter(condition)
    return rows


def to_data(asn: Asn) -> AsnData:
    return AsnData(
        id=asn.pk,
        nip=asn.nip,
        name=asn.name,
        opd_code=asn.opd.code,
        opd_name=asn.opd.name,
        service_unit_code=asn.service_unit.code if asn.service_unit_id else "",
        position=asn.position.name if asn.position_id else "",
        position_kind=asn.position.kind if asn.position_id else "",
        rank=asn.rank,
        employment_type=asn.employment_type,
        email=asn.email,
        openedx_username=asn.openedx_username,
        is_active=asn.is_active,
    )


def get_asn(nip: str) -> AsnData | None:
    asn = search_asn().filter(nip=normalise_nip(nip)).first()
    return to_data(asn) if asn else None


def _chunks(values: list, size: int = 1000):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def match_learners(learners: Iterable[tuple[str, str]]) -> dict[str, RosterMatch]:
    """Join LMS learners ``(username, email)`` to ASN, in this order of trust:

    1. the ASN's recorded Open edX username (from the roster file or an earlier link);
    2. a username that is the ASN's NIP (many government LMSes use the NIP as username), but only
       when the LMS's email is the ASN's email in the roster: a NIP is printed on public documents,
       so anyone can register it as a username (issue 15, ADR 0108);
    3. the email address, when the LMS gives one and exactly one ASN has it.

    A username that is some ASN's NIP without an agreeing email links to nobody, even when its email
    is another ASN's: an administrator confirms it (``nip_candidates``). Returns matches by username;
    learners that match nobody are absent.
    """
    learners = [(u, (e or "").strip().lower()) for u, e in learners if u]
    by_username = {}
    for chunk in _chunks([u.lower() for u, _ in learners]):
        for pk, name in (
            Asn.objects.annotate(u=Lower("openedx_username")).filter(u__in=chunk).values_list("pk", "u")
        ):
            by_username[name] = pk
    by_nip = nip_candidates(u for u, _ in learners)
    emails = sorted({e for _, e in learners if e})
    by_email, ambiguous = {}, set()
    for chunk in _chunks(emails):
        for pk, email in Asn.objects.annotate(e=Lower("email")).filter(e__in=chunk).values_list("pk", "e"):
            if email in by_email:
                ambiguous.add(email)
            by_email[email] = pk
    matches = {}
    for username, email in learners:
        if username.lower() in by_username:
            matches[username] = RosterMatch(by_username[username.lower()], MATCH_USERNAME)
        elif username in by_nip:
            asn_id, roster_email = by_nip[username]
            if email and email == roster_email:
                matches[username] = RosterMatch(asn_id, MATCH_NIP)
        elif email and email in by_email and email not in ambiguous:
            matches[username] = RosterMatch(by_email[email], MATCH_EMAIL)
    return matches


def nip_candidates(usernames: Iterable[str]) -> dict[str, tuple[int, str]]:
    """The usernames that are an ASN's NIP: ``{username: (asn id, the ASN's email, lower case)}``."""
    nips = sorted({u for u in usernames if u and u.isdigit() and len(u) == 18})
    found = {}
    for chunk in _chunks(nips):
        for pk, nip, email in Asn.objects.filter(nip__in=chunk).values_list("pk", "nip", "email"):
            found[nip] = (pk, (email or "").strip().lower())
    return found
