"""Reads of the innovation competition: the gallery, an idea's page, a learner's ideas, the jury's queue,
exports and the REST API's rows. Each read costs a fixed number of queries, whatever the page size.
"""

from __future__ import annotations

import math
from collections import defaultdict

from django.db.models import Prefetch, Q

from xblocks.bina_asn.data import (
    Actor,
    AnswerData,
    CommentData,
    CoProposerInvitation,
    GalleryPage,
    GalleryQuery,
    IdeaCard,
    IdeaDetail,
    InnovationRules,
    JuryItem,
    JuryScoreData,
    ProgramData,
    ScoreAggregate,
    StateChangeData,
)
from xblocks.bina_asn.models.innovation import (
    CoProposerStatus,
    Idea,
    IdeaComment,
    IdeaCoProposer,
    IdeaState,
    IdeaStateChange,
    IdeaSupport,
    JuryScore,
    SupportBudget,
)

from . import states
from .errors import not_found
from .services import is_jury, scoring_refusal, window_status
from .validation import PROPOSAL_FIELDS

SUMMARY_LENGTH = 240
MAX_PAGE_SIZE = 50
MAX_SEARCH_TERMS = 5
CARD_FIELDS = (
    "id",
    "title",
    "state",
    "opd_code",
    "opd_name",
    "service_name",
    "category",
    "is_digital",
    "author_id",
    "author_name",
    "solution",
    "supports_count",
    "comments_count",
    "submitted_at",
    "state_changed_at",
    "version",
)


def _summary(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1].rstrip() + "…"


def _card(idea: Idea, rules: InnovationRules, actor: Actor, *, supported=False, coproposed=False) -> IdeaCard:
    mine = idea.author_id == actor.user_id or coproposed
    hide_name = rules.anonymous_gallery and not actor.is_staff and not mine
    return IdeaCard(
        id=idea.id,
        title=idea.title,
        state=idea.state,
        opd_code=idea.opd_code,
        opd_name=idea.opd_name,
        service_name=idea.service_name,
        category=idea.category,
        is_digital=idea.is_digital,
        author_name="" if hide_name else idea.author_name,
        summary=_summary(idea.solution),
        supports_count=idea.supports_count,
        comments_count=idea.comments_count,
        submitted_at=idea.submitted_at,
        state_changed_at=idea.state_changed_at,
        supported_by_me=supported,
        is_mine=mine,
        version=idea.version,
    )


def budget_spent(rules: InnovationRules, actor: Actor) -> int:
    return (
        SupportBudget.objects.filter(usage_id=rules.usage_id, user_id=actor.user_id)
        .values_list("spent", flat=True)
        .first()
        or 0
    )


def _supported_ids(actor: Actor, idea_ids) -> set[int]:
    return set(
        IdeaSupport.objects.filter(user_id=actor.user_id, idea_id__in=list(idea_ids)).values_list(
            "idea_id", flat=True
        )
    )


def gallery_queryset(rules: InnovationRules, query: GalleryQuery):
    """The block's public ideas matching the query, in the asked order."""
    queryset = Idea.objects.filter(usage_id=rules.usage_id)
    if query.state in states.PUBLIC:
        queryset = queryset.filter(state=query.state)
    else:
        queryset = queryset.filter(state__in=states.GALLERY_DEFAULT)
    if query.opd_code:
        queryset = queryset.filter(opd_code=query.opd_code)
    if query.category:
        queryset = queryset.filter(category=query.category)
    for term in query.search.casefold().split()[:MAX_SEARCH_TERMS]:
        queryset = queryset.filter(search_text__contains=term)
    order = ("-submitted_at", "-id") if query.sort == "newest" else ("-supports_count", "-id")
    return queryset.order_by(*order)


