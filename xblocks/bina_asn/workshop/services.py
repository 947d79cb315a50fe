"""Writes of the partner workshop: sync from Studio, seats and waiting list, attendance, reactions.

Every change to a workshop's seats runs in one transaction that first locks the workshop row
(``SELECT ... FOR UPDATE`` on PostgreSQL and MySQL; on SQLite the dev LMS opens every transaction
with ``BEGIN IMMEDIATE``, which serialises writers). Counting free seats and taking one therefore
happen as one step, so a session's capacity is never exceeded however many learners press
"Register" at once. A refused request raises ``WorkshopError`` and changes nothing.

JP are earned, not promised: a check-in (from ``checkin_opens_minutes`` before the start) records
attendance at once, but the session's JP are credited only when the attendance stands, i.e. once the
session has ended and its check-in window has closed (``WorkshopSession.checkin_closes_at``, the
moment no-shows are settled). Until then the registration is *pending* (``jp_credited`` 0,
``jp_credited_at`` empty). ``settle_ended_sessions`` credits what has become due; staff can still
correct the roster afterwards, which credits or withdraws the JP at once.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from ..data import (
    WorkshopDefinition,
    WorkshopRegistrationOutcome,
    WorkshopSessionDefinition,
)
from ..models.workshop import (
    SEAT_STATUSES,
    AttendanceMethod,
    CheckInMethod,
    RegistrationStatus,
    SessionStatus,
    Workshop,
    WorkshopReaction,
    WorkshopRegistration,
    WorkshopSession,
)
from . import jp
from .errors import WorkshopDefinitionError, WorkshopError

# Check-in codes: no 0/O, 1/I/L, so a code read aloud in a room is typed right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_COMMENT_CHARS = 2000
ANSWER_RANGE = range(1, 6)
# Statuses that keep a learner from registering for another session of a one-session workshop.
ACTIVE_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING, RegistrationStatus.ATTENDED)


def new_checkin_code() -> str:
    """A random code of CODE_LENGTH characters (31^6, about 887 million possibilities)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """What a learner typed, as the stored code is written (case, spaces and dashes ignored)."""
    return "".join(ch for ch in str(raw or "").upper() if ch.isalnum())


# --- Sync from Studio ----------------------------------------------------------------------------


def definition_problems(definition: WorkshopDefinition) -> list[WorkshopError]:
    """What the existing registrations forbid in ``definition`` (nothing is written).

    * a session that has registrations may not disappear: the author marks it cancelled instead;
    * a session's capacity may not drop below the seats already held.
    """
    return _problems(Workshop.objects.filter(usage_id=definition.usage_id).first(), definition)


def _problems(workshop: Workshop | None, definition: WorkshopDefinition) -> list[WorkshopError]:
    if workshop is None:
        return []
    problems = []
    wanted = {session.key: session for session in definition.sessions}
    for session in workshop.sessions.all():
        held = session.registrations.filter(status__in=SEAT_STATUSES).count()
        if session.key not in wanted:
            if session.registrations.exists():
                problems.append(
                    WorkshopError(
                        "session_removed_with_registrations",
                        title=session.title,
                        count=session.registrations.exclude(status=RegistrationStatus.CANCELLED).count(),
                    )
                )
        elif wanted[session.key].capacity < held:
            problems.append(
                WorkshopError(
                    "capacity_below_seats",
                    title=wanted[session.key].title,
                    seats=held,
                    capacity=wanted[session.key].capacity,
                )
            )
    return problems


def _session_values(workshop: Workshop, definition: WorkshopSessionDefinition, position: int) -> dict:
    starts_at = definition.starts_at
    ends_at = starts_at + timedelta(minutes=definition.duration_minutes)
    deadline = definition.registration_deadline or starts_at
    return {
        "position": position,
        "title": definition.title,
        "kind": definition.kind,
        "international": definition.international,
        "starts_at": starts_at,
        "duration_minutes": definition.duration_minutes,
        "ends_at": ends_at,
        "mode": definition.mode,
        "location": definition.location,
        "meeting_url": definition.meeting_url,
        "capacity": definition.capacity,
        "registration_deadline": min(deadline, starts_at),
        "jp_explicit": definition.jp_explicit,
        "jp_credit": jp.session_jp(
            definition.kind, definition.duration_minutes, definition.international, definition.jp_explicit
        ),
        "status": SessionStatus.CANCELLED if definition.cancelled else SessionStatus.SCHEDULED,
        "checkin_opens_at": starts_at - timedelta(minutes=workshop.checkin_opens_minutes),
        "checkin_closes_at": ends_at + timedelta(minutes=workshop.checkin_closes_minutes),
    }


