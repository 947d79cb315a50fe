"""Partner workshops: per session the seats and attendance (counted from the attendance rows the
sync keeps), JP delivered, and the reaction survey per question (count, sum, sum of squares on
1-5); per session and OPD the attendance of that OPD's ASN."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from companion_service.accounts.api import normalise_partner
from companion_service.openedx_sync.models import WorkshopAttendance, WorkshopReaction, WorkshopSession

from ..models import SessionFact, SessionOpdFact
from ..stats import MIN_CELL
from .sql import bulk_insert, insert_from

STATUSES = ("registered", "waiting", "attended", "no_show", "cancelled")


def session_facts() -> int:
    sessions = {
        (row.connection_id, row.remote_id): row
        for row in WorkshopSession.objects.only(
            "id",
            "connection_id",
            "remote_id",
            "partner_name",
            "partner_kind",
            "title",
            "kind",
            "starts_at",
            "duration_minutes",
            "jp_credit",
            "capacity",
        )
    }
    counts = defaultdict(lambda: dict.fromkeys((*STATUSES, "jp"), 0))
    for connection_id, remote_id, status, n, jp in (
        WorkshopAttendance.objects.values("connection_id", "session_remote_id", "status")
        .annotate(n=Count("id"), jp=Sum("jp_credited"))
        .values_list("connection_id", "session_remote_id", "status", "n", "jp")
    ):
        key = (connection_id, remote_id)
        if status in STATUSES:
            counts[key][status] += n
        if status == "attended":
            counts[key]["jp"] += jp or 0
    reactions = defaultdict(lambda: defaultdict(lambda: [0, 0.0, 0.0]))
    reaction_counts = defaultdict(int)
    for connection_id, remote_id, answers in WorkshopReaction.objects.values_list(
        "connection_id", "session_remote_id", "answers"
    ).iterator(chunk_size=5000):
        key = (connection_id, remote_id)
        reaction_counts[key] += 1
        for question, value in (answers or {}).items():
            if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value <= 5:
                stats = reactions[key][str(question)[:50]]
                stats[0] += 1
                stats[1] += value
                stats[2] += value * value
    facts = []
    for key, session in sessions.items():
        seen = counts[key]
        facts.append(
            SessionFact(
                id=session.id,
                partner_name=session.partner_name,
                partner_key=normalise_partner(session.partner_name),
                partner_kind=session.partner_kind,
                title=session.title,
                kind=session.kind,
                starts_at=session.starts_at,
                year=timezone.localtime(session.starts_at).year if session.starts_at else None,
                duration_minutes=session.duration_minutes,
                jp_credit=session.jp_credit,
                capacity=session.capacity,
                registered=seen["registered"],
                waiting=seen["waiting"],
                attended=seen["attended"],
                no_show=seen["no_show"],
                cancelled=seen["cancelled"],
                jp_delivered=seen["jp"],
                reactions=reaction_counts.get(key, 0),
                # No breakdown of a session with fewer than 5 answers (the survey is anonymous):
                # not alone, and not inside a partner's mean either, where a difference would show it.
                reaction_stats={question: list(values) for question, values in reactions.get(key, {}).items()}
                if reaction_counts.get(key, 0) >= MIN_CELL
                else {},
            )
        )
    bulk_insert(facts)
    session = WorkshopSession.objects.filter(
        connection=OuterRef("connection"), remote_id=OuterRef("session_remote_id")
    ).values("pk")[:1]
    rows = (
        WorkshopAttendance.objects.filter(
            learner__asn__isnull=False, status__in=("registered", "attended", "no_show")
        )
        .annotate(x_session=Subquery(session))
        .filter(x_session__isnull=False)
        .values("x_session", "learner__asn__opd_id")
        .annotate(
            x_registered=Count("id", filter=Q(status="registered")),
            x_attended=Count("id", filter=Q(status="attended")),
            x_no_show=Count("id", filter=Q(status="no_show")),
            x_jp=Coalesce(Sum("jp_credited", filter=Q(status="attended")), Value(0)),
        )
        .values_list("x_session", "learner__asn__opd_id", "x_registered", "x_attended", "x_no_show", "x_jp")
    )
    insert_from(SessionOpdFact, ["session", "opd", "registered", "attended", "no_show", "jp_delivered"], rows)
    return len(facts)
