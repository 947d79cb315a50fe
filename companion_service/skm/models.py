"""SKM tables: per service unit its survey settings, kinds of service (jenis layanan), adapted
wording, number of service users per period; the responses; quarterly tallies; imports; the RTL.

Answers are stored one column per unsur code (``u1`` ... ``u9``, 1-4 or empty when not answered) so
the IKM is a single SQL aggregation. ``ResponseTally`` keeps, per unit, kind of service and quarter,
the respondents and each unsur's sum and count of answers; it changes in the same transaction as
the responses (see ``services``), so dashboards read a few hundred rows instead of millions.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companion_service.organization.models import ServiceUnit

from .ikm import UNSUR_CODES
from .periods import Period, PeriodKind
from .profile import AgeGroup, Education, Occupation, Sex

UNSUR_CHOICES = [(code, code) for code in UNSUR_CODES]
PERIOD_KIND_CHOICES = [
    (PeriodKind.QUARTER.value, _("quarter")),
    (PeriodKind.SEMESTER.value, _("semester")),
    (PeriodKind.YEAR.value, _("year")),
]


def answer_field(code: str) -> str:
    """The column holding the answers to unsur ``code`` (``U3`` -> ``u3``)."""
    return code.lower()


def sum_field(code: str) -> str:
    return f"s{code[1:]}"


def count_field(code: str) -> str:
    return f"c{code[1:]}"


class PeriodFields(models.Model):
    """A survey period stored as kind, year and number (quarter 1-4, semester 1-2, year 1)."""

    period_kind = models.CharField(_("period"), max_length=10, choices=PERIOD_KIND_CHOICES)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number"), default=1)

    class Meta:
        abstract = True

    @property
    def period(self) -> Period:
        return Period(self.year, PeriodKind(self.period_kind), self.number)

    def set_period(self, period: Period) -> None:
        self.period_kind, self.year, self.number = period.kind.value, period.year, period.number


PERIOD_NUMBER_VALID = (
    Q(period_kind="quarter", number__gte=1, number__lte=4)
    | Q(period_kind="semester", number__gte=1, number__lte=2)
    | Q(period_kind="year", number=1)
)


class UnitSurvey(models.Model):
    """How one service unit runs its survey; created the first time the unit's survey is used."""

    unit = models.OneToOneField(
        ServiceUnit, verbose_name=_("service unit"), on_delete=models.CASCADE, related_name="skm_survey"
    )
    is_open = models.BooleanField(
        _("open to citizens"), default=True, help_text=_("Citizens can answer on the public page.")
    )
    ask_officer = models.BooleanField(
        _("ask for the officer's name"),
        default=True,
        help_text=_("An optional question: the officer who served the citizen."),
    )
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("A short text shown above the questions (optional).")
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unit survey")
        verbose_name_plural = _("unit surveys")

    def __str__(self):
        return str(self.unit)


class ServiceKind(models.Model):
    """A jenis layanan: a kind of service the unit offers (e.g. KTP-el, Kartu Keluarga)."""

    unit = models.ForeignKey(
        ServiceUnit,
        verbose_name=_("service unit"),
        on_delete=models.PROTECT,
        related_name="skm_service_kinds",
    )
    code = models.SlugField(_("code"), max_length=64)
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("offered"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["unit", "position", "name"]
        verbose_name = _("kind of service")
        verbose_name_plural = _("kinds of service")
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="skm_kind_unique_code"),
            models.UniqueConstraint(fields=["unit", "name"], name="skm_kind_unique_name"),
        ]

    def __str__(self):
        return self.name


class UnsurWording(models.Model):
    """A unit's own wording of one unsur; an empty field keeps the model questionnaire's text."""

    unit = models.ForeignKey(
        ServiceUnit, verbose_name=_("service unit"), on_delete=models.CASCADE, related_name="skm_wordings"
    )
    code = models.CharField(_("unsur"), max_length=2, choices=UNSUR_CHOICES)
    question = models.TextField(_("question"), blank=True)
    label_1 = models.CharField(_("answer 1"), max_length=120, blank=True)
    label_2 = models.CharField(_("answer 2"), max_length=120, blank=True)
    label_3 = models.CharField(_("answer 3"), max_length=120, blank=True)
    label_4 = models.CharField(_("answer 4"), max_length=120, blank=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit", "code"]
        verbose_name = _("unsur wording")
        verbose_name_plural = _("unsur wordings")
        constraints = [models.UniqueConstraint(fields=["unit", "code"], name="skm_wording_unique_code")]

    def __str__(self):
        return f"{self.unit.code} {self.code}"

    @property
    def labels(self) -> tuple[str, str, str, str]:
        return (self.label_1, self.label_2, self.label_3, self.label_4)


class ServiceUserCount(PeriodFields):
    """How many people used the unit's services in a period: the population of the minimum sample."""

    unit = models.ForeignKey(
        ServiceUnit, verbose_name=_("service unit"), on_delete=models.CASCADE, related_name="skm_user_counts"
    )
    users = models.PositiveIntegerField(_("service users"))
    note = models.CharField(_("source"), max_length=255, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit", "year", "period_kind", "number"]
        verbose_name = _("number of service users")
        verbose_name_plural = _("numbers of service users")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period_kind", "year", "number"], name="skm_users_unique_period"
            ),
            models.CheckConstraint(condition=PERIOD_NUMBER_VALID, name="skm_users_period_number"),
            models.CheckConstraint(condition=Q(users__gte=1), name="skm_users_positive"),
        ]

    def __str__(self):
        return f"{self.unit.code} {self.period.key}: {self.users}"


