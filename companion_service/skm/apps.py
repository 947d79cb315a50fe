"""App config."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkmConfig(AppConfig):
    """The citizen-satisfaction survey (SKM) and its index (IKM)."""

    name = "companion_service.skm"
    label = "skm"
    verbose_name = _("Citizen satisfaction survey (SKM)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import jobs  # noqa: F401  (the kinds of work a worker does for the SKM)
