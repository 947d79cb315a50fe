"""Signals other apps listen to (the evaluation refreshes its aggregates when responses changed)."""

from django.dispatch import Signal

# Sent once an import, its undo or a retally is committed (not for each public-form response).
responses_changed = Signal()

# Sent inside the transaction that added or removed responses (an import, its undo, a retally, one
# public-form answer) or changed a unit's service users (the quarters of their period):
# ``unit_quarters`` is a set of (unit id, year, quarter). The evaluation notes them for its next
# (incremental) refresh, which it schedules a few seconds later (public-form answers enter the
# figures within a minute, ADR 0131).
tallies_changed = Signal()

# Sent (after commit) when the number of service users of a unit and period was entered or cleared:
# the minimum sample changes, so figures computed from it must be recomputed.
service_users_changed = Signal()
