"""Tables of the evaluation: the programme's definition, refresh runs, and the aggregates pages read.

Pages never read the source tables (responses, enrollments, grades ...): the refresh service
(``refresh.py``) recomputes these small tables with SQL after each sync, SKM import or roster
import, and ``companion evaluate --refresh``. They are keyed by year, OPD, unit, quarter, pillar,
and hold counts, sums and sums of squares, so every rate and mean is built with its n and 95%
interval (``stats``). Two tables keep one row per ASN and learning activity (``LearningRecord``)
or per ASN and year (``AsnYear``): the JP ledger lists people by name, for those allowed to read it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from companion_service.openedx_sync.models import Course
from companion_service.organization.models import Opd, ServiceUnit
from companion_service.roster.models import Asn

# --- what the evaluation counts as "the training programme" --------------------------------------


class ProgrammeRule(models.TextChoices):
    ANY = "any", _("at least one of the programme's courses")
    ALL = "all", _("every course of the programme")


class Programme(models.Model):
    """The training programme whose completion marks an ASN as trained (one row, set by administrators).

    Without chosen courses, every course with JP counts. ``rule`` says whether one completed course
    is enough or all chosen courses are needed; the ASN is trained from the date that made it true.
    """

    name = models.CharField(_("name"), max_length=200, default="Literasi digital ASN")
    courses = models.ManyToManyField(
        Course,
        verbose_name=_("courses"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to count every course with JP."),
    )
    rule = models.CharField(
        _("an ASN is trained after"), max_length=3, choices=ProgrammeRule.choices, default="any"
    )
    default_threshold = models.DecimalField(
        _("default threshold"),
        max_digits=3,
        decimal_places=2,
        default=0.5,
        help_text=_("Share of an OPD's ASN trained (0.05-0.95) at which the OPD counts as trained."),
    )
    default_window = models.PositiveSmallIntegerField(
        _("default window (quarters)"), default=2, help_text=_("1 to 4 quarters before and after.")
    )
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("training programme")
        verbose_name_plural = _("training programme")

    def __str__(self):
        return self.name


# --- refresh runs ---------------------------------------------------------------------------------


class RefreshStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    OK = "ok", _("OK")
    FAILED = "failed", _("Failed")


class RefreshRun(models.Model):
    """One recomputation of the aggregates: why, when, how long, what it found."""

    trigger = models.CharField(_("started by"), max_length=40)
    full = models.BooleanField(_("full refresh"), default=True)
    started = models.DateTimeField(_("started"), db_index=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=RefreshStatus.choices, default="running")
    seconds = models.FloatField(_("seconds"), null=True, blank=True)
    counts = models.JSONField(_("rows written"), default=dict)
    coverage = models.JSONField(_("data coverage"), default=dict)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-started"]
        verbose_name = _("refresh run")
        verbose_name_plural = _("refresh runs")

    def __str__(self):
        return f"{self.started:%Y-%m-%d %H:%M} {self.trigger} ({self.status})"


class ChangeKind(models.TextChoices):
    """What changed since the last refresh (``PendingChange``), so the next one recomputes only that."""

    ENROLLMENT = "enrollment", _("an LMS learner's enrollment, grade or completion in one course")
    LEARNER = "learner", _("an LMS learner's workshop attendance")
    ASSESSMENT = "assessment", _("an LMS learner's digital-skills assessments")
    LINK = "link", _("an LMS learner linked to an ASN, or unlinked")
    ASN = "asn", _("an ASN's records (e.g. a link moved away from them)")
    COURSE = "course", _("a course's JP, channel or name")
    UNIT_QUARTER = "unit_quarter", _("survey answers or service users of a unit in a quarter")
    IDEAS = "ideas", _("innovation ideas")
    SESSIONS = "sessions", _("partner workshop sessions")
    ALL = "all", _("everything (roster, programme, retally)")


class PendingChange(models.Model):
    """A change the figures do not contain yet; written in the same transaction as the change itself
    (ADR 0131), read and removed by the next refresh."""

    kind = models.CharField(max_length=12, choices=ChangeKind.choices)
    ref = models.BigIntegerField(null=True)  # learner, ASN, course or unit id
    course = models.BigIntegerField(null=True)  # with a learner: the course of an enrollment note
    year = models.PositiveSmallIntegerField(null=True)
    quarter = models.PositiveSmallIntegerField(null=True)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.kind} {self.ref or ''}".strip()


class RefreshScope(models.Model):
    """Scratch table of one incremental refresh: the ASN whose per-ASN figures it recomputes (filled and
    emptied inside the refresh's transaction, so filters are a join, not a list of thousands of ids):
    all their learning records (``records``), their training figures (``training``: also when only
    some courses' records changed, see ``RefreshPair``), their skill pairs (``skills``)."""

    asn_id = models.BigIntegerField(primary_key=True)
    records = models.BooleanField(default=False)
    training = models.BooleanField(default=False)
    skills = models.BooleanField(default=False)

    def __str__(self):
        return str(self.asn_id)


class RefreshPair(models.Model):
    """Scratch table of one incremental refresh: (ASN, course) whose course record it recomputes."""

    asn_id = models.BigIntegerField()
    course_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["asn_id", "course_id"], name="evaluation_refreshpair_unique")
        ]

    def __str__(self):
        return f"{self.asn_id}/{self.course_id}"


