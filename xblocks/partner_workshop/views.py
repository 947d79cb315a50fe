"""Rendering of the block's views: what each person sees, computed here and shown by Django templates.

Templates only lay out what this module decided (who may see a meeting link, which buttons a
learner has, what the roster says); Django's autoescaping escapes every authored and learner text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.utils import timezone, translation
from xblock.utils.resources import ResourceLoader

from xblocks.bina_asn import api

from . import config, formatting

loader = ResourceLoader(__name__)


def dom_prefix(block) -> str:
    """A short id prefix unique to the block on a page (several blocks may share a unit)."""
    return "pw-" + hashlib.sha1(block.usage_key_text.encode(), usedforsecurity=False).hexdigest()[:8]


def _labels(_):
    return {
        "partner_kind": {
            "local_tech": _("Local technology company"),
            "university": _("University"),
            "state_enterprise": _("State-owned enterprise"),
            "startup": _("Startup"),
            "ngo": _("Non-governmental organisation"),
        },
        "session_kind": {"workshop": _("Workshop"), "seminar": _("Seminar")},
        "mode": {"onsite": _("On site"), "online": _("Online"), "hybrid": _("Hybrid (on site and online)")},
        "status": {
            "registered": _("Registered"),
            "waiting": _("Waiting list"),
            "cancelled": _("Cancelled"),
            "attended": _("Attended"),
            "no_show": _("No-show"),
        },
        "method": {"code": _("Check-in code"), "staff": _("Marked by staff"), "": ""},
        "attendance": {
            "code_and_staff": _("Check-in code and staff roster"),
            "code": _("Check-in code only"),
            "staff": _("Staff roster only"),
        },
    }


def _decimal(value) -> str:
    """``4,50`` in Indonesian, ``4.50`` in English; a dash when there is no value."""
    if value is None:
        return "–"
    text = f"{value:.2f}"
    return text.replace(".", ",") if (translation.get_language() or "id").startswith("id") else text


def initials(name: str) -> str:
    words = [w for w in name.replace("PT ", "").split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


@dataclass
class Ctx:
    """What the templates need besides the block: translation functions and the time of rendering."""

    gettext: object
    ngettext: object
    now: object


def _session_context(block, session, mine, who, ctx, labels):
    """One session card for one learner: facts, the learner's status, and the actions open to them."""
    _ = ctx.gettext
    now = ctx.now
    status = mine.status if mine else ""
    started = now >= session.starts_at
    deadline_passed = now >= session.registration_deadline
    method = block.attendance_method
    holds_seat = status in ("registered", "attended", "no_show")
    window_open = session.checkin_opens_at <= now <= session.checkin_closes_at
    can_code = (
        method in ("code_and_staff", "code") and status in ("registered", "no_show") and not session.cancelled
    )
    show_link = holds_seat and bool(session.meeting_url)
    if session.jp_is_explicit:
        jp_note = _("set by the course team")
    else:
        jp_note = _("1 JP = 45 minutes; a full {kind} day counts {full} JP").format(
            kind=labels["session_kind"][session.kind].lower(),
            full=api.workshop_jp.full_day_jp(session.kind, session.international),
        )
    if session.cancelled:
        seats_text = _("This session is cancelled.")
    elif session.seats_left:
        seats_text = ctx.ngettext(
            "{left} of {capacity} seat left", "{left} of {capacity} seats left", session.seats_left
        ).format(left=session.seats_left, capacity=session.capacity)
    else:
        seats_text = ctx.ngettext(
            "Full: {n} learner on the waiting list",
            "Full: {n} learners on the waiting list",
            session.waiting_count,
        ).format(n=session.waiting_count)
    if status == "registered":
        my_text = _("You are registered.")
    elif status == "waiting":
        my_text = _(
            "You are number {position} on the waiting list. You get a seat automatically when one frees up."
        ).format(position=mine.queue_position)
    elif status == "attended" and mine.jp_status == "pending":
        my_text = _(
            "Your attendance was recorded on {when}. The {jp} JP count once the session has ended and the "
            "attendance stands: from {counts}."
        ).format(
            when=formatting.date_time(mine.attended_at),
            jp=mine.jp_session,
            counts=formatting.date_time(mine.jp_counts_from),
        )
    elif status == "attended":
        my_text = _("You attended on {when}: {jp} JP credited.").format(
            when=formatting.date_time(mine.attended_at), jp=mine.jp_credited
        )
    elif status == "no_show":
        my_text = _("Your attendance was not recorded. If you were there, ask the course team.")
    elif status == "cancelled":
        my_text = _("You cancelled your registration.")
    else:
        my_text = ""
    checkin_hint = ""
    if can_code and not window_open:
        if now < session.checkin_opens_at:
            checkin_hint = _("Check-in with the code opens at {time}.").format(
                time=formatting.date_time(session.checkin_opens_at)
            )
        else:
            checkin_hint = _("Check-in with the code closed at {time}.").format(
                time=formatting.date_time(session.checkin_closes_at)
            )
    elif status == "registered" and method == "staff":
        checkin_hint = _("The course team records attendance at the session.")
    jp_when = ""
    if status in ("registered", "no_show") and not session.cancelled:
        jp_when = _(
            "The {jp} JP are credited once the session has ended and your attendance stands (from {counts})."
        ).format(
            jp=session.jp_credit, counts=formatting.date_time(max(session.ends_at, session.checkin_closes_at))
        )
    survey_open = now >= session.ends_at
    open_for_registration = not session.cancelled and not deadline_passed
    return {
        "key": session.key,
        "id": session.id,
        "title": session.title,
        "kind_label": labels["session_kind"][session.kind],
        "international": session.international,
        "mode": session.mode,
        "mode_label": labels["mode"][session.mode],
        "jp": session.jp_credit,
        "jp_note": jp_note,
        "starts": formatting.date_time(session.starts_at),
        "starts_iso": formatting.iso(session.starts_at),
        "ends": formatting.time_only(session.ends_at),
        "ends_iso": formatting.iso(session.ends_at),
        "duration": formatting.duration(session.duration_minutes, ctx.gettext, ctx.ngettext),
        "location": session.location if session.mode in ("onsite", "hybrid") else "",
        "online": session.mode in ("online", "hybrid"),
        "meeting_url": session.meeting_url if show_link else "",
        "deadline": formatting.date_time(session.registration_deadline),
        "deadline_iso": formatting.iso(session.registration_deadline),
        "deadline_passed": deadline_passed,
        "cancelled": session.cancelled,
        "started": started,
        "seats_text": seats_text,
        "full": session.seats_left == 0 and not session.cancelled,
        "status": status,
        "status_label": labels["status"].get(status, ""),
        "my_text": my_text,
        "can_register": open_for_registration and status in ("", "cancelled") and who.is_authenticated,
        "can_cancel": status == "registered" and not started,
        "can_leave_waiting": status == "waiting",
        "can_check_in": can_code and window_open,
        "checkin_hint": checkin_hint,
        "jp_when": jp_when,
        "show_survey": status == "attended" and mine.reaction_answers is None and survey_open,
        "survey_hint": _("The short survey about the session opens when it ends, at {time}.").format(
            time=formatting.time_only(session.ends_at)
        )
        if status == "attended" and mine.reaction_answers is None and not survey_open
        else "",
        "reacted": status == "attended" and mine.reaction_answers is not None,
        "ics_url": block.runtime.handler_url(block, "calendar", session.key)
        if status in ("registered", "waiting", "attended", "no_show")
        else "",
    }


