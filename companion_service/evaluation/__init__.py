"""The evaluation: coverage, the 20-JP ledger, skill gains, IKM before and after training, impact."""
