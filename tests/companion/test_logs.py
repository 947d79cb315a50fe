"""Log lines carry no personal data: no names, NIPs, e-mails or IP addresses."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.test import RequestFactory
from django.utils.functional import SimpleLazyObject

from companion_service.core.logs import (
    DropHealthChecks,
    JsonFormatter,
    RedactPersonalData,
    gunicorn_logconfig,
    logging_config,
    redact,
)
from companion_service.core.middleware import PersonalDataLogContextMiddleware


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sent to siti.aminah@sibolgakota.go.id today", "sent to [email] today"),
        ("NIP 198501012010011001 imported", "NIP [nip] imported"),
        ("NIP 19850101 201001 1 001 imported", "NIP [nip] imported"),
        ("NIK 1271012345678901", "NIK [number]"),
        ("from 10.20.30.40 and 2001:db8::1", "from [ip] and [ip]"),
        ("peer ::1 closed", "peer [ip] closed"),
        ("at 14:30:00 on 2026-11-28", "at 14:30:00 on 2026-11-28"),
        ("imported 1.234.567 rows in 3.5 s", "imported 1.234.567 rows in 3.5 s"),
        ("version 1.2.3.999", "version 1.2.3.999"),
        ("course-v1:Sibolga+ASN101+2026", "course-v1:Sibolga+ASN101+2026"),
        (
            '"GET /api/certificates/v0/certificates/rina.s/courses/course-v1:X+Y+Z/ HTTP/1.1" 500',
            '"GET /api/certificates/v0/certificates/[user]/courses/course-v1:X+Y+Z/ HTTP/1.1" 500',
        ),
        ("", ""),
    ],
)
def test_redact(text, expected):
    assert redact(text) == expected


def emit(logger_name: str, message: str, *args, fmt="json", **kwargs) -> str:
    """Log one record through the production handler setup; return what it wrote."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactPersonalData())
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter("%(message)s"))
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning(message, *args, **kwargs)
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    return stream.getvalue()


def test_json_lines_have_the_fields_a_log_shipper_expects():
    entry = json.loads(emit("companion_service.sync", "sync finished: %d courses", 20, extra={"courses": 20}))
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "companion_service.sync"
    assert entry["message"] == "sync finished: 20 courses"
    assert entry["courses"] == 20
    assert entry["time"].endswith("+00:00")


def test_arguments_extras_and_tracebacks_are_redacted():
    try:
        raise ValueError("duplicate key (nip)=(198501012010011001) for siti@contoh.go.id")
    except ValueError:
        line = emit(
            "companion_service.roster",
            "import failed for %s from %s",
            "budi@contoh.go.id",
            "192.168.1.7",
            exc_info=True,
            extra={
                "username": "budi",
                "email": "budi@contoh.go.id",
                "row": 12,
                "note": "NIP 198501012010011001",
            },
        )
    entry = json.loads(line)
    assert entry["message"] == "import failed for [email] from [ip]"
    assert "198501012010011001" not in line and "@contoh.go.id" not in line and "192.168" not in line
    assert "[nip]" in entry["exception"] and "[email]" in entry["exception"]
    assert "username" not in entry and "email" not in entry and "budi" not in line
    assert entry["row"] == 12
    assert entry["note"] == "NIP [nip]"


def test_the_text_format_is_redacted_too():
    assert emit("x", "user %s", "siti@contoh.go.id", fmt="text") == "user [email]\n"


def test_a_broken_format_string_still_logs():
    line = emit("x", "two %s %s", "only-one")
    assert "two %s %s" in json.loads(line)["message"]


def access_record(path: str, status: str = "200") -> logging.LogRecord:
    """A record as gunicorn's access logger makes it: the format string and its atoms as arguments."""
    atoms = {
        "h": "203.0.113.9",
        "u": "siti",
        "r": f"GET {path}?email=siti@contoh.go.id HTTP/1.1",
        "m": "GET",
        "U": path,
        "q": "email=siti@contoh.go.id",
        "s": status,
        "B": 5120,
        "M": 42,
        "a": "Mozilla/5.0",
        "f": "https://companion.example/",
    }
    return logging.LogRecord("gunicorn.access", logging.INFO, "", 0, '%(h)s "%(r)s" %(s)s', (atoms,), None)


def test_gunicorn_access_lines_keep_only_safe_fields():
    record = access_record("/skm/unit/198501012010011001/")
    assert RedactPersonalData().filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert entry == {
        "time": entry["time"],
        "level": "INFO",
        "logger": "gunicorn.access",
        "message": "GET /skm/unit/[nip]/ 200",
        "event": "request",
        "method": "GET",
        "path": "/skm/unit/[nip]/",
        "status": 200,
        "bytes": 5120,
        "duration_ms": 42,
    }


def test_successful_health_checks_are_not_logged():
    assert not DropHealthChecks().filter(access_record("/healthz", "200"))
    assert DropHealthChecks().filter(access_record("/healthz", "503"))
    assert DropHealthChecks().filter(access_record("/login/", "200"))


def test_the_current_users_names_are_redacted_during_their_request(make_user):
    user = make_user("rahmat.hsb")
    request = RequestFactory().post("/login/", {"username": "tamu.lain", "password": "x"})
    request._cached_user = user  # what AuthenticationMiddleware leaves once the user was loaded
    request.POST  # noqa: B018  (the view read the form)
    lines = []

    def view(request):
        lines.append(
            emit("companion_service.accounts", "login by rahmat.hsb (rahmat.hsb@contoh.go.id) as tamu.lain")
        )
        return "response"

    assert PersonalDataLogContextMiddleware(view)(request) == "response"
    assert json.loads(lines[0])["message"] == "login by [user] ([user]) as [user]"
    # After the request, the names are forgotten: no stale context leaks into other lines.
    assert "rahmat.hsb" in json.loads(emit("x", "rahmat.hsb"))["message"]


def test_the_middleware_loads_nothing_itself():
    """The user and the form are read only if the request already loaded them: no extra query."""
    request = RequestFactory().post("/login/", {"username": "siti"})

    def load_user():
        raise AssertionError("the log filter loaded the user")

    request.user = SimpleLazyObject(load_user)
    line = PersonalDataLogContextMiddleware(lambda r: emit("x", "probe siti"))(request)
    assert json.loads(line)["message"] == "probe siti"  # neither the user nor the body was read
    assert not hasattr(request, "_post")


def test_django_and_gunicorn_configs_route_everything_through_the_filter():
    for config in (logging_config("INFO", "json"), gunicorn_logconfig("INFO", "json")):
        for handler in config["handlers"].values():
            assert "redact" in handler["filters"]
    with pytest.raises(ValueError, match="COMPANION_LOG_FORMAT"):
        logging_config("INFO", "xml")
