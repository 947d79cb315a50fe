"""Who is asking, as far as the network tells: the client's address behind the reverse proxies the
operator trusts (ADR 0101).

``COMPANION_TRUSTED_PROXIES`` (default 0; ``COMPANION_SKM_TRUSTED_PROXIES`` is its older name) is how
many proxies stand in front of gunicorn, each appending the address it was reached from to
X-Forwarded-For (Caddy in Tutor replaces what the client sent; nginx with
``$proxy_add_x_forwarded_for`` appends). The client is then the entry that many places from the
right: what a client writes into the header itself is further left and never read. Used by the
public form's limits and by the sign-in throttle; addresses are never stored by the form.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from django.conf import settings


def trusted_proxies() -> int:
    for name in ("COMPANION_TRUSTED_PROXIES", "COMPANION_SKM_TRUSTED_PROXIES"):
        value = getattr(settings, name, os.environ.get(name, ""))
        if str(value).strip():
            return max(int(value), 0)
    return 0


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or the X-Forwarded-For entry the nearest trusted proxy
    wrote. With fewer entries than trusted proxies (a request that bypassed them), REMOTE_ADDR."""
    address = request.META.get("REMOTE_ADDR", "") or ""
    proxies = trusted_proxies()
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
        ]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    return address


def client_key(request) -> str:
    """A keyed hash of the client's address: enough to count and compare, never an address."""
    return hmac.new(
        settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256
    ).hexdigest()[:32]
