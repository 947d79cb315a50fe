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


# Every missing setting in one message (Bahasa Indonesia first, then English), with the dev
# settings a trial on one computer can use instead (issue 17; ADR 0124).
DEV_SETTINGS = "companion_service.settings.dev"
_NEW_KEY = "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
_PG = "postgres://companion:PASSWORD@db:5432/companion"
_REDIS = "redis://127.0.0.1:6379/4"
_TRIAL = f"DJANGO_SETTINGS_MODULE={DEV_SETTINGS} companion ..."
REQUIRED = {
    "COMPANION_SECRET_KEY": (
        f"string acak yang panjang, mis. keluaran {_NEW_KEY}",
        f"a long random string, e.g. the output of {_NEW_KEY}",
    ),
    "COMPANION_ALLOWED_HOSTS": (
        "nama host companion, dipisah koma (mis. companion.sibolgakota.go.id)",
        "the host names the companion answers to, comma-separated (e.g. companion.sibolgakota.go.id)",
    ),
    "DATABASE_URL": (
        f"basis data PostgreSQL, mis. {_PG}",
        f"a PostgreSQL database, e.g. {_PG}",
    ),
    "REDIS_URL": (
        f"Redis untuk tugas latar belakang dan cache, mis. {_REDIS} (Tutor: diisi oleh plugin)",
        f"the Redis that carries background tasks and the cache, e.g. {_REDIS} (Tutor: the plugin sets it)",
    ),
}


def missing_settings_message(missing: list[str]) -> str:
    """The one message for every setting in ``missing``: Indonesian, then English."""
    lines = [f"Pengaturan produksi belum lengkap; isi variabel lingkungan berikut ({len(missing)}):"]
    lines += [f"  - {name}: {REQUIRED[name][0]}" for name in missing]
    lines.append(f"Untuk mencoba di satu komputer tanpa semua ini: {_TRIAL}")
    lines.append(f"Settings missing for production; set these environment variables ({len(missing)}):")
    lines += [f"  - Set {name}: {REQUIRED[name][1]}" for name in missing]
    lines.append(f"To try it on one computer without them: {_TRIAL}")
    return "\n".join(lines)


ALLOWED_HOSTS = env.list("COMPANION_ALLOWED_HOSTS", default=[])
_missing = [
    name
    for name, given in (
        ("COMPANION_SECRET_KEY", SECRET_KEY),
        ("COMPANION_ALLOWED_HOSTS", ALLOWED_HOSTS),
        ("DATABASE_URL", env("DATABASE_URL", default="")),
        ("REDIS_URL", REDIS_URL),  # background work and the cache (ADR 0130)
    )
    if not given
]
if _missing:
    raise ImproperlyConfigured(missing_settings_message(_missing))
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        f"DATABASE_URL harus basis data PostgreSQL di produksi, mis. {_PG}. "
        f"Set DATABASE_URL to a PostgreSQL database in production, e.g. {_PG}."
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

# Background work and the cache (ADR 0130): REDIS_URL is required above; here its form.
if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        f"REDIS_URL={REDIS_URL!r} bukan URL Redis; tulis mis. {_REDIS}. "
        f"REDIS_URL={REDIS_URL!r} is not a Redis URL; write e.g. {_REDIS}."
    )
