"""Production: PostgreSQL, secrets and hosts from the environment, HTTPS-only cookies, HSTS, JSON logs.

Required: ``COMPANION_SECRET_KEY``, ``COMPANION_ALLOWED_HOSTS``, ``DATABASE_URL`` (PostgreSQL),
``REDIS_URL`` (the task broker and Django's cache, ADR 0130).
Optional:

- ``COMPANION_HTTPS`` (default true): the site is served over HTTPS by the web server in front
  (nginx, Caddy), which sets ``X-Forwarded-Proto``. Then plain HTTP is redirected (except
  ``/healthz``, for load balancers), cookies are HTTPS-only and HSTS is sent. Turn it off only for
  a trial on a private network without TLS; ``companion check --deploy`` then warns;
- ``COMPANION_SECURE_SSL_REDIRECT`` (default: as ``COMPANION_HTTPS``; off when the proxy redirects);
- ``COMPANION_HSTS_SECONDS`` (default one year), ``COMPANION_HSTS_PRELOAD`` (default true);
- ``COMPANION_SESSION_HOURS`` (default 8: a working day; shared office computers sign out);
- ``COMPANION_STATIC_ROOT`` (collected static files, served by WhiteNoise), ``COMPANION_MEDIA_ROOT``;
- ``COMPANION_LOG_FORMAT`` (json), ``COMPANION_LOG_LEVEL`` (INFO).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, PRIVATE_STORAGE, REDIS_URL, SECRET_KEY, env


def _require(value, name, how):
    if not value:
        raise ImproperlyConfigured(f"Set {name}: {how}")
    return value


def _bool(name: str, default: bool) -> bool:
    raw = env(name, default=None)
    if raw is None or str(raw).strip() == "":
        return default
    value = str(raw).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: write true or false.")


def _int(name: str, default: int) -> int:
    raw = env(name, default=None)
    if raw is None or str(raw).strip() == "":
        return default
    try:
        value = int(str(raw).strip())
    except ValueError:
        value = -1
    if value < 0:
        raise ImproperlyConfigured(f"{name}={raw!r}: write a whole number of 0 or more.")
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
HTTPS = _bool("COMPANION_HTTPS", True)

# Static files: hashed names, compressed, served by WhiteNoise with far-future cache headers.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": PRIVATE_STORAGE},
}

# TLS ends at the web server in front; it tells us the original scheme.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _bool("COMPANION_SECURE_SSL_REDIRECT", HTTPS)
SOCIAL_AUTH_REDIRECT_IS_HTTPS = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = _int("COMPANION_HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and _bool("COMPANION_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = max(_int("COMPANION_SESSION_HOURS", 8), 1) * 3600
CSRF_COOKIE_SECURE = HTTPS
# Forms posted from our own host names (".example.go.id" in ALLOWED_HOSTS means its subdomains).
CSRF_TRUSTED_ORIGINS = [
    f"{'https' if HTTPS else 'http'}://{'*' + host if host.startswith('.') else host}"
    for host in ALLOWED_HOSTS
    if host and host != "*"
]
X_FRAME_OPTIONS = "DENY"

# Background work and the cache (ADR 0130): checked last, after the settings above.
_require(
    REDIS_URL,
    "REDIS_URL",
    "the Redis that carries background tasks and the cache, e.g. redis://127.0.0.1:6379/4 "
    "(Tutor: the plugin sets it).",
)
if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        f"REDIS_URL={REDIS_URL!r} is not a Redis URL; write e.g. redis://127.0.0.1:6379/4."
    )
