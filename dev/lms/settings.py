"""Settings of the dev LMS: the XBlock SDK workbench, our runtime and the plugin app.

Everything comes from the environment with development defaults:

- ``BINA_VAR_DIR``: the folder for the SQLite file, logs and uploads (default ``./var``);
- ``BINA_LMS_DATABASE_URL``: a database URL (default SQLite in the var folder);
- ``BINA_LMS_SECRET_KEY`` and ``BINA_LMS_JWT_SECRET``: dev defaults, never used in production;
- ``BINA_LMS_BASE_URL``: how the LMS calls itself in JWT ``iss`` (default http://127.0.0.1:8000).
"""

from datetime import datetime
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from edx_django_utils.plugins import add_plugins, get_plugin_apps

# The dev LMS is the LMS and its Studio in one process; it loads plugins as the LMS does.
PROJECT_TYPE = "lms.djangoapp"
env = environ.Env()

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env("BINA_VAR_DIR", default=str(Path.cwd() / "var"))).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("BINA_LMS_DEBUG", default=True)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SECRET_KEY = env("BINA_LMS_SECRET_KEY", default="dev-lms-only-not-a-secret-0f3c9a7e5b1d")


def _database(url):
    """Parse a database URL; a bad one stops with a sentence saying what to write instead."""
    try:
        config = environ.Env.db_url_config(url)
    except Exception as exc:  # environ raises several types for bad URLs
        raise ImproperlyConfigured(
            f"BINA_LMS_DATABASE_URL={url!r} is not a database URL ({exc}); "
            "write e.g. sqlite:////abs/path/lms.db or postgres://user:password@127.0.0.1:5432/lms."
        ) from exc
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(f"BINA_LMS_DATABASE_URL={url!r} names no database engine Django knows.")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Writers queue instead of failing with "database is locked" under concurrent handlers.
        config["OPTIONS"] = {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    config["CONN_MAX_AGE"] = 0
    return config


DATABASES = {
    "default": _database(env("BINA_LMS_DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'workbench.db'}"),
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "oauth2_provider",
    "djpyfs",
    "workbench",
    "dev.lms",
    # The plugin app joins as the platform adds it: from its lms.djangoapp entry point.
    *get_plugin_apps(PROJECT_TYPE),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "dev.lms.urls"
WSGI_APPLICATION = "dev.lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.debug",
                "django.template.context_processors.i18n",
                "django.template.context_processors.request",
                "django.template.context_processors.static",
                "django.template.context_processors.tz",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Bahasa Indonesia first, English second; times shown in WIB, stored in UTC.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"  # the workbench's own tables; our apps set BigAutoField

LOGIN_URL = "devlms:login"
LOGIN_REDIRECT_URL = "devlms:index"
LOGOUT_REDIRECT_URL = "devlms:login"

# The workbench's file-system service and its options.
DJFS = {"type": "osfs", "directory_root": str(VAR_DIR / "djpyfs"), "url_root": "/static/djpyfs"}
EXCLUDED_XBLOCKS = set()
WORKBENCH = {
    "reset_state_on_restart": False,
    "services": {
        "fs": "xblock.reference.plugins.FSService",
        "settings": "workbench.services.SettingsService",
    },
}
XBLOCK_SETTINGS = {}

# The course every workbench scenario belongs to (the workbench has no courses of its own).
BINA_DEVLMS_COURSE_ID = env("BINA_DEVLMS_COURSE_ID", default="course-v1:KotaSibolga+ASN-DIGITAL+2026")
# How the dev course appears in the courses API the companion syncs (dev/lms/openedx_api.py).
BINA_DEVLMS_COURSE_NAME = env("BINA_DEVLMS_COURSE_NAME", default="Transformasi Digital ASN Kota Sibolga")
BINA_DEVLMS_COURSE_DESCRIPTION = env(
    "BINA_DEVLMS_COURSE_DESCRIPTION",
    default="Literasi digital, SPBE dan inovasi layanan publik untuk ASN Kota Sibolga (kursus demo).",
)
BINA_DEVLMS_COURSE_EFFORT = env("BINA_DEVLMS_COURSE_EFFORT", default="15:00")
BINA_DEVLMS_COURSE_START = datetime.fromisoformat(
    env("BINA_DEVLMS_COURSE_START", default="2026-01-05T00:00:00+00:00")
)
BINA_DEVLMS_PASS_CUTOFF = env.float("BINA_DEVLMS_PASS_CUTOFF", default=0.5)
# Where the runtime appends tracking events, one JSON object per line (the LMS tracking.log shape).
BINA_DEVLMS_TRACKING_LOG = VAR_DIR / "tracking.log"

# OAuth2 (django-oauth-toolkit, as in the LMS) and JWTs (edx-drf-extensions, as in the LMS).
LMS_ROOT_URL = env("BINA_LMS_BASE_URL", default="http://127.0.0.1:8000")
JWT_ISSUER = f"{LMS_ROOT_URL}/oauth2"
JWT_AUDIENCE = "lms-key"
JWT_SECRET = env("BINA_LMS_JWT_SECRET", default="dev-lms-jwt-secret-not-for-production")
JWT_EXPIRES_IN = env.int("BINA_LMS_JWT_EXPIRES_IN", default=3600)
# As lms/envs/common.py configures django-oauth-toolkit (ADR 0140): the default scopes, the extra
# scopes an application gets through ApplicationAccess, and "ask a learner once" approval.
OAUTH2_PROVIDER = {
    "ACCESS_TOKEN_EXPIRE_SECONDS": JWT_EXPIRES_IN,
    "SCOPES": {
        "read": "Read access",
        "write": "Write access",
        "email": "Know your email address",
        "profile": "Know your name and username",
        "certificates:read": "Retrieve your course certificates",
        "grades:read": "Retrieve your grades for your enrolled courses",
        "user_id": "Know your user identifier",
    },
    "DEFAULT_SCOPES": ["read", "write", "email", "profile"],
    "SCOPES_BACKEND_CLASS": "dev.lms.oauth.ApplicationModelScopes",
    "OAUTH2_VALIDATOR_CLASS": "dev.lms.oauth.EdxOAuth2Validator",
    "REQUEST_APPROVAL_PROMPT": "auto_even_if_expired",
    "ERROR_RESPONSE_WITH_SCOPES": True,
    "PKCE_REQUIRED": False,
}
# As in lms/envs/common.py: the migrations of a model pointing at the application need this name.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
JWT_AUTH = {
    "JWT_AUTH_HEADER_PREFIX": "JWT",
    "JWT_ISSUER": JWT_ISSUER,
    "JWT_AUDIENCE": JWT_AUDIENCE,
    "JWT_SECRET_KEY": JWT_SECRET,
    "JWT_ALGORITHM": "HS256",
    "JWT_VERIFY_EXPIRATION": True,
    "JWT_ISSUERS": [{"ISSUER": JWT_ISSUER, "AUDIENCE": JWT_AUDIENCE, "SECRET_KEY": JWT_SECRET}],
    "JWT_PUBLIC_SIGNING_JWK_SET": None,
    "JWT_SUPPORTED_VERSION": "1.2.0",
    "JWT_DECODE_HANDLER": "edx_rest_framework_extensions.auth.jwt.decoder.jwt_decode_handler",
}
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "file": {
            "class": "logging.handlers.RotatingFileHandler",
            "filename": str(VAR_DIR / "lms.log"),
            "maxBytes": 5_000_000,
            "backupCount": 2,
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["file"], "level": "INFO"},
}

# The plugin app's settings, applied by edx-django-utils' plugin framework as the LMS applies them
# (lms/envs/common.py: add_plugins(__name__, ProjectType.LMS, SettingsType.COMMON)).
add_plugins(__name__, PROJECT_TYPE, "common")
# Where the "JP saya" course tab points (make demo sets it to the companion it runs).
BINA_ASN_COMPANION_URL = env("BINA_COMPANION_URL", default=BINA_ASN_COMPANION_URL)  # noqa: F821