class ImportStatus(models.TextChoices):
    DRAFT = "draft", _("checked, not imported")
    COMMITTED = "committed", _("imported")
    UNDONE = "undone", _("undone")


class ImportBatch(models.Model):
    """One uploaded spreadsheet: its bytes, the column mapping chosen, and what the import did."""

    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.DRAFT
    )
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    content = models.BinaryField()
    source = models.CharField(_("source"), max_length=10, default="web")
    mapping = models.JSONField(_("column mapping"), default=dict)
    options = models.JSONField(default=dict)
    total_rows = models.PositiveIntegerField(default=0)
    imported_rows = models.PositiveIntegerField(default=0)
    rejected_rows = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    committed_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created"]
        verbose_name = _("SKM import")
        verbose_name_plural = _("SKM imports")

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"


class ImportLayout(models.Model):
    """A spreadsheet layout (its set of column names) and the column mapping chosen for it once."""

    signature = models.CharField(max_length=64, unique=True)
    columns = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("import layout")
        verbose_name_plural = _("import layouts")

    def __str__(self):
        return ", ".join(self.columns)


class ResponseSource(models.TextChoices):
    FORM = "form", _("public form")
    IMPORT = "import", _("import")


class ReviewReason(models.TextChoices):
    """Why a public-form answer waits for an evaluator's look (it is stored and counted meanwhile)."""

    DUPLICATE = "duplicate", _("Same answers from the same device within minutes")
    BURST = "burst", _("Arrived while the unit received unusually many answers")


def _answer(code):
    return models.PositiveSmallIntegerField(code, null=True, blank=True)


class SurveyResponse(models.Model):
    """One respondent's answers to the nine unsur, profile and comment. Individual answers are never
    shown to evaluators; pages show aggregates, and comments without the answers next to them."""

    unit = models.ForeignKey(
        ServiceUnit, verbose_name=_("service unit"), on_delete=models.PROTECT, related_name="skm_responses"
    )
    service_kind = models.ForeignKey(
        ServiceKind,
        verbose_name=_("kind of service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responses",
    )
    answered_on = models.DateField(_("survey date"))
    submitted_at = models.DateTimeField(_("recorded"), default=timezone.now)
    source = models.CharField(_("source"), max_length=10, choices=ResponseSource.choices)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="responses"
    )
    u1 = _answer("U1")
    u2 = _answer("U2")
    u3 = _answer("U3")
    u4 = _answer("U4")
    u5 = _answer("U5")
    u6 = _answer("U6")
    u7 = _answer("U7")
    u8 = _answer("U8")
    u9 = _answer("U9")
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    age_group = models.CharField(_("age"), max_length=5, choices=AgeGroup.choices, blank=True)
    education = models.CharField(_("education"), max_length=10, choices=Education.choices, blank=True)
    occupation = models.CharField(_("occupation"), max_length=16, choices=Occupation.choices, blank=True)
    officer = models.CharField(_("officer who served"), max_length=120, blank=True)
    comment = models.TextField(_("criticism and suggestions"), blank=True)
    nonce = models.CharField(max_length=40, null=True, blank=True, unique=True)
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    # Public-form answers an evaluator should look at (ADR 0101): counted like any other until then.
    review = models.CharField(
        _("to review"), max_length=10, choices=ReviewReason.choices, blank=True, default="", db_index=True
    )
    similar_to = models.ForeignKey(
        "self",
        verbose_name=_("same answers as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-answered_on", "-id"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [
            models.Index(fields=["unit", "answered_on"], name="skm_response_unit_date"),
            # The latest form answer (the coverage page, every refresh): one index lookup, not a scan.
            models.Index(fields=["source", "submitted_at"], name="skm_response_source_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{answer_field(code)}__isnull": True})
                | Q(**{f"{answer_field(code)}__gte": 1, f"{answer_field(code)}__lte": 4}),
                name=f"skm_response_{answer_field(code)}_scale",
            )
            for code in UNSUR_CODES
        ]

    def __str__(self):
        return f"{self.unit.code} {self.answered_on} #{self.pk}"

    def answers(self) -> dict[str, int | None]:
        return {code: getattr(self, answer_field(code)) for code in UNSUR_CODES}