def _staff_context(block, session, ctx, labels, questions):
    """One session's roster, counts, check-in code and survey results for the course team."""
    _ = ctx.gettext
    roster = api.workshop_roster(session.id)
    can_mark = block.attendance_method in ("code_and_staff", "staff") and ctx.now >= session.checkin_opens_at
    summary = api.workshop_reaction_summary(session.id, [q["key"] for q in questions])
    rows = []
    for entry in roster:
        if entry.status == "waiting":
            since = _("since {time}").format(time=formatting.date_time(entry.waitlisted_at))
        elif entry.status == "cancelled":
            since = _("cancelled {time}").format(time=formatting.date_time(entry.cancelled_at))
        else:
            since = formatting.date_time(entry.registered_at)
        rows.append(
            {
                "username": entry.username,
                "full_name": entry.full_name,
                "email": entry.email,
                "status": entry.status,
                "status_label": labels["status"][entry.status]
                + (f" ({entry.queue_position})" if entry.queue_position else ""),
                "since": since,
                "attended_at": formatting.time_only(entry.attended_at) if entry.attended_at else "",
                "method_label": labels["method"].get(entry.attendance_method, ""),
                "jp": entry.jp_credited,
                "jp_pending": entry.jp_status == "pending",
                "reacted": entry.reacted,
                "can_mark_present": can_mark and entry.status in ("registered", "no_show"),
                "can_mark_absent": can_mark
                and entry.status in ("registered", "attended")
                and not entry.reacted,
            }
        )
    return {
        "key": session.key,
        "title": session.title,
        "starts": formatting.date_time(session.starts_at),
        "cancelled": session.cancelled,
        "counts": {
            "registered": session.registered_count,
            "waiting": session.waiting_count,
            "attended": session.attended_count,
            "no_show": session.no_show_count,
            "capacity": session.capacity,
        },
        "code": api.workshop_checkin_code(session.id) if block.attendance_method != "staff" else "",
        "checkin_window": _("{opens} to {closes}").format(
            opens=formatting.date_time(session.checkin_opens_at),
            closes=formatting.date_time(session.checkin_closes_at),
        ),
        "can_mark": can_mark,
        "mark_hint": ""
        if can_mark or block.attendance_method == "code"
        else _("Attendance can be marked from {time}.").format(
            time=formatting.date_time(session.checkin_opens_at)
        ),
        "rows": rows,
        "csv_url": block.runtime.handler_url(block, "roster_csv", session.key),
        "responses": summary.responses,
        "attended": summary.attended,
        "averages": [
            {
                "label": q["label"],
                "average": _decimal(summary.averages.get(q["key"])),
                "distribution": [summary.distribution[q["key"]][score] for score in range(1, 6)],
            }
            for q in questions
        ],
        "comments": [{"when": formatting.date_time(when), "text": text} for when, text in summary.comments],
    }


