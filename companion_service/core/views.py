"""Views of the core app: thin, they read and render."""

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from companion_service.core.roles import Role, roles_of

from .navigation import menu_for


@login_required
def home(request):
    """The home page: who you are and the sections you may open."""
    roles = roles_of(request.user)
    return render(
        request,
        "core/home.html",
        {
            "roles": sorted(roles, key=str),
            "sections": menu_for(request.user)[1:],
            "audience": audience(roles),
        },
    )


def audience(roles) -> str:
    """Whom the home page speaks to: a partner or an OPD head about their own part, anyone who
    reads the whole city (BKPSDM, evaluators) about the programme."""
    if roles & {Role.ADMINISTRATOR, Role.EVALUATOR}:
        return "city"
    if Role.OPD_HEAD in roles:
        return "opd_head"
    if Role.PARTNER in roles:
        return "partner"
    return "city"


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 when the database answers, 503 otherwise. No login, no personal data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
