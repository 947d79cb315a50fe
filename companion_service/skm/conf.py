"""Settings of the SKM app, with defaults; operators set them through the environment.

- ``COMPANION_SKM_WEIGHTING``: ``regulation`` (0.111, the default) or ``exact`` (1/9), the weighting
  pages open with (both are always available);
- ``COMPANION_SKM_RATE_LIMIT``: form submissions per client per ``COMPANION_SKM_RATE_WINDOW``
  seconds (default 30 per 600 s; a service counter's tablet or Wi-Fi shares one address);
- ``COMPANION_SKM_PUBLIC_URL``: the address printed in QR codes (default: the request's own host);
- ``COMPANION_SKM_TRUSTED_PROXIES``: reverse proxies in front (default 0): the client address for the
  rate limit is then read from X-Forwarded-For.
"""

import os

from django.conf import settings


def _setting(name, default):
    return getattr(settings, name, os.environ.get(name, default))


def default_weighting() -> str:
    value = str(_setting("COMPANION_SKM_WEIGHTING", "regulation")).strip().lower()
    return value if value in ("regulation", "exact") else "regulation"


def rate_limit() -> tuple[int, int]:
    """(submissions, window in seconds) per client."""
    return int(_setting("COMPANION_SKM_RATE_LIMIT", 30)), int(_setting("COMPANION_SKM_RATE_WINDOW", 600))


def public_url() -> str:
    return str(_setting("COMPANION_SKM_PUBLIC_URL", "")).rstrip("/")


def trusted_proxies() -> int:
    """How many reverse proxies (each adding to X-Forwarded-For) stand before the companion."""
    return int(_setting("COMPANION_SKM_TRUSTED_PROXIES", 0))
