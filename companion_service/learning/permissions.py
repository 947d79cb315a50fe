"""Who may do what with outside trainings.

- the ASN: record, read and withdraw (while waiting) their own;
- verifiers: BKPSDM verifiers and administrators for every ASN; an OPD head for the ASN of their OPD
  (and the OPDs under it). Nobody verifies their own record;
- the certificate file: the ASN and the verifiers of the record, no one else (evaluators read
  figures, not documents).
"""

from __future__ import annotations

from companion_service.accounts.api import Role, roles_of, scope_for
from companion_service.signin.selectors import asn_of

CENTRAL = frozenset({Role.ADMINISTRATOR, Role.VERIFIER})


def verifies_all(user) -> bool:
    return bool(CENTRAL & roles_of(user))


def verifier_opd_ids(user) -> frozenset[int] | None:
    """None: every OPD; a set: the OPDs an OPD head verifies; empty: none."""
    if verifies_all(user):
        return None
    if Role.OPD_HEAD in roles_of(user):
        scope = scope_for(user)
        if scope.is_opd:
            return scope.opd_ids
    return frozenset()


def is_verifier(user) -> bool:
    ids = verifier_opd_ids(user)
    return ids is None or bool(ids)


def owns(user, record) -> bool:
    asn = asn_of(user)
    return asn is not None and asn.pk == record.asn_id


def can_verify(user, record) -> bool:
    if not user.is_authenticated or owns(user, record):
        return False
    ids = verifier_opd_ids(user)
    return ids is None or record.asn.opd_id in ids


def can_view(user, record) -> bool:
    return owns(user, record) or can_verify(user, record)
