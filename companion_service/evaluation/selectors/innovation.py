"""Innovation: ideas per OPD, the state funnel, the top-scored ideas and the programs carried out."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from ..data import FunnelStep, IdeaRow, Innovation
from ..definitions import FUNNEL, SIDE_STATES, STATE_NAMES
from ..models import IdeaFact
from .common import choose_year, opd_filter, years_available

TOP = 10


def _row(idea: IdeaFact) -> IdeaRow:
    return IdeaRow(
        title=idea.title,
        opd_code=idea.opd.code if idea.opd else "",
        opd_name=idea.opd.name if idea.opd else "",
        state=idea.state,
        state_name=str(STATE_NAMES.get(idea.state, idea.state)),
        score_mean=idea.score_mean,
        score_stdev=idea.score_stdev,
        score_count=idea.score_count,
        supports=idea.supports,
        is_digital=idea.is_digital,
        program=idea.program,
    )


def innovation(scope, year=None) -> Innovation:
    years = sorted(
        {*years_available(), *IdeaFact.objects.exclude(year=None).values_list("year", flat=True)},
        reverse=True,
    )
    year = choose_year(year, years)
    ideas = IdeaFact.objects.filter(year=year).filter(opd_filter(scope))
    states = dict(ideas.values("state").annotate(n=Count("id")).values_list("state", "n"))
    total = sum(states.values())
    funnel = []
    for position, state in enumerate(FUNNEL):
        reached = total if position == 0 else sum(states.get(later, 0) for later in FUNNEL[position:])
        funnel.append(FunnelStep(state, str(STATE_NAMES[state]), reached))
    side = [FunnelStep(state, str(STATE_NAMES[state]), states.get(state, 0)) for state in SIDE_STATES]
    per_opd = defaultdict(lambda: [0, 0, 0])
    names = {}
    for idea in ideas.select_related("opd").only("state", "opd__code", "opd__name"):
        code = idea.opd.code if idea.opd else ""
        names[code] = idea.opd.name if idea.opd else ""
        per_opd[code][0] += 1
        per_opd[code][1] += idea.state in ("accepted", "implemented")
        per_opd[code][2] += idea.state == "implemented"
    top = (
        ideas.filter(score_mean__isnull=False)
        .select_related("opd")
        .order_by("-score_mean", "-supports", "title")[:TOP]
    )
    programs = ideas.filter(state="implemented").select_related("opd").order_by("opd__name", "title")
    return Innovation(
        year=year,
        years=years,
        total=total,
        funnel=funnel,
        side=side,
        per_opd=sorted(
            ((code, names[code], *values) for code, values in per_opd.items()),
            key=lambda row: (-row[2], row[1]),
        ),
        top=[_row(idea) for idea in top],
        programs=[_row(idea) for idea in programs],
        digital=ideas.filter(is_digital=True).count(),
    )
