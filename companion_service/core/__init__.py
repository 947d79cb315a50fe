"""Core of the companion: the layout, the home page, navigation and the health check."""
