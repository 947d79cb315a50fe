"""Reads of the partner workshop: sessions with seat counts, a learner's registrations, rosters, reactions."""

from __future__ import annotations

from statistics import mean

from django.db.models import Count, Q

from ..data import (
    WorkshopReactionSummary,
    WorkshopRegistrationData,
    WorkshopRosterEntry,
    WorkshopSessionData,
)
from ..models.workshop import (
    RegistrationStatus,
    SessionStatus,
    Workshop,
    WorkshopReaction,
    WorkshopRegistration,
    WorkshopSession,
)


def workshop_for_usage(usage_id: str) -> Workshop | None:
    return Workshop.objects.filter(usage_id=usage_id).first()


def sessions_with_counts():
    """Sessions annotated with how many learners are in each status."""

    def count(status):
        return Count("registrations", filter=Q(registrations__status=status))

    return WorkshopSession.objects.select_related("workshop").annotate(
        registered_count=count(RegistrationStatus.REGISTERED),
        waiting_count=count(RegistrationStatus.WAITING),
        attended_count=count(RegistrationStatus.ATTENDED),
        no_show_count=count(RegistrationStatus.NO_SHOW),
    )


def _session_data(session) -> WorkshopSessionData:
    return WorkshopSessionData(
        id=session.id,
        key=session.key,
        title=session.title,
        kind=session.kind,
        international=session.international,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        duration_minutes=session.duration_minutes,
        mode=session.mode,
        location=session.location,
        meeting_url=session.meeting_url,
        capacity=session.capacity,
        registration_deadline=session.registration_deadline,
        jp_credit=session.jp_credit,
        jp_is_explicit=session.jp_explicit is not None,
        cancelled=session.status == SessionStatus.CANCELLED,
        checkin_opens_at=session.checkin_opens_at,
        checkin_closes_at=session.checkin_closes_at,
        registered_count=session.registered_count,
        waiting_count=session.waiting_count,
        attended_count=session.attended_count,
        no_show_count=session.no_show_count,
    )


def workshop_sessions(usage_id: str) -> list[WorkshopSessionData]:
    """The sessions of one block, in the author's order, with seat counts."""
    queryset = (
        sessions_with_counts().filter(workshop__usage_id=usage_id).order_by("position", "starts_at", "id")
    )
    return [_session_data(session) for session in queryset]


def session_by_key(usage_id: str, key: str) -> WorkshopSessionData | None:
    session = sessions_with_counts().filter(workshop__usage_id=usage_id, key=key).first()
    return _session_data(session) if session else None


def checkin_code(session_id: int) -> str:
    """The session's current check-in code (for the course team only)."""
    return WorkshopSession.objects.values_list("checkin_code", flat=True).get(pk=session_id)


def _queue_positions(session_ids) -> dict[int, int]:
    """Registration id -> place on its session's waiting list (1 = next to get a seat)."""
    positions, counters = {}, {}
    waiting = (
        WorkshopRegistration.objects.filter(session_id__in=session_ids, status=RegistrationStatus.WAITING)
        .order_by("session_id", "queue_number", "id")
        .values_list("id", "session_id")
    )
    for registration_id, session_id in waiting:
        counters[session_id] = counters.get(session_id, 0) + 1
        positions[registration_id] = counters[session_id]
    return positions


def learner_registrations(usage_id: str, user_id: int) -> dict[str, WorkshopRegistrationData]:
    """session key -> the learner's registration in it (cancelled ones included)."""
    rows = list(
        WorkshopRegistration.objects.filter(
            session__workshop__usage_id=usage_id, user_id=user_id
        ).select_related("session", "reaction")
    )
    positions = _queue_positions({row.session_id for row in rows if row.status == RegistrationStatus.WAITING})
    result = {}
    for row in rows:
        reaction = getattr(row, "reaction", None)
        result[row.session.key] = WorkshopRegistrationData(
            session_id=row.session_id,
            session_key=row.session.key,
            status=row.status,
            queue_position=positions.get(row.id),
            attended_at=row.attended_at,
            attendance_method=row.attendance_method,
            jp_credited=row.jp_credited,
            reaction_answers=dict(reaction.answers) if reaction else None,
            reaction_comment=reaction.comment if reaction else "",
            jp_credited_at=row.jp_credited_at,
            jp_counts_from=max(row.session.ends_at, row.session.checkin_closes_at),
            jp_session=row.session.jp_credit,
        )
    return result


