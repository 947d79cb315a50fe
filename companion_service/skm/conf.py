"""Settings of the SKM app, with defaults; operators set them through the environment.

- ``COMPANION_SKM_WEIGHTING``: ``regulation`` (0.111, the default) or ``exact`` (1/9), the weighting
  pages open with (both are always available);
- ``COMPANION_SKM_RATE_LIMIT``: form answers one device may send to one unit per
  ``COMPANION_SKM_RATE_WINDOW`` seconds (default 30 per 600 s; a service counter's tablet or Wi-Fi
  shares one address); more are refused with 429, the answers kept on the page;
- ``COMPANION_SKM_UNIT_ALERT``: answers per unit and window above which new answers are stored but
  marked for an evaluator's review (default 150); ``COMPANION_SKM_UNIT_LIMIT``: the ceiling per unit
  and window past which answers are refused (default 1500) -- both recorded as unusual traffic;
- ``COMPANION_SKM_PUBLIC_URL``: the address printed in QR codes (default: the request's own host);
- ``COMPANION_TRUSTED_PROXIES`` (older name ``COMPANION_SKM_TRUSTED_PROXIES``): reverse proxies in
  front (``companion_service.core.clients``);
- ``COMPANION_LIMITS_CACHE``: the alias of ``CACHES`` the limits count in (``limits``, the database);
- ``COMPANION_SKM_PRIVACY_CONTACT``: who citizens ask about their data (the form's privacy notice;
  default: the BKPSDM's data protection desk), ``COMPANION_SKM_RETENTION_YEARS`` (default 5) how long
  answers are kept, as the notice says.
"""

import os

from django.conf import settings


def _setting(name, default):
    return getattr(settings, name, os.environ.get(name, default))


def default_weighting() -> str:
    value = str(_setting("COMPANION_SKM_WEIGHTING", "regulation")).strip().lower()
    return value if value in ("regulation", "exact") else "regulation"


def rate_limit() -> tuple[int, int]:
    """(answers, window in seconds) per device and unit."""
    return int(_setting("COMPANION_SKM_RATE_LIMIT", 30)), int(_setting("COMPANION_SKM_RATE_WINDOW", 600))


def unit_limits() -> tuple[int, int]:
    """(answers above which new ones are marked for review, answers past which they are refused) per
    unit and window."""
    return int(_setting("COMPANION_SKM_UNIT_ALERT", 150)), int(_setting("COMPANION_SKM_UNIT_LIMIT", 1500))


def limits_cache() -> str:
    return str(_setting("COMPANION_LIMITS_CACHE", "limits"))


def public_url() -> str:
    return str(_setting("COMPANION_SKM_PUBLIC_URL", "")).rstrip("/")


def privacy_contact() -> str:
    return str(_setting("COMPANION_SKM_PRIVACY_CONTACT", "")).strip()


def retention_years() -> int:
    return max(int(_setting("COMPANION_SKM_RETENTION_YEARS", 5)), 1)
