"""Jobs: work a request hands to a worker (a PDF report, an import), and what came of it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """One piece of work for a worker (ADR 0130): its kind and parameters, who asked, the outcome.

    The worker's task reads this row first, so a message delivered twice does the work once."""

    kind = models.CharField(_("kind"), max_length=60)
    params = models.JSONField(default=dict)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    message = models.TextField(_("outcome"), blank=True)
    details = models.JSONField(default=list, blank=True)  # e.g. the rows an import refused
    next_url = models.CharField(max_length=500, blank=True)  # where the reader goes when it is done
    file = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["status", "created"], name="core_job_status")]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.status})"
