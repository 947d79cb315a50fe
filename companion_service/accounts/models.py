"""What a user may read beyond their roles, and the audit log of what they read.

- ``AccessLink``: the OPD an OPD head leads, or the partner a partner user speaks for. Roles say
  *what kind* of reader someone is; the link says *whose* figures they read.
- ``AuditEvent``: one page view, API call or export of the evaluation, with the user, their roles
  and scope, the filters and the format. It holds no personal data beyond the user: free-text
  searches are not recorded.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from companion_service.organization.models import Opd


class AccessLink(models.Model):
    """The OPD (for an OPD head) or the partner (for a partner) a user's reading is limited to."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="access_link",
    )
    opd = models.ForeignKey(
        Opd,
        verbose_name=_("OPD"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="access_links",
        help_text=_("An OPD head reads the figures of this OPD, its service units and its kelurahan."),
    )
    partner_name = models.CharField(
        _("partner"),
        max_length=255,
        blank=True,
        help_text=_(
            "A partner reads the figures of the workshops held under this partner name "
            "(as the partner workshop block names it; capitals do not matter)."
        ),
    )
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("access link")
        verbose_name_plural = _("access links")

    def __str__(self):
        if self.opd_id:
            return f"{self.user} → {self.opd}"
        return f"{self.user} → {self.partner_name}"

    def clean(self):
        self.partner_name = " ".join(self.partner_name.split())
        if not self.opd_id and not self.partner_name:
            raise ValidationError(_("Choose an OPD or write a partner name."))


class AuditAction(models.TextChoices):
    VIEW = "view", _("Page viewed")
    API = "api", _("API read")
    EXPORT = "export", _("Export downloaded")
    SIGN_IN = "sign_in", _("Signed in")
    CHANGE = "change", _("Record changed")


class AuditEvent(models.Model):
    """One read of evaluation figures: who, with which roles and scope, what, which filters, how."""

    created = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("username"), max_length=150)
    roles = models.CharField(_("roles"), max_length=100, blank=True)
    scope = models.CharField(_("scope"), max_length=300, blank=True)
    action = models.CharField(_("action"), max_length=8, choices=AuditAction.choices)
    resource = models.CharField(_("what"), max_length=100, db_index=True)
    file_format = models.CharField(_("format"), max_length=10, blank=True)
    parameters = models.JSONField(_("filters"), default=dict, blank=True)
    status = models.PositiveSmallIntegerField(_("HTTP status"), default=200)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.created:%Y-%m-%d %H:%M} {self.username} {self.action} {self.resource}"
