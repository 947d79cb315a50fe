"""Downloads: the SKM report PDF, the publication poster PDF, the QR poster (page, PDF, SVG).

The PDFs are made by a worker (``skm.jobs``): the link queues the job and sends the reader to its
page, which goes on to the file when it is ready (ADR 0130)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify

from companion_service.core.jobs import submit
from companion_service.organization.models import ServiceUnit

from .. import conf, documents
from ..permissions import READERS, role_required
from .reports import period_of, weighting_of


def survey_url(request, unit) -> str:
    """The address printed in the QR code: the public base URL when set, else this host's."""
    path = reverse("survei:form", args=[unit.code])
    base = conf.public_url()
    return f"{base}{path}" if base else request.build_absolute_uri(path)


def _job(request, kind: str, **params):
    return redirect("core:job", pk=submit(kind, params, request.user).pk)


@role_required(READERS)
def report_pdf(request, code, period):
    unit = get_object_or_404(ServiceUnit, code=code)
    period = period_of(period)
    return _job(
        request, "skm.report_pdf", unit=unit.code, period=period.key, weighting=weighting_of(request).value
    )


@role_required(READERS)
def publication_pdf(request, code, period):
    unit = get_object_or_404(ServiceUnit, code=code)
    period = period_of(period)
    return _job(
        request,
        "skm.publication_pdf",
        unit=unit.code,
        period=period.key,
        weighting=weighting_of(request).value,
        survey_url=survey_url(request, unit),
    )


@role_required(READERS)
def poster(request, code):
    """The QR poster as a page to print from the browser (A4), with a PDF and an SVG to download."""
    unit = get_object_or_404(ServiceUnit.objects.select_related("opd"), code=code)
    with translation.override("id"):
        return render(
            request, "skm/documents/poster.html", documents.poster_context(unit, survey_url(request, unit))
        )


@role_required(READERS)
def poster_pdf(request, code):
    unit = get_object_or_404(ServiceUnit, code=code)
    return _job(request, "skm.poster_pdf", unit=unit.code, survey_url=survey_url(request, unit))


@role_required(READERS)
def qr_svg(request, code):
    unit = get_object_or_404(ServiceUnit, code=code)
    response = HttpResponse(documents.qr_svg(survey_url(request, unit)), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="qr-skm-{slugify(unit.code)}.svg"'
    return response
