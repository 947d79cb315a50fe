"""Signals other apps listen to (the evaluation refreshes its aggregates when responses changed)."""

from django.dispatch import Signal

# Sent once an import, its undo or a retally is committed (not for each public-form response).
responses_changed = Signal()

# Sent (after commit) when the number of service users of a unit and period was entered or cleared:
# the minimum sample changes, so figures computed from it must be recomputed.
service_users_changed = Signal()
