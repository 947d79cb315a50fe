"""Signals other apps listen to (the evaluation refreshes the JP ledger)."""

from django.dispatch import Signal

# Sent inside the transaction that approved or un-approved an outside training, imported some or
# undid an import: ``asns`` is the set of ASN ids whose JP may change (the evaluation notes them for
# its incremental refresh and refreshes once the transaction is committed).
outside_learning_changed = Signal()