def gallery_page(rules: InnovationRules, actor: Actor, query: GalleryQuery) -> GalleryPage:
    """One page of the gallery in 5 queries, whatever the page size: the count, the page's ids, their
    rows, the reader's supports among them, the reader's budget."""
    size = max(1, min(query.page_size, MAX_PAGE_SIZE))
    queryset = gallery_queryset(rules, query)
    count = queryset.count()
    num_pages = max(1, math.ceil(count / size))
    page = max(1, min(query.page, num_pages))
    # Page the ids first (walking an index in the asked order), then load those rows: a deferred join.
    ids = list(queryset.values_list("id", flat=True)[(page - 1) * size : page * size])
    rows = Idea.objects.only(*CARD_FIELDS).in_bulk(ids) if ids else {}
    ideas = [rows[idea_id] for idea_id in ids]
    supported = _supported_ids(actor, ids) if ids else set()
    return GalleryPage(
        items=[_card(idea, rules, actor, supported=idea.id in supported) for idea in ideas],
        page=page,
        num_pages=num_pages,
        count=count,
        budget=rules.support_budget,
        budget_spent=budget_spent(rules, actor),
    )


def my_ideas(rules: InnovationRules, actor: Actor) -> list[IdeaCard]:
    """The ideas the actor proposed or co-proposes in this block, newest first (drafts included)."""
    coproposed = set(
        IdeaCoProposer.objects.filter(
            user_id=actor.user_id, idea__usage_id=rules.usage_id, status=CoProposerStatus.ACCEPTED
        ).values_list("idea_id", flat=True)
    )
    ideas = (
        Idea.objects.filter(usage_id=rules.usage_id)
        .filter(Q(author_id=actor.user_id) | Q(pk__in=coproposed))
        .only(*CARD_FIELDS)
        .order_by("-created", "-id")
    )
    return [_card(idea, rules, actor, coproposed=idea.id in coproposed) for idea in ideas]


def co_proposer_invitations(rules: InnovationRules, actor: Actor) -> list[CoProposerInvitation]:
    """The invitations to co-propose an idea of this block that wait for the actor's answer."""
    rows = (
        IdeaCoProposer.objects.filter(
            user_id=actor.user_id, status=CoProposerStatus.INVITED, idea__usage_id=rules.usage_id
        )
        .exclude(idea__state__in=(IdeaState.WITHDRAWN, IdeaState.REJECTED))
        .select_related("idea")
        .order_by("-invited_at", "-id")
    )
    return [
        CoProposerInvitation(
            idea_id=row.idea_id,
            title=row.idea.title,
            author_name=row.idea.author_name,
            state=row.idea.state,
            invited_at=row.invited_at,
        )
        for row in rows
    ]


def learner_ideas(rules: InnovationRules, username: str) -> list[IdeaCard]:
    """``my_ideas`` for a learner known by username (reports); empty when there is no such user."""
    from django.contrib.auth import get_user_model

    user_id = get_user_model().objects.filter(username=username).values_list("pk", flat=True).first()
    if user_id is None:
        return []
    return my_ideas(rules, Actor(user_id=user_id, username=username))


def _aggregate(idea: Idea, scores: list[JuryScore]) -> ScoreAggregate:
    sums: dict[str, list[float]] = defaultdict(list)
    for score in scores:
        for code, points in score.criteria.items():
            sums[code].append(points)
    return ScoreAggregate(
        mean=idea.score_mean,
        stdev=idea.score_stdev,
        count=idea.score_count,
        criteria_means={code: round(sum(values) / len(values), 2) for code, values in sums.items()},
    )


