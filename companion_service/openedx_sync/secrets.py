"""Client secrets stored encrypted (Fernet: AES-128-CBC with HMAC-SHA256, from ``cryptography``).

Keys: ``COMPANION_SECRETS_KEYS`` (comma-separated Fernet keys; the first encrypts, all decrypt, so a
key can be rotated) or, when unset, a key derived from ``SECRET_KEY`` with HKDF. Rotating
``SECRET_KEY`` without setting ``COMPANION_SECRETS_KEYS`` makes stored secrets unreadable: the
connection then says so and the administrator enters the secret again.

A secret is bound to the LMS it was given for (ADR 0104): a stored one is dropped when its
connection's URL changes, and the environment's ``OPENEDX_CLIENT_SECRET`` goes only to the LMS
named by ``OPENEDX_LMS_URL`` (``same_lms`` compares the two).
"""

from __future__ import annotations

import base64
from urllib.parse import urlsplit

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


def same_lms(first: str, second: str) -> bool:
    """Whether two base URLs name the same LMS: scheme, host and port (case and a trailing slash aside)
    and path."""
    a, b = urlsplit((first or "").strip()), urlsplit((second or "").strip())
    if not (a.scheme and a.hostname and b.scheme and b.hostname):
        return False
    try:
        ports = (
            (a.port or _DEFAULT_PORTS.get(a.scheme.lower())),
            (b.port or _DEFAULT_PORTS.get(b.scheme.lower())),
        )
    except ValueError:  # a port that is not a number
        return False
    return (a.scheme.lower(), a.hostname, ports[0], a.path.rstrip("/")) == (
        b.scheme.lower(),
        b.hostname,
        ports[1],
        b.path.rstrip("/"),
    )


_DEFAULT_PORTS = {"http": 80, "https": 443}


class SecretUnreadable(Exception):
    """The stored secret cannot be decrypted with the configured keys."""


def _derived_key() -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"bina-asn-companion", info=b"lms-client-secrets")
    return base64.urlsafe_b64encode(hkdf.derive(settings.SECRET_KEY.encode()))


def _fernet() -> MultiFernet:
    keys = [k.strip() for k in getattr(settings, "COMPANION_SECRETS_KEYS", []) if k.strip()]
    return MultiFernet([Fernet(k) for k in keys] if keys else [Fernet(_derived_key())])


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except (InvalidToken, ValueError) as exc:
        raise SecretUnreadable(
            "the stored client secret cannot be decrypted (were the secret keys changed?); enter it again"
        ) from exc
