"""Defaults for every environment."""


def plugin_settings(settings):
    """Add our defaults without overriding what the operator already set."""
    # Usernames (besides global staff) that may read the plugin REST API: the companion's service user.
    if not hasattr(settings, "BINA_ASN_API_SERVICE_USERNAMES"):
        settings.BINA_ASN_API_SERVICE_USERNAMES = ["bina_companion"]
    # Largest page the REST API returns.
    if not hasattr(settings, "BINA_ASN_API_MAX_PAGE_SIZE"):
        settings.BINA_ASN_API_MAX_PAGE_SIZE = 500
    # The companion's public address: the "JP saya" course tab links to it ("" hides the tab).
    if not hasattr(settings, "BINA_ASN_COMPANION_URL"):
        settings.BINA_ASN_COMPANION_URL = ""
