"""The PDF reports (scorecard, impact) with the filters the reader chose, made by a worker: the link
queues the job and sends the reader to its page, which goes on to the file (ADR 0130)."""

from __future__ import annotations

from django.shortcuts import redirect

from companion_service.accounts.api import AuditAction
from companion_service.core.jobs import submit

from .access import TRAINING, evaluation_view


def _job(request, kind: str):
    job = submit(kind, {"query": request.GET.urlencode()}, request.user)
    return redirect("core:job", pk=job.pk)


@evaluation_view("scorecard-pdf", needs=TRAINING, action=AuditAction.EXPORT, file_format="pdf")
def scorecard_pdf(request, scope):
    return _job(request, "evaluation.scorecard_pdf")


@evaluation_view("impact-pdf", needs=TRAINING, action=AuditAction.EXPORT, file_format="pdf")
def impact_pdf(request, scope):
    return _job(request, "evaluation.impact_pdf")