@transaction.atomic
def sync_workshop(definition: WorkshopDefinition, now: datetime | None = None) -> Workshop:
    """Write a block's Studio settings into the tables; keep every registration.

    Sessions are matched by their stable ``key``: an edited session keeps its registrations, a new
    one gets a check-in code, a removed one without registrations is deleted. Raises
    ``WorkshopDefinitionError`` (and writes nothing) when a removed session has registrations or a
    capacity would fall below the seats already held. A capacity increase moves learners up from
    the waiting list; a JP change updates the JP already credited to attendees.
    """
    now = now or timezone.now()
    workshop = Workshop.objects.select_for_update().filter(usage_id=definition.usage_id).first()
    problems = _problems(workshop, definition)
    if problems:
        raise WorkshopDefinitionError(problems)
    if workshop is None:
        try:
            with transaction.atomic():
                workshop = Workshop.objects.create(
                    usage_id=definition.usage_id,
                    course_id=definition.course_id,
                    title=definition.title,
                    partner_name=definition.partner_name,
                    partner_kind=definition.partner_kind,
                )
        except IntegrityError:  # created meanwhile by a concurrent first render: lock that one
            workshop = Workshop.objects.select_for_update().get(usage_id=definition.usage_id)
    workshop.course_id = definition.course_id
    workshop.title = definition.title
    workshop.partner_name = definition.partner_name
    workshop.partner_slug = slugify(definition.partner_name)[:200]
    workshop.partner_kind = definition.partner_kind
    workshop.partner_description = definition.partner_description
    workshop.partner_website = definition.partner_website
    workshop.partner_logo_url = definition.partner_logo_url
    workshop.partner_contact_name = definition.partner_contact_name
    workshop.partner_contact_email = definition.partner_contact_email
    workshop.partner_contact_phone = definition.partner_contact_phone
    workshop.attendance_method = definition.attendance_method
    workshop.checkin_opens_minutes = definition.checkin_opens_minutes
    workshop.checkin_closes_minutes = definition.checkin_closes_minutes
    workshop.one_session_per_learner = definition.one_session_per_learner
    workshop.save()

    existing = {session.key: session for session in workshop.sessions.all()}
    wanted_keys = {session.key for session in definition.sessions}
    for key, session in existing.items():
        if key not in wanted_keys:
            session.delete()  # definition_problems() made sure it has no registrations
    for position, session_definition in enumerate(definition.sessions):
        values = _session_values(workshop, session_definition, position)
        session = existing.get(session_definition.key)
        if session is None:
            session = WorkshopSession.objects.create(
                workshop=workshop, key=session_definition.key, checkin_code=new_checkin_code(), **values
            )
            continue
        changed = {name: value for name, value in values.items() if getattr(session, name) != value}
        if not changed:
            continue
        for name, value in changed.items():
            setattr(session, name, value)
        session.save()
        if "jp_credit" in changed:
            session.registrations.filter(
                status=RegistrationStatus.ATTENDED, jp_credited_at__isnull=False
            ).update(jp_credited=session.jp_credit, modified=now)
        _promote_waiting(session, now)
    return workshop


# --- Seats and the waiting list ------------------------------------------------------------------


def _locked_session(session_id: int) -> WorkshopSession:
    """The session, after locking its workshop row for the rest of the transaction."""
    workshop_id = WorkshopSession.objects.filter(pk=session_id).values_list("workshop_id", flat=True).first()
    if workshop_id is None:
        raise WorkshopError("session_not_found")
    Workshop.objects.select_for_update().filter(pk=workshop_id).first()
    # Read the session only now, under the lock: a concurrent Studio save cannot change it meanwhile.
    try:
        return WorkshopSession.objects.select_related("workshop").get(pk=session_id)
    except WorkshopSession.DoesNotExist as exc:  # deleted by a Studio save while we waited
        raise WorkshopError("session_not_found") from exc


def _touch(session: WorkshopSession, now: datetime) -> None:
    """Mark the session changed: its seat counts moved (the companion syncs by ``modified``)."""
    WorkshopSession.objects.filter(pk=session.pk).update(modified=now)