def idea_detail(rules: InnovationRules, actor: Actor, idea_id) -> IdeaDetail:
    """An idea's page for ``actor``: drafts only for their proposers; notes and others' scores for staff."""
    if not isinstance(idea_id, int) or isinstance(idea_id, bool):
        raise not_found()
    idea = (
        Idea.objects.filter(usage_id=rules.usage_id, pk=idea_id)
        .select_related("answer", "program")
        .prefetch_related("co_proposers")
        .first()
    )
    if idea is None:
        raise not_found()
    invited = list(idea.co_proposers.all())
    co_proposers = [cp.username for cp in invited if cp.status == CoProposerStatus.ACCEPTED]
    is_author = idea.author_id == actor.user_id
    is_proposer = is_author or any(
        cp.user_id == actor.user_id and cp.status == CoProposerStatus.ACCEPTED for cp in invited
    )
    invitation_pending = any(
        cp.user_id == actor.user_id and cp.status == CoProposerStatus.INVITED for cp in invited
    )
    if idea.state == IdeaState.DRAFT and not (is_proposer or invitation_pending):
        raise not_found()
    jury = is_jury(rules, actor)
    insider = actor.is_staff or jury

    comments = [
        CommentData(
            id=c.id,
            author_name=c.author_name,
            text=c.text,
            created=c.created,
            is_hidden=c.is_hidden,
            hidden_reason=c.hidden_reason if (actor.is_staff or c.author_id == actor.user_id) else "",
            is_mine=c.author_id == actor.user_id,
        )
        for c in IdeaComment.objects.filter(idea=idea).order_by("created", "id")
        if not c.is_hidden or actor.is_staff or c.author_id == actor.user_id
    ]
    history = [
        StateChangeData(
            from_state=change.from_state,
            to_state=change.to_state,
            reason=change.reason,
            created=change.created,
            actor_name=change.actor_name if insider else "",
        )
        for change in IdeaStateChange.objects.filter(idea=idea).order_by("created", "id")
    ]
    answer = getattr(idea, "answer", None)
    program = getattr(idea, "program", None)

    scores = (
        list(JuryScore.objects.filter(idea=idea).select_related("juror").order_by("created", "id"))
        if jury
        else []
    )
    mine = next((s for s in scores if s.juror_id == actor.user_id), None)
    refusal = scoring_refusal(rules, actor, idea, is_proposer=is_proposer) if jury else "not_jury"
    show_aggregate = actor.is_staff or (jury and mine is not None)
    supported = bool(_supported_ids(actor, [idea.id])) if not is_proposer else False
    transitions = states.targets(idea.state, states.STAFF, rules.enabled_states) if actor.is_staff else []
    author_moves = states.targets(idea.state, states.AUTHOR, rules.enabled_states) if is_author else []

    return IdeaDetail(
        card=_card(idea, rules, actor, supported=supported, coproposed=is_proposer and not is_author),
        fields={
            name: getattr(idea, name)
            for name in PROPOSAL_FIELDS
            if name not in ("co_proposers", "evidence_links")
        },
        co_proposers=co_proposers if (not rules.anonymous_gallery or actor.is_staff or is_proposer) else [],
        # The author (and staff) see each invitation as accepted or waiting: a declined one and a
        # username nobody has look the same as one not answered yet.
        invitations=[
            (cp.username, "accepted" if cp.status == CoProposerStatus.ACCEPTED else "waiting")
            for cp in invited
        ]
        if (is_author or actor.is_staff)
        else [],
        invitation_pending=invitation_pending,
        evidence_links=list(idea.evidence_links),
        answer=AnswerData(
            text=answer.text,
            cost=answer.cost,
            execution_period=answer.execution_period,
            answered_at=answer.modified,
        )
        if answer
        else None,
        program=ProgramData(
            responsible_opd_code=program.responsible_opd_code,
            responsible_opd_name=program.responsible_opd_name,
            start_date=program.start_date,
            budget=program.budget,
            kpi=program.kpi,
            kpi_target=program.kpi_target,
            stage=program.stage,
            evidence_url=program.evidence_url,
        )
        if program
        else None,
        history=history,
        comments=comments,
        can_edit=is_author and idea.state in states.EDITABLE_BY_AUTHOR,
        can_support=(
            not is_proposer
            and idea.state in states.SUPPORTABLE
            and window_status(rules.support_start, rules.support_end) == "open"
        ),
        can_comment=idea.state in states.COMMENTABLE,
        can_score=not refusal,
        can_moderate=actor.is_staff,
        transitions=transitions,
        author_moves=author_moves,
        my_score=JuryScoreData(
            criteria=dict(mine.criteria), note=mine.note, total=mine.total, modified=mine.modified
        )
        if mine
        else None,
        aggregate=_aggregate(idea, scores) if show_aggregate else None,
        jury_scores=[
            JuryScoreData(
                criteria=dict(s.criteria),
                note=s.note,
                total=s.total,
                juror_name=s.juror.username,
                modified=s.modified,
            )
            for s in scores
        ]
        if actor.is_staff
        else [],
        not_scorable_reason=refusal if jury else "",
    )


JURY_FILTERS = ("all", "unscored", "scored")