# --- training: learning records, JP, coverage -----------------------------------------------------


class RecordKind(models.TextChoices):
    COURSE = "course", _("Course")
    WORKSHOP = "workshop", _("Partner workshop or seminar")
    OUTSIDE = "outside", _("Learning outside the LMS (approved)")


# The aggregates below are derived data that only the refresh writes (ADR 0131). Their foreign keys
# are not enforced by the database (``db_constraint=False``, ADR 0134): the rows come from tables that
# enforce theirs, a deleted ASN or OPD still takes its aggregates with it (Django's CASCADE), and a
# full refresh no longer spends a quarter of its time checking a million references at commit.


class LearningRecord(models.Model):
    """One learning activity an ASN finished: a course completed or passed, a workshop attended, a
    training outside the LMS approved by a verifier.

    The atoms of the JP ledger and of the SIASN "riwayat kursus" export.
    """

    asn = models.ForeignKey(Asn, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    kind = models.CharField(max_length=10, choices=RecordKind.choices)
    source_id = models.BigIntegerField()
    title = models.CharField(max_length=255)
    provider = models.CharField(max_length=255, blank=True)
    channel = models.CharField(max_length=24)
    jp = models.PositiveSmallIntegerField(default=0)
    # Where the JP come from: a course's ``set`` (by BKPSDM), ``estimated`` (effort x weeks) or
    # ``missing``; ``workshop`` for a partner session's credited JP.
    jp_source = models.CharField(max_length=10, blank=True, default="")
    in_programme = models.BooleanField(default=False)
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField()
    date_source = models.CharField(max_length=12, blank=True)
    year = models.PositiveSmallIntegerField()
    certificate_number = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        indexes = [
            models.Index(fields=["year", "opd"], name="evaluation_record_year_opd"),
            models.Index(fields=["asn", "year"], name="evaluation_record_asn_year"),
        ]

    def __str__(self):
        return f"{self.asn_id} {self.title} ({self.year})"


class AsnYear(models.Model):
    """One active ASN in one year: JP by channel, the 20-JP target, programme coverage."""

    asn = models.ForeignKey(Asn, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    year = models.PositiveSmallIntegerField()
    # The ledger's order (OPD name, then ASN name), copied here so a page of 50 reads an index.
    opd_name = models.CharField(max_length=255, default="")
    asn_name = models.CharField(max_length=255, default="")
    jp_total = models.PositiveIntegerField(default=0)
    meets_target = models.BooleanField(default=False)
    enrolled = models.BooleanField(default=False)
    completed = models.BooleanField(default=False)
    passed = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["asn", "year"], name="evaluation_asnyear_unique")]
        indexes = [
            models.Index(fields=["year", "opd", "meets_target"], name="evaluation_asnyear_opd"),
            models.Index(fields=["year", "opd_name", "asn_name"], name="evaluation_asnyear_order"),
            models.Index(
                fields=["year", "meets_target", "opd_name", "asn_name"], name="evaluation_asnyear_short"
            ),
        ]

    def __str__(self):
        return f"{self.asn_id} {self.year}: {self.jp_total} JP"


class AsnTraining(models.Model):
    """When an ASN completed the training programme (only ASN who did)."""

    asn = models.OneToOneField(Asn, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    trained_at = models.DateTimeField()
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()

    def __str__(self):
        return f"{self.asn_id} trained {self.trained_at:%Y-%m-%d}"


class OpdYear(models.Model):
    """Per OPD and year: ASN, programme coverage, the 20 JP, and the JP distribution."""

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    year = models.PositiveSmallIntegerField()
    asn_count = models.PositiveIntegerField(default=0)
    enrolled = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    passed = models.PositiveIntegerField(default=0)
    trained = models.PositiveIntegerField(default=0)  # trained by the end of the year (cumulative)
    meets_target = models.PositiveIntegerField(default=0)
    jp_sum = models.BigIntegerField(default=0)
    jp_sq = models.BigIntegerField(default=0)
    jp_0 = models.PositiveIntegerField(default=0)
    jp_1_9 = models.PositiveIntegerField(default=0)
    jp_10_19 = models.PositiveIntegerField(default=0)
    jp_20_39 = models.PositiveIntegerField(default=0)
    jp_40 = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["opd", "year"], name="evaluation_opdyear_unique")]

    def __str__(self):
        return f"{self.opd_id} {self.year}"


