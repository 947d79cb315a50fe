"""Partners: workshops per partner, attendance and its rate, reaction scores, JP delivered.

A partner reads only their own sessions; an OPD head reads the sessions their ASN registered for,
with their OPD's attendance and JP only; administrators and evaluators read everything.
"""

from __future__ import annotations

from collections import defaultdict

from ..data import PartnerRow, Partners, ReactionScore, SessionRow
from ..models import SessionFact, SessionOpdFact
from ..stats import Mean, share
from .common import choose_year, years_available


def _sessions(scope, year: int):
    sessions = SessionFact.objects.filter(year=year)
    if scope.is_partner:
        return sessions.filter(partner_key__in=scope.partner_names)
    if scope.is_opd:
        return sessions.filter(by_opd__opd_id__in=scope.opd_ids).distinct()
    if scope.sees_all:
        return sessions
    return sessions.none()


def partners(scope, year=None) -> Partners:
    years = sorted(
        {*years_available(), *SessionFact.objects.exclude(year=None).values_list("year", flat=True)},
        reverse=True,
    )
    year = choose_year(year, years)
    sessions = list(_sessions(scope, year).order_by("starts_at", "title"))
    own = {}
    if scope.is_opd:
        for fact in SessionOpdFact.objects.filter(session__in=sessions, opd_id__in=scope.opd_ids):
            values = own.setdefault(fact.session_id, [0, 0, 0, 0])
            values[0] += fact.registered
            values[1] += fact.attended
            values[2] += fact.no_show
            values[3] += fact.jp_delivered
    rows, grouped = [], defaultdict(list)
    for session in sessions:
        if scope.is_opd:
            waiting, attended, no_show, jp = own.get(session.id, [0, 0, 0, 0])
            registered = waiting + attended + no_show
        else:
            registered, attended, no_show, jp = (
                session.registered + session.attended + session.no_show,
                session.attended,
                session.no_show,
                session.jp_delivered,
            )
        row = SessionRow(
            title=session.title,
            partner=session.partner_name,
            kind=session.kind,
            starts_at=session.starts_at,
            jp_credit=session.jp_credit,
            capacity=session.capacity,
            registered=registered,
            attended=attended,
            no_show=no_show,
            attendance=share(attended, attended + no_show),
            jp_delivered=jp,
            reactions=session.reactions,
        )
        rows.append(row)
        grouped[session.partner_key].append((session, row))
    partner_rows = []
    for items in grouped.values():
        questions = defaultdict(lambda: [0, 0.0, 0.0])
        for session, _row in items:
            for question, (n, total, total_sq) in session.reaction_stats.items():
                questions[question][0] += n
                questions[question][1] += total
                questions[question][2] += total_sq
        overall = [sum(values[i] for values in questions.values()) for i in range(3)]
        attended = sum(row.attended for _, row in items)
        no_show = sum(row.no_show for _, row in items)
        partner_rows.append(
            PartnerRow(
                name=items[0][0].partner_name,
                kind=items[0][0].partner_kind,
                sessions=len(items),
                attended=attended,
                registered=sum(row.registered for _, row in items),
                attendance=share(attended, attended + no_show),
                jp_delivered=sum(row.jp_delivered for _, row in items),
                reactions=[
                    ReactionScore(question, Mean.from_sums(*questions[question]))
                    for question in sorted(questions)
                ],
                overall=Mean.from_sums(*overall),
            )
        )
    partner_rows.sort(key=lambda row: row.name.casefold())
    return Partners(year=year, years=years, by_opd=scope.is_opd, partners=partner_rows, sessions=rows)
