"""The city's OPDs and service units (one row per line of the units file; ``organization.units``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import TimeStampedModel


class OrganizationUnit(TimeStampedModel):
    """An OPD (city department or agency) or a service unit (unit layanan) of one."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, help_text=_("An OPD kind, or unit for a service unit."))
    parent_code = models.CharField(_("parent code"), max_length=32, blank=True, default="")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("OPD or service unit")
        verbose_name_plural = _("OPDs and service units")

    def __str__(self):
        return f"{self.code} {self.name}"
