"""Writes of the learning app: record, withdraw, approve or reject an outside training. Every change
is audited (``accounts.record``, action ``change``) and, when it changes what counts, the change is
announced inside its transaction (``outside_learning_changed``): the evaluation notes the ASN and
refreshes the JP ledger once it is committed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from companion_service.accounts.api import AuditAction, record

from . import certificates, permissions, rules
from .data import TrainingInput
from .models import OutsideTraining, Source, Status
from .signals import outside_learning_changed


def _audit(user, what: str, training: OutsideTraining, **extra) -> None:
    record(
        user,
        action=AuditAction.CHANGE,
        resource=f"learning:{what}",
        parameters={"id": str(training.pk), "status": training.status, **extra},
    )


def _changed(training: OutsideTraining) -> None:
    outside_learning_changed.send(sender=OutsideTraining, asns={training.asn_id})


@transaction.atomic
def submit(user, asn, data: TrainingInput, certificate=None) -> OutsideTraining:
    """The ASN ``asn`` (who ``user`` is) records a training; it waits for a verifier."""
    found = rules.problems(data)
    if found:
        raise ValidationError(found)
    checked = certificates.check(certificate) if certificate else None
    jp, from_hours = rules.credited_jp(data)
    training = OutsideTraining(
        asn=asn,
        title=data.title.strip(),
        provider=data.provider.strip(),
        channel=data.channel,
        started_on=data.started_on,
        finished_on=data.finished_on,
        hours=data.hours,
        jp=jp,
        jp_from_hours=from_hours,
        certificate_number=data.certificate_number.strip(),
        submitted_by=user,
    )
    if checked:
        training.certificate_type, training.certificate_size = checked.content_type, checked.size
        training.certificate.save("certificate", certificate, save=False)
    training.save()
    _audit(user, "submit", training)
    return training


@transaction.atomic
def withdraw(user, training: OutsideTraining) -> OutsideTraining:
    training = OutsideTraining.objects.select_for_update().get(pk=training.pk)
    if not permissions.owns(user, training):
        raise PermissionDenied
    if training.status != Status.SUBMITTED:
        raise ValidationError(_("Only a record waiting for verification can be withdrawn."))
    training.status = Status.WITHDRAWN
    training.save(update_fields=["status", "modified"])
    _audit(user, "withdraw", training)
    return training


@transaction.atomic
def decide(user, training: OutsideTraining, *, approve: bool, reason: str = "") -> OutsideTraining:
    """A verifier approves (it counts from now) or rejects (with a reason) a waiting record; an
    approved record can also be rejected later, e.g. when its certificate proves false."""
    training = OutsideTraining.objects.select_for_update().select_related("asn").get(pk=training.pk)
    if not permissions.can_verify(user, training):
        raise PermissionDenied
    reason = " ".join(reason.split())
    if not approve and not reason:
        raise ValidationError({"reason": _("Say why it is rejected; the ASN reads it.")})
    allowed = {Status.SUBMITTED} if approve else {Status.SUBMITTED, Status.APPROVED}
    if training.status not in allowed:
        raise ValidationError(
            _("This record was already decided (%(status)s).") % {"status": training.get_status_display()}
        )
    was_counted = training.counts
    training.status = Status.APPROVED if approve else Status.REJECTED
    training.reason, training.decided_by, training.decided_at = reason[:2000], user, timezone.now()
    training.save(update_fields=["status", "reason", "decided_by", "decided_at", "modified"])
    _audit(user, "approve" if approve else "reject", training)
    if approve or was_counted:
        _changed(training)
    return training


def imported(user, asn, data: TrainingInput, batch) -> OutsideTraining:
    """One row of a BKPSDM import: approved by the importer (the caller holds the transaction)."""
    jp, from_hours = rules.credited_jp(data)
    training = OutsideTraining.objects.create(
        asn=asn,
        title=data.title.strip(),
        provider=data.provider.strip(),
        channel=data.channel,
        started_on=data.started_on,
        finished_on=data.finished_on,
        hours=data.hours,
        jp=jp,
        jp_from_hours=from_hours,
        certificate_number=data.certificate_number.strip(),
        status=Status.APPROVED,
        decided_by=user,
        decided_at=timezone.now(),
        source=Source.IMPORT,
        batch=batch,
        submitted_by=user,
    )
    _audit(user, "import", training, batch=str(batch.pk))
    return training
