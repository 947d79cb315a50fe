"""Whether sign-in through Open edX is set up, and the LMS's sign-out address.

Settings (from the environment, see settings/base.py): ``SOCIAL_AUTH_EDX_OAUTH2_KEY`` / ``_SECRET``
(the LMS application's client id and secret), ``SOCIAL_AUTH_EDX_OAUTH2_URL_ROOT`` (how the companion
reaches the LMS) and ``SOCIAL_AUTH_EDX_OAUTH2_PUBLIC_URL_ROOT`` (how browsers reach it).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings


def enabled() -> bool:
    """True when the LMS application's id, secret and address are all set."""
    return all(
        getattr(settings, name, "")
        for name in (
            "SOCIAL_AUTH_EDX_OAUTH2_KEY",
            "SOCIAL_AUTH_EDX_OAUTH2_SECRET",
            "SOCIAL_AUTH_EDX_OAUTH2_URL_ROOT",
        )
    )


def lms_public_root() -> str:
    root = getattr(settings, "SOCIAL_AUTH_EDX_OAUTH2_PUBLIC_URL_ROOT", "") or getattr(
        settings, "SOCIAL_AUTH_EDX_OAUTH2_URL_ROOT", ""
    )
    return root.rstrip("/")


def lms_logout_url(return_to: str) -> str:
    """The LMS's ``/logout`` that comes back to ``return_to`` (as EdXOAuth2.logout_url builds it)."""
    query = urlencode({"client_id": settings.SOCIAL_AUTH_EDX_OAUTH2_KEY, "redirect_url": return_to})
    return f"{lms_public_root()}/logout?{query}"
