"""Signal receivers (filled as the sync is built)."""
