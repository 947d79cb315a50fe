"""Who may do what in the SKM pages (roles from ``companion_service.core.roles``).

- read IKM, breakdowns, comments, reports and posters; import; keep the RTL register and the
  numbers of service users: administrators and evaluators;
- change a unit's survey (open/closed, kinds of service, wording): administrators.

Individual responses are never shown on these pages: aggregates only, and comments without the
answers they came with.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from companion_service.core.roles import Role, roles_of

READERS = frozenset({Role.ADMINISTRATOR, Role.EVALUATOR})
IMPORTERS = READERS
SETUP = frozenset({Role.ADMINISTRATOR})


def has_role(user, roles) -> bool:
    return bool(roles_of(user) & roles)


def can_read(user) -> bool:
    return has_role(user, READERS)


def can_import(user) -> bool:
    return has_role(user, IMPORTERS)


def can_set_up(user) -> bool:
    return has_role(user, SETUP)


def can_undo(user, batch) -> bool:
    """Administrators, or the person who made the import."""
    return can_set_up(user) or (can_import(user) and batch.uploaded_by_id == user.id)


def role_required(roles):
    """Sign-in first; then 403 unless the user holds one of ``roles``."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
