"""``GET /api/bina/v1/ideas/``: ideas for the companion's sync (docs/reference/plugin-api-v1.rst)."""

from rest_framework import serializers

from xblocks.bina_asn.innovation import selectors
from xblocks.common.listviews import SyncListView, UtcDateTimeField


class ProgramSerializer(serializers.Serializer):
    responsible_opd_code = serializers.CharField()
    start_date = serializers.DateField()
    budget = serializers.IntegerField(allow_null=True)
    kpi = serializers.CharField()
    kpi_target = serializers.CharField()


class IdeaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    course_id = serializers.CharField()
    usage_id = serializers.CharField()
    title = serializers.CharField()
    state = serializers.CharField()
    category = serializers.CharField()
    opd_code = serializers.CharField()
    opd_name = serializers.CharField()
    service_name = serializers.CharField()
    is_digital = serializers.BooleanField(allow_null=True)
    author_username = serializers.CharField(source="author.username")
    co_proposers = serializers.SerializerMethodField()
    supports_count = serializers.IntegerField()
    comments_count = serializers.IntegerField()
    score_mean = serializers.FloatField(allow_null=True)
    score_stdev = serializers.FloatField(allow_null=True)
    score_count = serializers.IntegerField()
    submitted_at = UtcDateTimeField()
    state_changed_at = UtcDateTimeField()
    program = serializers.SerializerMethodField()
    created = UtcDateTimeField()
    modified = UtcDateTimeField()

    def get_co_proposers(self, idea):
        return [co.user.username for co in idea.co_proposers.all()]

    def get_program(self, idea):
        program = getattr(idea, "program", None)
        return ProgramSerializer(program).data if program else None


class IdeaListView(SyncListView):
    """Every idea but drafts, in change order; filters ``course_id`` and ``modified_since``."""

    serializer_class = IdeaSerializer

    def rows(self):
        return selectors.api_ideas()
