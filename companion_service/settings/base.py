"""Settings shared by every environment; everything an operator changes comes from the environment.

- ``DATABASE_URL``: PostgreSQL in production; SQLite under ``BINA_VAR_DIR`` (default ``./var``) otherwise.
- ``COMPANION_SECRET_KEY``, ``COMPANION_ALLOWED_HOSTS``: required in production.
"""

import contextlib
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from companion_service.core.logs import logging_config

env = environ.Env()

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env("BINA_VAR_DIR", default=str(Path.cwd() / "var"))).resolve()

DEBUG = False
SECRET_KEY = env("COMPANION_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("COMPANION_ALLOWED_HOSTS", default=[])


def database_from_url(url: str) -> dict:
    """Django's database settings for a URL; a bad URL stops with a sentence saying what to write."""
    try:
        config = environ.Env.db_url_config(url)
    except Exception as exc:  # django-environ raises several types for a malformed URL
        raise ImproperlyConfigured(
            f"DATABASE_URL={url!r} is not a database URL ({exc}); write e.g. "
            "postgres://user:password@127.0.0.1:5432/companion or sqlite:////absolute/path/companion.db."
        ) from exc
    engine = config.get("ENGINE", "")
    if engine not in ("django.db.backends.postgresql", "django.db.backends.sqlite3"):
        raise ImproperlyConfigured(
            f"DATABASE_URL={url!r} names a database the companion does not support; use postgres:// or sqlite://."
        )
    if engine == "django.db.backends.sqlite3":
        # Concurrent writers (survey submissions, imports) queue instead of "database is locked".
        config["OPTIONS"] = {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    else:
        config["CONN_MAX_AGE"] = env.int("COMPANION_DB_CONN_MAX_AGE", default=60)
        config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {
    "default": database_from_url(env("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'companion.db'}")
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "social_django",
    "companion_service.core",
    "companion_service.accounts",
    "companion_service.signin",
    "companion_service.learning",
    "companion_service.organization",
    "companion_service.roster",
    "companion_service.openedx_sync",
    "companion_service.skm",
    "companion_service.evaluation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "companion_service.core.middleware.PersonalDataLogContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A refused or failed sign-in through the LMS comes back to the login page with a message.
    "social_django.middleware.SocialAuthExceptionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "companion_service.urls"
WSGI_APPLICATION = "companion_service.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "companion_service.core.context_processors.navigation",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Bahasa Indonesia first, English second; shown in WIB, stored in UTC.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# 28 November 2026, 14.30 WIB and 1.234,5 (companion_service/formats/); use |unlocalize for years and ids.
FORMAT_MODULE_PATH = ["companion_service.formats"]
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("COMPANION_STATIC_ROOT", default=str(VAR_DIR / "static")))
MEDIA_ROOT = Path(env("COMPANION_MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
# Uploaded certificates (ASN learning outside the LMS): outside MEDIA_ROOT, never served by URL.
PRIVATE_MEDIA_ROOT = Path(env("COMPANION_PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
# Imports (roster, units, SKM, grade reports, outside learning): a file is refused, before anything
# is written, when it holds more data rows than this or when an XLSX would unpack to more than this
# many MB (an XLSX is a zip: 0.15 MB can hold 500,000 rows). ADR 0109.
COMPANION_IMPORT_MAX_ROWS = env.int("COMPANION_IMPORT_MAX_ROWS", default=100_000)
COMPANION_IMPORT_MAX_UNPACKED_MB = env.int("COMPANION_IMPORT_MAX_UNPACKED_MB", default=200)
PRIVATE_STORAGE = {
    "location": str(PRIVATE_MEDIA_ROOT),
    "base_url": None,
    "directory_permissions_mode": 0o700,
    "file_permissions_mode": 0o600,
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Certificates of outside learning: no public address; the learning app's view serves them.
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": PRIVATE_STORAGE},
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in through Open edX, as ecommerce, discovery and credentials do it (ADR 0141): the LMS's
# authorization-code application (client id and secret), how the companion reaches the LMS and how
# browsers reach it. Unset: only local accounts (the recovery administrator) sign in.
AUTHENTICATION_BACKENDS = [
    "companion_service.signin.backends.EdXOAuth2",
    "django.contrib.auth.backends.ModelBackend",
]
SOCIAL_AUTH_STRATEGY = "auth_backends.strategies.EdxDjangoStrategy"
SOCIAL_AUTH_EDX_OAUTH2_KEY = env("COMPANION_LMS_SSO_CLIENT_ID", default="")
SOCIAL_AUTH_EDX_OAUTH2_SECRET = env("COMPANION_LMS_SSO_CLIENT_SECRET", default="")
SOCIAL_AUTH_EDX_OAUTH2_URL_ROOT = env("COMPANION_LMS_URL", default="").rstrip("/")
SOCIAL_AUTH_EDX_OAUTH2_PUBLIC_URL_ROOT = env("COMPANION_LMS_PUBLIC_URL", default="").rstrip("/")
SOCIAL_AUTH_PIPELINE = (
    "social_core.pipeline.social_auth.social_details",
    "social_core.pipeline.social_auth.social_uid",
    "social_core.pipeline.social_auth.auth_allowed",
    "social_core.pipeline.social_auth.social_user",
    "auth_backends.pipeline.get_user_if_exists",
    "companion_service.signin.pipeline.keep_local_accounts_local",
    "social_core.pipeline.user.create_user",
    "social_core.pipeline.social_auth.associate_user",
    "social_core.pipeline.social_auth.load_extra_data",
    "social_core.pipeline.user.user_details",
    "auth_backends.pipeline.update_email",
    "companion_service.signin.pipeline.link_roster",
)
# The LMS's administrator/superuser claims never grant rights here; roles come from the administrator.
SOCIAL_AUTH_PROTECTED_USER_FIELDS = ["is_staff", "is_superuser"]
SOCIAL_AUTH_USER_FIELDS = ["username", "email", "first_name", "last_name"]
SOCIAL_AUTH_RAISE_EXCEPTIONS = False
SOCIAL_AUTH_LOGIN_ERROR_URL = "/login/"
SOCIAL_AUTH_REDIRECT_IS_HTTPS = False  # production: COMPANION_HTTPS
SOCIAL_AUTH_URLOPEN_TIMEOUT = env.float("COMPANION_LMS_SSO_TIMEOUT", default=10.0)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Bina ASN companion API",
    "DESCRIPTION": "Aggregates for evaluators: training coverage, JP, skills, IKM and impact.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema describes every route and field: only signed-in readers get it (issue 15).
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
}


def companion_logging(default_format: str) -> dict:
    """``LOGGING`` from ``COMPANION_LOG_FORMAT`` (json or text) and ``COMPANION_LOG_LEVEL``."""
    fmt = env("COMPANION_LOG_FORMAT", default=default_format).strip().lower()
    level = env("COMPANION_LOG_LEVEL", default="INFO").strip().upper()
    try:
        return logging_config(level=level, fmt=fmt)
    except ValueError as exc:
        raise ImproperlyConfigured(str(exc)) from exc


# JSON lines without personal data (companion_service/core/logs.py); text for people reading a terminal.
LOGGING = companion_logging(default_format="json")

# Open edX sync (companion_service.openedx_sync): timeouts of every call to the LMS, retries, and the
# keys that encrypt stored client secrets (comma-separated Fernet keys; default: derived from SECRET_KEY).
COMPANION_SYNC_CONNECT_TIMEOUT = env.float("COMPANION_SYNC_CONNECT_TIMEOUT", default=5.0)
COMPANION_SYNC_READ_TIMEOUT = env.float("COMPANION_SYNC_READ_TIMEOUT", default=60.0)
COMPANION_SYNC_MAX_ATTEMPTS = env.int("COMPANION_SYNC_MAX_ATTEMPTS", default=5)
# An incremental sync re-reads the plugin listings this far behind the newest change it has seen, so
# a row that a slow LMS transaction commits late is not lost (ADR 0103); longer than the LMS's
# longest transaction.
COMPANION_SYNC_OVERLAP_MINUTES = env.int("COMPANION_SYNC_OVERLAP_MINUTES", default=10)
COMPANION_SECRETS_KEYS = env.list("COMPANION_SECRETS_KEYS", default=[])

# Evaluation (companion_service.evaluation): refresh the dashboard's aggregates after each sync,
# grade report, SKM import and roster import (off: only ``companion evaluate --refresh`` does).
COMPANION_EVALUATION_AUTO_REFRESH = env.bool("COMPANION_EVALUATION_AUTO_REFRESH", default=True)

# Background work (Celery, ADR 0130): syncs, refreshes and imports run in a worker, never in a request.
# ``REDIS_URL`` (e.g. redis://127.0.0.1:6379/4) makes Redis the broker and Django's cache; production
# requires it. Without it (``make demo``, a trial), the broker is kombu's filesystem transport in
# ``BINA_VAR_DIR/broker`` and the cache is a folder in ``BINA_VAR_DIR/cache``: both need no server and
# are shared by the web process and a worker on the same machine.
REDIS_URL = env("REDIS_URL", default="").strip()
BROKER_DIR = VAR_DIR / "broker"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # A task whose worker died unacknowledged goes back to the queue after this long; a run's
        # database record is what keeps a second copy from running twice (ADR 0130).
        "visibility_timeout": env.int("COMPANION_BROKER_VISIBILITY_TIMEOUT", default=3600),
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "companion",
        }
    }
else:
    CELERY_BROKER_URL = "filesystem://localhost//"  # the host is only a name here: nothing listens
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
    for _folder in ("queue", "control"):
        # A read-only var folder (a production image without REDIS_URL) simply has no local broker.
        with contextlib.suppress(OSError):
            (BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
CELERY_TASK_ACKS_LATE = True  # a task is acknowledged when it ends: a killed worker's task is redelivered
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # long tasks: a worker takes one at a time
CELERY_TASK_IGNORE_RESULT = True  # outcomes live in the database (sync runs, refresh runs, imports)
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # our LOGGING (JSON lines) stays in charge
CELERY_WORKER_SEND_TASK_EVENTS = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Asia/Jakarta"
# Unit tests run tasks in the calling process (``companion_service.settings.test``); the worker tests
# and ``make demo`` use a real worker.
CELERY_TASK_ALWAYS_EAGER = env.bool("COMPANION_TASKS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
# Beat (the scheduler): every active LMS is synced every COMPANION_SYNC_INTERVAL_MINUTES (0: never by
# beat); stalled runs and pending refreshes are picked up every minute; the full refresh runs nightly.
COMPANION_SYNC_INTERVAL_MINUTES = env.int("COMPANION_SYNC_INTERVAL_MINUTES", default=60)
# Beat's run is a full one (everything read again) when no full run of that LMS ended ok or partial in
# this many days: a safety net under the incremental reads (ADR 0103; 0: never).
COMPANION_SYNC_FULL_EVERY_DAYS = env.int("COMPANION_SYNC_FULL_EVERY_DAYS", default=7)
COMPANION_FULL_REFRESH_HOUR = env.int("COMPANION_FULL_REFRESH_HOUR", default=2)
# Public-form answers enter the figures this many seconds after the first of them (debounced).
COMPANION_FORM_REFRESH_DELAY = env.int("COMPANION_FORM_REFRESH_DELAY", default=20)
# A sync splits into one task per course, run by as many workers as there are (ADR 0133).
COMPANION_SYNC_SPLIT = env.bool("COMPANION_SYNC_SPLIT", default=True)
CELERY_BEAT_SCHEDULE = {
    "sync-every-lms": {
        "task": "openedx_sync.sync_all",
        "schedule": max(COMPANION_SYNC_INTERVAL_MINUTES, 1) * 60.0,
        "kwargs": {"full_every_days": COMPANION_SYNC_FULL_EVERY_DAYS},
        "options": {"expires": 600},
    },
    "pick-up-stalled-runs": {"task": "openedx_sync.recover", "schedule": 60.0, "options": {"expires": 50}},
    "pick-up-stalled-jobs": {"task": "core.recover_jobs", "schedule": 60.0, "options": {"expires": 50}},
    # Import files whose preview expired (they hold NIPs): deleted within the hour (ADR 0109).
    "purge-expired-imports": {
        "task": "core.purge_expired_imports",
        "schedule": 3600.0,
        "options": {"expires": 600},
    },
    "refresh-pending-changes": {
        "task": "evaluation.refresh_pending",
        "schedule": 60.0,
        "options": {"expires": 50},
    },
    "nightly-full-refresh": {
        "task": "evaluation.refresh",
        "schedule": crontab(hour=COMPANION_FULL_REFRESH_HOUR, minute=15),
        "kwargs": {"full": True, "trigger": "nightly"},
    },
}
if COMPANION_SYNC_INTERVAL_MINUTES <= 0:
    del CELERY_BEAT_SCHEDULE["sync-every-lms"]
# --- Abuse limits (issue 15) ---------------------------------------------------------------------
# Reverse proxies in front of gunicorn that append to X-Forwarded-For (Tutor's Caddy: 1), read by
# companion_service.core.clients for the public form's limits and the sign-in throttle (ADR 0101).
COMPANION_TRUSTED_PROXIES = env.int(
    "COMPANION_TRUSTED_PROXIES", default=env.int("COMPANION_SKM_TRUSTED_PROXIES", default=0)
)
# The public form's limits count in a cache that every gunicorn worker shares (ADR 0100): Redis
# ("default") when REDIS_URL is set, else the database cache below (created by ``companion migrate``;
# the file cache's ``add`` is not atomic between processes). COMPANION_LIMITS_CACHE names another
# alias of CACHES to count there.
COMPANION_LIMITS_CACHE = env("COMPANION_LIMITS_CACHE", default="default" if REDIS_URL else "limits")
CACHES["limits"] = {
    # Django's database cache, whose cull deletes expired entries only: a counter is never evicted
    # before its window ends, however many entries a flood creates (ADR 0100).
    "BACKEND": "companion_service.core.cache.LimitsCache",
    "LOCATION": "companion_limits_cache",
    # Expired entries are swept once the table holds more than this (each write counts rows).
    "OPTIONS": {"MAX_ENTRIES": 20_000},
}
# Password sign-in (the local administrator's form and the admin site) with django-axes (ADR 0102):
# after COMPANION_LOGIN_FAILURE_LIMIT wrong passwords for one username from one address, that pair
# waits COMPANION_LOGIN_COOLOFF_MINUTES; failures live in the database, shared by every worker.
INSTALLED_APPS += ["axes"]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AXES_FAILURE_LIMIT = env.int("COMPANION_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("COMPANION_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "companion_service.core.clients.client_address"
AXES_LOCKOUT_CALLABLE = "companion_service.signin.views.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # no table of successful sign-ins with addresses and browsers
AXES_VERBOSE = False  # our own line, without names (companion_service.signin.views.locked_out)
