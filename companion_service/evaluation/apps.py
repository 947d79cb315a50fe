"""App config of the evaluation: it listens to the sync, the SKM and the roster to refresh its aggregates."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "companion_service.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import jobs, receivers  # noqa: F401  (the refresh's signals; the PDF reports' jobs)
