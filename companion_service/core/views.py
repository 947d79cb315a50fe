"""Views of the core app: thin, they read and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from companion_service.core.roles import Role, roles_of

from .models import Job, JobStatus
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


def _own_job(request, pk) -> Job:
    """A job of the reader's own (an administrator may open any)."""
    job = get_object_or_404(Job, pk=pk)
    if job.user_id != request.user.pk and not request.user.is_superuser:
        raise Http404
    return job


@never_cache
@login_required
def job(request, pk):
    """A job handed to a worker: wait (the page refreshes itself), then go on to what it made."""
    job = _own_job(request, pk)
    if job.status == JobStatus.DONE:
        if job.file:
            return redirect("core:job-file", pk=job.pk)
        if job.message:
            messages.success(request, job.message)
        return redirect(job.next_url or "core:home")
    waiting = job.status in (JobStatus.QUEUED, JobStatus.RUNNING)
    return render(request, "core/job.html", {"job": job, "waiting": waiting})


@never_cache
@login_required
def job_state(request, pk):
    """Where a job stands, for the waiting page's script (``core/follow.js``)."""
    job = _own_job(request, pk)
    active = job.status in (JobStatus.QUEUED, JobStatus.RUNNING)
    text = {
        JobStatus.QUEUED: _("Waiting for a worker to take it up."),
        JobStatus.RUNNING: _("A worker is on it."),
        JobStatus.DONE: _("Ready."),
        JobStatus.FAILED: _("It did not work."),
    }[job.status]
    return JsonResponse({"active": active, "status": job.status, "text": str(text)})


@never_cache
@login_required
def job_file(request, pk):
    """The document a job made (a PDF report), for the reader who asked for it."""
    job = _own_job(request, pk)
    if job.status != JobStatus.DONE or not job.file:
        raise Http404
    with job.file.open("rb") as document:
        response = HttpResponse(document.read(), content_type=job.content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response
