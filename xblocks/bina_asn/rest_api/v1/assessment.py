"""``GET /api/bina/v1/assessment-attempts/``: submitted attempts of the digital-skills assessment.

The shape is the contract in ``docs/reference/plugin-api-v1.rst``; the companion's sync reads it.
"""

from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from xblocks.bina_asn.assessment.reports import course_analysis
from xblocks.bina_asn.assessment.selectors import attempts_for_sync
from xblocks.bina_asn.models import AssessmentAttempt
from xblocks.common.listviews import (
    COURSE_ID_HELP,
    SyncAPIView,
    SyncListView,
    UtcDateTimeField,
    parse_course_id,
)


class AssessmentAttemptSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    started = UtcDateTimeField()
    submitted = UtcDateTimeField()
    created = UtcDateTimeField()
    modified = UtcDateTimeField()

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


class AssessmentAttemptListView(SyncListView):
    """Submitted attempts in change order, for one course or all, changed at or after ``modified_since``."""

    serializer_class = AssessmentAttemptSerializer

    def rows(self):
        return attempts_for_sync()


# A form's per-item figures leave the LMS only when this many learners took it: option shares of
# one or two learners would tell their answers, which the companion does not receive.
MIN_ATTEMPTS_FOR_ITEMS = 5


class AssessmentAnalysisView(SyncAPIView, APIView):
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
