"""Every evaluation view goes through ``evaluation_view``: sign-in, the reader's scope, the check
that the scope may read the page, 404 for what it may not see, and the audit event."""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from companion_service.accounts.api import AuditAction, parameters_of, record, scope_for

from ..selectors import NotAllowed

TRAINING, PARTNERS, ANYONE = "training", "partners", "anyone"


def allowed(scope, needs: str) -> bool:
    if needs == TRAINING:
        return scope.reads_training
    if needs == PARTNERS:
        return scope.reads_partners
    return True


def evaluation_view(
    resource: str, needs: str = TRAINING, action: str = AuditAction.VIEW, file_format: str = ""
):
    """Wrap a view ``(request, scope, ...)``; the audit event records what was read and the status."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            scope = scope_for(request.user)
            fmt = kwargs.get("fmt") or file_format or ("html" if action == AuditAction.VIEW else "")
            name = (
                resource if "page" not in kwargs else f"{resource}:{kwargs['page']}/{kwargs.get('table', '')}"
            )
            status = 500
            try:
                if not allowed(scope, needs):
                    raise PermissionDenied
                response = view(request, scope, *args, **kwargs)
                status = response.status_code
                return response
            except PermissionDenied:
                status = 403
                raise
            except (NotAllowed, Http404) as exc:
                status = 404
                raise Http404 from exc
            finally:
                parameters = parameters_of(request.GET)
                if "code" in kwargs:
                    parameters["opd"] = kwargs["code"][:40]
                record(
                    request.user,
                    action=action,
                    resource=f"evaluation:{name}",
                    scope=scope,
                    file_format=fmt,
                    parameters=parameters,
                    status=status,
                )

        return wrapped

    return decorator


@dataclass(frozen=True)
class Section:
    url_name: str
    label: str
    needs: str


SECTIONS = (
    Section("evaluation:scorecard", _("Scorecard"), TRAINING),
    Section("evaluation:opds", _("OPD"), TRAINING),
    Section("evaluation:impact", _("Impact"), TRAINING),
    Section("evaluation:ledger", _("JP ledger"), TRAINING),
    Section("evaluation:innovation", _("Innovation"), TRAINING),
    Section("evaluation:partners", _("Partners"), PARTNERS),
    Section("evaluation:items", _("Assessment items"), TRAINING),
    Section("evaluation:coverage", _("Data coverage"), TRAINING),
    Section("evaluation:methodology", _("Methodology"), ANYONE),
)


def sections_for(scope, current: str) -> list[dict]:
    return [
        {"url": reverse(s.url_name), "label": s.label, "current": s.url_name == current}
        for s in SECTIONS
        if allowed(scope, s.needs)
    ]
