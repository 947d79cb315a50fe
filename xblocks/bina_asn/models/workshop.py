"""Tables of the partner workshop block: the workshop (its partner), sessions, registrations, reactions.

Vocabulary kept in Indonesian where the domain uses it:

* **JP** (jam pelajaran): the unit civil servants' learning is counted in; 1 JP = 45 minutes. LAN
  counts a full seminar day as 4 JP and a full workshop day as 5 JP (6 and 7 when international).
* **ASN**: the city's civil servants, here the learners.

Seats are shared, cross-learner state: they live here, never in XBlock fields. A learner has at most
one registration row per session (unique); its ``status`` moves between ``registered``, ``waiting``,
``cancelled``, ``attended`` and ``no_show``, and every move goes through
``xblocks.bina_asn.workshop.services`` under a lock on the workshop row.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from .base import TimeStampedModel


class PartnerKind(models.TextChoices):
    """What kind of organisation the partner is (the pillar: collaboration with the private sector)."""

    LOCAL_TECH = "local_tech", "Local technology company"
    UNIVERSITY = "university", "University"
    STATE_ENTERPRISE = "state_enterprise", "State-owned enterprise (BUMN/BUMD)"
    STARTUP = "startup", "Startup"
    NGO = "ngo", "Non-governmental organisation"


class AttendanceMethod(models.TextChoices):
    """How attendance of a workshop's sessions is taken."""

    CODE_AND_STAFF = "code_and_staff", "Check-in code and staff roster"
    CODE = "code", "Check-in code only"
    STAFF = "staff", "Staff roster only"


class SessionKind(models.TextChoices):
    """The LAN event type, which sets the JP of a full day."""

    WORKSHOP = "workshop", "Workshop (lokakarya)"
    SEMINAR = "seminar", "Seminar"


class SessionMode(models.TextChoices):
    ONSITE = "onsite", "On site"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid"


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", "Registered"
    WAITING = "waiting", "Waiting list"
    CANCELLED = "cancelled", "Cancelled"
    ATTENDED = "attended", "Attended"
    NO_SHOW = "no_show", "No-show"


class CheckInMethod(models.TextChoices):
    CODE = "code", "Check-in code"
    STAFF = "staff", "Marked by staff"


# Statuses that hold a seat: the sum of these never exceeds a session's capacity.
SEAT_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW)


class Workshop(TimeStampedModel):
    """One partner workshop block in a course: the partner as the block presents it, and its rules.

    Written only by ``services.sync_workshop`` from the block's Studio settings; the row of a block
    is also the lock every seat change takes, so registrations in one block are serialised.
    """

    course_id = models.CharField(max_length=255, db_index=True)
    usage_id = models.CharField(max_length=255, unique=True)
    title = models.CharField(max_length=255)
    partner_name = models.CharField(max_length=200)
    partner_slug = models.SlugField(max_length=200, db_index=True)
    partner_kind = models.CharField(max_length=32, choices=PartnerKind.choices)
    partner_description = models.TextField(blank=True, default="")
    partner_website = models.URLField(max_length=500, blank=True, default="")
    partner_logo_url = models.CharField(max_length=500, blank=True, default="")
    partner_contact_name = models.CharField(max_length=200, blank=True, default="")
    partner_contact_email = models.EmailField(max_length=254, blank=True, default="")
    partner_contact_phone = models.CharField(max_length=40, blank=True, default="")
    attendance_method = models.CharField(
        max_length=20, choices=AttendanceMethod.choices, default=AttendanceMethod.CODE_AND_STAFF
    )
    checkin_opens_minutes = models.PositiveSmallIntegerField(default=30)
    checkin_closes_minutes = models.PositiveSmallIntegerField(default=30)
    one_session_per_learner = models.BooleanField(default=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(partner_kind__in=PartnerKind.values), name="bina_workshop_partner_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(attendance_method__in=AttendanceMethod.values),
                name="bina_workshop_attendance_method_valid",
            ),
        ]

    def __str__(self):
        return f"{self.partner_name}: {self.title}"