def learner_jp_total(usage_id: str, user_id: int) -> int:
    """JP credited to the learner by this block (sum over attended sessions whose attendance stands;
    pending attendance counts 0)."""
    rows = WorkshopRegistration.objects.filter(
        session__workshop__usage_id=usage_id, user_id=user_id, status=RegistrationStatus.ATTENDED
    ).values_list("jp_credited", flat=True)
    return sum(rows)


def attended_any(usage_id: str, user_id: int) -> bool:
    return WorkshopRegistration.objects.filter(
        session__workshop__usage_id=usage_id, user_id=user_id, status=RegistrationStatus.ATTENDED
    ).exists()


ROSTER_ORDER = {
    RegistrationStatus.ATTENDED: 0,
    RegistrationStatus.REGISTERED: 1,
    RegistrationStatus.NO_SHOW: 2,
    RegistrationStatus.WAITING: 3,
    RegistrationStatus.CANCELLED: 4,
}


def roster(session_id: int) -> list[WorkshopRosterEntry]:
    """Everyone who registered for the session: seat holders, then the waiting list, then cancellations."""
    rows = list(
        WorkshopRegistration.objects.filter(session_id=session_id)
        .select_related("user", "marked_by")
        .annotate(reacted=Count("reaction"))
    )
    positions = _queue_positions([session_id])
    entries = [
        WorkshopRosterEntry(
            user_id=row.user_id,
            username=row.user.username,
            full_name=row.user.get_full_name() or row.user.username,
            email=row.user.email,
            status=row.status,
            queue_position=positions.get(row.id),
            registered_at=row.registered_at,
            waitlisted_at=row.waitlisted_at,
            cancelled_at=row.cancelled_at,
            attended_at=row.attended_at,
            attendance_method=row.attendance_method,
            marked_by=row.marked_by.username if row.marked_by else "",
            jp_credited=row.jp_credited,
            reacted=bool(row.reacted),
            jp_credited_at=row.jp_credited_at,
        )
        for row in rows
    ]
    entries.sort(
        key=lambda entry: (
            ROSTER_ORDER[entry.status],
            entry.queue_position or 0,
            entry.full_name.casefold(),
            entry.username,
        )
    )
    return entries


def reaction_summary(session_id: int, question_keys: list[str]) -> WorkshopReactionSummary:
    """Averages (1-5) per question, the answer distribution, and the comments, newest first."""
    reactions = list(
        WorkshopReaction.objects.filter(registration__session_id=session_id).order_by("-created", "-id")
    )
    attended = WorkshopRegistration.objects.filter(
        session_id=session_id, status=RegistrationStatus.ATTENDED
    ).count()
    averages, distribution = {}, {}
    for key in question_keys:
        values = [r.answers[key] for r in reactions if isinstance(r.answers.get(key), int)]
        averages[key] = round(mean(values), 2) if values else None
        distribution[key] = {score: values.count(score) for score in range(1, 6)}
    comments = tuple((r.created, r.comment) for r in reactions if r.comment)
    return WorkshopReactionSummary(
        session_id=session_id,
        responses=len(reactions),
        attended=attended,
        averages=averages,
        distribution=distribution,
        comments=comments,
    )


def is_registered_learner(usage_id: str, user_id: int, session_key: str) -> bool:
    """Whether the learner holds a seat in (or attended) the session: who may see the meeting link."""
    return WorkshopRegistration.objects.filter(
        session__workshop__usage_id=usage_id,
        session__key=session_key,
        user_id=user_id,
        status__in=(RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW),
    ).exists()


# --- The REST API (the companion's sync) ---------------------------------------------------------


def api_partners():
    return Workshop.objects.annotate(sessions_count=Count("sessions"))


def api_sessions():
    return sessions_with_counts()


def api_attendance():
    return WorkshopRegistration.objects.select_related("session__workshop", "user")


def api_reactions():
    return WorkshopReaction.objects.select_related("registration__session__workshop", "registration__user")
