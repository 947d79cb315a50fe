"""The PDF reports (scorecard, impact) with the filters the reader chose."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import translation

from companion_service.accounts.api import AuditAction

from .. import documents
from .access import TRAINING, evaluation_view
from .pages import _common, build_impact, build_scorecard


def _response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@evaluation_view("scorecard-pdf", needs=TRAINING, action=AuditAction.EXPORT, file_format="pdf")
def scorecard_pdf(request, scope):
    with translation.override("id"):
        context = _common(request, scope, "evaluation:scorecard", "", **build_scorecard(request, scope))
    content = documents.scorecard_pdf(context)
    return _response(content, f"bina-asn-skor-{context['year']}.pdf")


@evaluation_view("impact-pdf", needs=TRAINING, action=AuditAction.EXPORT, file_format="pdf")
def impact_pdf(request, scope):
    with translation.override("id"):
        context = _common(request, scope, "evaluation:impact", "", **build_impact(request, scope))
    content = documents.impact_pdf(context)
    analysis = context["analysis"]
    return _response(content, f"bina-asn-dampak-w{analysis.window}-t{int(analysis.threshold * 100)}.pdf")
