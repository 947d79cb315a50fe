"""Skill gains from the digital-skills assessment: per ASN, course and pairing key, the latest
post-test and the latest pre-test submitted before it (as the block pairs them), per pillar; then
sums per year of the post-test, OPD and pillar. Hake's normalised gain g = (post - pre) / (100 - pre)
is undefined for a pre-test already at 100 (counted as ``at_max``)."""

from __future__ import annotations

from django.db.models import Case, Count, Exists, F, FloatField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, ExtractYear

from companion_service.openedx_sync.models import AssessmentAttempt

from ..definitions import PILLARS, TOTAL
from ..models import SkillGain, SkillPair
from .sql import insert_from


def _score(pillar: str):
    if pillar == TOTAL:
        return Cast(F("score"), FloatField()) * Value(100.0)
    return Cast(KT(f"pillar_scores__{pillar}"), FloatField())


def _same_pair(**extra):
    return AssessmentAttempt.objects.filter(
        learner=OuterRef("learner"),
        course_key=OuterRef("course_key"),
        pairing_key=OuterRef("pairing_key"),
        submitted_at__isnull=False,
        **extra,
    )


def latest_posts():
    """Each linked learner's latest submitted post-test per course and pairing key."""
    later = _same_pair(mode="post").filter(
        Q(submitted_at__gt=OuterRef("submitted_at"))
        | Q(submitted_at=OuterRef("submitted_at"), id__gt=OuterRef("id"))
    )
    return AssessmentAttempt.objects.filter(
        mode="post", submitted_at__isnull=False, learner__asn__isnull=False
    ).exclude(Exists(later))


def skill_pairs(asns=None) -> int:
    """Pre/post pairs per pillar (of the ASN ids ``asns`` only, when given)."""
    written = 0
    posts = latest_posts() if asns is None else latest_posts().filter(learner__asn__in=asns)
    for pillar in (*PILLARS, TOTAL):
        pre = _same_pair(mode="pre", submitted_at__lt=OuterRef("submitted_at")).order_by(
            "-submitted_at", "-id"
        )
        rows = posts.annotate(
            x_asn=F("learner__asn_id"),
            x_opd=F("learner__asn__opd_id"),
            x_year=ExtractYear("submitted_at"),
            x_pillar=Value(pillar),
            x_pre=Subquery(pre.annotate(value=_score(pillar)).values("value")[:1]),
            x_post=_score(pillar),
        )
        written += insert_from(
            SkillPair,
            ["asn", "opd", "year", "pillar", "pre", "post"],
            rows.values_list("x_asn", "x_opd", "x_year", "x_pillar", "x_pre", "x_post"),
        )
    return written


def skill_gains(opds=None) -> int:
    below_max = Q(pre__lt=100)
    gain = (F("post") - F("pre")) / (Value(100.0) - F("pre"))
    rows = (
        SkillPair.objects.filter(
            Q() if opds is None else Q(opd_id__in=opds), pre__isnull=False, post__isnull=False
        )
        .values("year", "opd_id", "pillar")
        .annotate(
            x_pairs=Count("id"),
            x_pre_sum=Sum("pre"),
            x_pre_sq=Sum(F("pre") * F("pre")),
            x_post_sum=Sum("post"),
            x_post_sq=Sum(F("post") * F("post")),
            x_gain_n=Count("id", filter=below_max),
            x_gain_sum=Sum(Case(When(below_max, then=gain), default=Value(0.0))),
            x_gain_sq=Sum(Case(When(below_max, then=gain * gain), default=Value(0.0))),
            x_at_max=Count("id", filter=~below_max),
        )
        .values_list(
            "year",
            "opd_id",
            "pillar",
            "x_pairs",
            "x_pre_sum",
            "x_pre_sq",
            "x_post_sum",
            "x_post_sq",
            "x_gain_n",
            "x_gain_sum",
            "x_gain_sq",
            "x_at_max",
        )
    )
    return insert_from(
        SkillGain,
        [
            "year",
            "opd",
            "pillar",
            "pairs",
            "pre_sum",
            "pre_sq",
            "post_sum",
            "post_sq",
            "gain_n",
            "gain_sum",
            "gain_sq",
            "at_max",
        ],
        rows,
    )
