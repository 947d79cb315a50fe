"""Production: PostgreSQL, secrets and hosts from the environment, HTTPS-only cookies, HSTS.

Required: ``COMPANION_SECRET_KEY``, ``COMPANION_ALLOWED_HOSTS``, ``DATABASE_URL`` (PostgreSQL).
Optional: ``COMPANION_SECURE_SSL_REDIRECT`` (default on; turn off only when the proxy redirects),
``COMPANION_HSTS_SECONDS`` (default one year).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, SECRET_KEY, env


def _require(value, name, how):
    if not value:
        raise ImproperlyConfigured(f"Set {name}: {how}")
    return value


_require(
    SECRET_KEY,
    "COMPANION_SECRET_KEY",
    "a long random string, e.g. the output of python -c 'import secrets; print(secrets.token_urlsafe(50))'.",
)
ALLOWED_HOSTS = _require(
    env.list("COMPANION_ALLOWED_HOSTS", default=[]),
    "COMPANION_ALLOWED_HOSTS",
    "the host names the companion answers to, comma-separated (e.g. companion.sibolgakota.go.id).",
)
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "Set DATABASE_URL to a PostgreSQL database in production, e.g. postgres://companion:PASSWORD@db:5432/companion."
    )

DEBUG = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("COMPANION_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("COMPANION_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("COMPANION_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith(".")]
X_FRAME_OPTIONS = "DENY"
