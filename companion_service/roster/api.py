"""The roster's public Python interface (OEP-49): other apps call these, never the models directly."""

from .data import AsnData, RosterMatch
from .nip import Nip, NipError, is_valid_nip, parse_nip
from .selectors import (
    MATCH_EMAIL,
    MATCH_NIP,
    MATCH_USERNAME,
    get_asn,
    match_learners,
    nip_candidates,
    search_asn,
    to_data,
)
from .services import import_roster, record_username_if_missing, set_openedx_username
from .signals import roster_changed

__all__ = [
    "AsnData",
    "MATCH_EMAIL",
    "MATCH_NIP",
    "MATCH_USERNAME",
    "Nip",
    "NipError",
    "RosterMatch",
    "get_asn",
    "import_roster",
    "is_valid_nip",
    "match_learners",
    "nip_candidates",
    "parse_nip",
    "record_username_if_missing",
    "roster_changed",
    "search_asn",
    "set_openedx_username",
    "to_data",
]
