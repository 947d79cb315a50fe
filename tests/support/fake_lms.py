"""A fake Open edX LMS on loopback (real sockets) for the sync's tests and benchmark.

It answers like the LMS at the network edge, in the shapes of ``tests/support/api_samples``:
``POST /oauth2/access_token`` (client credentials -> JWT), courses (namespaced page envelope),
enrollments (cursor pages of 100, or the newest LMS's page-number envelope), grades (cursor pages,
``page_size``), openedx-completion-aggregator (namespaced pages; absent when ``completion`` is None),
the blocks API with completion, certificates, and our plugin API v1 (cursor pages in change order
with ``modified_since``; absent when ``plugin`` is None; the assessment analysis per course from
``analysis``). Every answer needs ``Authorization: JWT``.

Faults are injected per request by ``Fault`` rules: 5xx, time-outs, dropped connections, 429 with
``Retry-After``, a token that stops being valid mid-run, truncated JSON, an HTML error page, a
malformed page, an empty page and a ``next`` that loops. ``log`` records every request as received
(raw path, status), so tests can check what the client sent.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import jwt

SAMPLES = Path(__file__).resolve().parent / "api_samples"
PLUGIN_ROUTES = (
    "assessment-attempts",
    "ideas",
    "workshop-sessions",
    "workshop-attendance",
    "workshop-reactions",
)


def sample(name: str):
    """A recorded Open edX payload from ``api_samples`` (``name`` without ``.json``)."""
    return json.loads((SAMPLES / f"{name}.json").read_text())


@dataclass
class Fault:
    """Misbehave on requests whose raw path+query matches ``path`` (a regex).

    ``kind``: ``500``/``502``/``503``, ``timeout`` (answer after ``delay`` s), ``drop`` (close the
    connection), ``429`` (with ``retry_after``), ``expire_token`` (every issued token stops being
    valid, then the request is checked: 401), ``truncate`` (half the JSON), ``html`` (an error page
    with 200), ``malformed`` (JSON that is no page), ``empty`` (an empty page whose ``next`` leads to
    the real one), ``loop`` (``next`` leads back to the first page). It fires ``times`` times (-1:
    always) after letting ``skip`` matching requests through.
    """

    path: str
    kind: str
    times: int = 1
    skip: int = 0
    retry_after: str = "1"
    delay: float = 2.0
    body: bytes = b""
    fired: int = 0
    seen: int = 0

    def wants(self, raw: str) -> bool:
        if not re.search(self.path, raw):
            return False
        self.seen += 1
        if self.seen <= self.skip or (self.times >= 0 and self.fired >= self.times):
            return False
        self.fired += 1
        return True


@dataclass
class LmsData:
    """What the fake LMS holds. Rows are in the LMS's own shapes."""

    courses: list[dict] = field(default_factory=list)
    enrollments: dict[str, list[dict]] = field(default_factory=dict)
    grades: dict[str, list[dict]] = field(default_factory=dict)
    completion: dict[str, list[dict]] | None = field(default_factory=dict)
    blocks: dict[tuple[str, str], dict] = field(default_factory=dict)
    certificates: dict[tuple[str, str], dict] = field(default_factory=dict)
    plugin: dict[str, list[dict]] | None = None
    # course key -> the plugin's assessment-analysis answer; None: an older plugin without the route
    analysis: dict[str, dict] | None = None
    client_id: str = "bina-companion"
    client_secret: str = "rahasia-uji"
    service_username: str = "bina_companion"
    enrollment_envelope: str = "cursor"  # or "page-number" (the newest LMS's DefaultPagination)
    verbatim: dict[str, bytes] = field(default_factory=dict)  # decoded path -> body served as is


