"""Version 1 of the evaluation API: every number of the dashboard, scoped like the pages."""
