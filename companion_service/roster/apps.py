"""App config."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RosterConfig(AppConfig):
    """ASN, positions, NIP validation and the roster import."""

    name = "companion_service.roster"
    label = "roster"
    verbose_name = _("ASN roster")
    default_auto_field = "django.db.models.BigAutoField"
