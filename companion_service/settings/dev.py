"""Development: ``make demo`` and the tests. Debug on, local hosts, a fixed non-secret key."""

from .base import *  # noqa: F403
from .base import STATIC_ROOT, VAR_DIR, companion_logging, env

DEBUG = env.bool("COMPANION_DEBUG", default=True)
SECRET_KEY = env("COMPANION_SECRET_KEY", default="companion-dev-only-not-a-secret-7d2f0c1b9e")
ALLOWED_HOSTS = env.list("COMPANION_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
VAR_DIR.mkdir(parents=True, exist_ok=True)
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing folder
LOGGING = companion_logging(default_format="text")
# In development the dev LMS and the companion share the host 127.0.0.1 (ports differ, cookies do
# not): own cookie names keep signing in at the LMS from replacing the companion's session.
SESSION_COOKIE_NAME = "companion_sessionid"
CSRF_COOKIE_NAME = "companion_csrftoken"