def course_item(course_key: str, name: str, effort: str = "", **extra) -> dict:
    """A courses-API item in the shape of the recorded sample, for ``course_key``."""
    item = sample("courses.v1.courses.item.test-expected")
    org, number = (course_key.split(":", 1)[-1].split("+") + ["", ""])[:2]
    item.update(
        {
            "id": course_key,
            "course_id": course_key,
            "name": name,
            "org": org,
            "number": number,
            "effort": effort,
        }
    )
    item["blocks_url"] = f"http://testserver/api/courses/v1/blocks/?course_id={course_key}"
    item.update(extra)
    return item


def courses_with_learners(courses: int, learners: int, label: str, population: int) -> LmsData:
    """An LMS of ``courses`` courses with ``learners`` enrolled in each (usernames ``asnNNNNNN`` drawn
    from ``population``, distinct within a course), every third one passing: a sync's load for the
    worker tests and the workers benchmark."""
    data = LmsData(completion=None, plugin={route: [] for route in PLUGIN_ROUTES})
    for c in range(courses):
        key = f"course-v1:KotaSibolga+{label}{c:02d}+2026"
        data.courses.append(course_item(key, f"Kursus {c:02d}", effort="04:30"))
        names = [f"asn{(c * 1237 + i * 7) % population:06d}" for i in range(learners)]
        data.enrollments[key] = [
            {"course_id": key, "is_active": True, "mode": "audit", "user": name,
             "created": f"2026-0{1 + c % 9}-1{i % 10}T0{i % 10}:00:00Z"}
            for i, name in enumerate(names)
        ]  # fmt: skip
        data.grades[key] = [
            {"username": name, "email": "", "course_id": key, "passed": i % 3 == 0,
             "percent": 0.8 if i % 3 == 0 else 0.3, "letter_grade": "Pass" if i % 3 == 0 else None}
            for i, name in enumerate(names)
        ]  # fmt: skip
    return data


class FakeLms:
    """The server. Use as a context manager: ``with FakeLms(data) as lms: lms.url``."""

    def __init__(self, data: LmsData, faults: list[Fault] | None = None, token_ttl: int = 3600):
        self.data = data
        self.faults = list(faults or [])
        self.token_ttl = token_ttl
        self.valid_tokens: set[str] = set()
        self.log: list[tuple[str, str, int]] = []
        self.in_flight = self.max_in_flight = 0
        self.lock = threading.Lock()
        self.on_request: Callable[[str], None] | None = None
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def requests_to(self, pattern: str) -> list[tuple[str, str, int]]:
        with self.lock:
            return [entry for entry in self.log if re.search(pattern, entry[1])]

    def fault_for(self, raw: str) -> Fault | None:
        with self.lock:
            return next((fault for fault in self.faults if fault.wants(raw)), None)

    # -- tokens --------------------------------------------------------------------------------
    def issue_token(self) -> dict:
        now = int(time.time())
        claims = {
            **sample("oauth2.access_token.client_credentials.jwt-payload"),
            "iat": now,
            "exp": now + self.token_ttl,
            "iss": f"{self.url}/oauth2",
            "preferred_username": self.data.service_username,
            "jti": secrets.token_hex(8),
        }
        token = jwt.encode(claims, "fake-lms-signing-key-for-tests-only-0123456789", algorithm="HS256")
        with self.lock:
            self.valid_tokens.add(token)
        answer = sample("oauth2.access_token.client_credentials")
        answer.update({"access_token": token, "expires_in": self.token_ttl})
        return answer

    def revoke_tokens(self) -> None:
        with self.lock:
            self.valid_tokens.clear()


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o={offset}".encode()).decode().rstrip("=")


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    padded = cursor + "=" * (-len(cursor) % 4)
    return int(base64.urlsafe_b64decode(padded.encode()).decode().split("=", 1)[1])


