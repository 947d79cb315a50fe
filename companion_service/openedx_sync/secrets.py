"""Client secrets stored encrypted (Fernet: AES-128-CBC with HMAC-SHA256, from ``cryptography``).

Keys: ``COMPANION_SECRETS_KEYS`` (comma-separated Fernet keys; the first encrypts, all decrypt, so a
key can be rotated) or, when unset, a key derived from ``SECRET_KEY`` with HKDF. Rotating
``SECRET_KEY`` without setting ``COMPANION_SECRETS_KEYS`` makes stored secrets unreadable: the
connection then says so and the administrator enters the secret again.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


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
