"""The 20-JP ledger: per OPD the share of ASN at 20 JP or more and JP by channel; per ASN the JP of
the year by channel, the target and the shortfall (paged); and the rows of the SIASN export."""

from __future__ import annotations

import math
from collections import defaultdict

from django.db.models import Q, Sum

from companion_service.openedx_sync.api import JpSource

from ..data import Ledger, LedgerOpd, LedgerRow
from ..definitions import TARGET_JP
from ..models import AsnYear, LearningRecord, OpdYear, OpdYearChannel
from ..stats import Mean, rate
from .common import NotAllowed, choose_year, opd_filter, years_available
from .opd import channel_label, opd_for

PAGE_SIZE = 50
ESTIMATED = JpSource.ESTIMATED.value


def ledger_rows(scope, year: int, opd_code: str | None = None, short_only: bool = False, search: str = ""):
    """The ASN rows of the year the scope may read, by OPD then name (a queryset)."""
    rows = (
        AsnYear.objects.filter(year=year)
        .filter(opd_filter(scope))
        .select_related("asn", "opd", "asn__position")
    )
    if opd_code:
        rows = rows.filter(opd=opd_for(scope, opd_code))
    if short_only:
        rows = rows.filter(meets_target=False)
    search = " ".join(search.split())
    if search:
        rows = rows.filter(Q(asn__name__icontains=search) | Q(asn__nip__startswith=search))
    return rows.order_by("opd_name", "asn_name", "asn_id")


def channels_of(asn_ids, year: int) -> tuple[dict[int, dict[str, int]], dict[int, int]]:
    """Per ASN the year's JP by channel, and how many of them are estimated (a course's effort x
    weeks, not yet set by BKPSDM)."""
    result: dict[int, dict[str, int]] = defaultdict(dict)
    estimated: dict[int, int] = defaultdict(int)
    for asn_id, channel, source, jp in (
        LearningRecord.objects.filter(asn_id__in=list(asn_ids), year=year, jp__gt=0)
        .values("asn_id", "channel", "jp_source")
        .annotate(jp=Sum("jp"))
        .values_list("asn_id", "channel", "jp_source", "jp")
    ):
        result[asn_id][channel] = result[asn_id].get(channel, 0) + jp
        if source == ESTIMATED:
            estimated[asn_id] += jp
    return result, estimated


def to_rows(rows, year: int) -> list[LedgerRow]:
    rows = list(rows)
    channels, estimated = channels_of([row.asn_id for row in rows], year)
    return [
        LedgerRow(
            nip=row.asn.nip,
            name=row.asn.name,
            opd_code=row.opd.code,
            opd_name=row.opd.name,
            position=row.asn.position.name if row.asn.position else "",
            jp_total=row.jp_total,
            jp_estimated=estimated.get(row.asn_id, 0),
            channels=channels.get(row.asn_id, {}),
            shortfall=max(TARGET_JP - row.jp_total, 0),
        )
        for row in rows
    ]


def ledger(scope, year=None, opd_code=None, short_only=False, search="", page=1) -> Ledger:
    years = years_available()
    year = choose_year(year, years)
    if opd_code:
        opd_for(scope, opd_code)  # NotAllowed for another OPD
    opd_rows = (
        OpdYear.objects.filter(year=year)
        .filter(opd_filter(scope))
        .select_related("opd")
        .order_by("opd__name")
    )
    if opd_code:
        opd_rows = opd_rows.filter(opd__code=opd_code)
    channel_rows = OpdYearChannel.objects.filter(year=year).filter(opd_filter(scope))
    per_opd: dict[int, dict[str, int]] = defaultdict(dict)
    used = defaultdict(int)
    for row in channel_rows:
        per_opd[row.opd_id][row.channel] = row.jp
        used[row.channel] += row.jp
    opds = [
        LedgerOpd(
            code=row.opd.code,
            name=row.opd.name,
            asn=row.asn_count,
            meets_target=rate(row.meets_target, row.asn_count),
            jp_mean=Mean.from_sums(row.asn_count, row.jp_sum, row.jp_sq),
            channels=per_opd.get(row.opd_id, {}),
        )
        for row in opd_rows
    ]
    queryset = ledger_rows(scope, year, opd_code, short_only, search)
    total = queryset.count()
    pages = max(1, math.ceil(total / PAGE_SIZE))
    try:
        page = min(max(int(page), 1), pages)
    except (TypeError, ValueError):
        page = 1
    start = (page - 1) * PAGE_SIZE
    return Ledger(
        year=year,
        years=years,
        target=TARGET_JP,
        channels=[(channel, channel_label(channel)) for channel in sorted(used, key=lambda c: -used[c])],
        opds=opds,
        rows=to_rows(queryset[start : start + PAGE_SIZE], year),
        total_rows=total,
        page=page,
        pages=pages,
        short_only=short_only,
        opd_filter=opd_code or None,
    )


def siasn_records(scope, year: int, opd_code: str | None = None):
    """Learning records of the year for the SIASN export, scoped, by OPD, ASN and date."""
    rows = LearningRecord.objects.filter(year=year, asn__is_active=True, jp__gt=0).filter(opd_filter(scope))
    if opd_code:
        rows = rows.filter(opd=opd_for(scope, opd_code))
    return rows.select_related("asn", "opd").order_by("opd__name", "asn__name", "finished_at", "id")


__all__ = ["NotAllowed", "ledger", "ledger_rows", "siasn_records", "to_rows"]
