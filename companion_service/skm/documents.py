"""Printable documents: the SKM report of a unit and period (PDF, in the structure units publish:
method, respondents, NRR table, IKM and grade, profiles, comments, follow-up plan), the one-page
publication poster, and the poster with the unit's QR code. Rendered from HTML by WeasyPrint in
Bahasa Indonesia, with the DejaVu fonts the machine has.
"""

from __future__ import annotations

import logging

import segno
from django.template.loader import render_to_string
from django.utils import timezone, translation

from companion_service.organization.models import ServiceUnit

from . import selectors
from .ikm import KREJCIE_MORGAN_TABLE, Weighting
from .periods import Period
from .questionnaire import UNSUR

COMMENTS_IN_REPORT = 30
# WeasyPrint logs every rendering step at INFO; keep its warnings (missing fonts, bad CSS) only.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def qr_svg(url: str, scale: int = 8) -> str:
    """The QR code of ``url`` as an SVG of its own size (error correction M: survives a scratched poster)."""
    return segno.make(url, error="m").svg_inline(scale=scale, dark="#000", light="#fff", border=2)


def qr_figure(url: str) -> str:
    """The QR code of ``url`` to place in a page, sized by the page's CSS: a ``viewBox`` and no size of
    its own (an SVG with a pixel size in a smaller CSS box is cut, not scaled: the poster's and the
    publication's codes lost their right and bottom edges)."""
    return segno.make(url, error="m").svg_inline(dark="#000", light="#fff", border=2, omitsize=True)


def report_data(unit: ServiceUnit, period: Period, weighting: Weighting | str) -> dict:
    """Everything the report and the publication poster show."""
    weighting = Weighting(weighting)
    other = Weighting.EXACT if weighting is Weighting.REGULATION else Weighting.REGULATION
    comments = selectors.comments(unit, period)
    return {
        "unit": unit,
        "period": period,
        "weighting": weighting.value,
        "weight_text": "0,111" if weighting is Weighting.REGULATION else "1/9",
        "result": selectors.unit_ikm(unit, period, weighting),
        "other": selectors.unit_ikm(unit, period, other),
        "by_kind": selectors.ikm_by_service_kind(unit, period, weighting),
        "profiles": selectors.profile_breakdowns(unit, period, weighting),
        "comments": comments[:COMMENTS_IN_REPORT],
        "comment_count": len(comments),
        "sources": selectors.source_counts(unit, period),
        "follow_ups": list(selectors.follow_ups(unit, period)),
        "follow_up_summary": selectors.follow_up_summary(unit, period),
        "unsur": UNSUR,
        "table": KREJCIE_MORGAN_TABLE,
        "generated": timezone.localtime(),
    }


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    with translation.override("id"):
        html = render_to_string(template, context)
    return HTML(string=html).write_pdf()


def report_pdf(unit: ServiceUnit, period: Period, weighting: Weighting | str) -> bytes:
    with translation.override("id"):
        data = report_data(unit, period, weighting)
    return _pdf("skm/documents/report.html", data)


def publication_pdf(unit: ServiceUnit, period: Period, weighting: Weighting | str, survey_url: str) -> bytes:
    with translation.override("id"):
        data = report_data(unit, period, weighting)
    data["qr"] = qr_figure(survey_url)
    data["survey_url"] = survey_url
    return _pdf("skm/documents/publication.html", data)


def poster_context(unit: ServiceUnit, survey_url: str) -> dict:
    return {"unit": unit, "survey_url": survey_url, "qr": qr_figure(survey_url)}


def poster_pdf(unit: ServiceUnit, survey_url: str) -> bytes:
    return _pdf("skm/documents/poster.html", {**poster_context(unit, survey_url), "for_pdf": True})