def _sum():
    return models.BigIntegerField(default=0)


def _count():
    return models.PositiveIntegerField(default=0)


class ResponseTally(models.Model):
    """Per unit, kind of service (or none) and quarter: respondents and each unsur's sum and count."""

    unit = models.ForeignKey(ServiceUnit, on_delete=models.CASCADE, related_name="skm_tallies")
    service_kind = models.ForeignKey(
        ServiceKind, null=True, blank=True, on_delete=models.CASCADE, related_name="tallies"
    )
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    respondents = models.PositiveIntegerField(default=0)
    s1, s2, s3, s4, s5, s6, s7, s8, s9 = (_sum() for _ in range(9))
    c1, c2, c3, c4, c5, c6, c7, c8, c9 = (_count() for _ in range(9))

    class Meta:
        verbose_name = _("response tally")
        verbose_name_plural = _("response tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "service_kind", "year", "quarter"],
                condition=Q(service_kind__isnull=False),
                name="skm_tally_unique_kind",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "quarter"],
                condition=Q(service_kind__isnull=True),
                name="skm_tally_unique_nokind",
            ),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="skm_tally_quarter"),
        ]
        indexes = [models.Index(fields=["year", "quarter"], name="skm_tally_period")]

    def __str__(self):
        return f"{self.unit_id}/{self.service_kind_id or '-'} {self.year}-Q{self.quarter}: {self.respondents}"


class FollowUpStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class FollowUp(PeriodFields):
    """An RTL (rencana tindak lanjut): an action planned after a survey period for a weak unsur."""

    unit = models.ForeignKey(
        ServiceUnit, verbose_name=_("service unit"), on_delete=models.PROTECT, related_name="skm_follow_ups"
    )
    unsur = models.CharField(_("unsur"), max_length=2, choices=UNSUR_CHOICES, blank=True)
    problem = models.TextField(_("problem found"))
    action = models.TextField(_("follow-up action"))
    owner = models.CharField(_("person responsible"), max_length=200)
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=FollowUpStatus.choices, default=FollowUpStatus.PLANNED
    )
    done_on = models.DateField(_("completed on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("follow-up (RTL)")
        verbose_name_plural = _("follow-ups (RTL)")
        constraints = [
            models.CheckConstraint(condition=PERIOD_NUMBER_VALID, name="skm_followup_period_number"),
            models.CheckConstraint(
                condition=Q(status="done", done_on__isnull=False) | ~Q(status="done"),
                name="skm_followup_done_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.unit.code} {self.period.key} {self.unsur or '-'}"

    @property
    def is_late(self) -> bool:
        if self.status == FollowUpStatus.DONE:
            return bool(self.done_on and self.done_on > self.due_on)
        if self.status == FollowUpStatus.CANCELLED:
            return False
        return timezone.localdate() > self.due_on


class AnomalyKind(models.TextChoices):
    CLIENT_LIMIT = "client_limit", _("One device sent more answers than allowed (refused)")
    UNIT_BURST = "unit_burst", _("Unusually many answers at the unit (stored, marked for review)")
    UNIT_CEILING = "unit_ceiling", _("More answers at the unit than the ceiling allows (refused)")
    TOKEN_REPLAY = "token_replay", _("A form already sent came back with other answers (refused)")


class FormAnomaly(models.Model):
    """Unusual traffic at a unit's public form in one limit window, counted for evaluators (ADR
    0100). ``client`` is a short keyed hash telling devices apart, never an address."""

    unit = models.ForeignKey(
        ServiceUnit, verbose_name=_("service unit"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("what happened"), max_length=20, choices=AnomalyKind.choices)
    window_start = models.DateTimeField(_("from"))
    client = models.CharField(max_length=12, blank=True, default="")
    count = models.PositiveIntegerField(_("answers"), default=0)
    last_seen = models.DateTimeField(_("last seen"), default=timezone.now)

    class Meta:
        verbose_name = _("unusual form traffic")
        verbose_name_plural = _("unusual form traffic")
        ordering = ["-window_start", "unit_id", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "window_start", "client"], name="skm_anomaly_unique_window"
            )
        ]

    def __str__(self):
        return f"{self.unit_id} {self.kind} {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