class OpdYearChannel(models.Model):
    """JP an OPD's ASN earned in a year through one channel, and how many ASN earned any."""

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    year = models.PositiveSmallIntegerField()
    channel = models.CharField(max_length=24)
    jp = models.BigIntegerField(default=0)
    asn_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["opd", "year", "channel"], name="evaluation_opdchannel_unique")
        ]

    def __str__(self):
        return f"{self.opd_id} {self.year} {self.channel}: {self.jp} JP"


class OpdQuarterTraining(models.Model):
    """Per OPD and quarter: active ASN, and how many had completed the programme by its end."""

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    asn_count = models.PositiveIntegerField(default=0)
    trained = models.PositiveIntegerField(default=0)
    newly_trained = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["opd", "year", "quarter"], name="evaluation_opdquarter_unique")
        ]

    def __str__(self):
        return f"{self.opd_id} {self.year}-Q{self.quarter}: {self.trained}/{self.asn_count}"


# --- skills ---------------------------------------------------------------------------------------


class SkillPair(models.Model):
    """One ASN's paired pre- and post-test score on one pillar (a working table of the refresh)."""

    asn = models.ForeignKey(Asn, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    year = models.PositiveSmallIntegerField()
    pillar = models.CharField(max_length=20)
    pre = models.FloatField(null=True)
    post = models.FloatField(null=True)

    def __str__(self):
        return f"{self.asn_id} {self.pillar} {self.year}"


class SkillGain(models.Model):
    """Paired pre/post assessment results per year (of the post-test), OPD and pillar, as sums.

    ``pillar`` is a pillar code (cakap, etika, aman, budaya) or ``total`` (the whole test's score).
    Scores are on 0-100; ``gain`` is Hake's normalised gain, undefined (``at_max``) for a pre-test
    already at 100.
    """

    year = models.PositiveSmallIntegerField()
    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    pillar = models.CharField(max_length=20)
    pairs = models.PositiveIntegerField(default=0)
    pre_sum = models.FloatField(default=0)
    pre_sq = models.FloatField(default=0)
    post_sum = models.FloatField(default=0)
    post_sq = models.FloatField(default=0)
    gain_n = models.PositiveIntegerField(default=0)
    gain_sum = models.FloatField(default=0)
    gain_sq = models.FloatField(default=0)
    at_max = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "opd", "pillar"], name="evaluation_skillgain_unique")
        ]

    def __str__(self):
        return f"{self.opd_id} {self.pillar} {self.year}: {self.pairs} pairs"


# --- citizen satisfaction -------------------------------------------------------------------------


class UnitQuarterSkm(models.Model):
    """Per service unit and quarter: the SKM tally (sums and counts per unsur), each respondent's mean
    answer as count, sum and sum of squares (for intervals), and the service users when entered."""

    unit = models.ForeignKey(ServiceUnit, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    respondents = models.PositiveIntegerField(default=0)
    s1, s2, s3, s4, s5, s6, s7, s8, s9 = (models.BigIntegerField(default=0) for _ in range(9))
    c1, c2, c3, c4, c5, c6, c7, c8, c9 = (models.PositiveIntegerField(default=0) for _ in range(9))
    score_n = models.PositiveIntegerField(default=0)
    score_sum = models.FloatField(default=0)
    score_sq = models.FloatField(default=0)
    population = models.PositiveIntegerField(null=True)
    required = models.PositiveIntegerField(null=True)  # Krejcie and Morgan's minimum sample
    sample_met = models.BooleanField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "quarter"], name="evaluation_unitquarter_unique")
        ]
        indexes = [
            models.Index(fields=["opd", "year"], name="evaluation_unitquarter_opd"),
            models.Index(fields=["sample_met"], name="evaluation_unitquarter_sample"),
        ]

    def __str__(self):
        return f"{self.unit_id} {self.year}-Q{self.quarter}: {self.respondents}"


class IkmLevel(models.TextChoices):
    CITY = "city", _("City")
    OPD = "opd", _("OPD")
    UNIT = "unit", _("Service unit")