def jury_queue(
    rules: InnovationRules, actor: Actor, *, show: str = "all", page: int = 1, page_size: int = 20
):
    """Ideas the jury scores (submitted, under evaluation, shortlisted), oldest submission first, paginated.

    Returns ``(items, page, num_pages, count)``; a fixed number of queries per page.
    """
    if not is_jury(rules, actor):
        return [], 1, 1, 0
    queryset = Idea.objects.filter(usage_id=rules.usage_id, state__in=states.SCORABLE)
    scored_ids = JuryScore.objects.filter(juror_id=actor.user_id, idea__usage_id=rules.usage_id).values(
        "idea_id"
    )
    if show == "unscored":
        queryset = queryset.exclude(pk__in=scored_ids)
    elif show == "scored":
        queryset = queryset.filter(pk__in=scored_ids)
    count = queryset.count()
    size = max(1, min(page_size, MAX_PAGE_SIZE))
    num_pages = max(1, math.ceil(count / size))
    page = max(1, min(page, num_pages))
    ideas = list(queryset.only(*CARD_FIELDS).order_by("submitted_at", "id")[(page - 1) * size : page * size])
    ids = [idea.id for idea in ideas]
    totals = dict(
        JuryScore.objects.filter(juror_id=actor.user_id, idea_id__in=ids).values_list("idea_id", "total")
    )
    proposer_of = set(
        IdeaCoProposer.objects.filter(
            user_id=actor.user_id, idea_id__in=ids, status=CoProposerStatus.ACCEPTED
        ).values_list("idea_id", flat=True)
    )
    items = []
    for idea in ideas:
        is_proposer = idea.author_id == actor.user_id or idea.id in proposer_of
        refusal = scoring_refusal(rules, actor, idea, is_proposer=is_proposer)
        items.append(
            JuryItem(
                card=_card(idea, rules, actor, coproposed=idea.id in proposer_of),
                my_total=totals.get(idea.id),
                can_score=not refusal,
                not_scorable_reason=refusal,
            )
        )
    return items, page, num_pages, count


def export_ideas(rules: InnovationRules):
    """Every non-draft idea of the block with what staff export (proposal, state, scores, answer, program).

    Yields ``(idea, co_proposer_usernames, criteria_means)``; three queries in all.
    """
    ideas = (
        Idea.objects.filter(usage_id=rules.usage_id)
        .exclude(state=IdeaState.DRAFT)
        .select_related("answer", "program", "author")
        .prefetch_related(
            Prefetch("co_proposers", queryset=IdeaCoProposer.objects.filter(status=CoProposerStatus.ACCEPTED))
        )
        .order_by("id")
    )
    points: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for idea_id, criteria in JuryScore.objects.filter(idea__usage_id=rules.usage_id).values_list(
        "idea_id", "criteria"
    ):
        for code, value in criteria.items():
            points[idea_id][code].append(value)
    for idea in ideas.iterator(chunk_size=500):
        means = {code: round(sum(v) / len(v), 2) for code, v in points.get(idea.id, {}).items()}
        yield idea, [cp.username for cp in idea.co_proposers.all()], means


def implemented_ideas(rules: InnovationRules):
    """Implemented ideas with their programs, for the regional innovation index export."""
    return (
        Idea.objects.filter(usage_id=rules.usage_id, state=IdeaState.IMPLEMENTED)
        .select_related("program")
        .order_by("program__start_date", "id")
    )


def api_ideas(course_id: str | None = None):
    """The REST API's rows: every idea but drafts, with what the serializer needs in fixed queries."""
    queryset = (
        Idea.objects.exclude(state=IdeaState.DRAFT)
        .select_related("author", "program")
        .prefetch_related(
            Prefetch("co_proposers", queryset=IdeaCoProposer.objects.filter(status=CoProposerStatus.ACCEPTED))
        )
    )
    if course_id:
        queryset = queryset.filter(course_id=course_id)
    return queryset


def block_statistics(rules: InnovationRules) -> dict:
    """Counts for the Studio summary: ideas per state, supports, comments, scores."""
    from django.db.models import Count, Sum

    per_state = dict(
        Idea.objects.filter(usage_id=rules.usage_id).values_list("state").annotate(n=Count("id")).order_by()
    )
    totals = Idea.objects.filter(usage_id=rules.usage_id).aggregate(
        supports=Sum("supports_count"), comments=Sum("comments_count"), scores=Sum("score_count")
    )
    return {"per_state": per_state, **{k: v or 0 for k, v in totals.items()}}