def seats_held(session: WorkshopSession) -> int:
    return session.registrations.filter(status__in=SEAT_STATUSES).count()


def queue_position(registration: WorkshopRegistration) -> int | None:
    """1 for the first on the waiting list, None when not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = WorkshopRegistration.objects.filter(
        session_id=registration.session_id,
        status=RegistrationStatus.WAITING,
        queue_number__lt=registration.queue_number,
    ).count()
    return ahead + 1


def _promote_waiting(session: WorkshopSession, now: datetime) -> list[int]:
    """Give free seats to the first learners on the waiting list (before the session starts)."""
    if session.status != SessionStatus.SCHEDULED or now >= session.starts_at:
        return []
    free = session.capacity - seats_held(session)
    if free <= 0:
        return []
    promoted = list(
        session.registrations.filter(status=RegistrationStatus.WAITING).order_by("queue_number", "id")[:free]
    )
    for registration in promoted:
        registration.status = RegistrationStatus.REGISTERED
        registration.queue_number = None
        registration.promoted_at = now
        registration.registered_at = now
        registration.save()
    return [registration.user_id for registration in promoted]


@transaction.atomic
def register(
    session_id: int, user_id: int, anonymous_user_id: str = "", now: datetime | None = None
) -> WorkshopRegistrationOutcome:
    """Take a seat in the session, or a place on its waiting list when it is full."""
    now = now or timezone.now()
    session = _locked_session(session_id)
    workshop = session.workshop
    if session.status == SessionStatus.CANCELLED:
        raise WorkshopError("session_cancelled", title=session.title)
    if now >= session.registration_deadline:
        raise WorkshopError(
            "registration_closed", title=session.title, deadline=session.registration_deadline
        )
    registration = WorkshopRegistration.objects.filter(session=session, user_id=user_id).first()
    if registration is not None and registration.status == RegistrationStatus.WAITING:
        raise WorkshopError("already_waiting", title=session.title, position=queue_position(registration))
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        raise WorkshopError("already_registered", title=session.title)
    if workshop.one_session_per_learner:
        other = (
            WorkshopRegistration.objects.filter(
                session__workshop=workshop, user_id=user_id, status__in=ACTIVE_STATUSES
            )
            .exclude(session=session)
            .select_related("session")
            .first()
        )
        if other is not None:
            raise WorkshopError("other_session_held", title=other.session.title, status=other.status)

    someone_waiting = session.registrations.filter(status=RegistrationStatus.WAITING).exists()
    if registration is None:
        registration = WorkshopRegistration(session=session, user_id=user_id)
    registration.anonymous_user_id = anonymous_user_id or registration.anonymous_user_id
    registration.cancelled_at = None
    registration.promoted_at = None
    if seats_held(session) < session.capacity and not someone_waiting:
        registration.status = RegistrationStatus.REGISTERED
        registration.registered_at = now
        registration.waitlisted_at = None
        registration.queue_number = None
    else:
        last = session.registrations.aggregate(last=Max("queue_number"))["last"] or 0
        registration.status = RegistrationStatus.WAITING
        registration.registered_at = None
        registration.waitlisted_at = now
        registration.queue_number = last + 1
    registration.save()
    _touch(session, now)
    return WorkshopRegistrationOutcome(
        status=registration.status, queue_position=queue_position(registration)
    )


@transaction.atomic
def cancel(session_id: int, user_id: int, now: datetime | None = None) -> WorkshopRegistrationOutcome:
    """Give up a seat (before the session starts) or a place on the waiting list.

    A freed seat goes at once to the first learner on the waiting list.
    """
    now = now or timezone.now()
    session = _locked_session(session_id)
    registration = WorkshopRegistration.objects.filter(session=session, user_id=user_id).first()
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        raise WorkshopError("not_registered", title=session.title)
    if registration.status == RegistrationStatus.ATTENDED:
        raise WorkshopError("cancel_after_attendance", title=session.title)
    held_seat = registration.status in SEAT_STATUSES
    if held_seat and now >= session.starts_at:
        raise WorkshopError("cancel_too_late", title=session.title)
    registration.status = RegistrationStatus.CANCELLED
    registration.queue_number = None
    registration.cancelled_at = now
    registration.save()
    promoted = _promote_waiting(session, now) if held_seat else []
    _touch(session, now)
    return WorkshopRegistrationOutcome(status=registration.status, promoted_user_ids=tuple(promoted))


# --- Attendance ----------------------------------------------------------------------------------


def jp_counts_from(session: WorkshopSession) -> datetime:
    """When attendance at ``session`` stands and its JP are credited: the session has ended and its
    check-in window has closed."""
    return max(session.ends_at, session.checkin_closes_at)


def _credit(registration, session, now) -> None:
    """Credit the session's JP now if the attendance already stands, otherwise leave them pending."""
    due = now >= jp_counts_from(session) and session.status == SessionStatus.SCHEDULED
    registration.jp_credited = session.jp_credit if due else 0
    registration.jp_credited_at = now if due else None


