"""What the SKM hands to a worker (ADR 0130): its PDF documents and committing an import."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from companion_service.core.jobs import JobOutcome, JobRefused, register
from companion_service.organization.models import ServiceUnit

from . import documents, importer
from .ikm import Weighting
from .models import ImportBatch, ImportStatus
from .periods import Period

PDF = "application/pdf"


def _unit(code: str) -> ServiceUnit:
    unit = ServiceUnit.objects.select_related("opd").filter(code=code).first()
    if unit is None:
        raise JobRefused(_("The service unit %(code)s no longer exists.") % {"code": code})
    return unit


@register("skm.report_pdf")
def report_pdf(job) -> JobOutcome:
    unit, period = _unit(job.params["unit"]), Period.parse(job.params["period"])
    content = documents.report_pdf(unit, period, Weighting(job.params["weighting"]))
    return JobOutcome(
        content=content, filename=f"laporan-skm-{slugify(unit.code)}-{period.key}.pdf", content_type=PDF
    )


@register("skm.publication_pdf")
def publication_pdf(job) -> JobOutcome:
    unit, period = _unit(job.params["unit"]), Period.parse(job.params["period"])
    content = documents.publication_pdf(
        unit, period, Weighting(job.params["weighting"]), job.params["survey_url"]
    )
    return JobOutcome(
        content=content, filename=f"publikasi-skm-{slugify(unit.code)}-{period.key}.pdf", content_type=PDF
    )


@register("skm.poster_pdf")
def poster_pdf(job) -> JobOutcome:
    unit = _unit(job.params["unit"])
    content = documents.poster_pdf(unit, job.params["survey_url"])
    return JobOutcome(content=content, filename=f"poster-skm-{slugify(unit.code)}.pdf", content_type=PDF)


@register("skm.commit_import")
def commit_import(job) -> JobOutcome:
    """Import a checked spreadsheet (its draft batch) atomically; refused: the batch stays a draft."""
    batch = ImportBatch.objects.filter(pk=job.params["batch"]).first()
    if batch is None or batch.status != ImportStatus.DRAFT:
        raise JobRefused(_("This import was already done or deleted."))
    detail = reverse("skm:import-detail", kwargs={"batch_id": batch.pk})
    table = importer.read(batch)
    try:
        outcome = importer.run(
            table,
            batch.mapping,
            importer.Options.of(batch.options),
            dry_run=False,
            batch=batch,
            user=job.user,
            skip_invalid=job.params.get("skip_invalid", False),
        )
    except importer.ImportRefused as exc:
        raise JobRefused(str(exc), next_url=detail) from exc
    return JobOutcome(
        message=_("Imported %(count)d responses from %(file)s.")
        % {"count": outcome.report.created, "file": batch.filename},
        next_url=detail,
    )
