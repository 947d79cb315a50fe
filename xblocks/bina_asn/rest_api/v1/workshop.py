"""v1 endpoints of the partner workshop: partners, sessions, attendance (with JP) and reactions.

Read-only lists for the companion's sync, in the contract of ``docs/reference/plugin-api-v1.rst``.
"""

from datetime import UTC

from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from ...data import jp_status
from ...workshop import selectors, services
from .filters import filter_modified_since
from .pagination import SyncCursorPagination
from .views import SyncAPIView


class UTCDateTimeField(serializers.DateTimeField):
    """ISO 8601 in UTC with ``Z``, whatever the server's display time zone."""

    def __init__(self, **kwargs):
        super().__init__(default_timezone=UTC, **kwargs)


def filter_course(queryset, request, field: str):
    """Apply ``course_id`` (an exact course key); a malformed key is a 400 saying what is expected."""
    raw = request.query_params.get("course_id")
    if not raw:
        return queryset
    try:
        CourseKey.from_string(raw)
    except InvalidKeyError as exc:
        raise ValidationError(
            {
                "course_id": [
                    f"Not a course key: {raw!r}. Expected e.g. course-v1:ORG+NUMBER+RUN ('+' as %2B)."
                ]
            }
        ) from exc
    return queryset.filter(**{field: raw})


class PartnerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    course_id = serializers.CharField()
    usage_id = serializers.CharField()
    title = serializers.CharField()
    name = serializers.CharField(source="partner_name")
    slug = serializers.CharField(source="partner_slug")
    kind = serializers.CharField(source="partner_kind")
    description = serializers.CharField(source="partner_description")
    website = serializers.CharField(source="partner_website")
    logo_url = serializers.CharField(source="partner_logo_url")
    contact_name = serializers.CharField(source="partner_contact_name")
    contact_email = serializers.CharField(source="partner_contact_email")
    contact_phone = serializers.CharField(source="partner_contact_phone")
    attendance_method = serializers.CharField()
    sessions_count = serializers.IntegerField()
    created = UTCDateTimeField()
    modified = UTCDateTimeField()


class SessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    course_id = serializers.CharField(source="workshop.course_id")
    usage_id = serializers.CharField(source="workshop.usage_id")
    partner_id = serializers.IntegerField(source="workshop_id")
    partner = serializers.SerializerMethodField()
    key = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    international = serializers.BooleanField()
    status = serializers.CharField()
    starts_at = UTCDateTimeField()
    ends_at = UTCDateTimeField()
    duration_minutes = serializers.IntegerField()
    mode = serializers.CharField()
    capacity = serializers.IntegerField()
    registration_deadline = UTCDateTimeField()
    jp_credit = serializers.IntegerField()
    registered_count = serializers.SerializerMethodField()
    waiting_count = serializers.IntegerField()
    attended_count = serializers.IntegerField()
    no_show_count = serializers.IntegerField()
    created = UTCDateTimeField()
    modified = UTCDateTimeField()

    def get_partner(self, session):
        workshop = session.workshop
        return {"name": workshop.partner_name, "kind": workshop.partner_kind, "slug": workshop.partner_slug}

    def get_registered_count(self, session):
        """Learners holding a seat: registered, attended or no-show (never more than ``capacity``)."""
        return session.registered_count + session.attended_count + session.no_show_count


class AttendanceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    session_id = serializers.IntegerField()
    course_id = serializers.CharField(source="session.workshop.course_id")
    usage_id = serializers.CharField(source="session.workshop.usage_id")
    username = serializers.CharField(source="user.username")
    anonymous_user_id = serializers.CharField()
    status = serializers.CharField()
    registered_at = UTCDateTimeField(allow_null=True)
    attended_at = UTCDateTimeField(allow_null=True)
    jp_credited = serializers.IntegerField(help_text="JP credited; 0 while pending.")
    jp_status = serializers.SerializerMethodField(
        help_text="credited, pending (attended; the JP count once the session has ended and the "
        "check-in window has closed) or none."
    )
    jp_credited_at = UTCDateTimeField(allow_null=True)
    jp_counts_from = serializers.SerializerMethodField(help_text="When an attendee's JP are credited.")
    method = serializers.SerializerMethodField()
    created = UTCDateTimeField()
    modified = UTCDateTimeField()

    def get_method(self, registration):
        return registration.attendance_method or None

    def get_jp_status(self, registration):
        return jp_status(registration.status, registration.jp_credited_at)

    def get_jp_counts_from(self, registration):
        session = registration.session
        return UTCDateTimeField().to_representation(max(session.ends_at, session.checkin_closes_at))


class ReactionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    session_id = serializers.IntegerField(source="registration.session_id")
    course_id = serializers.CharField(source="registration.session.workshop.course_id")
    usage_id = serializers.CharField(source="registration.session.workshop.usage_id")
    username = serializers.CharField(source="registration.user.username")
    answers = serializers.DictField(child=serializers.IntegerField())
    comment = serializers.CharField()
    created = UTCDateTimeField()
    modified = UTCDateTimeField()


class _WorkshopListView(SyncAPIView):
    """A cursor-paged list filtered by ``course_id`` and ``modified_since``."""

    serializer_class = None
    course_field = ""
    settle_first = False

    def get_queryset(self):
        raise NotImplementedError

    def get(self, request):
        if self.settle_first:
            # Statuses that change with time (registered -> no_show once check-in closed) are current.
            services.settle_ended_sessions()
        queryset = filter_course(self.get_queryset(), request, self.course_field)
        queryset = filter_modified_since(queryset, request)
        paginator = SyncCursorPagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(self.serializer_class(page, many=True).data)


class PartnerListView(_WorkshopListView):
    """``GET /api/bina/v1/partners/``: each partner workshop block's partner."""

    serializer_class = PartnerSerializer
    course_field = "course_id"

    def get_queryset(self):
        return selectors.api_partners()


class WorkshopSessionListView(_WorkshopListView):
    """``GET /api/bina/v1/workshop-sessions/``: sessions with capacity, JP and seat counts."""

    serializer_class = SessionSerializer
    course_field = "workshop__course_id"
    settle_first = True

    def get_queryset(self):
        return selectors.api_sessions()


class WorkshopAttendanceListView(_WorkshopListView):
    """``GET /api/bina/v1/workshop-attendance/``: one row per learner and session, with JP credited."""

    serializer_class = AttendanceSerializer
    course_field = "session__workshop__course_id"
    settle_first = True

    def get_queryset(self):
        return selectors.api_attendance()


class WorkshopReactionListView(_WorkshopListView):
    """``GET /api/bina/v1/workshop-reactions/``: reaction surveys (Kirkpatrick level 1, answers 1-5)."""

    serializer_class = ReactionSerializer
    course_field = "registration__session__workshop__course_id"

    def get_queryset(self):
        return selectors.api_reactions()
