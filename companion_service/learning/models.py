"""Learning an ASN did outside the LMS (LAN, ASN Corpu, Digitalent, universities, coaching, ...),
recorded by the ASN or imported by BKPSDM, verified by their OPD head or a BKPSDM verifier.

Only approved records count in the 20-JP ledger, the dashboard and the SIASN export. Certificates
are kept in the private storage (``STORAGES["private"]``), never under ``MEDIA_URL``: the
certificate view serves them to the ASN and the verifiers only.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from companion_service.openedx_sync.channels import LearningChannel
from companion_service.roster.models import Asn


def private_storage():
    return storages["private"]


def certificate_path(instance, filename: str) -> str:
    """A random name under ``outside-learning/``; the extension is the checked content type's."""
    extension = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}.get(
        instance.certificate_type, ""
    )
    return f"outside-learning/{uuid.uuid4().hex}{extension}"


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for verification")
    APPROVED = "approved", _("Approved: counts")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn by the ASN")


class Source(models.TextChoices):
    ASN = "asn", _("Recorded by the ASN")
    IMPORT = "import", _("Imported by BKPSDM")


class ImportBatch(models.Model):
    """One spreadsheet of outside trainings imported by BKPSDM (e.g. a provider's graduates)."""

    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    rows = models.PositiveIntegerField(_("records"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("outside training import")
        verbose_name_plural = _("outside training imports")

    def __str__(self):
        return f"{self.filename} ({self.imported_at:%Y-%m-%d %H:%M})"


class OutsideTraining(models.Model):
    """One training outside the LMS, in the terms of a SIASN "riwayat kursus"."""

    asn = models.ForeignKey(
        Asn, verbose_name=_("ASN"), on_delete=models.PROTECT, related_name="outside_trainings"
    )
    title = models.CharField(_("name of the training"), max_length=255)
    provider = models.CharField(_("organiser"), max_length=255)
    channel = models.CharField(_("learning channel"), max_length=24, choices=LearningChannel.choices)
    started_on = models.DateField(_("first day"))
    finished_on = models.DateField(_("last day"))
    hours = models.DecimalField(
        _("hours"), max_digits=6, decimal_places=2, null=True, blank=True, help_text=_("Hours of learning.")
    )
    jp = models.PositiveSmallIntegerField(
        _("JP"), help_text=_("Jam pelajaran: as on the certificate, or hours × 60 ÷ 45 rounded up.")
    )
    jp_from_hours = models.BooleanField(_("JP computed from the hours"), default=False)
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    certificate = models.FileField(
        _("certificate"), storage=private_storage, upload_to=certificate_path, blank=True, max_length=200
    )
    certificate_type = models.CharField(_("certificate file type"), max_length=40, blank=True)
    certificate_size = models.PositiveIntegerField(_("certificate file size (bytes)"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why it was rejected (or a note)."))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.ASN)
    batch = models.ForeignKey(
        ImportBatch,
        verbose_name=_("import"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(_("recorded"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        ordering = ["-finished_on", "-id"]
        verbose_name = _("outside training")
        verbose_name_plural = _("outside trainings")
        constraints = [
            models.CheckConstraint(
                condition=Q(finished_on__gte=F("started_on")), name="learning_outside_dates_in_order"
            ),
            models.CheckConstraint(condition=Q(jp__gte=1, jp__lte=999), name="learning_outside_jp_range"),
        ]
        indexes = [models.Index(fields=["status", "finished_on"], name="learning_outside_status")]

    def __str__(self):
        return f"{self.title} ({self.asn_id}, {self.finished_on:%Y-%m-%d})"

    @property
    def counts(self) -> bool:
        return self.status == Status.APPROVED


class CourseFocus(models.Model):
    """The pillars of digital literacy a course develops (cakap, etika, aman, budaya digital), set by
    an administrator: "JP saya" suggests it to ASN whose last assessment showed a gap there."""

    course = models.OneToOneField(
        "openedx_sync.Course", verbose_name=_("course"), on_delete=models.CASCADE, related_name="focus"
    )
    pillars = models.JSONField(_("pillars"), default=list, help_text=_("Any of: cakap, etika, aman, budaya."))

    class Meta:
        verbose_name = _("course focus")
        verbose_name_plural = _("course focus")

    def __str__(self):
        return f"{self.course}: {', '.join(self.pillars)}"

    def clean(self):
        from django.core.exceptions import ValidationError

        from companion_service.openedx_sync.data import PILLARS

        if not isinstance(self.pillars, list) or not self.pillars or set(self.pillars) - set(PILLARS):
            raise ValidationError({"pillars": _("Give a list of pillars among: cakap, etika, aman, budaya.")})