def _mark_attended(registration, session, method, now, marked_by_id=None):
    registration.status = RegistrationStatus.ATTENDED
    registration.attended_at = registration.attended_at or now
    registration.attendance_method = method
    registration.marked_by_id = marked_by_id
    _credit(registration, session, now)
    registration.queue_number = None
    registration.save()
    _touch(session, now)


@transaction.atomic
def check_in(
    session_id: int, user_id: int, code: str, now: datetime | None = None
) -> WorkshopRegistrationOutcome:
    """Record attendance with the code announced at the session, inside its check-in window."""
    now = now or timezone.now()
    session = _locked_session(session_id)
    if session.workshop.attendance_method == AttendanceMethod.STAFF:
        raise WorkshopError("checkin_not_by_code", title=session.title)
    if session.status == SessionStatus.CANCELLED:
        raise WorkshopError("session_cancelled", title=session.title)
    registration = WorkshopRegistration.objects.filter(session=session, user_id=user_id).first()
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        raise WorkshopError("not_registered", title=session.title)
    if registration.status == RegistrationStatus.WAITING:
        raise WorkshopError("checkin_waiting", title=session.title)
    if registration.status == RegistrationStatus.ATTENDED:
        return WorkshopRegistrationOutcome(status=registration.status, already=True)
    if now < session.checkin_opens_at:
        raise WorkshopError("checkin_not_open", title=session.title, opens_at=session.checkin_opens_at)
    if now > session.checkin_closes_at:
        raise WorkshopError("checkin_closed", title=session.title, closed_at=session.checkin_closes_at)
    if not hmac.compare_digest(normalise_code(code).encode(), session.checkin_code.encode()):
        raise WorkshopError("checkin_wrong_code", title=session.title)
    _mark_attended(registration, session, CheckInMethod.CODE, now)
    return WorkshopRegistrationOutcome(status=registration.status)


@transaction.atomic
def mark_attendance(
    session_id: int, user_id: int, present: bool, staff_user_id: int, now: datetime | None = None
) -> WorkshopRegistrationOutcome:
    """The course team marks a registered learner present or absent (from the check-in window on)."""
    now = now or timezone.now()
    session = _locked_session(session_id)
    if session.workshop.attendance_method == AttendanceMethod.CODE:
        raise WorkshopError("marking_not_by_staff", title=session.title)
    if session.status == SessionStatus.CANCELLED:
        raise WorkshopError("session_cancelled", title=session.title)
    if now < session.checkin_opens_at:
        raise WorkshopError("marking_not_started", title=session.title, opens_at=session.checkin_opens_at)
    registration = WorkshopRegistration.objects.filter(session=session, user_id=user_id).first()
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        raise WorkshopError("learner_not_registered", title=session.title)
    if registration.status == RegistrationStatus.WAITING:
        raise WorkshopError("marking_waiting_learner", title=session.title)
    wanted = RegistrationStatus.ATTENDED if present else RegistrationStatus.NO_SHOW
    if registration.status == wanted:
        return WorkshopRegistrationOutcome(status=registration.status, already=True)
    if present:
        _mark_attended(registration, session, CheckInMethod.STAFF, now, marked_by_id=staff_user_id)
    else:
        if hasattr(registration, "reaction"):
            raise WorkshopError("absent_after_reaction", title=session.title)
        registration.status = RegistrationStatus.NO_SHOW
        registration.attended_at = None
        registration.attendance_method = ""
        registration.marked_by_id = staff_user_id
        registration.jp_credited = 0
        registration.jp_credited_at = None
        registration.save()
        _touch(session, now)
    return WorkshopRegistrationOutcome(status=registration.status)


