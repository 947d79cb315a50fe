"""Plain data classes the roster hands to other apps (OEP-49)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AsnData:
    """One ASN as other apps see them."""

    id: int
    nip: str
    name: str
    opd_code: str
    opd_name: str
    service_unit_code: str
    position: str
    position_kind: str
    rank: str
    employment_type: str
    email: str
    openedx_username: str
    is_active: bool


@dataclass(frozen=True)
class RosterMatch:
    """The ASN an LMS learner is, and how the join found them (``username``, ``nip`` or ``email``)."""

    asn_id: int
    method: str
