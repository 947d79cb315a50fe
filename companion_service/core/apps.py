"""App config."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_tables(sender, using="default", verbosity=1, **kwargs):
    """``companion migrate`` also creates the database cache's table (the shared limits, ADR 0100):
    one command sets a database up; Django's ``createcachetable`` skips a table that exists."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    """Layout, home page, health check."""

    name = "companion_service.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="companion-cache-tables")
