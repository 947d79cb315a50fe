"""The accounts app's public Python interface (OEP-49)."""

from companion_service.core.roles import Role, roles_of

from .audit import parameters_of, record
from .models import AuditAction
from .scope import Scope, normalise_partner, scope_for

__all__ = [
    "AuditAction",
    "Role",
    "Scope",
    "normalise_partner",
    "parameters_of",
    "record",
    "roles_of",
    "scope_for",
]
