"""Signals other apps listen to (the sync re-joins unmatched learners when the roster changes)."""

from django.dispatch import Signal

# Sent after a roster import or an administrator's correction is committed.
roster_changed = Signal()