def _handler_for(lms: FakeLms):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, *args):
            pass

        # -- plumbing ------------------------------------------------------------------------
        def _send(self, status: int, body: bytes, content_type="application/json", headers=None):
            with lms.lock:
                lms.log.append((self.command, self.path, status))
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except OSError:  # the client gave up (a time-out fault)
                pass

        def _json(self, status: int, data, headers=None):
            self._send(status, json.dumps(data).encode(), headers=headers)

        def _absolute(self, path: str, query: dict) -> str:
            return f"{lms.url}{path}?{urlencode(query)}"

        # -- requests ------------------------------------------------------------------------
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            fault = lms.fault_for(self.path)
            if fault and fault.kind.isdigit():
                return self._json(int(fault.kind), {"error": "server_error"})
            if urlsplit(self.path).path != "/oauth2/access_token":
                return self._json(404, {"detail": "Not found."})
            client_id, secret = form.get("client_id"), form.get("client_secret")
            auth = self.headers.get("Authorization", "")
            if auth.startswith("Basic "):
                client_id, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
            if (client_id, secret) != (lms.data.client_id, lms.data.client_secret):
                return self._json(401, {"error": "invalid_client"})
            if form.get("grant_type") != "client_credentials":
                return self._json(400, {"error": "unsupported_grant_type"})
            return self._json(200, lms.issue_token())

        def do_GET(self):
            with lms.lock:
                lms.in_flight += 1
                lms.max_in_flight = max(lms.max_in_flight, lms.in_flight)
            try:
                return self._get()
            finally:
                with lms.lock:
                    lms.in_flight -= 1

        def _get(self):
            if lms.on_request:
                lms.on_request(self.path)
            fault = lms.fault_for(self.path)
            if fault:
                if fault.kind == "drop":
                    with lms.lock:
                        lms.log.append((self.command, self.path, 0))
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return None
                if fault.kind == "timeout":
                    time.sleep(fault.delay)
                elif fault.kind == "429":
                    return self._json(
                        429, {"detail": "Request was throttled."}, {"Retry-After": fault.retry_after}
                    )
                elif fault.kind.isdigit() and fault.body:
                    return self._send(int(fault.kind), fault.body, content_type="text/html")
                elif fault.kind.isdigit():
                    return self._json(int(fault.kind), {"detail": "Server error"})
                elif fault.kind == "expire_token":
                    lms.revoke_tokens()
            auth = self.headers.get("Authorization", "")
            token = auth[4:] if auth.startswith("JWT ") else None
            with lms.lock:
                valid = token in lms.valid_tokens
            if not valid:
                return self._json(
                    401, {"detail": "Authentication credentials were not provided or are invalid."}
                )
            parts = urlsplit(self.path)
            path = unquote(parts.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            if path in lms.data.verbatim:
                return self._send(200, lms.data.verbatim[path])
            status, data = self.route(path, query)
            if status != 200:
                return self._json(status, data)
            body = json.dumps(data).encode()
            if fault:
                body = self._mangle(fault, data, body, parts, query)
                if fault.kind == "html":
                    return self._send(200, body, content_type="text/html")
            return self._send(200, body)

        def _mangle(self, fault: Fault, data, body: bytes, parts, query) -> bytes:
            if fault.kind == "truncate":
                return body[: len(body) // 2]
            if fault.kind == "html":
                return b"<html><body><h1>502 Bad Gateway</h1></body></html>"
            if fault.kind == "malformed":
                return json.dumps({"detail": "Something unexpected happened."}).encode()
            if fault.kind == "empty" and isinstance(data, dict):
                again = self._absolute(parts.path, {**query, "_again": str(int(query.get("_again", 0)) + 1)})
                empty = dict(data)
                empty["results"] = []
                if isinstance(empty.get("pagination"), dict):
                    empty["pagination"] = {**empty["pagination"], "next": again}
                else:
                    empty["next"] = again
                return json.dumps(empty).encode()
            if fault.kind == "loop" and isinstance(data, dict):
                first = {k: v for k, v in query.items() if k not in ("cursor", "page")}
                loop = self._absolute(parts.path, first)
                if isinstance(data.get("pagination"), dict):
                    data["pagination"]["next"] = loop
                else:
                    data["next"] = loop
                return json.dumps(data).encode()
            return body

        # -- the LMS's endpoints -------------------------------------------------------------
        def route(self, path: str, query: dict):
            data = lms.data
            if path == "/api/courses/v1/courses/":
                return 200, self.page_number(path, query, data.courses, default=10, maximum=100)
            if path == "/api/enrollment/v1/enrollments/":
                rows = data.enrollments.get(query.get("course_id", ""), [])
                if data.enrollment_envelope == "page-number":
                    page = self.page_number(path, query, rows, default=100, maximum=100)
                    meta = page.pop("pagination")
                    return 200, {
                        **meta,
                        "current_page": int(query.get("page", 1)),
                        "results": page["results"],
                    }
                return 200, self.cursor(path, query, rows, default=100, maximum=100)
            match = re.fullmatch(r"/api/grades/v1/courses/(.+)/", path)
            if match:
                if match.group(1) not in data.grades:
                    return 404, {"detail": "The requested course does not exist."}
                return 200, self.cursor(path, query, data.grades[match.group(1)], default=50, maximum=None)
            match = re.fullmatch(r"/completion-aggregator/v1/course/(.+)/", path)
            if match:
                if data.completion is None:
                    return 404, {"detail": "Not found."}
                rows = data.completion.get(match.group(1), [])
                return 200, self.page_number(path, query, rows, default=10, maximum=1000)
            if path == "/api/courses/v1/blocks/":
                key = (query.get("course_id", ""), query.get("username", ""))
                if key not in data.blocks:
                    return 404, {"detail": "Not found."}
                return 200, data.blocks[key]
            match = re.fullmatch(r"/api/certificates/v0/certificates/([^/]+)/courses/(.+)/", path)
            if match:
                cert = data.certificates.get((match.group(1), match.group(2)))
                return (200, cert) if cert else (404, {"detail": "Not found."})
            if data.plugin is not None:
                if path == "/api/bina/v1/assessment-analysis/" and data.analysis is not None:
                    course = query.get("course_id", "")
                    return 200, data.analysis.get(course, {"course_id": course, "blocks": [], "gains": []})
                if path == "/api/bina/v1/":
                    endpoints = {r: f"{lms.url}/api/bina/v1/{r}/" for r in data.plugin}
                    return 200, {"username": data.service_username, "endpoints": endpoints}
                match = re.fullmatch(r"/api/bina/v1/([a-z-]+)/", path)
                if match and match.group(1) in data.plugin:
                    rows = sorted(data.plugin[match.group(1)], key=lambda r: (r["modified"], r["id"]))
                    since = query.get("modified_since")
                    if since:
                        rows = [r for r in rows if r["modified"] >= since]
                    return 200, self.cursor(path, query, rows, default=100, maximum=500)
            return 404, {"detail": "Not found."}

        def cursor(self, path, query, rows, *, default, maximum):
            size = int(query.get("page_size", default))
            size = min(size, maximum) if maximum else size
            start = _offset(query.get("cursor"))
            page = rows[start : start + size]
            following = {k: v for k, v in query.items() if k != "_again"}
            next_link = (
                self._absolute(path, {**following, "cursor": _cursor(start + size)})
                if start + size < len(rows)
                else None
            )
            previous = (
                self._absolute(path, {**following, "cursor": _cursor(max(0, start - size))})
                if start
                else None
            )
            return {"next": next_link, "previous": previous, "results": page}

        def page_number(self, path, query, rows, *, default, maximum):
            size = min(int(query.get("page_size", default)), maximum)
            number = int(query.get("page", 1))
            pages = max(1, -(-len(rows) // size))
            start = (number - 1) * size
            following = {k: v for k, v in query.items() if k != "_again"}
            next_link = self._absolute(path, {**following, "page": number + 1}) if number < pages else None
            previous = self._absolute(path, {**following, "page": number - 1}) if number > 1 else None
            return {
                "results": rows[start : start + size],
                "pagination": {
                    "next": next_link,
                    "previous": previous,
                    "count": len(rows),
                    "num_pages": pages,
                },
            }

    return Handler