class IkmFigure(models.Model):
    """The IKM of the city, an OPD or a unit in a quarter (``quarter`` 1-4) or a whole year (0),
    under one weighting, computed by the SKM engine from the pooled tallies."""

    level = models.CharField(max_length=4, choices=IkmLevel.choices)
    opd = models.ForeignKey(Opd, null=True, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    unit = models.ForeignKey(
        ServiceUnit, null=True, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    weighting = models.CharField(max_length=10)
    respondents = models.PositiveIntegerField(default=0)
    ikm = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    grade = models.CharField(max_length=1, blank=True)
    unsur = models.JSONField(default=dict)  # {"U1": [nrr, converted, grade], ...}
    population = models.PositiveIntegerField(null=True)
    required = models.PositiveIntegerField(null=True)
    sample_met = models.BooleanField(null=True)
    units_short = models.PositiveIntegerField(default=0)
    units_unknown = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["level", "weighting", "year", "quarter"], name="evaluation_ikm_level"),
            models.Index(fields=["opd", "weighting", "year"], name="evaluation_ikm_opd"),
        ]

    def __str__(self):
        return f"{self.level} {self.opd_id or self.unit_id or ''} {self.year}-{self.quarter}: {self.ikm}"


# --- innovation and partners ----------------------------------------------------------------------


class IdeaFact(models.Model):
    """An innovation idea as the dashboard shows it (no author): its OPD, state, scores, program.
    Its id is the synced idea's id."""

    id = models.BigIntegerField(primary_key=True)
    title = models.CharField(max_length=255)
    state = models.CharField(max_length=20)
    opd = models.ForeignKey(Opd, null=True, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    category = models.CharField(max_length=100, blank=True)
    is_digital = models.BooleanField(default=False)
    year = models.PositiveSmallIntegerField(null=True)
    submitted_at = models.DateTimeField(null=True)
    score_mean = models.FloatField(null=True)
    score_stdev = models.FloatField(null=True)
    score_count = models.PositiveIntegerField(null=True)
    supports = models.PositiveIntegerField(default=0)
    program = models.JSONField(null=True)

    class Meta:
        indexes = [models.Index(fields=["year", "opd", "state"], name="evaluation_idea_year")]

    def __str__(self):
        return self.title


class SessionFact(models.Model):
    """A partner workshop or seminar session: seats, attendance, JP and its reaction survey as sums.
    Its id is the synced session's id."""

    id = models.BigIntegerField(primary_key=True)
    partner_name = models.CharField(max_length=255)
    partner_key = models.CharField(max_length=255, db_index=True)  # normalised name
    partner_kind = models.CharField(max_length=30, blank=True)
    title = models.CharField(max_length=255)
    kind = models.CharField(max_length=20)
    starts_at = models.DateTimeField(null=True)
    year = models.PositiveSmallIntegerField(null=True)
    duration_minutes = models.PositiveIntegerField(default=0)
    jp_credit = models.PositiveSmallIntegerField(default=0)
    capacity = models.PositiveIntegerField(null=True)
    registered = models.PositiveIntegerField(default=0)
    waiting = models.PositiveIntegerField(default=0)
    attended = models.PositiveIntegerField(default=0)
    no_show = models.PositiveIntegerField(default=0)
    cancelled = models.PositiveIntegerField(default=0)
    jp_delivered = models.PositiveIntegerField(default=0)
    reactions = models.PositiveIntegerField(default=0)
    reaction_stats = models.JSONField(default=dict)  # {question: [n, sum, sum of squares]}

    def __str__(self):
        return self.title


class SessionOpdFact(models.Model):
    """Attendance of one OPD's ASN at one session (what an OPD head reads of the partners)."""

    session = models.ForeignKey(
        SessionFact, on_delete=models.CASCADE, related_name="by_opd", db_constraint=False
    )
    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    registered = models.PositiveIntegerField(default=0)
    attended = models.PositiveIntegerField(default=0)
    no_show = models.PositiveIntegerField(default=0)
    jp_delivered = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "opd"], name="evaluation_sessionopd_unique")
        ]

    def __str__(self):
        return f"{self.session_id} {self.opd_id}"


# --- coverage and exclusions ----------------------------------------------------------------------


class Exclusion(models.Model):
    """Records the evaluation left out at the last refresh, by source and reason."""

    source = models.CharField(max_length=30)
    reason = models.CharField(max_length=40)
    opd = models.ForeignKey(Opd, null=True, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    count = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.source} {self.reason}: {self.count}"


class ImpactResult(models.Model):
    """An impact analysis computed for one set of filters since the last refresh (a cache that
    survives processes; emptied by every refresh)."""

    key = models.CharField(max_length=200, unique=True)
    payload = models.JSONField()
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key