@transaction.atomic
def regenerate_checkin_code(session_id: int) -> str:
    """A new check-in code for the session (the old one stops working at once)."""
    session = _locked_session(session_id)
    session.checkin_code = new_checkin_code()
    session.save(update_fields=["checkin_code", "modified"])
    return session.checkin_code


def settle_ended_sessions(now: datetime | None = None) -> int:
    """Sessions whose check-in window has closed: registered learners become no-shows, and attendees'
    JP, pending until now, are credited.

    Idempotent and cheap (indexed UPDATEs, one per session with JP due); the views and the API call
    it before reading, and ``manage.py settle_workshop_sessions`` runs it on a schedule. Every
    changed row and its session get a new ``modified``, so the companion's sync sees them. Returns
    the rows changed.
    """
    now = now or timezone.now()
    closed = {"session__checkin_closes_at__lt": now, "session__status": SessionStatus.SCHEDULED}
    ended = WorkshopRegistration.objects.filter(status=RegistrationStatus.REGISTERED, **closed)
    due = WorkshopRegistration.objects.filter(
        status=RegistrationStatus.ATTENDED, jp_credited_at__isnull=True, **closed
    )
    session_ids = set(ended.values_list("session_id", flat=True))
    due_sessions = dict(due.order_by().values_list("session_id", "session__jp_credit").distinct())
    if not session_ids and not due_sessions:
        return 0
    with transaction.atomic():
        changed = ended.update(status=RegistrationStatus.NO_SHOW, modified=now)
        for session_id, jp_credit in due_sessions.items():
            changed += due.filter(session_id=session_id).update(
                jp_credited=jp_credit, jp_credited_at=now, modified=now
            )
        WorkshopSession.objects.filter(pk__in=session_ids | set(due_sessions)).update(modified=now)
    return changed


# --- Reaction survey -----------------------------------------------------------------------------


def clean_reaction(answers, comment, question_keys) -> tuple[dict, str]:
    """Check a survey answer: every question answered with a whole number 1-5, a short comment."""
    if not isinstance(answers, dict):
        raise WorkshopError("answers_not_a_mapping")
    unknown = sorted(set(map(str, answers)) - set(question_keys))
    if unknown:
        raise WorkshopError("answer_unknown_question", keys=unknown)
    cleaned = {}
    for key in question_keys:
        value = answers.get(key)
        if value is None or value == "":
            raise WorkshopError("answer_missing", key=key)
        if isinstance(value, bool):
            raise WorkshopError("answer_out_of_range", key=key)
        try:
            number = int(value)
        except (TypeError, ValueError) as exc:
            raise WorkshopError("answer_out_of_range", key=key) from exc
        if str(number) != str(value).strip() and number != value:
            raise WorkshopError("answer_out_of_range", key=key)
        if number not in ANSWER_RANGE:
            raise WorkshopError("answer_out_of_range", key=key)
        cleaned[key] = number
    comment = str(comment or "").strip()
    if len(comment) > MAX_COMMENT_CHARS:
        raise WorkshopError("comment_too_long", limit=MAX_COMMENT_CHARS, length=len(comment))
    return cleaned, comment


@transaction.atomic
def submit_reaction(
    session_id: int,
    user_id: int,
    answers: dict,
    comment: str,
    question_keys: list[str],
    now: datetime | None = None,
) -> WorkshopReaction:
    """Record an attendee's reaction survey (once per session), from the end of the session on."""
    now = now or timezone.now()
    cleaned, comment = clean_reaction(answers, comment, question_keys)
    session = _locked_session(session_id)
    registration = WorkshopRegistration.objects.filter(session=session, user_id=user_id).first()
    if registration is None or registration.status != RegistrationStatus.ATTENDED:
        raise WorkshopError("reaction_not_attended", title=session.title)
    if now < session.ends_at:
        raise WorkshopError("reaction_not_open", title=session.title, opens_at=session.ends_at)
    if WorkshopReaction.objects.filter(registration=registration).exists():
        raise WorkshopError("reaction_already_submitted", title=session.title)
    try:
        with transaction.atomic():
            return WorkshopReaction.objects.create(
                registration=registration, answers=cleaned, comment=comment
            )
    except IntegrityError as exc:  # a second submission raced this one
        raise WorkshopError("reaction_already_submitted", title=session.title) from exc
