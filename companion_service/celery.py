"""The companion's Celery app, configured from Django's settings (``CELERY_*``), as Open edX does it.

    celery --app=companion_service worker --loglevel=INFO     # runs the tasks
    celery --app=companion_service beat                       # schedules them (one per installation)

Like ``companion`` (manage.py), the settings default to the production ones. Tasks live in each app's
``tasks.py``. The database holds the truth of every piece of work (sync runs, refresh runs, pending
changes); the broker only carries the requests, so a lost or repeated message changes nothing
(ADR 0130).
"""

import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "companion_service.settings.production")

app = Celery("companion_service")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.set_default()  # ``shared_task`` and ``delay()`` in web processes use this app


@worker_ready.connect
def _pick_up_interrupted_work(sender=None, **kwargs):
    """A worker that starts (again) resumes the syncs a killed worker left, and pending refreshes."""
    sender.app.send_task("openedx_sync.recover")
    sender.app.send_task("core.recover_jobs")
    sender.app.send_task("evaluation.refresh_pending")
