"""Errors of the innovation services: a code the block translates, parameters, and an HTTP status."""

from __future__ import annotations


class InnovationError(Exception):
    """A refused request; nothing was changed.

    ``code`` names the rule that refused it (the block maps it to a message in the user's
    language), ``params`` fill the message, ``status`` is the HTTP status a handler answers with
    (400 bad input, 403 not allowed, 404 unknown id, 409 a concurrent change), and ``fields``
    maps form fields to ``FieldError`` lists when the payload itself was wrong.
    """

    def __init__(self, code: str, status: int = 400, fields: dict | None = None, **params):
        super().__init__(code)
        self.code = code
        self.status = status
        self.params = params
        self.fields = fields or {}
        self.idea_id: int | None = None  # set when the refused request still saved an idea (a draft)

    def __repr__(self):
        return f"InnovationError({self.code!r}, {self.status}, params={self.params}, fields={self.fields})"


class FieldError:
    """What is wrong with one field: a code (``required``, ``too_long`` ...) and its parameters."""

    __slots__ = ("code", "params")

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params

    def __eq__(self, other):
        return isinstance(other, FieldError) and (self.code, self.params) == (other.code, other.params)

    def __repr__(self):
        return f"FieldError({self.code!r}, {self.params})"


def not_found() -> InnovationError:
    return InnovationError("not_found", status=404)


def forbidden(code: str = "forbidden", **params) -> InnovationError:
    return InnovationError(code, status=403, **params)


def conflict() -> InnovationError:
    return InnovationError("version_conflict", status=409)
