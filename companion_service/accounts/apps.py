"""App config."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Roles and users."""

    name = "companion_service.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")
    default_auto_field = "django.db.models.BigAutoField"
