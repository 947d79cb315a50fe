"""Pages and handler endpoints of the dev LMS, run for the signed-in user (never ``?student=``).

Each endpoint builds the runtime flavour edx-platform builds at the same place (ADR 0080):
learners' pages and ``/courses/<course>/xblock/<usage>/handler/...`` run as the LMS; the Studio
editor and ``/xblock/<usage>/handler/...`` as Studio's ``component_handler``; ``author_view`` and
``/preview/xblock/<usage>/handler/...`` as Studio's preview.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponseForbidden, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie
from workbench.scenarios import get_scenarios
from xblock.django.request import django_to_webob_request, webob_to_django_response
from xblock.exceptions import NoSuchHandlerError, NoSuchUsage

from . import platform
from .course_tabs import dynamic_tabs
from .runtime import DevLmsRuntime

log = logging.getLogger(__name__)

# Our blocks' entry points are prefixed; the index lists only their scenarios.
OUR_PREFIX = "bina_"
VIEW_FLAVOURS = {
    "student_view": platform.LMS,
    "studio_view": platform.STUDIO,
    "author_view": platform.PREVIEW,
}


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


def is_course_team(user) -> bool:
    """Who sees the Studio links: Studio's read access to the dev course."""
    return platform.has_studio_read_access(user, settings.BINA_DEVLMS_COURSE_ID)


@login_required
def index(request):
    """The course outline of the dev LMS: one entry per scenario (a course unit)."""
    return render(
        request,
        "devlms/index.html",
        {
            "scenarios": our_scenarios(),
            "is_staff": is_course_team(request.user),
            "course_tabs": dynamic_tabs(settings.BINA_DEVLMS_COURSE_ID, request.user),
        },
    )


@login_required
@ensure_csrf_cookie
def scenario(request, scenario_id, view_name="student_view"):
    """Render one scenario's block in a view; the Studio views are for the course team only."""
    found = loaded_scenarios().get(scenario_id)
    if found is None or view_name not in VIEW_FLAVOURS:
        raise Http404(_("There is no such unit."))
    flavour = VIEW_FLAVOURS[view_name]
    if flavour != platform.LMS and not is_course_team(request.user):
        return HttpResponseForbidden(_("Only the course team may open the Studio view."))
    runtime = DevLmsRuntime(request.user, flavour)
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
            "is_staff": is_course_team(request.user),
            "course_tabs": dynamic_tabs(settings.BINA_DEVLMS_COURSE_ID, request.user),
        },
    )


def _run_handler(request, runtime, usage_id, handler, suffix):
    loaded_scenarios()  # the blocks' content fields are stored when scenarios load
    try:
        block = runtime.get_block(usage_id)
    except NoSuchUsage as exc:
        raise Http404(_("There is no such block.")) from exc
    webob_request = django_to_webob_request(request)
    try:
        result = runtime.handle(block, handler, webob_request, suffix or "")
    except NoSuchHandlerError as exc:
        raise Http404(_("There is no such handler.")) from exc
    return webob_to_django_response(result)


def lms_handler(request, course_id, usage_id, handler, suffix="", authenticated=True):
    """``courseware/block_render.py:handle_xblock_callback``: a signed-in user (or, for
    ``handler_noauth``, anyone) runs a handler in the LMS flavour."""
    if course_id != settings.BINA_DEVLMS_COURSE_ID:
        raise Http404(_("There is no such course."))
    if authenticated and not request.user.is_authenticated:
        return JsonResponse({"error": _("Please sign in first."), "code": "sign_in"}, status=403)
    user = request.user if authenticated else AnonymousUser()
    return _run_handler(request, DevLmsRuntime(user, platform.LMS), usage_id, handler, suffix)


@login_required
def component_handler(request, usage_id, handler, suffix=""):
    """``contentstore/views/component.py:component_handler``: any signed-in user's request runs in
    the Studio flavour; the block's field changes are saved only for a course author."""
    author = platform.has_studio_write_access(request.user, settings.BINA_DEVLMS_COURSE_ID)
    runtime = DevLmsRuntime(request.user, platform.STUDIO, persist=author)
    return _run_handler(request, runtime, usage_id, handler, suffix)


@login_required
def preview_handler(request, usage_id, handler, suffix=""):
    """``contentstore/views/preview.py:preview_handler``: handlers of Studio's preview."""
    author = platform.has_studio_write_access(request.user, settings.BINA_DEVLMS_COURSE_ID)
    runtime = DevLmsRuntime(request.user, platform.PREVIEW, persist=author)
    return _run_handler(request, runtime, usage_id, handler, suffix)
