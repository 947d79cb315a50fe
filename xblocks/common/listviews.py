"""The base of every plugin API v1 list view (ADR 0081): who may read, paging, filters, times.

- **Who**: global staff (not through a restricted application's JWT), or an OAuth2 client whose
  token holds the scope ``BINA_ASN_API_SCOPE`` (default ``bina_asn:read``): a JWT's ``scopes`` as
  edx-drf-extensions' ``JwtHasScope`` reads them, or a bearer token's scopes as django-oauth-toolkit
  keeps them. No username is trusted for what it is called.
- **Paging**: a cursor over ``(modified, id)``: rows changed while a sync pages through are not
  skipped; the envelope is ``{"next", "previous", "results"}``, the page at most
  ``BINA_ASN_API_MAX_PAGE_SIZE``.
- **Filters**: ``course_id`` (a course key; a ``+`` sent unencoded arrives as a space and is read
  as ``+``; anything else is a 400 saying what is expected) and ``modified_since`` (ISO 8601; a
  time without zone is UTC).
- **Times**: ISO 8601 in UTC with ``Z``, whatever the LMS's display time zone.
"""

from __future__ import annotations

from datetime import UTC

from django.conf import settings
from django.utils.dateparse import parse_datetime
from edx_rest_framework_extensions.auth.jwt.authentication import is_jwt_authenticated
from edx_rest_framework_extensions.auth.jwt.decoder import decode_jwt_is_restricted
from edx_rest_framework_extensions.permissions import JwtHasScope
from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import BasePermission

from . import compat

DEFAULT_SCOPE = "bina_asn:read"
COURSE_ID_HELP = "Expected a course key, e.g. course-v1:KotaSibolga+ASN-DIGITAL+2026 (write + as %2B)."
MODIFIED_SINCE_HELP = (
    "Expected an ISO 8601 date-time, e.g. 2026-11-28T07:00:00Z; rows changed at or after it."
)


def api_scope() -> str:
    return getattr(settings, "BINA_ASN_API_SCOPE", DEFAULT_SCOPE)


class GlobalStaffOrScopedClient(BasePermission):
    """Global staff, or an OAuth2 client whose JWT carries the plugin API's scope."""

    message = "Only global staff or an OAuth2 client with the plugin API's scope may read this API."

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        if is_jwt_authenticated(request):
            if JwtHasScope().has_permission(request, view):
                return True
            return bool(user.is_staff) and not decode_jwt_is_restricted(request.auth)
        allow_scopes = getattr(request.auth, "allow_scopes", None)  # an OAuth2 bearer token (DOT)
        if callable(allow_scopes) and allow_scopes([api_scope()]):
            return True
        return bool(user.is_staff)


class SyncCursorPagination(CursorPagination):
    """Cursor pages in change order (the envelope of the LMS's enrollment API)."""

    ordering = ("modified", "id")
    page_size = 100
    page_size_query_param = "page_size"

    @property
    def max_page_size(self):
        return settings.BINA_ASN_API_MAX_PAGE_SIZE


class UtcDateTimeField(serializers.DateTimeField):
    """ISO 8601 in UTC with ``Z`` (DRF writes ``Z`` for a UTC offset)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(default_timezone=UTC, **kwargs)


def parse_course_id(request) -> str | None:
    """The ``course_id`` filter as a course key's text, or None; a malformed one is a 400."""
    raw = request.query_params.get("course_id")
    if not raw:
        return None
    try:
        return str(CourseKey.from_string(raw.replace(" ", "+")))
    except InvalidKeyError as exc:
        raise ValidationError({"course_id": [f"Not a course key: {raw!r}. {COURSE_ID_HELP}"]}) from exc


def parse_modified_since(request):
    """The ``modified_since`` filter as an aware datetime (UTC when no zone is given), or None."""
    raw = request.query_params.get("modified_since")
    if not raw:
        return None
    value = parse_datetime(raw.replace(" ", "+"))
    if value is None:
        raise ValidationError({"modified_since": [f"Not a date-time: {raw!r}. {MODIFIED_SINCE_HELP}"]})
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class SyncAPIView:
    """Who may call: LMS authentication classes, global staff or a scoped client."""

    authentication_classes = compat.api_authentication_classes()
    permission_classes = [GlobalStaffOrScopedClient]

    @property
    def required_scopes(self):
        return [api_scope()]


class SyncListView(SyncAPIView, ListAPIView):
    """A read-only list for the companion's sync; subclasses give ``rows()``, ``course_field`` and
    ``serializer_class``."""

    pagination_class = SyncCursorPagination
    course_field = "course_id"

    def rows(self):
        raise NotImplementedError

    def get_queryset(self):
        queryset = self.rows()
        course_id = parse_course_id(self.request)
        if course_id:
            queryset = queryset.filter(**{self.course_field: course_id})
        since = parse_modified_since(self.request)
        if since:
            queryset = queryset.filter(modified__gte=since)
        return queryset
