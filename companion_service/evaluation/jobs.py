"""The evaluation's PDF reports, made by a worker (ADR 0130) with the filters the reader chose.

The page builders read only the query string; a job gives them the one the reader sent, and the
reader's scope as it is when the worker runs (access withdrawn meanwhile is respected)."""

from __future__ import annotations

from types import SimpleNamespace

from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext as _

from companion_service.accounts.api import scope_for
from companion_service.core.jobs import JobOutcome, JobRefused, register

from . import documents

PDF = "application/pdf"


def _context(job, section: str, build) -> dict:
    from .views.access import TRAINING, allowed
    from .views.pages import _common

    if job.user is None:
        raise JobRefused(_("The account that asked for this report no longer exists."))
    scope = scope_for(job.user)
    if not allowed(scope, TRAINING):
        raise JobRefused(_("Your account may no longer read these figures."))
    reader = SimpleNamespace(GET=QueryDict(job.params.get("query", "")), user=job.user)
    with translation.override("id"):
        return _common(reader, scope, section, "", **build(reader, scope))


@register("evaluation.scorecard_pdf")
def scorecard_pdf(job) -> JobOutcome:
    from .views.pages import build_scorecard

    context = _context(job, "evaluation:scorecard", build_scorecard)
    return JobOutcome(
        content=documents.scorecard_pdf(context),
        filename=f"bina-asn-skor-{context['year']}.pdf",
        content_type=PDF,
    )


@register("evaluation.impact_pdf")
def impact_pdf(job) -> JobOutcome:
    from .views.pages import build_impact

    context = _context(job, "evaluation:impact", build_impact)
    analysis = context["analysis"]
    return JobOutcome(
        content=documents.impact_pdf(context),
        filename=f"bina-asn-dampak-w{analysis.window}-t{int(analysis.threshold * 100)}.pdf",
        content_type=PDF,
    )
