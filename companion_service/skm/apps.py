"""App config."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_tables(sender, using="default", **kwargs):
    """``companion migrate`` also creates the database cache's table, where the public form's limits
    count (ADR 0100): one command sets a database up. Django's ``createcachetable`` skips a table
    that exists and does nothing when no cache is a database cache."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class SkmConfig(AppConfig):
    """The citizen-satisfaction survey (SKM) and its index (IKM)."""

    name = "companion_service.skm"
    label = "skm"
    verbose_name = _("Citizen satisfaction survey (SKM)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="skm-cache-tables")
        from . import jobs  # noqa: F401  (the kinds of work a worker does for the SKM)

    def purge_staged_imports(self) -> int:
        """Called by ``companion purge-staged-imports``: drafts older than a day are deleted."""
        from .importer import purge_drafts

        return purge_drafts()
