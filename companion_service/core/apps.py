"""App config."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Layout, home page, health check."""

    name = "companion_service.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from companion_service.celery import app  # the Celery app, for every process

        # Every app's tasks.py, registered now: work is queued by the task's name (``core.queue``).
        app.autodiscover_tasks(force=True)
