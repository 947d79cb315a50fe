"""Production: values from the platform's YAML/ENV_TOKENS when the operator set them."""


def plugin_settings(settings):
    """Let the operator override our defaults through the platform's environment tokens."""
    env_tokens = getattr(settings, "ENV_TOKENS", {}) or {}
    for name in ("BINA_ASN_API_SCOPE", "BINA_ASN_API_MAX_PAGE_SIZE"):
        if name in env_tokens:
            setattr(settings, name, env_tokens[name])
