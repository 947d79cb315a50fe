"""Tables of the innovation-idea competition (the ``bina_innovation`` block).

An *idea* (ide inovasi) is proposed by an ASN in one block (``usage_id``) of one course. Colleagues
*support* it within a per-block budget, comment on it, jury members *score* it on a weighted rubric,
and staff *answer* it and move it through its *states*; an accepted idea can become a *program*.

Integrity lives in the database, not in the block's fields:

* one support per (learner, idea) (unique constraint); the per-block budget is enforced by a
  conditional update of ``SupportBudget.spent`` in the same transaction as the insert;
* ``Idea.supports_count`` / ``comments_count`` and the score aggregates are maintained with
  atomic updates in the transaction that changes them, and every such change moves ``modified``
  so the companion's ``modified_since`` sync sees it;
* ``Idea.version`` grows with every edit and state change: a write carrying an old version is
  refused instead of silently overwriting someone else's change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .base import TimeStampedModel


class IdeaState(models.TextChoices):
    """The states an idea moves through (codes are the API's; labels are translated by the block)."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned for revision"
    EVALUATING = "evaluating", "Under evaluation"
    SHORTLISTED = "shortlisted", "Shortlisted"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"
    IMPLEMENTED = "implemented", "Implemented"


class ProgramStage(models.TextChoices):
    """Stage of an implemented innovation as the regional innovation index reports it (tahapan)."""

    INITIATIVE = "inisiatif", "Initiative"
    TRIAL = "uji_coba", "Trial"
    IMPLEMENTATION = "penerapan", "Implementation"


class Idea(TimeStampedModel):
    """One proposal. Text fields follow the KIPP proposal sections; targets make the impact measurable."""

    course_id = models.CharField(max_length=255, db_index=True)
    usage_id = models.CharField(max_length=255)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bina_ideas")
    # The name the LMS showed for the author when they last saved (the LMS keeps full names in profiles).
    author_name = models.CharField(max_length=255, blank=True)

    title = models.CharField(max_length=150)
    opd_code = models.CharField(max_length=40, blank=True)
    opd_name = models.CharField(max_length=200, blank=True)
    service_name = models.CharField(max_length=150, blank=True)
    category = models.CharField(max_length=60, blank=True)
    is_digital = models.BooleanField(null=True)
    problem = models.TextField(blank=True)  # problem and situation before
    solution = models.TextField(blank=True)  # proposed solution and situation after
    novelty = models.TextField(blank=True)  # kebaruan
    significance = models.TextField(blank=True)
    transferability = models.TextField(blank=True)  # replication
    resources = models.TextField(blank=True)  # resources and sustainability
    impact = models.TextField(blank=True)
    target_minutes_saved = models.PositiveIntegerField(null=True, blank=True)  # per service
    target_cost_saving = models.PositiveBigIntegerField(null=True, blank=True)  # rupiah per year
    target_citizens = models.PositiveIntegerField(null=True, blank=True)  # citizens served per year
    stakeholders = models.TextField(blank=True)
    partners = models.TextField(blank=True)  # including private-sector partners
    evidence_links = models.JSONField(default=list, blank=True)
    # What the gallery's search looks in (title, service, OPD, start of the solution), case-folded,
    # short enough to sit in the gallery's indexes.
    search_text = models.CharField(max_length=800, blank=True, editable=False)

    state = models.CharField(max_length=20, choices=IdeaState.choices, default=IdeaState.DRAFT)
    state_changed_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    supports_count = models.PositiveIntegerField(default=0)
    comments_count = models.PositiveIntegerField(default=0)  # visible comments
    score_mean = models.FloatField(null=True, blank=True)  # 0-100
    score_stdev = models.FloatField(null=True, blank=True)  # population standard deviation
    score_count = models.PositiveIntegerField(default=0)

    class Meta:
        # The gallery walks an index in the order it shows and stops at the page; the state and the
        # search text are read from the same index entries, so neither sorting nor searching reads
        # the rows with the long texts. Counts come from indexes too.
        indexes = [
            models.Index(
                fields=["usage_id", "-supports_count", "-id", "state", "search_text"],
                name="bina_idea_by_supports",
            ),
            models.Index(
                fields=["usage_id", "-submitted_at", "-id", "state", "search_text"],
                name="bina_idea_by_newest",
            ),
            models.Index(fields=["usage_id", "state"], name="bina_idea_by_state"),
            models.Index(
                fields=["usage_id", "opd_code", "state", "-supports_count"], name="bina_idea_by_opd"
            ),
            models.Index(
                fields=["usage_id", "category", "state", "-supports_count"], name="bina_idea_by_category"
            ),
            models.Index(fields=["usage_id", "author"], name="bina_idea_by_author"),
            models.Index(fields=["modified", "id"], name="bina_idea_sync"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=IdeaState.values), name="bina_idea_state_known"),
            models.CheckConstraint(condition=Q(version__gte=1), name="bina_idea_version_positive"),
        ]

    def __str__(self):
        return f"{self.title} ({self.state})"


class CoProposerStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class IdeaCoProposer(models.Model):
    """A colleague the author invited as co-proposer, by the username the author typed.

    Only an ``accepted`` invitation counts: the colleague is credited with the idea and may no longer
    support or score it. ``user`` is empty when no active account has that username; the author is
    told nothing about it (a declined invitation looks to the author like one not yet answered).
    """

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="co_proposers")
    username = models.CharField(max_length=150)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=16, choices=CoProposerStatus.choices, default=CoProposerStatus.INVITED
    )
    position = models.PositiveSmallIntegerField(default=0)
    invited_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["idea", "username"], name="bina_coproposer_invited_once"),
            models.CheckConstraint(
                condition=Q(status__in=CoProposerStatus.values), name="bina_coproposer_status_known"
            ),
        ]
        indexes = [models.Index(fields=["user", "status"], name="bina_coproposer_by_user")]

    def __str__(self):
        return f"{self.username} invited to {self.idea_id}: {self.status}"


class SupportBudget(models.Model):
    """How many supports one learner has spent in one block: the row the budget check updates.

    It is also the row a learner's writes in a block lock (``select_for_update``) when a limit
    spans several rows, such as the number of ideas one learner may propose.
    """

    usage_id = models.CharField(max_length=255)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    spent = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["usage_id", "user"], name="bina_support_budget_once"),
        ]

    def __str__(self):
        return f"{self.user_id} spent {self.spent} in {self.usage_id}"


class IdeaSupport(TimeStampedModel):
    """A learner's public support (dukungan) for an idea; separate from jury scores."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    usage_id = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "idea"], name="bina_support_once_per_idea"),
        ]
        indexes = [models.Index(fields=["usage_id", "user"], name="bina_support_by_user")]

    def __str__(self):
        return f"{self.user_id} supports {self.idea_id}"


class IdeaComment(TimeStampedModel):
    """A comment on an idea; staff may hide it (it is kept, with who hid it and why)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_name = models.CharField(max_length=255, blank=True)
    text = models.TextField()
    is_hidden = models.BooleanField(default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [models.Index(fields=["idea", "created"], name="bina_comment_by_idea")]

    def __str__(self):
        return f"comment {self.pk} on {self.idea_id}"


class JuryScore(TimeStampedModel):
    """One jury member's rubric score for one idea.

    ``criteria`` maps each rubric code to the points given (0 to ``scale``); ``weights`` keeps the
    rubric weights used, so a later rubric change does not silently change an old score;
    ``total`` is the weighted result on 0-100.
    """

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="scores")
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    criteria = models.JSONField(default=dict)
    weights = models.JSONField(default=dict)
    scale = models.PositiveSmallIntegerField()
    total = models.FloatField()
    note = models.TextField(blank=True)  # private to the jury and staff

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "juror"], name="bina_score_once_per_juror"),
            models.CheckConstraint(
                condition=Q(total__gte=0) & Q(total__lte=100), name="bina_score_total_range"
            ),
        ]

    def __str__(self):
        return f"{self.juror_id} scored {self.idea_id}: {self.total:.1f}"


class IdeaStateChange(models.Model):
    """Every state change: who, when and why (never edited, never deleted)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(max_length=255, blank=True)
    reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created", "id"]
        indexes = [models.Index(fields=["idea", "created"], name="bina_statechange_by_idea")]

    def __str__(self):
        return f"{self.idea_id}: {self.from_state or '-'} -> {self.to_state}"


class IdeaAnswer(TimeStampedModel):
    """The public answer of the organisers (Decidim's answer: text, optional cost and execution period)."""

    idea = models.OneToOneField(Idea, on_delete=models.CASCADE, related_name="answer")
    text = models.TextField()
    cost = models.PositiveBigIntegerField(null=True, blank=True)  # rupiah
    execution_period = models.CharField(max_length=200, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_by_name = models.CharField(max_length=255, blank=True)

    def __str__(self):
        return f"answer to {self.idea_id}"


class IdeaProgram(TimeStampedModel):
    """The program an accepted idea became when it was marked implemented."""

    idea = models.OneToOneField(Idea, on_delete=models.CASCADE, related_name="program")
    responsible_opd_code = models.CharField(max_length=40)
    responsible_opd_name = models.CharField(max_length=200, blank=True)
    start_date = models.DateField()
    budget = models.PositiveBigIntegerField(null=True, blank=True)  # rupiah
    kpi = models.CharField(max_length=300)
    kpi_target = models.CharField(max_length=300)
    stage = models.CharField(max_length=20, choices=ProgramStage.choices, default=ProgramStage.IMPLEMENTATION)
    evidence_url = models.URLField(max_length=500, blank=True)

    def __str__(self):
        return f"program of {self.idea_id}"