class WorkshopSession(TimeStampedModel):
    """One dated session of a workshop, with a seat capacity and a JP credit.

    ``key`` is the stable identifier the block gives the session in Studio; editing a session keeps
    its key, so registrations are never lost. Times are UTC; ``ends_at`` and the check-in window are
    stored (derived by the sync) so that queries and the no-show settlement can use them.
    """

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="sessions")
    key = models.SlugField(max_length=64)
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=255)
    kind = models.CharField(max_length=16, choices=SessionKind.choices, default=SessionKind.WORKSHOP)
    international = models.BooleanField(default=False)
    starts_at = models.DateTimeField(db_index=True)
    duration_minutes = models.PositiveIntegerField()
    ends_at = models.DateTimeField()
    mode = models.CharField(max_length=16, choices=SessionMode.choices, default=SessionMode.ONSITE)
    location = models.TextField(blank=True, default="")
    meeting_url = models.URLField(max_length=500, blank=True, default="")
    capacity = models.PositiveIntegerField()
    registration_deadline = models.DateTimeField()
    jp_explicit = models.PositiveSmallIntegerField(null=True, blank=True)
    jp_credit = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=16, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED)
    checkin_code = models.CharField(max_length=16)
    checkin_opens_at = models.DateTimeField()
    checkin_closes_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["workshop_id", "position", "starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "key"], name="bina_workshop_session_key_unique"),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="bina_workshop_session_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1), name="bina_workshop_session_duration_positive"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="bina_workshop_session_ends_after"
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__lte=F("starts_at")),
                name="bina_workshop_session_deadline_before_start",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=SessionKind.values), name="bina_workshop_session_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(mode__in=SessionMode.values), name="bina_workshop_session_mode_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=SessionStatus.values), name="bina_workshop_session_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.starts_at:%Y-%m-%d %H:%M} UTC)"


class WorkshopRegistration(TimeStampedModel):
    """A learner's place in one session: a seat, a place on the waiting list, or a cancelled one.

    ``queue_number`` orders the waiting list (lowest first); it is handed out under the workshop
    lock, so it follows the order in which learners joined. ``jp_credited`` is the session's JP
    once the learner's attendance stands (the session has ended and its check-in window closed;
    ``jp_credited_at`` says when), otherwise 0: an attendee is *pending* until then.
    """

    session = models.ForeignKey(WorkshopSession, on_delete=models.PROTECT, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    anonymous_user_id = models.CharField(max_length=64, blank=True, default="")
    status = models.CharField(max_length=16, choices=RegistrationStatus.choices, db_index=True)
    queue_number = models.PositiveIntegerField(null=True, blank=True)
    registered_at = models.DateTimeField(null=True, blank=True)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended_at = models.DateTimeField(null=True, blank=True)
    attendance_method = models.CharField(max_length=8, choices=CheckInMethod.choices, blank=True, default="")
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    jp_credited = models.PositiveSmallIntegerField(default=0)
    jp_credited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="bina_workshop_registration_unique"),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values),
                name="bina_workshop_registration_status_valid",
            ),
            # Attended rows carry when and how; every other row credits no JP.
            models.CheckConstraint(
                condition=(
                    Q(status=RegistrationStatus.ATTENDED, attended_at__isnull=False)
                    & ~Q(attendance_method="")
                )
                | (~Q(status=RegistrationStatus.ATTENDED) & Q(jp_credited=0)),
                name="bina_workshop_registration_attendance_consistent",
            ),
            # JP only once credited (an attendee is pending until the attendance stands).
            models.CheckConstraint(
                condition=Q(jp_credited_at__isnull=False, status=RegistrationStatus.ATTENDED)
                | (Q(jp_credited_at__isnull=True) & Q(jp_credited=0)),
                name="bina_workshop_registration_jp_once_credited",
            ),
            # Only the waiting list has queue numbers.
            models.CheckConstraint(
                condition=Q(status=RegistrationStatus.WAITING, queue_number__isnull=False)
                | (~Q(status=RegistrationStatus.WAITING) & Q(queue_number__isnull=True)),
                name="bina_workshop_registration_queue_only_waiting",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "queue_number"], name="bina_ws_reg_queue_idx")]

    def __str__(self):
        return f"{self.user_id} in {self.session_id}: {self.status}"


class WorkshopReaction(TimeStampedModel):
    """A reaction survey (Kirkpatrick level 1) answered by an attendee, once per registration.

    ``answers`` maps the block's question keys to 1-5; ``comment`` is the learner's free text.
    """

    registration = models.OneToOneField(
        WorkshopRegistration, on_delete=models.PROTECT, related_name="reaction"
    )
    answers = models.JSONField(default=dict)
    comment = models.CharField(max_length=2000, blank=True, default="")

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"reaction to {self.registration_id}"
