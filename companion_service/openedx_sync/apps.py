"""App config."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenedxSyncConfig(AppConfig):
    """LMS connections, sync runs and the synced records."""

    name = "companion_service.openedx_sync"
    label = "openedx_sync"
    verbose_name = _("Open edX sync")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers  # noqa: F401  (joins learners again when the roster changes)
