"""Logs without personal data: one JSON object per line, with names, NIPs, e-mails and IPs removed.

The companion holds data about civil servants (names, NIP, e-mail) and citizens (survey answers);
log lines end up in places with wider access (journald, docker logs, log shippers), so nothing in a
line may identify a person:

- ``RedactPersonalData`` (a logging filter on every handler) rewrites each record's final text:
  e-mail addresses, NIPs (18 digits, with or without the usual spaces), other long identity numbers
  (16+ digits, e.g. NIK), IPv4/IPv6 addresses, usernames in LMS addresses, and the username and
  e-mail of the person making the current request (``PersonalDataLogContextMiddleware`` remembers
  who that is), become placeholders;
  extra fields named like personal data (``username``, ``email``, ``ip``, ...) are dropped;
- ``JsonFormatter`` writes ``time`` (UTC), ``level``, ``logger``, ``message`` and safe extras; gunicorn
  access lines become ``{"event": "request", "method", "path", "status", "bytes", "duration_ms"}``
  (no client address, query string, referrer or user agent);
- ``DropHealthChecks`` keeps successful ``/healthz`` polls out of the access log.

Code that logs should still log counts and pseudonymous ids, never names: redaction is the safety net.
This module imports only the standard library (gunicorn loads it before Django starts).
"""

from __future__ import annotations

import contextvars
import ipaddress
import json
import logging
import re
from collections.abc import Mapping
from datetime import UTC, datetime

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# NIP: 18 digits, often written 8-6-1-3 with spaces, dots or hyphens.
NIP = re.compile(r"(?<![\d])\d{8}[ .-]?\d{6}[ .-]?\d[ .-]?\d{3}(?![\d])")
LONG_NUMBER = re.compile(r"(?<![\d])\d{16,}(?![\d])")
# LMS addresses that carry a username (edx-platform's certificates API v0), e.g. in urllib3's lines.
USERNAME_PATH = re.compile(r"(/api/certificates/v0/certificates/)[^/?#\s\"']+")
IPV4_CANDIDATE = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])")
IPV6_CANDIDATE = re.compile(r"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")

# Extra fields never written, whatever their value.
PERSONAL_FIELDS = frozenset(
    {
        "username",
        "user",
        "email",
        "nip",
        "nik",
        "name",
        "full_name",
        "ip",
        "ip_address",
        "remote_addr",
        "client_ip",
        "request",
        "user_agent",
        "phone",
        "password",
    }
)
_STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}

# The request being served (set by PersonalDataLogContextMiddleware), to redact its user's names.
current_request: contextvars.ContextVar = contextvars.ContextVar("bina_log_request", default=None)


def _is_ip(candidate: str, version: int) -> bool:
    try:
        address = ipaddress.ip_address(candidate)
    except ValueError:
        return False
    return address.version == version


def _request_identities() -> list[str]:
    """Username, e-mail and a typed sign-in name of the current request, when already known."""
    request = current_request.get()
    if request is None:
        return []
    values = []
    user = getattr(request, "_cached_user", None)  # only if the request already loaded it
    if user is not None and getattr(user, "is_authenticated", False):
        values += [user.get_username(), getattr(user, "email", "")]
    post = getattr(request, "_post", None)  # only if the body was already parsed
    if post is not None:
        values.append(post.get("username", ""))
    return sorted({value for value in values if value and len(value) >= 3}, key=len, reverse=True)


def redact(text: str) -> str:
    """``text`` without e-mails, NIPs, long identity numbers, IP addresses or the current user's names."""
    if not text:
        return text
    for identity in _request_identities():
        text = text.replace(identity, "[user]")
    text = USERNAME_PATH.sub(r"\1[user]", text)
    text = EMAIL.sub("[email]", text)
    text = NIP.sub("[nip]", text)
    text = LONG_NUMBER.sub("[number]", text)
    text = IPV4_CANDIDATE.sub(lambda m: "[ip]" if _is_ip(m.group(), 4) else m.group(), text)
    text = IPV6_CANDIDATE.sub(
        lambda m: "[ip]" if m.group().count(":") >= 2 and _is_ip(m.group(), 6) else m.group(), text
    )
    return text


