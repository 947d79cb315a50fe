"""Signals other apps listen to (the evaluation refreshes its aggregates when responses changed)."""

from django.dispatch import Signal

# Sent once an import, its undo or a retally is committed (not for each public-form response).
responses_changed = Signal()
