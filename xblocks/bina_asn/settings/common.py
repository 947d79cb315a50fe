"""Defaults for every environment."""

SCOPE = "bina_asn:read"
SCOPE_DESCRIPTION = "Read Bina ASN's plugin API (attempts, ideas, workshops)"


def plugin_settings(settings):
    """Add our defaults without overriding what the operator already set."""
    # The OAuth2 scope a client's JWT must carry to read /api/bina/v1/ (global staff may read it too).
    if not hasattr(settings, "BINA_ASN_API_SCOPE"):
        settings.BINA_ASN_API_SCOPE = SCOPE
    # Make the scope known to the LMS's OAuth2 provider (django-oauth-toolkit), so that a client
    # application may be granted it and ask for it.
    provider = getattr(settings, "OAUTH2_PROVIDER", None)
    if isinstance(provider, dict) and isinstance(provider.get("SCOPES"), dict):
        provider["SCOPES"].setdefault(settings.BINA_ASN_API_SCOPE, SCOPE_DESCRIPTION)
    # Largest page the REST API returns.
    if not hasattr(settings, "BINA_ASN_API_MAX_PAGE_SIZE"):
        settings.BINA_ASN_API_MAX_PAGE_SIZE = 500
    # The companion's public address: the "JP saya" course tab links to it ("" hides the tab).
    if not hasattr(settings, "BINA_ASN_COMPANION_URL"):
        settings.BINA_ASN_COMPANION_URL = ""