def _clean_value(value):
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, bool | int | float) or value is None:
        return value
    return redact(str(value))


def _access_fields(args: Mapping) -> dict:
    """The safe parts of a gunicorn access record (its ``args`` are gunicorn's log atoms)."""
    duration = args.get("M")
    return {
        "event": "request",
        "method": args.get("m") or "-",
        "path": redact(str(args.get("U") or "")),
        "status": int(args["s"]) if str(args.get("s", "")).isdigit() else args.get("s"),
        "bytes": args.get("B") if isinstance(args.get("B"), int) else None,
        "duration_ms": duration if isinstance(duration, int) else None,
    }


class RedactPersonalData(logging.Filter):
    """Rewrite every record so that its text and extras carry no personal data (see the module docstring)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            fields = _access_fields(record.args)
            record.access = fields
            record.msg, record.args = f"{fields['method']} {fields['path']} {fields['status']}", None
        else:
            try:
                message = record.getMessage()
            except Exception:  # a broken format string must not break logging
                message = f"{record.msg} {record.args!r}"
            record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        for key in list(vars(record)):
            if key in _STANDARD_ATTRIBUTES or key == "access":
                continue
            if key.lower() in PERSONAL_FIELDS:
                delattr(record, key)
            else:
                setattr(record, key, _clean_value(getattr(record, key)))
        return True


class DropHealthChecks(logging.Filter):
    """Keep successful load-balancer polls of ``/healthz`` out of the access log."""

    def filter(self, record: logging.LogRecord) -> bool:
        access = getattr(record, "access", None)
        if access is None and record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            access = _access_fields(record.args)
        return not (access and access["path"] == "/healthz" and access["status"] == 200)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, exception and safe extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        access = getattr(record, "access", None)
        if access:
            entry.update(access)
        for key, value in vars(record).items():
            if key in _STANDARD_ATTRIBUTES or key in entry or key == "access":
                continue
            if key.lower() in PERSONAL_FIELDS:
                continue
            entry[key] = _clean_value(value)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def _check_level(level: str) -> str:
    if level not in LEVELS:
        raise ValueError(f"COMPANION_LOG_LEVEL={level!r}: write DEBUG, INFO, WARNING or ERROR.")
    return level


def _formatter(fmt: str) -> dict:
    if fmt not in ("json", "text"):
        raise ValueError(f"COMPANION_LOG_FORMAT={fmt!r}: write json or text.")
    if fmt == "json":
        return {"()": "companion_service.core.logs.JsonFormatter"}
    return {"format": TEXT_FORMAT}


def logging_config(level: str = "INFO", fmt: str = "json") -> dict:
    """Django's ``LOGGING``: everything to stderr through the redaction filter."""
    _check_level(level)
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": "companion_service.core.logs.RedactPersonalData"}},
        "formatters": {"default": _formatter(fmt)},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["redact"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        # Django's own loggers propagate to the root handler above instead of printing twice.
        "loggers": {"django": {"handlers": [], "level": level, "propagate": True}},
    }


def gunicorn_logconfig(level: str = "INFO", fmt: str = "json") -> dict:
    """gunicorn's ``logconfig_dict``: its error log on stderr and its access log on stdout, redacted."""
    _check_level(level)
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "redact": {"()": "companion_service.core.logs.RedactPersonalData"},
            "no_health_checks": {"()": "companion_service.core.logs.DropHealthChecks"},
        },
        "formatters": {"default": _formatter(fmt)},
        "handlers": {
            "error_console": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["redact"],
                "stream": "ext://sys.stderr",
            },
            "access_console": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["no_health_checks", "redact"],
                "stream": "ext://sys.stdout",
            },
        },
        "root": {"handlers": ["error_console"], "level": level},
        "loggers": {
            "gunicorn.error": {"handlers": ["error_console"], "level": level, "propagate": False},
            "gunicorn.access": {"handlers": ["access_console"], "level": "INFO", "propagate": False},
        },
    }
