"""Pages and handler endpoints of the dev LMS, run for the logged-in user (never ``?student=``)."""

from __future__ import annotations

import logging
import threading

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponseForbidden, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie
from workbench.scenarios import get_scenarios
from xblock.django.request import django_to_webob_request, webob_to_django_response
from xblock.exceptions import NoSuchHandlerError, NoSuchUsage

from .runtime import DevLmsRuntime, is_course_staff

log = logging.getLogger(__name__)

# Our blocks' entry points are prefixed; the index lists only their scenarios.
OUR_PREFIX = "bina_"
STAFF_VIEWS = {"studio_view", "author_view"}
KNOWN_VIEWS = ("student_view", "studio_view", "author_view")


_scenarios_lock = threading.Lock()


def loaded_scenarios() -> dict:
    """The workbench scenarios, loaded once even when the first requests arrive together.

    The workbench loads scenarios lazily on first use and is not thread-safe: two simultaneous
    first loads fail with "Already have a ... scenario".
    """
    with _scenarios_lock:
        return get_scenarios()


def our_scenarios():
    """(scenario id, scenario) pairs of our blocks, in a stable order."""
    return sorted(
        (scid, scenario) for scid, scenario in loaded_scenarios().items() if scid.startswith(OUR_PREFIX)
    )


@login_required
def index(request):
    """The course outline of the dev LMS: one entry per scenario (a course unit)."""
    return render(
        request,
        "devlms/index.html",
        {"scenarios": our_scenarios(), "is_staff": is_course_staff(request.user)},
    )


@login_required
@ensure_csrf_cookie
def scenario(request, scenario_id, view_name="student_view"):
    """Render one scenario's block in a view; Studio views are for the course team only."""
    found = loaded_scenarios().get(scenario_id)
    if found is None or view_name not in KNOWN_VIEWS:
        raise Http404(_("There is no such unit."))
    if view_name in STAFF_VIEWS and not is_course_staff(request.user):
        return HttpResponseForbidden(_("Only the course team may open the Studio view."))
    runtime = DevLmsRuntime(request.user)
    block = runtime.get_block(found.usage_id)
    fragment = block.render(view_name, {})
    return render(
        request,
        "devlms/scenario.html",
        {
            "scenario_id": scenario_id,
            "scenario": found,
            "view_name": view_name,
            "body": fragment.body_html(),
            "head_html": fragment.head_html(),
            "foot_html": fragment.foot_html(),
            "is_staff": is_course_staff(request.user),
        },
    )


def handler(request, usage_id, handler_slug, suffix="", authenticated=True):
    """Run a block handler for the logged-in user (or anonymously for third-party handlers)."""
    if authenticated and not request.user.is_authenticated:
        return JsonResponse({"error": _("Please sign in first.")}, status=403)
    runtime = DevLmsRuntime(request.user if authenticated else AnonymousUser())
    loaded_scenarios()  # the blocks' content fields are stored when scenarios load
    try:
        block = runtime.get_block(usage_id)
    except NoSuchUsage as exc:
        raise Http404(_("There is no such block.")) from exc
    webob_request = django_to_webob_request(request)
    webob_request.path_info_pop()
    webob_request.path_info_pop()
    try:
        result = runtime.handle(block, handler_slug, webob_request, suffix)
    except NoSuchHandlerError as exc:
        raise Http404(_("There is no such handler.")) from exc
    return webob_to_django_response(result)
