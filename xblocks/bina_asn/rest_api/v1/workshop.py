"""v1 endpoints of the partner workshop: partners, sessions, attendance (with JP) and reactions.

Read-only lists for the companion's sync, in the contract of ``docs/reference/plugin-api-v1.rst``.
"""

from rest_framework import serializers

from xblocks.common.listviews import SyncListView, UtcDateTimeField

from ...data import jp_status
from ...workshop import selectors, services


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
    created = UtcDateTimeField()
    modified = UtcDateTimeField()


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
    starts_at = UtcDateTimeField()
    ends_at = UtcDateTimeField()
    duration_minutes = serializers.IntegerField()
    mode = serializers.CharField()
    capacity = serializers.IntegerField()
    registration_deadline = UtcDateTimeField()
    jp_credit = serializers.IntegerField()
    registered_count = serializers.SerializerMethodField()
    waiting_count = serializers.IntegerField()
    attended_count = serializers.IntegerField()
    no_show_count = serializers.IntegerField()
    created = UtcDateTimeField()
    modified = UtcDateTimeField()

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
    registered_at = UtcDateTimeField(allow_null=True)
    attended_at = UtcDateTimeField(allow_null=True)
    jp_credited = serializers.IntegerField(help_text="JP credited; 0 while pending.")
    jp_status = serializers.SerializerMethodField(
        help_text="credited, pending (attended; the JP count once the session has ended and the "
        "check-in window has closed) or none."
    )
    jp_credited_at = UtcDateTimeField(allow_null=True)
    jp_counts_from = serializers.SerializerMethodField(help_text="When an attendee's JP are credited.")
    method = serializers.SerializerMethodField()
    created = UtcDateTimeField()
    modified = UtcDateTimeField()

    def get_method(self, registration):
        return registration.attendance_method or None

    def get_jp_status(self, registration):
        return jp_status(registration.status, registration.jp_credited_at)

    def get_jp_counts_from(self, registration):
        session = registration.session
        return UtcDateTimeField().to_representation(max(session.ends_at, session.checkin_closes_at))


class ReactionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    session_id = serializers.IntegerField(source="registration.session_id")
    course_id = serializers.CharField(source="registration.session.workshop.course_id")
    usage_id = serializers.CharField(source="registration.session.workshop.usage_id")
    username = serializers.CharField(source="registration.user.username")
    answers = serializers.DictField(child=serializers.IntegerField())
    comment = serializers.CharField()
    created = UtcDateTimeField()
    modified = UtcDateTimeField()


class _WorkshopListView(SyncListView):
    """A workshop list; with ``settle_first``, statuses that change with time are brought up to date."""

    settle_first = False

    def rows(self):
        raise NotImplementedError

    def list(self, request, *args, **kwargs):
        if self.settle_first:
            # Registered -> no_show once check-in closed: the rows are current before they are read.
            services.settle_ended_sessions()
        return super().list(request, *args, **kwargs)


class PartnerListView(_WorkshopListView):
    """``GET /api/bina/v1/partners/``: each partner workshop block's partner."""

    serializer_class = PartnerSerializer
    course_field = "course_id"

    def rows(self):
        return selectors.api_partners()


class WorkshopSessionListView(_WorkshopListView):
    """``GET /api/bina/v1/workshop-sessions/``: sessions with capacity, JP and seat counts."""

    serializer_class = SessionSerializer
    course_field = "workshop__course_id"
    settle_first = True

    def rows(self):
        return selectors.api_sessions()


class WorkshopAttendanceListView(_WorkshopListView):
    """``GET /api/bina/v1/workshop-attendance/``: one row per learner and session, with JP credited."""

    serializer_class = AttendanceSerializer
    course_field = "session__workshop__course_id"
    settle_first = True

    def rows(self):
        return selectors.api_attendance()


class WorkshopReactionListView(_WorkshopListView):
    """``GET /api/bina/v1/workshop-reactions/``: reaction surveys (Kirkpatrick level 1, answers 1-5)."""

    serializer_class = ReactionSerializer
    course_field = "registration__session__workshop__course_id"

    def rows(self):
        return selectors.api_reactions()
