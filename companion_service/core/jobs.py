"""Work a request hands to a worker: ``submit`` a job of a registered kind, a task runs it.

Apps register what a kind does with ``@register("skm.report_pdf")``: a function of the ``Job`` that
returns a ``JobOutcome`` (a message, a file, where the reader goes next) or raises ``JobRefused``
with a sentence for the reader. The reader waits on ``/tugas/<id>/`` (the job's page), which sends
them on when it is done. Registrations live in each app's ``jobs.py`` (imported when the app loads).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from . import queue
from .models import Job, JobStatus

log = logging.getLogger(__name__)
REGISTRY: dict[str, Callable[[Job], JobOutcome]] = {}
RESEND_AFTER = timedelta(minutes=1)  # a queued job no worker took: send it again
RUNNING_FOR_AT_MOST = timedelta(minutes=30)  # a job running longer lost its worker


class JobRefused(Exception):
    """The work cannot be done as asked; the message says why (shown to the reader)."""

    def __init__(self, message: str, details: list | None = None, next_url: str = ""):
        super().__init__(message)
        self.details = details or []
        self.next_url = next_url


@dataclass
class JobOutcome:
    message: str = ""
    content: bytes | None = None
    filename: str = ""
    content_type: str = ""
    next_url: str = ""
    details: list = field(default_factory=list)


def register(kind: str):
    def decorate(function):
        REGISTRY[kind] = function
        return function

    return decorate


def submit(kind: str, params: dict, user=None) -> Job:
    """Record the job and send it to a worker once the caller's transaction commits."""
    run_job = queue.task("core.run_job")
    if kind not in REGISTRY:
        raise KeyError(f"no job kind {kind!r}")
    job = Job.objects.create(kind=kind, params=params, user=user if user and user.is_authenticated else None)
    if run_job.app.conf.task_always_eager:
        run_job.delay(job.pk)  # unit tests: at once (their transaction never commits)
    else:
        transaction.on_commit(lambda: run_job.delay(job.pk))
    job.refresh_from_db()
    return job


def claim(job_id: int) -> Job | None:
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id, status=JobStatus.QUEUED).first()
        if job is None:
            return None
        job.status, job.started = JobStatus.RUNNING, timezone.now()
        job.save(update_fields=["status", "started"])
        return job


def run(job_id: int) -> str:
    """Do a queued job (nothing for one that is taken or over); returns its status."""
    job = claim(job_id)
    if job is None:
        return "nothing to do"
    try:
        outcome = REGISTRY[job.kind](job)
    except JobRefused as exc:
        job.status, job.message, job.details = JobStatus.FAILED, str(exc), exc.details[:200]
        job.next_url = job.next_url or exc.next_url
    except Exception as exc:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        job.status, job.message = JobStatus.FAILED, f"{exc.__class__.__name__}: {exc}"
    else:
        job.status, job.message, job.next_url = JobStatus.DONE, outcome.message, outcome.next_url
        job.details = outcome.details[:200]
        if outcome.content is not None:
            job.filename, job.content_type = outcome.filename, outcome.content_type
            job.file.save(outcome.filename, ContentFile(outcome.content), save=False)
    job.finished = timezone.now()
    job.save()
    return job.status


def stalled(now=None) -> list[int]:
    """Jobs to send again (queued, not taken); jobs whose worker died are closed as failed."""
    now = now or timezone.now()
    Job.objects.filter(status=JobStatus.RUNNING, started__lt=now - RUNNING_FOR_AT_MOST).update(
        status=JobStatus.FAILED,
        finished=now,
        message="the worker stopped before the job ended; start it again",
    )
    return list(
        Job.objects.filter(status=JobStatus.QUEUED, created__lt=now - RESEND_AFTER).values_list(
            "pk", flat=True
        )
    )
