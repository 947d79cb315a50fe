"""Submitted attempts of the digital-skills assessment block (``bina_digital_skills``).

Drafts in progress stay in the block's user state; every submitted attempt is one row here, so the
companion can sync them and the post-test can find the learner's pre-test (same course and pairing
key) whichever block it was taken in.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import TimeStampedModel


class AssessmentMode(models.TextChoices):
    """How an assessment is used: before training, after it (paired with the pre-test), or on its own."""

    PRE = "pre", _("Pre-test")
    POST = "post", _("Post-test")
    STANDALONE = "standalone", _("Standalone")


class AssessmentAttempt(TimeStampedModel):
    """One submitted attempt: who, which block, how it is paired, and what it scored.

    ``pillar_scores`` (0-100 knowledge scores), ``competence_scores`` (0-100 per DigComp code),
    ``self_ratings`` (mean 1-5 per pillar, self-perception) and ``form`` are what the REST API serves;
    ``pillar_index`` is kept empty for new attempts (a rescaled "national index" is not comparable with
    the national survey; ADR 0111). ``area_bands``, ``item_scores``, ``answers`` and ``item_ids`` let
    the block show results, the instructor report list responses and the item analysis run.
    """

    course_id = models.CharField(max_length=255, db_index=True)
    usage_id = models.CharField(max_length=255, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    anonymous_user_id = models.CharField(max_length=64, db_index=True)
    mode = models.CharField(max_length=16, choices=AssessmentMode.choices)
    pairing_key = models.CharField(max_length=100, blank=True, default="")
    attempt_number = models.PositiveIntegerField()
    score = models.FloatField(help_text="0-1, as the block grades it")
    passed = models.BooleanField()
    pillar_scores = models.JSONField(default=dict)
    pillar_index = models.JSONField(default=dict)
    competence_scores = models.JSONField(default=dict)
    area_bands = models.JSONField(default=dict)
    item_scores = models.JSONField(default=dict)
    answers = models.JSONField(default=dict)
    item_ids = models.JSONField(default=list)
    form = models.CharField(max_length=1, blank=True, default="", help_text="parallel form: A, B or blank")
    self_ratings = models.JSONField(default=dict, help_text="mean 1-5 self-rating per pillar")
    started = models.DateTimeField()
    submitted = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["usage_id", "user", "attempt_number"], name="bina_asn_attempt_once_per_number"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=0) & models.Q(score__lte=1), name="bina_asn_attempt_score_0_1"
            ),
            models.CheckConstraint(
                condition=models.Q(attempt_number__gte=1), name="bina_asn_attempt_number_1"
            ),
        ]
        indexes = [
            models.Index(fields=["course_id", "modified", "id"], name="bina_asn_attempt_sync"),
            models.Index(
                fields=["course_id", "user", "pairing_key", "mode"], name="bina_asn_attempt_pairing"
            ),
        ]

    def __str__(self):
        return f"{self.mode} attempt {self.attempt_number} by {self.user_id} on {self.usage_id}"


class AssessmentBankSnapshot(TimeStampedModel):
    """The knowledge items of one block's bank as its attempts were scored: what item analysis reads.

    A block's bank lives in its content (XBlock field data), which the plugin's REST API cannot read;
    the block writes this copy when a learner submits and when the course team opens the item analysis,
    only when the bank changed (``digest``). ``items`` holds, per item: id, form, type, pillar,
    competence, level, stem and the options (id, text, correct). Self-ratings are left out.
    """

    course_id = models.CharField(max_length=255, db_index=True)
    usage_id = models.CharField(max_length=255, unique=True)
    display_name = models.CharField(max_length=255, blank=True, default="")
    mode = models.CharField(max_length=16, choices=AssessmentMode.choices)
    pairing_key = models.CharField(max_length=100, blank=True, default="")
    digest = models.CharField(max_length=64)
    items = models.JSONField(default=list)

    def __str__(self):
        return f"bank of {self.usage_id} ({len(self.items)} items)"
