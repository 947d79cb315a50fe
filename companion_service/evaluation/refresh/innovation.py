"""Innovation ideas as the dashboard shows them: the idea's OPD (the OPD code it names, else its
author's OPD), state, year submitted, scores and program; never the author."""

from __future__ import annotations

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce, ExtractYear

from companion_service.openedx_sync.models import Idea
from companion_service.organization.models import Opd

from ..models import IdeaFact
from .sql import insert_from


def idea_facts() -> int:
    named = Opd.objects.filter(code=OuterRef("opd_code")).values("id")[:1]
    rows = Idea.objects.annotate(
        x_opd=Coalesce(Subquery(named), F("author__asn__opd_id")),
        x_year=ExtractYear(Coalesce("submitted_at", "lms_created")),
        x_supports=F("supports_count"),
    ).values_list(
        "id",
        "title",
        "state",
        "x_opd",
        "category",
        "is_digital",
        "x_year",
        "submitted_at",
        "score_mean",
        "score_stdev",
        "score_count",
        "x_supports",
        "program",
    )
    return insert_from(
        IdeaFact,
        [
            "id",
            "title",
            "state",
            "opd",
            "category",
            "is_digital",
            "year",
            "submitted_at",
            "score_mean",
            "score_stdev",
            "score_count",
            "supports",
            "program",
        ],
        rows,
    )
