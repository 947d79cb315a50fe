"""Reads of the learning app: the verifiers' queue and one record as its reader may see it. An ASN's
"JP saya" lives with the ledger (``evaluation.selectors.jp_saya``)."""

from __future__ import annotations

from . import permissions
from .models import OutsideTraining, Status


def queue(user, status: str = Status.SUBMITTED):
    """Outside trainings ``user`` verifies, in ``status`` ("" for all), oldest waiting first."""
    rows = OutsideTraining.objects.select_related("asn__opd", "decided_by")
    ids = permissions.verifier_opd_ids(user)
    if ids is not None:
        rows = rows.filter(asn__opd_id__in=ids)
    own = getattr(getattr(user, "asn_account", None), "asn_id", None)
    if own:
        rows = rows.exclude(asn_id=own)
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("created", "id") if status == Status.SUBMITTED else rows.order_by("-modified", "-id")


def visible(user, pk: int) -> OutsideTraining | None:
    """The record ``pk`` if ``user`` may read it (None otherwise, also when unknown)."""
    training = OutsideTraining.objects.select_related("asn__opd", "decided_by").filter(pk=pk).first()
    if training is None or not permissions.can_view(user, training):
        return None
    return training


__all__ = ["queue", "visible"]
