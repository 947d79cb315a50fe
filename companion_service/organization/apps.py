"""App config."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationConfig(AppConfig):
    """OPDs and service units."""

    name = "companion_service.organization"
    label = "organization"
    verbose_name = _("OPDs and service units")
    default_auto_field = "django.db.models.BigAutoField"