def body_context(block, who):
    ctx = Ctx(block.gettext, block.ngettext, timezone.now())
    _ = ctx.gettext
    labels = _labels(_)
    sessions = api.workshop_sessions(block.usage_key_text)
    mine = api.learner_workshop_registrations(block.usage_key_text, who.user_id) if who.user_id else {}
    questions = block.questions()
    logo = ""
    if block.partner_logo:
        from xblocks.common import compat

        logo = compat.course_asset_url(block, block.partner_logo)
    context = {
        "prefix": dom_prefix(block),
        "display_name": block.display_name,
        "partner": {
            "name": block.partner_name,
            "kind": labels["partner_kind"].get(block.partner_kind, ""),
            "description": block.partner_description,
            "website": block.partner_website,
            "logo": logo,
            "initials": initials(block.partner_name or block.display_name),
            "contact_name": block.partner_contact_name,
            "contact_email": block.partner_contact_email,
            "contact_phone": block.partner_contact_phone,
        },
        "attendance_label": labels["attendance"].get(block.attendance_method, ""),
        "one_session_per_learner": block.one_session_per_learner and len(sessions) > 1,
        "sessions": [_session_context(block, s, mine.get(s.key), who, ctx, labels) for s in sessions],
        "jp_total": sum(r.jp_credited for r in mine.values() if r.status == "attended"),
        "jp_pending": sum(r.jp_session for r in mine.values() if r.jp_status == "pending"),
        "attended_any": any(r.status == "attended" for r in mine.values()),
        "questions": questions,
        "scale": [
            (1, _("1: strongly disagree")),
            (2, _("2: disagree")),
            (3, _("3: neutral")),
            (4, _("4: agree")),
            (5, _("5: strongly agree")),
        ],
        "max_comment": api.WORKSHOP_MAX_COMMENT_CHARS,
        "is_staff": who.is_staff,
        "graded": block.has_score,
        "weight": block.weight,
    }
    if who.is_staff:
        context["staff_sessions"] = [_staff_context(block, s, ctx, labels, questions) for s in sessions]
    return context


