"""Query-string filters shared by the v1 list endpoints."""

from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_naive, make_aware
from rest_framework.exceptions import ValidationError

MODIFIED_SINCE_HELP = "An ISO 8601 date-time, e.g. 2026-11-28T07:00:00Z; rows changed at or after it."


def parse_modified_since(request):
    """Return the ``modified_since`` query parameter as an aware datetime, or None when absent.

    A value that is not an ISO 8601 date-time is a 400 with a message saying what is expected.
    """
    raw = request.query_params.get("modified_since")
    if not raw:
        return None
    value = parse_datetime(raw.replace(" ", "+"))
    if value is None:
        raise ValidationError({"modified_since": [f"Not a date-time: {raw!r}. {MODIFIED_SINCE_HELP}"]})
    return make_aware(value) if is_naive(value) else value


def filter_modified_since(queryset, request):
    """Apply ``modified_since`` to a queryset of TimeStampedModel rows."""
    since = parse_modified_since(request)
    return queryset.filter(modified__gte=since) if since else queryset
