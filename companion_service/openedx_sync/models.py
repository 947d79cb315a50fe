"""LMS connections, sync runs and checkpoints, and the records the sync brings from Open edX.

Synced rows are keyed by what the LMS keys them by (course key, username, the plugin API's row id)
so a run can be repeated without creating anything twice. Times are stored in UTC.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from companion_service.roster.models import Asn

from .channels import JpEstimate, LearningChannel, estimate_jp, jp_source
from .secrets import same_lms


class CompletionSource(models.TextChoices):
    """Where completion comes from: the aggregator plugin when the LMS has it, else the blocks API."""

    AUTO = "auto", _("Automatic (aggregator when installed, otherwise the blocks API)")
    AGGREGATOR = "aggregator", _("openedx-completion-aggregator")
    BLOCKS = "blocks", _("Blocks API (per learner)")
    NONE = "none", _("Do not sync completion")


def validate_lms_url(value: str) -> None:
    """An http(s) URL with a host: a public name, or a service name inside a compose network (``lms``)."""
    from urllib.parse import urlsplit

    from django.core.exceptions import ValidationError

    parts = urlsplit(value or "")
    try:
        parts.port  # noqa: B018 (a bad port raises)
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or any(c.isspace() for c in value)
        or parts.query
        or parts.fragment
    ):
        raise ValidationError(_("%(value)s is not an http(s) URL."), params={"value": value}, code="invalid")


class LmsConnection(models.Model):
    """One Open edX LMS the companion reads with an OAuth2 client-credentials application."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    base_url = models.CharField(
        _("LMS base URL"),
        max_length=200,
        unique=True,
        blank=True,
        validators=[validate_lms_url],
        help_text=_(
            "For example https://lms.sibolgakota.go.id (no path), or http://lms:8000 inside Tutor. Empty "
            "only for an LMS known from grade reports alone."
        ),
    )
    client_id = models.CharField(_("OAuth2 client id"), max_length=255, blank=True)
    client_secret_encrypted = models.TextField(
        _("client secret (encrypted)"),
        blank=True,
        help_text=_("Empty: the secret is read from the environment variable OPENEDX_CLIENT_SECRET."),
    )
    service_username = models.CharField(
        _("service username"),
        max_length=150,
        blank=True,
        help_text=_("The LMS user owning the OAuth2 application; empty: taken from the token."),
    )
    completion_source = models.CharField(
        _("completion source"), max_length=12, choices=CompletionSource.choices, default=CompletionSource.AUTO
    )
    completion_concurrency = models.PositiveSmallIntegerField(
        _("parallel completion requests"),
        default=3,
        help_text=_("Requests at a time when completion comes from the blocks API (1-4)."),
    )
    completion_refresh_days = models.PositiveSmallIntegerField(
        _("completion refresh (days)"),
        default=7,
        help_text=_("Blocks API only: learners not yet complete are read again after this many days."),
    )
    certificate_lookups = models.PositiveIntegerField(
        _("certificate look-ups per run"),
        default=300,
        help_text=_("Learners newly passed whose certificate date is asked for in one run; 0 turns it off."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    last_tested = models.DateTimeField(_("last tested"), null=True, blank=True)
    last_test_ok = models.BooleanField(_("last test passed"), null=True, blank=True)
    last_test_message = models.TextField(_("last test result"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("LMS connection")
        verbose_name_plural = _("LMS connections")

    # Set by ``save`` when it dropped the stored secret because the URL changed.
    secret_dropped = False

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """Save; a stored secret belongs to the LMS it was entered for, so moving the connection to
        another URL drops it unless the same save stores a new one (ADR 0104)."""
        if self.pk and self.client_secret_encrypted:
            before = (
                type(self)
                .objects.filter(pk=self.pk)
                .values_list("base_url", "client_secret_encrypted")
                .first()
            )
            if (
                before
                and before[1] == self.client_secret_encrypted
                and not same_lms(before[0], self.base_url)
            ):
                self.client_secret_encrypted = ""
                self.secret_dropped = True
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "client_secret_encrypted"}
        super().save(*args, **kwargs)


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    RUNNING = "running", _("Running")
    OK = "ok", _("OK")
    PARTIAL = "partial", _("Partial")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING)


class RunTrigger(models.TextChoices):
    COMMAND = "command", _("Command line")
    ADMIN = "admin", _("Administration page")
    SCHEDULE = "schedule", _("Scheduled task")


class SyncRun(models.Model):
    """One sync of one LMS: when, how it ended, what it fetched and wrote, what went wrong."""

    connection = models.ForeignKey(
        LmsConnection, verbose_name=_("LMS connection"), on_delete=models.CASCADE, related_name="runs"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    full = models.BooleanField(_("full run"), default=False)
    trigger = models.CharField(_("started from"), max_length=10, choices=RunTrigger.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started = models.DateTimeField(_("started"), db_index=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    heartbeat = models.DateTimeField(_("last sign of life"))
    host = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"), null=True, blank=True)
    # The process's start (clock ticks since boot, /proc/PID/stat): a PID reused after a restart is
    # not taken for the run's process.
    process_started = models.BigIntegerField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, help_text=_("Workers that took the run up (more than one: it was resumed).")
    )
    cancel_requested = models.BooleanField(_("cancel requested"), default=False)
    rows_done = models.PositiveIntegerField(_("rows so far"), default=0)
    current_unit = models.CharField(_("current unit"), max_length=300, blank=True)
    units_done = models.PositiveIntegerField(_("units done"), default=0)
    units_total = models.PositiveIntegerField(_("units in all"), default=0)
    # The courses of a run split over several workers: pending, taken (by which process) and done.
    work = models.JSONField(default=dict, blank=True)
    resumed_from = models.ForeignKey(
        "self", verbose_name=_("resumes"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    counts = models.JSONField(_("counts"), default=dict)
    unmatched_learners = models.PositiveIntegerField(_("unmatched learners"), default=0)
    errors = models.JSONField(_("errors"), default=list)
    http_calls = models.PositiveIntegerField(_("HTTP calls"), default=0)
    http_retries = models.PositiveIntegerField(_("retries and waits"), default=0)

    class Meta:
        ordering = ["-started"]
        verbose_name = _("sync run")
        verbose_name_plural = _("sync runs")

    def __str__(self):
        return f"{self.connection} {self.started:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def duration(self):
        return (self.finished - self.started) if self.finished else None


class SyncCheckpoint(models.Model):
    """A unit of work (one resource of one course, or one plugin listing) completed by a run.

    Written in the same transaction as the unit's rows: a run that dies leaves either both or
    neither, and the next run skips the units the dead run finished. ``fingerprint`` is a digest of
    the pages as the LMS sent them: when it has not changed, there is nothing to write.
    ``high_water`` is the newest ``modified`` seen, for the plugin API's ``modified_since``.
    """

    connection = models.ForeignKey(LmsConnection, on_delete=models.CASCADE, related_name="checkpoints")
    resource = models.CharField(max_length=40)
    course_key = models.CharField(max_length=255, blank=True)
    run = models.ForeignKey(SyncRun, null=True, on_delete=models.SET_NULL, related_name="checkpoints")
    completed = models.DateTimeField()
    fingerprint = models.CharField(max_length=64, blank=True)
    high_water = models.DateTimeField(null=True, blank=True)
    rows = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["connection", "resource", "course_key"], name="openedx_sync_checkpoint_unique"
            )
        ]

    def __str__(self):
        return f"{self.resource} {self.course_key}".strip()


class Course(models.Model):
    """A course of the LMS, with the JP and learning channel the companion credits it with."""

    connection = models.ForeignKey(LmsConnection, on_delete=models.CASCADE, related_name="courses")
    course_key = models.CharField(_("course key"), max_length=255)
    name = models.CharField(_("name"), max_length=255)
    org = models.CharField(_("organisation"), max_length=255, blank=True)
    number = models.CharField(_("number"), max_length=255, blank=True)
    short_description = models.TextField(_("short description"), blank=True)
    start = models.DateTimeField(_("start"), null=True, blank=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    effort = models.CharField(_("effort (from the LMS)"), max_length=100, blank=True)
    pacing = models.CharField(_("pacing"), max_length=20, blank=True)
    hidden = models.BooleanField(_("hidden in the catalog"), default=False)
    jp = models.PositiveSmallIntegerField(
        _("JP"),
        null=True,
        blank=True,
        help_text=_("Jam pelajaran (45 minutes each) credited for completing the course."),
    )
    jp_set_by_admin = models.BooleanField(
        _("JP set by an administrator"),
        default=False,
        help_text=_(
            "Otherwise the JP are estimated at each sync from the LMS: effort per week x weeks from "
            "start to end (none for a self-paced course or one without dates)."
        ),
    )
    channel = models.CharField(
        _("learning channel"),
        max_length=24,
        choices=LearningChannel.choices,
        default=LearningChannel.E_LEARNING,
    )
    in_lms = models.BooleanField(_("listed by the LMS"), default=True)
    first_seen = models.DateTimeField(_("first seen"))
    last_seen = models.DateTimeField(_("last seen"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.UniqueConstraint(fields=["connection", "course_key"], name="openedx_sync_course_unique")
        ]

    def __str__(self):
        return f"{self.name} ({self.course_key})"

    @property
    def jp_source(self) -> str:
        """``set`` (by BKPSDM), ``estimated`` (effort x weeks) or ``missing``."""
        return jp_source(self.jp, self.jp_set_by_admin)

    @property
    def jp_estimate(self) -> JpEstimate:
        """What the LMS's data give (the estimate, or why there is none)."""
        return estimate_jp(self.effort, self.start, self.end, self.pacing)


class LinkMethod(models.TextChoices):
    USERNAME = "username", _("Username recorded in the roster")
    NIP = "nip", _("Username is the NIP (same email, or confirmed by an administrator)")
    EMAIL = "email", _("Same email address")
    MANUAL = "manual", _("Linked by an administrator")


class Learner(models.Model):
    """An LMS user seen by the sync, and the ASN they are (when known)."""

    connection = models.ForeignKey(LmsConnection, on_delete=models.CASCADE, related_name="learners")
    username = models.CharField(_("LMS username"), max_length=150)
    email = models.EmailField(_("email in the LMS"), blank=True)
    asn = models.ForeignKey(
        Asn, verbose_name=_("ASN"), null=True, blank=True, on_delete=models.SET_NULL, related_name="learners"
    )
    link_method = models.CharField(_("linked by"), max_length=10, choices=LinkMethod.choices, blank=True)
    linked_at = models.DateTimeField(_("linked at"), null=True, blank=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("linked by (administrator)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(
        _("link checked at"),
        null=True,
        blank=True,
        help_text=_("When an administrator checked (or confirmed) the link; empty: not yet checked."),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("link checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    first_seen = models.DateTimeField(_("first seen"))

    class Meta:
        ordering = ["username"]
        verbose_name = _("LMS learner")
        verbose_name_plural = _("LMS learners")
        constraints = [
            models.UniqueConstraint(fields=["connection", "username"], name="openedx_sync_learner_unique")
        ]

    def __str__(self):
        return self.username


class DateSource(models.TextChoices):
    """Where a completion or pass date comes from."""

    CERTIFICATE = "certificate", _("Certificate date")
    FIRST_SYNC = "first_sync", _("First sync that saw it")
    GRADE_REPORT = "grade_report", _("Grade report download date")


class Enrollment(models.Model):
    """A learner's enrollment in a course; inactive means unenrolled."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrollments")
    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="enrollments")
    mode = models.CharField(_("mode"), max_length=50, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    enrolled_at = models.DateTimeField(_("enrolled at (LMS)"), null=True, blank=True)
    unenrolled_at = models.DateTimeField(
        _("unenrolled at"),
        null=True,
        blank=True,
        help_text=_("The first sync that saw the enrollment inactive."),
    )
    first_seen = models.DateTimeField(_("first seen"))
    modified = models.DateTimeField(_("modified"))

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [
            models.UniqueConstraint(fields=["course", "learner"], name="openedx_sync_enrollment_unique")
        ]

    def __str__(self):
        return f"{self.learner} in {self.course}"


class Grade(models.Model):
    """A learner's course grade, and when they first passed."""

    class Source(models.TextChoices):
        API = "api", _("Grades API")
        GRADE_REPORT = "grade_report", _("Grade report CSV")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="grades")
    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="grades")
    percent = models.FloatField(_("grade (0-1)"))
    passed = models.BooleanField(_("passed"))
    letter_grade = models.CharField(_("letter grade"), max_length=64, blank=True)
    passed_at = models.DateTimeField(_("passed at"), null=True, blank=True)
    passed_at_source = models.CharField(
        _("pass date from"), max_length=12, choices=DateSource.choices, blank=True
    )
    certificate_checked = models.BooleanField(default=False)
    certificate_number = models.CharField(
        _("certificate number"),
        max_length=64,
        blank=True,
        help_text=_("The certificate's verify id in the LMS (the last part of its web address)."),
    )
    source = models.CharField(_("source"), max_length=12, choices=Source.choices, default=Source.API)
    first_seen = models.DateTimeField(_("first seen"))
    modified = models.DateTimeField(_("modified"))

    class Meta:
        verbose_name = _("grade")
        verbose_name_plural = _("grades")
        constraints = [
            models.UniqueConstraint(fields=["course", "learner"], name="openedx_sync_grade_unique")
        ]

    def __str__(self):
        return f"{self.learner} in {self.course}: {self.percent:.0%}"


class Completion(models.Model):
    """A learner's completion of a course (earned over possible completable blocks); when it hit 100%."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="completions")
    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="completions")
    earned = models.FloatField(_("earned"))
    possible = models.FloatField(_("possible"))
    percent = models.FloatField(_("completion (0-1)"))
    source = models.CharField(_("source"), max_length=12, choices=CompletionSource.choices)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_at_source = models.CharField(
        _("completion date from"), max_length=12, choices=DateSource.choices, blank=True
    )
    checked = models.DateTimeField(_("last read from the LMS"))
    first_seen = models.DateTimeField(_("first seen"))
    modified = models.DateTimeField(_("modified"))

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        constraints = [
            models.UniqueConstraint(fields=["course", "learner"], name="openedx_sync_completion_unique")
        ]

    def __str__(self):
        return f"{self.learner} in {self.course}: {self.percent:.0%}"


class PluginRecord(models.Model):
    """Base of the rows synced from the plugin API v1: keyed by the LMS's row id, with its times."""

    connection = models.ForeignKey(LmsConnection, on_delete=models.CASCADE, related_name="+")
    remote_id = models.BigIntegerField(_("id in the LMS"))
    course_key = models.CharField(_("course key"), max_length=255, db_index=True)
    lms_created = models.DateTimeField(_("created in the LMS"))
    lms_modified = models.DateTimeField(_("changed in the LMS"), db_index=True)
    synced = models.DateTimeField(_("synced"))

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self._meta.verbose_name} {self.remote_id}"


class AssessmentAttempt(PluginRecord):
    """A submitted attempt of the digital-skills assessment block."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="assessment_attempts")
    usage_id = models.CharField(max_length=255)
    anonymous_user_id = models.CharField(max_length=64, blank=True)
    mode = models.CharField(_("mode"), max_length=12)
    pairing_key = models.CharField(_("pairing key"), max_length=100, blank=True)
    attempt_number = models.PositiveIntegerField(_("attempt"))
    score = models.FloatField(_("score (0-1)"))
    passed = models.BooleanField(_("passed"))
    pillar_scores = models.JSONField(default=dict)
    pillar_index = models.JSONField(default=dict)
    competence_scores = models.JSONField(default=dict)
    started_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("assessment attempt")
        verbose_name_plural = _("assessment attempts")
        constraints = [
            models.UniqueConstraint(fields=["connection", "remote_id"], name="openedx_sync_attempt_unique")
        ]

    def __str__(self):
        return PluginRecord.__str__(self)


class Idea(PluginRecord):
    """An innovation idea from the competition block (every state but draft)."""

    usage_id = models.CharField(max_length=255)
    title = models.CharField(_("title"), max_length=255)
    state = models.CharField(_("state"), max_length=20, db_index=True)
    category = models.CharField(_("category"), max_length=100, blank=True)
    opd_code = models.CharField(_("OPD code"), max_length=32, blank=True)
    opd_name = models.CharField(_("OPD name"), max_length=255, blank=True)
    service_name = models.CharField(_("service"), max_length=255, blank=True)
    is_digital = models.BooleanField(_("digital"), default=False)
    author = models.ForeignKey(
        Learner, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="ideas"
    )
    co_proposers = models.JSONField(default=list)
    supports_count = models.PositiveIntegerField(default=0)
    comments_count = models.PositiveIntegerField(default=0)
    score_mean = models.FloatField(null=True, blank=True)
    score_stdev = models.FloatField(null=True, blank=True)
    score_count = models.PositiveIntegerField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    state_changed_at = models.DateTimeField(null=True, blank=True)
    program = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        constraints = [
            models.UniqueConstraint(fields=["connection", "remote_id"], name="openedx_sync_idea_unique")
        ]

    def __str__(self):
        return self.title


class WorkshopSession(PluginRecord):
    """A partner workshop or seminar session."""

    usage_id = models.CharField(max_length=255)
    partner_name = models.CharField(_("partner"), max_length=255)
    partner_kind = models.CharField(_("partner kind"), max_length=30, blank=True)
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=0)
    mode = models.CharField(_("mode"), max_length=20, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    jp_credit = models.PositiveSmallIntegerField(_("JP credit"), default=0)
    registered_count = models.PositiveIntegerField(default=0)
    waiting_count = models.PositiveIntegerField(default=0)
    attended_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("workshop session")
        verbose_name_plural = _("workshop sessions")
        constraints = [
            models.UniqueConstraint(fields=["connection", "remote_id"], name="openedx_sync_session_unique")
        ]

    def __str__(self):
        return self.title


class WorkshopAttendance(PluginRecord):
    """One learner's registration and attendance at one session."""

    session_remote_id = models.BigIntegerField(_("session id in the LMS"), db_index=True)
    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="workshop_attendance")
    anonymous_user_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=12)
    attended_at = models.DateTimeField(_("attended at"), null=True, blank=True)
    jp_credited = models.PositiveSmallIntegerField(_("JP credited"), default=0)
    # "credited", "pending" (attended; the JP count once the session has ended and the attendance
    # stands) or "none"; empty from a plugin older than this field (its JP counted at check-in).
    jp_status = models.CharField(_("JP status"), max_length=10, blank=True)
    jp_counts_from = models.DateTimeField(_("JP count from"), null=True, blank=True)
    method = models.CharField(_("checked in by"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("workshop attendance")
        verbose_name_plural = _("workshop attendance")
        constraints = [
            models.UniqueConstraint(fields=["connection", "remote_id"], name="openedx_sync_attendance_unique")
        ]

    def __str__(self):
        return PluginRecord.__str__(self)


class WorkshopReaction(PluginRecord):
    """An anonymous reaction survey (Kirkpatrick level 1) on a session; answers on 1-5.

    No learner: the LMS stores and sends reactions without one (ADR 0106), and a username an older
    plugin still sends is not kept. Reports show them only for sessions with at least 5 answers.
    """

    session_remote_id = models.BigIntegerField(_("session id in the LMS"), db_index=True)
    answers = models.JSONField(default=dict)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("workshop reaction")
        verbose_name_plural = _("workshop reactions")
        constraints = [
            models.UniqueConstraint(fields=["connection", "remote_id"], name="openedx_sync_reaction_unique")
        ]

    def __str__(self):
        return PluginRecord.__str__(self)


class AssessmentAnalysis(models.Model):
    """The item analysis and cohort gains of one course's digital-skills assessments, as the LMS
    computed them (``GET /api/bina/v1/assessment-analysis/``), replaced at every sync.

    ``payload`` keeps the LMS's answer as it came (blocks, forms with reliability, SEM and per-item
    statistics, gains per pairing key); the evaluation pages read it. Aggregates only: no learner's
    answers are in it (the LMS withholds the items of a form taken by fewer than five learners).
    """

    connection = models.ForeignKey(LmsConnection, on_delete=models.CASCADE, related_name="+")
    course_key = models.CharField(_("course key"), max_length=255, db_index=True)
    payload = models.JSONField(default=dict)
    fetched = models.DateTimeField(_("read from the LMS"))

    class Meta:
        verbose_name = _("assessment item analysis")
        verbose_name_plural = _("assessment item analyses")
        constraints = [
            models.UniqueConstraint(fields=["connection", "course_key"], name="openedx_sync_analysis_unique")
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} {self.course_key}"
