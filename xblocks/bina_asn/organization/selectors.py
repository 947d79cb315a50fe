"""Reads of the OPD and unit list."""

from __future__ import annotations

from xblocks.bina_asn.data import OpdChoice

from .units import UNIT


def active_opds() -> list[OpdChoice]:
    """The active OPDs (not service units), by name: what an innovation block offers by default."""
    from xblocks.bina_asn.models.organization import OrganizationUnit

    rows = OrganizationUnit.objects.filter(is_active=True).exclude(kind=UNIT).order_by("name", "code")
    return [OpdChoice(code=row.code, name=row.name) for row in rows]


def opd_names(codes) -> dict[str, str]:
    """Names of the given OPD codes that the list knows (active or not), by code."""
    from xblocks.bina_asn.models.organization import OrganizationUnit

    rows = OrganizationUnit.objects.filter(code__in=list(codes)).exclude(kind=UNIT)
    return {row.code: row.name for row in rows}
