"""Middleware of the core app."""

from .logs import current_request


class PersonalDataLogContextMiddleware:
    """Let the log filter know which request is being served, so its user's names are redacted.

    The filter reads the user and the sign-in form only if the request already loaded them, so
    this adds no database query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
