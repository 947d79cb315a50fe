"""Writes of the innovation competition. Every function checks who is asking and the block's rules,
changes the tables in one transaction, and raises ``InnovationError`` (nothing changed) otherwise.

Concurrency: counters move with ``F()`` updates; the support budget is a conditional update
(``spent < budget``) in the same transaction as the unique support row; edits and state changes
carry the ``version`` the editor saw and are refused (409) when it has moved on.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from xblocks.bina_asn.data import Actor, InnovationRules, SupportResult
from xblocks.bina_asn.models.innovation import (
    CoProposerStatus,
    Idea,
    IdeaAnswer,
    IdeaComment,
    IdeaCoProposer,
    IdeaProgram,
    IdeaState,
    IdeaStateChange,
    IdeaSupport,
    JuryScore,
    SupportBudget,
)

from . import states, validation
from .errors import InnovationError, conflict, forbidden, not_found


def window_status(start: datetime | None, end: datetime | None, now: datetime | None = None) -> str:
    """``open``, ``not_yet`` (before ``start``) or ``closed`` (after ``end``); missing ends are open."""
    now = now or timezone.now()
    if start and now < start:
        return "not_yet"
    if end and now > end:
        return "closed"
    return "open"


def is_jury(rules: InnovationRules, actor: Actor) -> bool:
    """Jury: course staff, plus the usernames the block lists (e.g. partners' representatives)."""
    return actor.is_staff or actor.username in rules.jury


def _display_name(actor: Actor) -> str:
    return (actor.full_name or actor.username)[:255]


def _idea(rules: InnovationRules, idea_id, *, lock=False) -> Idea:
    """The idea ``idea_id`` of this block (locked for update when asked), or a 404 error."""
    if not isinstance(idea_id, int) or isinstance(idea_id, bool) or idea_id <= 0:
        raise not_found()
    queryset = Idea.objects.filter(usage_id=rules.usage_id, pk=idea_id)
    if lock:
        queryset = queryset.select_for_update()
    idea = queryset.first()
    if idea is None:
        raise not_found()
    return idea


def _is_proposer(idea: Idea, actor: Actor) -> bool:
    """The author, or a co-proposer who accepted (a pending invitation bars nobody from anything)."""
    return (
        idea.author_id == actor.user_id
        or IdeaCoProposer.objects.filter(
            idea=idea, user_id=actor.user_id, status=CoProposerStatus.ACCEPTED
        ).exists()
    )


def _participant(rules: InnovationRules, actor: Actor) -> SupportBudget:
    """The learner's row in this block, created on first use (a concurrent creator may win the race)."""
    row = SupportBudget.objects.filter(usage_id=rules.usage_id, user_id=actor.user_id).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return SupportBudget.objects.create(usage_id=rules.usage_id, user_id=actor.user_id)
    except IntegrityError:
        return SupportBudget.objects.get(usage_id=rules.usage_id, user_id=actor.user_id)


SEARCHED_FIELDS = ("title", "service_name", "opd_name", "solution")
SEARCHED_SOLUTION_CHARS = 240  # what the gallery card shows of the solution


def search_text(values) -> str:
    """What the gallery's search matches, case-folded: what a card shows (title, service, OPD, the
    start of the solution). Short, so a covering index answers searches without reading the rows."""
    solution = " ".join(str(values.get("solution") or "").split())[:SEARCHED_SOLUTION_CHARS]
    parts = [str(values.get(name) or "") for name in ("title", "service_name", "opd_name")] + [solution]
    return "\n".join(parts).casefold()


def _set_co_proposers(idea: Idea, usernames: list[str]) -> None:
    """Invite the named colleagues: a name already invited keeps its answer, a name taken off the
    list loses its invitation, a new name gets one (with no account behind it when nobody has that
    username: the author is not told)."""
    from django.contrib.auth import get_user_model

    users = dict(
        get_user_model().objects.filter(username__in=usernames, is_active=True).values_list("username", "pk")
    )
    IdeaCoProposer.objects.filter(idea=idea).exclude(username__in=usernames).delete()
    kept = {row.username: row for row in IdeaCoProposer.objects.filter(idea=idea)}
    for position, name in enumerate(usernames):
        if name in kept:
            if kept[name].position != position:
                IdeaCoProposer.objects.filter(pk=kept[name].pk).update(position=position)
        else:
            IdeaCoProposer.objects.create(
                idea=idea, username=name, user_id=users.get(name), position=position
            )


def answer_invitation(rules: InnovationRules, actor: Actor, idea_id: int, *, accept: bool) -> bool:
    """The invitee accepts or declines an invitation to co-propose ``idea_id``.

    A juror who has already scored the idea cannot accept it (decline instead); accepting takes back
    the invitee's support of the idea (a proposer does not support their own idea). Returns whether
    a support was given back.
    """
    now = timezone.now()
    with transaction.atomic():
        idea = _idea(rules, idea_id, lock=True)
        invitation = (
            IdeaCoProposer.objects.select_for_update()
            .filter(idea=idea, user_id=actor.user_id, status=CoProposerStatus.INVITED)
            .first()
        )
        if invitation is None:
            raise InnovationError("no_invitation", status=404)
        if accept:
            if JuryScore.objects.filter(idea=idea, juror_id=actor.user_id).exists():
                raise InnovationError("scored_before_invitation", status=409)
            deleted, _ = IdeaSupport.objects.filter(idea=idea, user_id=actor.user_id).delete()
            support_returned = bool(deleted)
            if deleted:
                SupportBudget.objects.filter(
                    usage_id=rules.usage_id, user_id=actor.user_id, spent__gt=0
                ).update(spent=F("spent") - 1)
                Idea.objects.filter(pk=idea.pk, supports_count__gt=0).update(
                    supports_count=F("supports_count") - 1
                )
        else:
            support_returned = False
        invitation.status = CoProposerStatus.ACCEPTED if accept else CoProposerStatus.DECLINED
        invitation.answered_at = now
        invitation.save(update_fields=["status", "answered_at"])
        # The plugin API lists the idea again (its co-proposers changed).
        Idea.objects.filter(pk=idea.pk).update(modified=now)
    return support_returned


def _move(idea: Idea, to_state: str, actor: Actor, reason: str, now: datetime, **extra) -> None:
    """Move ``idea`` to ``to_state`` if nobody changed it since it was read; record who, when and why."""
    updates = {
        "state": to_state,
        "state_changed_at": now,
        "version": F("version") + 1,
        "modified": now,
        **extra,
    }
    if to_state == IdeaState.SUBMITTED and idea.submitted_at is None:
        updates["submitted_at"] = now
    changed = Idea.objects.filter(pk=idea.pk, version=idea.version, state=idea.state).update(**updates)
    if not changed:
        raise conflict()
    IdeaStateChange.objects.create(
        idea=idea,
        from_state=idea.state,
        to_state=to_state,
        actor_id=actor.user_id,
        actor_name=_display_name(actor),
        reason=reason,
    )
    idea.refresh_from_db()


# --- Proposals ------------------------------------------------------------------------------------


def save_idea(
    rules: InnovationRules,
    actor: Actor,
    data,
    *,
    idea_id: int | None = None,
    version: int | None = None,
    submit: bool = False,
) -> Idea:
    """Create or update the actor's proposal (a draft or an idea returned for revision); optionally submit it.

    A new idea needs the submission window not to have closed and the learner to be under the
    block's limit of ideas. Submitting needs every required section, at least one measurable
    target and, for a first submission, the window open; when it is refused the text stays saved
    and the error's ``idea_id`` names the idea.
    """
    try:
        cleaned = validation.clean_proposal(data, rules, actor.username, creating=idea_id is None)
    except InnovationError as error:
        if submit and error.code == "invalid_input" and isinstance(data, Mapping):
            # Every problem at once: the format errors and what the submission would still lack.
            stored = _own_idea_or_none(rules, actor, idea_id)
            merged = {**validation.submission_needs(data, stored, error.fields), **error.fields}
            error.fields = dict(sorted(merged.items(), key=lambda pair: validation.form_position(pair[0])))
        raise
    co_proposers = cleaned.pop("co_proposers", None)
    now = timezone.now()
    with transaction.atomic():
        if idea_id is None:
            if window_status(None, rules.submission_end, now) == "closed":
                raise InnovationError("submissions_closed")
            # Lock the learner's row so two concurrent proposals cannot both slip under the limit.
            SupportBudget.objects.select_for_update().filter(pk=_participant(rules, actor).pk).first()
            mine = Idea.objects.filter(
                usage_id=rules.usage_id, author_id=actor.user_id, state__in=states.COUNTS_TOWARD_LIMIT
            ).count()
            if mine >= rules.max_ideas_per_learner:
                raise InnovationError("idea_limit", max=rules.max_ideas_per_learner)
            idea = Idea.objects.create(
                course_id=rules.course_id,
                usage_id=rules.usage_id,
                author_id=actor.user_id,
                author_name=_display_name(actor),
                search_text=search_text(cleaned),
                **cleaned,
            )
        else:
            idea = _idea(rules, idea_id, lock=True)
            if idea.author_id != actor.user_id:
                raise forbidden("not_author")
            if idea.state not in states.EDITABLE_BY_AUTHOR:
                raise InnovationError("not_editable", state=idea.state)
            if version != idea.version:
                raise conflict()
            if idea.state == IdeaState.DRAFT and window_status(None, rules.submission_end, now) == "closed":
                raise InnovationError("submissions_closed")
            if cleaned or co_proposers is not None:  # a save that changes nothing keeps the version
                merged = {name: cleaned.get(name, getattr(idea, name)) for name in SEARCHED_FIELDS}
                changed = Idea.objects.filter(pk=idea.pk, version=version).update(
                    **cleaned,
                    search_text=search_text(merged),
                    author_name=_display_name(actor),
                    version=F("version") + 1,
                    modified=now,
                )
                if not changed:
                    raise conflict()
                idea.refresh_from_db()
        if co_proposers is not None:
            _set_co_proposers(idea, co_proposers)
    if submit:
        # The text is saved first: a submission refused for a missing section or a closed window
        # keeps the draft, and the error says which idea (and version) it is.
        try:
            with transaction.atomic():
                idea = _idea(rules, idea.pk, lock=True)
                _submit(rules, actor, idea, now)
        except InnovationError as error:
            error.idea_id = idea.pk
            raise
    return idea


def _own_idea_or_none(rules: InnovationRules, actor: Actor, idea_id) -> Idea | None:
    """The actor's own idea ``idea_id`` (unlocked), or None: only to say what it still lacks."""
    if not isinstance(idea_id, int) or isinstance(idea_id, bool):
        return None
    return Idea.objects.filter(usage_id=rules.usage_id, pk=idea_id, author_id=actor.user_id).first()


def _submit(rules: InnovationRules, actor: Actor, idea: Idea, now: datetime) -> None:
    if states.who_may(idea.state, IdeaState.SUBMITTED, rules.enabled_states) != states.AUTHOR:
        raise InnovationError("transition_not_allowed", from_state=idea.state, to_state=IdeaState.SUBMITTED)
    missing = validation.missing_for_submission(idea)
    if missing:
        raise InnovationError("incomplete", fields=missing)
    if idea.state == IdeaState.DRAFT:
        status = window_status(rules.submission_start, rules.submission_end, now)
        if status == "not_yet":
            raise InnovationError("submissions_not_open")
        if status == "closed":
            raise InnovationError("submissions_closed")
    _move(idea, IdeaState.SUBMITTED, actor, "", now)


def withdraw_idea(rules: InnovationRules, actor: Actor, idea_id: int, version, reason="") -> Idea:
    """The author withdraws their idea (from a draft up to shortlisted); supports stay counted."""
    reason = validation.clean_reason(reason, required=False)
    with transaction.atomic():
        idea = _idea(rules, idea_id, lock=True)
        if idea.author_id != actor.user_id:
            raise forbidden("not_author")
        if states.who_may(idea.state, IdeaState.WITHDRAWN, rules.enabled_states) != states.AUTHOR:
            raise InnovationError(
                "transition_not_allowed", from_state=idea.state, to_state=IdeaState.WITHDRAWN
            )
        if version != idea.version:
            raise conflict()
        _move(idea, IdeaState.WITHDRAWN, actor, reason, timezone.now())
    return idea


def change_state(rules: InnovationRules, actor: Actor, idea_id: int, to_state, reason, version) -> Idea:
    """Staff move an idea to another state, with a reason; "implemented" goes through ``implement_idea``."""
    if not actor.is_staff:
        raise forbidden("staff_only")
    reason = validation.clean_reason(reason, required=True)
    if to_state == IdeaState.IMPLEMENTED:
        raise InnovationError("program_required")
    with transaction.atomic():
        idea = _idea(rules, idea_id, lock=True)
        if (
            not isinstance(to_state, str)
            or states.who_may(idea.state, to_state, rules.enabled_states) != states.STAFF
        ):
            raise InnovationError(
                "transition_not_allowed", from_state=idea.state, to_state=str(to_state)[:20]
            )
        if version != idea.version:
            raise conflict()
        _move(idea, to_state, actor, reason, timezone.now())
    return idea


def implement_idea(rules: InnovationRules, actor: Actor, idea_id: int, program, reason, version) -> Idea:
    """Staff mark an accepted idea implemented with its program, or update an implemented idea's program."""
    if not actor.is_staff:
        raise forbidden("staff_only")
    details = validation.clean_program(program, rules)
    with transaction.atomic():
        idea = _idea(rules, idea_id, lock=True)
        if version != idea.version:
            raise conflict()
        now = timezone.now()
        if idea.state == IdeaState.IMPLEMENTED:
            IdeaProgram.objects.filter(idea=idea).update(**details, modified=now)
            Idea.objects.filter(pk=idea.pk).update(version=F("version") + 1, modified=now)
            idea.refresh_from_db()
            return idea
        if states.who_may(idea.state, IdeaState.IMPLEMENTED, rules.enabled_states) != states.STAFF:
            raise InnovationError(
                "transition_not_allowed", from_state=idea.state, to_state=IdeaState.IMPLEMENTED
            )
        reason = validation.clean_reason(reason, required=True)
        IdeaProgram.objects.update_or_create(idea=idea, defaults=details)
        _move(idea, IdeaState.IMPLEMENTED, actor, reason, now)
    return idea


def answer_idea(rules: InnovationRules, actor: Actor, idea_id: int, data) -> IdeaAnswer:
    """Staff give (or correct) the public answer: text, and optionally cost and execution period."""
    if not actor.is_staff:
        raise forbidden("staff_only")
    cleaned = validation.clean_answer(data)
    with transaction.atomic():
        idea = _idea(rules, idea_id, lock=True)
        if idea.state not in states.ANSWERABLE:
            raise InnovationError("not_answerable", state=idea.state)
        answer, _ = IdeaAnswer.objects.update_or_create(
            idea=idea,
            defaults={**cleaned, "answered_by_id": actor.user_id, "answered_by_name": _display_name(actor)},
        )
        Idea.objects.filter(pk=idea.pk).update(modified=timezone.now())
    return answer


# --- Supports -------------------------------------------------------------------------------------


def _check_support_window(rules: InnovationRules) -> None:
    status = window_status(rules.support_start, rules.support_end)
    if status == "not_yet":
        raise InnovationError("supports_not_open")
    if status == "closed":
        raise InnovationError("supports_closed")


def support_idea(rules: InnovationRules, actor: Actor, idea_id: int) -> SupportResult:
    """Spend one of the learner's supports on an idea; supporting twice is harmless (nothing changes)."""
    _check_support_window(rules)
    participant = _participant(rules, actor)
    idea = _idea(rules, idea_id)
    if _is_proposer(idea, actor):
        raise forbidden("own_idea")
    if idea.state not in states.SUPPORTABLE:
        raise InnovationError("not_supportable", state=idea.state)
    try:
        with transaction.atomic():
            took = SupportBudget.objects.filter(pk=participant.pk, spent__lt=rules.support_budget).update(
                spent=F("spent") + 1
            )
            if not took:
                if IdeaSupport.objects.filter(idea_id=idea.pk, user_id=actor.user_id).exists():
                    raise IntegrityError("already supported")
                raise InnovationError("budget_exhausted", budget=rules.support_budget)
            IdeaSupport.objects.create(idea_id=idea.pk, user_id=actor.user_id, usage_id=rules.usage_id)
            Idea.objects.filter(pk=idea.pk).update(
                supports_count=F("supports_count") + 1, modified=timezone.now()
            )
    except IntegrityError:
        pass  # the same learner already supports it: one support, nothing spent
    return _support_result(rules, actor, idea.pk, participant.pk)


def withdraw_support(rules: InnovationRules, actor: Actor, idea_id: int) -> SupportResult:
    """Take a support back (while supports are open); the budget gets it back."""
    _check_support_window(rules)
    participant = _participant(rules, actor)
    idea = _idea(rules, idea_id)
    with transaction.atomic():
        deleted, _ = IdeaSupport.objects.filter(idea_id=idea.pk, user_id=actor.user_id).delete()
        if deleted:
            SupportBudget.objects.filter(pk=participant.pk, spent__gt=0).update(spent=F("spent") - 1)
            Idea.objects.filter(pk=idea.pk, supports_count__gt=0).update(
                supports_count=F("supports_count") - 1, modified=timezone.now()
            )
    return _support_result(rules, actor, idea.pk, participant.pk)


def _support_result(rules, actor, idea_id, participant_pk) -> SupportResult:
    return SupportResult(
        idea_id=idea_id,
        supported=IdeaSupport.objects.filter(idea_id=idea_id, user_id=actor.user_id).exists(),
        supports_count=Idea.objects.values_list("supports_count", flat=True).get(pk=idea_id),
        budget=rules.support_budget,
        budget_spent=SupportBudget.objects.values_list("spent", flat=True).get(pk=participant_pk),
    )


# --- Comments -------------------------------------------------------------------------------------


def add_comment(rules: InnovationRules, actor: Actor, idea_id: int, text) -> IdeaComment:
    """Comment on a public idea."""
    text = validation.clean_comment(text)
    with transaction.atomic():
        idea = _idea(rules, idea_id)
        if idea.state not in states.COMMENTABLE:
            raise InnovationError("not_commentable", state=idea.state)
        comment = IdeaComment.objects.create(
            idea=idea, author_id=actor.user_id, author_name=_display_name(actor), text=text
        )
        Idea.objects.filter(pk=idea.pk).update(
            comments_count=F("comments_count") + 1, modified=timezone.now()
        )
    return comment


def set_comment_hidden(
    rules: InnovationRules, actor: Actor, comment_id, hidden: bool, reason=""
) -> IdeaComment:
    """Staff hide a comment (kept, with who and why) or show it again."""
    if not actor.is_staff:
        raise forbidden("staff_only")
    if not isinstance(hidden, bool):
        raise InnovationError("invalid_input")
    reason = validation.clean_reason(reason, required=hidden)
    if not isinstance(comment_id, int) or isinstance(comment_id, bool):
        raise not_found()
    with transaction.atomic():
        comment = (
            IdeaComment.objects.select_for_update()
            .filter(pk=comment_id, idea__usage_id=rules.usage_id)
            .first()
        )
        if comment is None:
            raise not_found()
        if comment.is_hidden == hidden:
            return comment
        now = timezone.now()
        comment.is_hidden = hidden
        comment.hidden_by_id = actor.user_id if hidden else None
        comment.hidden_at = now if hidden else None
        comment.hidden_reason = reason if hidden else ""
        comment.save(update_fields=["is_hidden", "hidden_by", "hidden_at", "hidden_reason", "modified"])
        step = -1 if hidden else 1
        Idea.objects.filter(pk=comment.idea_id).update(
            comments_count=F("comments_count") + step, modified=now
        )
    return comment


# --- Jury -----------------------------------------------------------------------------------------


def scoring_refusal(rules: InnovationRules, actor: Actor, idea: Idea, *, is_proposer: bool) -> str:
    """Why ``actor`` may not score ``idea`` now ("" when they may)."""
    if not is_jury(rules, actor):
        return "not_jury"
    if not rules.rubric:
        return "no_rubric"
    if idea.state not in states.SCORABLE:
        return "not_scorable"
    if is_proposer:
        return "own_idea_score"
    own_opd = rules.jury.get(actor.username, "")
    if rules.jury_excludes_own_opd and own_opd and own_opd == idea.opd_code:
        return "own_opd"
    return ""


def weighted_total(points: dict, rubric, scale: int) -> float:
    """The rubric score on 0-100: each criterion's points as a share of ``scale``, weighted by its weight."""
    weight_sum = sum(c.weight for c in rubric) or 1
    return round(sum(c.weight * points[c.code] / scale for c in rubric) * 100 / weight_sum, 2)


def score_idea(rules: InnovationRules, actor: Actor, idea_id: int, criteria, note="") -> JuryScore:
    """A jury member scores an idea on the rubric (again, to correct it); the idea's aggregate follows."""
    if not is_jury(rules, actor):
        raise forbidden("not_jury")
    with transaction.atomic():
        idea = _idea(rules, idea_id, lock=True)
        refusal = scoring_refusal(rules, actor, idea, is_proposer=_is_proposer(idea, actor))
        if refusal:
            raise InnovationError(refusal, status=403 if refusal in ("own_idea_score", "own_opd") else 400)
        points, note = validation.clean_scores(criteria, note, rules)
        score, _ = JuryScore.objects.update_or_create(
            idea=idea,
            juror_id=actor.user_id,
            defaults={
                "criteria": points,
                "weights": {c.code: c.weight for c in rules.rubric},
                "scale": rules.score_scale,
                "total": weighted_total(points, rules.rubric, rules.score_scale),
                "note": note,
            },
        )
        totals = list(JuryScore.objects.filter(idea=idea).values_list("total", flat=True))
        Idea.objects.filter(pk=idea.pk).update(
            score_mean=round(statistics.fmean(totals), 2),
            score_stdev=round(statistics.pstdev(totals), 2),
            score_count=len(totals),
            modified=timezone.now(),
        )
    return score
