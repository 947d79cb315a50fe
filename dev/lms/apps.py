"""App config of the dev LMS (its tracking log table and management commands)."""

from django.apps import AppConfig

# The LMS runs under gunicorn/uWSGI, whose listen backlog is 2048/100+; Django's runserver listens
# with a backlog of 10, so a class clicking at once would see refused connections, not our code.
RUNSERVER_BACKLOG = 1024


class DevLmsConfig(AppConfig):
    """Dev LMS app."""

    name = "dev.lms"
    label = "devlms"
    verbose_name = "Dev LMS"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core.servers import basehttp

        basehttp.WSGIServer.request_queue_size = RUNSERVER_BACKLOG
