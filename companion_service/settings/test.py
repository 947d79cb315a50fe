"""Tests: the dev settings with a fast password hasher."""

from .dev import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tasks run in the calling process (the worker tests start a real worker against Redis instead);
# each test process has its own default cache (the limits keep their database cache, ADR 0100).
CELERY_TASK_ALWAYS_EAGER = True
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
COMPANION_LIMITS_CACHE = env("COMPANION_LIMITS_CACHE", default="limits")  # noqa: F405  (shared, not local)
