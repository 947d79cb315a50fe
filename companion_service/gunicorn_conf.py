"""gunicorn settings for the companion.

    gunicorn --config python:companion_service.gunicorn_conf companion_service.wsgi

Every value comes from the environment (the same file systemd or Tutor gives Django):

- ``COMPANION_BIND``: address to listen on (default ``127.0.0.1:8001``; keep it private, the web
  server in front terminates TLS);
- ``COMPANION_WORKERS`` (default 2 x CPUs + 1, at most 8), ``COMPANION_THREADS`` (default 1);
- ``COMPANION_TIMEOUT``: seconds a request may take (default 120: PDF and XLSX exports);
- ``COMPANION_FORWARDED_ALLOW_IPS``: proxies whose ``X-Forwarded-*`` headers are trusted
  (default ``127.0.0.1,::1``; ``*`` in a container network only the proxy reaches).

Access and error logs are JSON lines on stdout/stderr without IP addresses, query strings, user
agents or personal data (``companion_service.core.logs``).
"""

import multiprocessing
import os

from companion_service.core.logs import gunicorn_logconfig


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError as exc:
        raise SystemExit(f"companion: {name}={value!r} is not a whole number.") from exc
    if number < 1:
        raise SystemExit(f"companion: {name} must be at least 1, not {number}.")
    return number


bind = os.environ.get("COMPANION_BIND", "127.0.0.1:8001").split(",")
workers = _int("COMPANION_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8))
threads = _int("COMPANION_THREADS", 1)
timeout = _int("COMPANION_TIMEOUT", 120)
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak never takes the service down.
max_requests = 1000
max_requests_jitter = 100
forwarded_allow_ips = os.environ.get("COMPANION_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "bina-companion"
# Let the proxy hold slow clients; a request line or headers beyond these are refused.
limit_request_line = 8190
limit_request_fields = 100

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("COMPANION_LOG_LEVEL", "INFO").strip().lower()
try:
    logconfig_dict = gunicorn_logconfig(
        level=os.environ.get("COMPANION_LOG_LEVEL", "INFO").strip().upper(),
        fmt=os.environ.get("COMPANION_LOG_FORMAT", "json").strip().lower(),
    )
except ValueError as exc:
    raise SystemExit(f"companion: {exc}") from exc
