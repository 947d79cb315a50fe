"""Queue a task by its name (``core.run_job``, ``openedx_sync.run``, ``evaluation.refresh_pending``).

Services, receivers and the sync engine send work to the workers without importing the ``tasks``
modules, which import them in turn (no import cycles; ``tests/system/test_layout.py``). Every app's
``tasks.py`` is registered when Django starts (``core.apps``), so the task found here is the real
one: its ``delay`` and ``apply_async`` honour ``CELERY_TASK_ALWAYS_EAGER`` in the unit tests.
"""

from __future__ import annotations

from celery import current_app


def task(name: str):
    """The registered task ``name`` (a ``KeyError`` names a task that does not exist)."""
    return current_app.tasks[name]
