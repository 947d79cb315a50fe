"""One way for every block to answer a request (ADR 0081).

``@handler(...)`` wraps a block method as an XBlock handler that, in this order: refuses other
methods than POST (JSON handlers), refuses a body over ``max_bytes`` before reading it, checks the
asker is in the ``audience`` (``permissions``), parses the JSON body (an object), applies the rate
limit, runs the method and answers with JSON. Every refusal has one shape::

    {"error": "<one sentence in the user's language>", "code": "<machine-readable code>",
     "problems": ["<sentence>", ...],                          # optional: every problem found
     "fields": {"<field>": {"label": "...", "messages": [...]}}}  # optional: per form field

A block raises ``HandlerError`` for its own refusals, or maps its domain errors to one in
``handler_error(self, error)`` (the kit calls it for any exception listed in ``handler_errors``).
"""

from __future__ import annotations

import functools
import json

from webob import Response
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError

from . import compat, i18n, permissions, ratelimit
from .messages import MESSAGES

MAX_BODY = 64 * 1024  # learners' requests
MAX_STUDIO_BODY = 2_400_000  # Studio editors (under Django's DATA_UPLOAD_MAX_MEMORY_SIZE of 2.5 MB)


class HandlerError(Exception):
    """A refusal: status, a translated message, a code, and optionally every problem or field."""

    def __init__(self, status: int, message: str, *, code: str = "", problems=None, fields=None, **extra):
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or {400: "bad_request", 403: "forbidden", 404: "not_found"}.get(status, "error")
        self.problems = list(problems or [])
        self.fields = dict(fields or {})
        self.extra = extra

    def body(self) -> dict:
        body = {"error": self.message, "code": self.code}
        if self.problems:
            body["problems"] = self.problems
        if self.fields:
            body["fields"] = self.fields
        body.update(self.extra)
        return body

    def response(self) -> Response:
        return json_response(self.body(), self.status)


def json_response(body, status: int = 200) -> Response:
    return Response(
        json.dumps(body, ensure_ascii=False), status=status, content_type="application/json", charset="utf8"
    )


def refuse(block, status: int, message_id: str, **extra) -> HandlerError:
    """A ``HandlerError`` with one of the kit's own messages, in the asker's language."""
    return HandlerError(status, i18n.say(block, MESSAGES[message_id]), code=message_id, **extra)


def require(block, audience: str):
    """The asker, if in ``audience``; else a 403 ``HandlerError`` saying who may."""
    who = permissions.current_user(block)
    if not permissions.allows(block, audience, who):
        code, message = permissions.refusal(audience)
        raise HandlerError(403, i18n.say(block, message), code=code)
    return who


def limit(block, who, scope: str, count: int, window_seconds: int, key: str = "") -> None:
    """At most ``count`` requests per ``window_seconds`` by ``who`` in ``scope`` (per block, or per
    ``key`` when given, e.g. a session); else a 429 ``HandlerError``."""
    where = key or compat.usage_key_string(block)
    if not ratelimit.hit(
        f"{scope}:{where}", str(who.user_id or who.anonymous_user_id), count, window_seconds
    ):
        raise refuse(block, 429, "rate_limited")


def _parse(block, request, max_bytes: int):
    if (request.content_length or 0) > max_bytes or len(request.body) > max_bytes:
        raise refuse(block, 413, "too_large")
    try:
        data = json.loads(request.body.decode("utf-8") or "{}")
    except (UnicodeDecodeError, ValueError) as exc:
        raise refuse(block, 400, "bad_request") from exc
    if not isinstance(data, dict):
        raise refuse(block, 400, "bad_request")
    return data


def handler(*, audience: str = permissions.LEARNER, max_bytes: int = MAX_BODY, rate=None, raw: bool = False):
    """Make ``func(self, data, suffix)`` (or, with ``raw``, ``func(self, request, suffix)`` for GET
    downloads) a handler with the checks above. ``rate`` is ``(scope, count, window_seconds)``."""

    def decorate(func):
        @functools.wraps(func)
        def wrapper(self, request, suffix=""):
            try:
                if not raw and request.method != "POST":
                    raise refuse(self, 405, "method_not_allowed")
                if raw and (request.content_length or 0) > max_bytes:
                    raise refuse(self, 413, "too_large")
                who = require(self, audience)
                payload = request if raw else _parse(self, request, max_bytes)
                if rate:
                    limit(self, who, *rate)
                result = func(self, payload, suffix)
            except HandlerError as error:
                return error.response()
            except JsonHandlerError as error:
                return HandlerError(error.status_code, str(error.message)).response()
            except tuple(getattr(self, "handler_errors", ())) as error:
                return self.handler_error(error).response()
            if isinstance(result, Response):
                return result
            return json_response(result)

        return XBlock.handler(wrapper)

    return decorate


def json_handler(**options):
    """``handler`` for JSON requests (the default)."""
    return handler(**options)


def download_handler(**options):
    """``handler`` for GET downloads (CSV, calendar files): the method gets the request."""
    return handler(raw=True, **options)
