"""Steps the companion adds to edx-auth-backends' sign-in pipeline (``SOCIAL_AUTH_PIPELINE``).

- ``keep_local_accounts_local``: an LMS account never takes over a companion account that has a
  password (the local administrator kept for recovery); the LMS user of the same name is refused;
- ``link_roster``: after each sign-in, the ASN the user is (``services.link_from_roster``), and an
  audit event of the sign-in.

Roles other than ASN come from the administrator (groups and access links); the LMS's
``administrator``/``superuser`` claims never make anyone a companion administrator.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from social_core.exceptions import AuthAssociationError

from companion_service.accounts.api import AuditAction, record

from . import services


class LocalAccountTaken(AuthAssociationError):
    """The LMS username belongs to a companion account that signs in with its own password."""

    def __str__(self):
        return _(
            "The companion has its own account with this username; sign in with its password below, "
            "or ask a BKPSDM administrator."
        )


def keep_local_accounts_local(backend, user=None, social=None, *args, **kwargs):
    if user is not None and social is None and user.has_usable_password():
        raise LocalAccountTaken(backend)


def link_roster(backend, details, user=None, *args, **kwargs):
    if user is None:
        return
    account = services.link_from_roster(user, details.get("email") or "")
    record(
        user,
        action=AuditAction.SIGN_IN,
        resource=f"signin:{backend.name}",
        parameters={"asn": "yes" if account else "no"},
    )
