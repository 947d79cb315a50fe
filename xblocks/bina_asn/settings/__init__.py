"""Plugin settings, applied by the platform's plugin framework (``plugin_settings(settings)``)."""