def render_body(block, who) -> str:
    return loader.render_django_template(
        "templates/body.html", body_context(block, who), i18n_service=block.i18n_service
    )


def render_block(block, who) -> str:
    context = body_context(block, who)
    context["body"] = loader.render_django_template(
        "templates/body.html", dict(context), i18n_service=block.i18n_service
    )
    return loader.render_django_template("templates/student.html", context, i18n_service=block.i18n_service)


def render_author(block) -> str:
    ctx = Ctx(block.gettext, block.ngettext, timezone.now())
    labels = _labels(ctx.gettext)
    sessions = []
    for item in block.sessions:
        starts = config.parse_utc(item.get("starts_at"))
        sessions.append(
            {
                "title": item.get("title", ""),
                "starts": formatting.date_time(starts) if starts else "",
                "kind": labels["session_kind"].get(item.get("kind"), ""),
                "mode": labels["mode"].get(item.get("mode"), ""),
                "capacity": item.get("capacity"),
                "jp": api.workshop_jp.session_jp(
                    item.get("kind", "workshop"),
                    int(item.get("duration_minutes") or 0),
                    bool(item.get("international")),
                    None if item.get("jp") in (None, "") else int(item["jp"]),
                )
                if item.get("kind") in config.SESSION_KINDS
                else "",
                "cancelled": bool(item.get("cancelled")),
            }
        )
    context = {
        "display_name": block.display_name,
        "partner_name": block.partner_name,
        "partner_kind": labels["partner_kind"].get(block.partner_kind, ""),
        "sessions": sessions,
        "attendance_label": labels["attendance"].get(block.attendance_method, ""),
    }
    return loader.render_django_template("templates/author.html", context, i18n_service=block.i18n_service)


def render_studio(block) -> str:
    _ = block.gettext
    labels = _labels(_)
    sessions = []
    for item in block.sessions:
        sessions.append(
            {
                **item,
                "starts_local": config.wib_local_input(item.get("starts_at")),
                "deadline_local": config.wib_local_input(item.get("registration_deadline")),
                "jp": "" if item.get("jp") in (None, "") else item.get("jp"),
            }
        )
    prefix = dom_prefix(block)
    shared = {
        "session_kinds": list(labels["session_kind"].items()),
        "modes": list(labels["mode"].items()),
        "max_duration": config.MAX_DURATION,
        "min_duration": config.MIN_DURATION,
        "max_capacity": config.MAX_CAPACITY,
        "max_jp": api.workshop_jp.MAX_EXPLICIT_JP,
        "limits": config.LIMITS,
    }

    def session_html(session, number, dom_id):
        context = {**shared, "s": session, "number": number, "id": dom_id}
        return loader.render_django_template(
            "templates/studio_session.html", context, i18n_service=block.i18n_service
        )

    blank = {
        "key": "",
        "kind": "workshop",
        "mode": "onsite",
        "duration_minutes": 180,
        "capacity": 20,
        "jp": "",
    }
    context = {
        **shared,
        "prefix": prefix,
        "block": block,
        "sessions_html": "".join(
            session_html(s, number, f"{prefix}-s-{s.get('key', number)}")
            for number, s in enumerate(sessions, 1)
        ),
        "session_template": session_html(blank, "", f"{prefix}-new-__N__"),
        "questions": block.reaction_questions,
        "partner_kinds": list(labels["partner_kind"].items()),
        "attendance_methods": list(labels["attendance"].items()),
    }
    return loader.render_django_template("templates/studio.html", context, i18n_service=block.i18n_service)
