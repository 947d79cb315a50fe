"""``GET /api/bina/v1/assessment-attempts/``: submitted attempts of the digital-skills assessment.

The shape is the contract in ``docs/reference/plugin-api-v1.rst``; the companion's sync reads it.
"""

from rest_framework import serializers

from xblocks.bina_asn.assessment.selectors import attempts_for_sync
from xblocks.bina_asn.models import AssessmentAttempt
from xblocks.common.listviews import SyncListView, UtcDateTimeField


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
