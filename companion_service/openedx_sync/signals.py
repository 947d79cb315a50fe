"""Signals other apps listen to (the evaluation refreshes its aggregates when new data arrived)."""

from django.dispatch import Signal

# Sent after a sync run finished (``run``) or a grade report was imported (``course_key``), once committed.
data_synced = Signal()
