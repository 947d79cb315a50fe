"""Downloads: any table of a page as CSV or XLSX (the page's own numbers, with its filters), the
whole JP ledger, and the ledger's learning records in the SIASN "riwayat kursus" shape.

CSV files start with a byte-order mark so that Excel, as used in Sibolga's offices, reads the
Indonesian names correctly; numbers are written with a dot, as spreadsheets import them.
"""

from __future__ import annotations

import tablib
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from companion_service.accounts.api import AuditAction

from .. import selectors, siasn, tables
from ..selectors.opd import channel_label
from .access import ANYONE, TRAINING, allowed, evaluation_view
from .pages import BUILDERS

CHUNK = 2000
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_response(dataset: tablib.Dataset, fmt: str, name: str) -> HttpResponse:
    content = ("\ufeff" + dataset.export("csv")).encode("utf-8") if fmt == "csv" else dataset.export("xlsx")
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.{fmt}"'
    return response


@evaluation_view("download", needs=ANYONE, action=AuditAction.EXPORT)
def table(request, scope, page, table, fmt):
    if page not in BUILDERS or fmt not in CONTENT_TYPES:
        raise Http404
    build, needs = BUILDERS[page]
    if not allowed(scope, needs):
        raise PermissionDenied
    found = build(request, scope, code=request.GET.get("code"), full=True)["tables"].get(table)
    if found is None:
        raise Http404
    year = request.GET.get("year", "")
    return file_response(found.dataset(), fmt, f"bina-asn-{page}-{table}-{year}")


@evaluation_view("ledger-export", needs=TRAINING, action=AuditAction.EXPORT)
def ledger(request, scope, fmt):
    """Every ASN row of the ledger for the filters (not only the page shown)."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    query = request.GET
    year = selectors.choose_year(query.get("year"), selectors.years_available())
    rows = selectors.ledger_rows(
        scope, year, query.get("opd") or None, query.get("short") in ("1", "on", "true"), query.get("q", "")
    )
    result = []
    for start in range(0, rows.count(), CHUNK):
        result += selectors.to_rows(rows[start : start + CHUNK], year)
    channels = sorted({channel for row in result for channel in row.channels})
    dataset = tables.ledger_asn_table(result, [(c, channel_label(c)) for c in channels], year).dataset()
    return file_response(dataset, fmt, f"bina-asn-jp-{year}")


@evaluation_view("siasn-export", needs=TRAINING, action=AuditAction.EXPORT)
def siasn_export(request, scope, fmt):
    """Learning records of the year in the SIASN "riwayat kursus" columns."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    query = request.GET
    year = selectors.choose_year(query.get("year"), selectors.years_available())
    records = selectors.siasn_records(scope, year, query.get("opd") or None)
    dataset = siasn.dataset(records, title=_("Riwayat kursus %(year)s") % {"year": year})
    return file_response(dataset, fmt, f"siasn-riwayat-kursus-{year}")


@evaluation_view("siasn-check", needs=TRAINING, action=AuditAction.EXPORT)
def siasn_check(request, scope, fmt):
    """The rows of the SIASN export that SIASN would refuse, each with the reason."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    query = request.GET
    year = selectors.choose_year(query.get("year"), selectors.years_available())
    records = selectors.siasn_records(scope, year, query.get("opd") or None)
    dataset = siasn.check_dataset(records, title=_("Periksa SIASN %(year)s") % {"year": year})
    return file_response(dataset, fmt, f"siasn-periksa-{year}")
