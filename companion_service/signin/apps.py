"""App config of the sign-in app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigninConfig(AppConfig):
    name = "companion_service.signin"
    label = "signin"
    verbose_name = _("Sign-in through Open edX")
    default_auto_field = "django.db.models.BigAutoField"
