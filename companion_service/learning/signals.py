"""Signals other apps listen to (the evaluation refreshes the JP ledger)."""

from django.dispatch import Signal

# Sent after an outside training was approved, un-approved, imported or an import undone.
outside_learning_changed = Signal()
