"""The audit log of the evaluation: every page view, API call and export, with no personal data
beyond the user (free-text searches are dropped; only the filters listed here are kept)."""

from __future__ import annotations

from companion_service.core.roles import roles_of

from .models import AuditEvent

# Query parameters worth keeping: filters that say which figures were read, never who was looked up.
KEPT_PARAMETERS = frozenset(
    {"year", "opd", "window", "threshold", "weighting", "period", "short", "page", "format", "table", "sort"}
)


def parameters_of(query) -> dict:
    """The kept filters of a request's query string (first value of each)."""
    return {
        key: str(query.get(key))[:100] for key in sorted(KEPT_PARAMETERS) if query.get(key) not in (None, "")
    }


def record(
    user, *, action: str, resource: str, scope=None, file_format: str = "", parameters=None, status: int = 200
) -> AuditEvent:
    """Write one audit event. A read that cannot be audited fails with it (no silent reads)."""
    return AuditEvent.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        username=user.get_username() if user is not None and user.is_authenticated else "",
        roles=",".join(sorted(str(role) for role in roles_of(user))) if user is not None else "",
        scope=scope.label if scope is not None else "",
        action=action,
        resource=resource[:100],
        file_format=file_format[:10],
        parameters=parameters or {},
        status=status,
    )
