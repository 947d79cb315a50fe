"""App config of the learning app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "companion_service.learning"
    label = "learning"
    verbose_name = _("ASN learning outside the LMS")
    default_auto_field = "django.db.models.BigAutoField"
