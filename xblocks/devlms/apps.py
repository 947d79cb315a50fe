"""App config of the dev LMS (its tracking log table and management commands)."""

from django.apps import AppConfig


class DevLmsConfig(AppConfig):
    """Dev LMS app."""

    name = "xblocks.devlms"
    label = "devlms"
    verbose_name = "Dev LMS"
    default_auto_field = "django.db.models.BigAutoField"
