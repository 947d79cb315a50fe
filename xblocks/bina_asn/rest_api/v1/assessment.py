"""``GET /api/bina/v1/assessment-attempts/``: submitted attempts of the digital-skills assessment.

The shape is the contract in ``docs/reference/plugin-api-v1.rst``; the companion's sync reads it.
"""

from datetime import UTC

from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from xblocks.bina_asn.assessment.reports import course_analysis
from xblocks.bina_asn.assessment.selectors import attempts_for_sync
from xblocks.bina_asn.models import AssessmentAttempt

from .filters import parse_modified_since
from .pagination import SyncCursorPagination
from .views import SyncAPIView

COURSE_ID_HELP = "A course key, e.g. course-v1:KotaSibolga+ASN-DIGITAL+2026 (write + as %2B)."


class UtcDateTimeField(serializers.DateTimeField):
    """ISO 8601 in UTC with ``Z``, whatever the LMS's display time zone is."""

    def __init__(self, **kwargs):
        super().__init__(default_timezone=UTC, **kwargs)


class AssessmentAttemptSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    started = UtcDateTimeField(read_only=True)
    submitted = UtcDateTimeField(read_only=True)
    created = UtcDateTimeField(read_only=True)
    modified = UtcDateTimeField(read_only=True)

    class Meta:
        model = AssessmentAttempt
        fields = [
            "id",
            "course_id",
            "usage_id",
            "username",
            "anonymous_user_id",
            "mode",
            "pairing_key",
            "attempt_number",
            "score",
            "passed",
            "pillar_scores",
            "pillar_index",
            "competence_scores",
            "form",
            "self_ratings",
            "started",
            "submitted",
            "created",
            "modified",
        ]
        read_only_fields = fields


def parse_course_id(request) -> str | None:
    """The ``course_id`` filter as a valid course key, or None; a malformed one is a 400."""
    raw = request.query_params.get("course_id")
    if not raw:
        return None
    value = raw.replace(" ", "+")  # an unencoded + arrives as a space
    try:
        return str(CourseKey.from_string(value))
    except InvalidKeyError as exc:
        raise ValidationError({"course_id": [f"Not a course key: {raw!r}. {COURSE_ID_HELP}"]}) from exc


class AssessmentAttemptListView(SyncAPIView):
    """Submitted attempts in change order, for one course or all, changed at or after ``modified_since``."""

    def get(self, request):
        course_id, since = parse_course_id(request), parse_modified_since(request)
        rows = attempts_for_sync(course_id=course_id, modified_since=since)
        paginator = SyncCursorPagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(AssessmentAttemptSerializer(page, many=True).data)


# A form's per-item figures leave the LMS only when this many learners took it: option shares of
# one or two learners would tell their answers, which the companion does not receive.
MIN_ATTEMPTS_FOR_ITEMS = 5


class AssessmentAnalysisView(SyncAPIView):
    """``GET /api/bina/v1/assessment-analysis/?course_id=...``: item analysis and cohort gains of a course.

    Computed on request from the attempts and the blocks' bank snapshots (not a change feed): one
    object per course, the contract in ``docs/reference/plugin-api-v1.rst``.
    """

    def get(self, request):
        course_id = parse_course_id(request)
        if not course_id:
            raise ValidationError({"course_id": [f"Required. {COURSE_ID_HELP}"]})
        result = course_analysis(course_id)
        for block in result["blocks"]:
            for form in block["forms"]:
                form["items_withheld"] = form["attempts"] < MIN_ATTEMPTS_FOR_ITEMS
                if form["items_withheld"]:
                    form["items"] = []
        return Response(result)
