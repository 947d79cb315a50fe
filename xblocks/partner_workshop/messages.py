"""Messages for the plugin app's ``WorkshopError`` codes, in the learner's or author's language."""

from __future__ import annotations

from . import formatting


def error_message(error, gettext) -> str:
    """One sentence saying what was refused and, where it helps, what to do instead."""
    _ = gettext
    params = dict(error.params)
    texts = {
        "session_not_found": _("This session no longer exists. Reload the page to see the current sessions."),
        "session_cancelled": _("The session “{title}” has been cancelled."),
        "registration_closed": _("Registration for “{title}” closed on {deadline}."),
        "already_registered": _("You are already registered for “{title}”."),
        "already_waiting": _("You are already on the waiting list for “{title}” (number {position})."),
        "other_session_held": _(
            "You are already signed up for “{title}”. Each learner takes one session of this workshop: "
            "cancel that one first if you want to change."
        ),
        "not_registered": _("You are not registered for “{title}”."),
        "cancel_after_attendance": _(
            "You attended “{title}”, so the registration can no longer be cancelled."
        ),
        "cancel_too_late": _("“{title}” has already started, so the seat can no longer be cancelled."),
        "checkin_not_by_code": _("Attendance for “{title}” is recorded by the course team, not with a code."),
        "checkin_waiting": _(
            "You are on the waiting list for “{title}”, not registered. Ask the course team at the session."
        ),
        "checkin_not_open": _("Check-in for “{title}” opens on {opens_at}."),
        "checkin_closed": _("Check-in for “{title}” closed on {closed_at}. Ask the course team to mark you."),
        "checkin_wrong_code": _("That check-in code is not right. Check the code announced at the session."),
        "checkin_rate_limited": _("Too many check-in attempts. Wait {minutes} minutes and try again."),
        "marking_not_by_staff": _("Attendance for “{title}” is taken with check-in codes only."),
        "marking_not_started": _("Attendance for “{title}” can be marked from {opens_at}."),
        "learner_not_registered": _("This learner is not registered for “{title}”."),
        "marking_waiting_learner": _("This learner is on the waiting list for “{title}” and holds no seat."),
        "absent_after_reaction": _(
            "This learner already answered the reaction survey, so cannot be marked absent."
        ),
        "reaction_not_attended": _(
            "The reaction survey opens once your attendance at “{title}” is recorded."
        ),
        "reaction_not_open": _(
            "The reaction survey for “{title}” opens when the session ends, on {opens_at}."
        ),
        "reaction_already_submitted": _("You already answered the reaction survey for “{title}”. Thank you!"),
        "answers_not_a_mapping": _("The answers could not be read. Reload the page and try again."),
        "answer_unknown_question": _("The survey has changed. Reload the page and answer again."),
        "answer_missing": _("Answer every question before sending (missing: {question})."),
        "answer_out_of_range": _("Answers are whole numbers from 1 to 5 (check: {question})."),
        "comment_too_long": _("The comment is {length} characters long; shorten it to {limit}."),
        "session_removed_with_registrations": _(
            "The session “{title}” cannot be deleted: {count} learners registered for it. "
            "Mark it cancelled instead."
        ),
        "capacity_below_seats": _(
            "The capacity of “{title}” cannot be {capacity}: {seats} learners already hold a seat."
        ),
    }
    text = texts.get(error.code, _("The request could not be carried out."))
    for name in ("deadline", "opens_at", "closed_at"):
        if name in params:
            params[name] = formatting.date_time(params[name])
    params.setdefault("question", params.get("key", ""))
    try:
        return text.format(**params)
    except (KeyError, IndexError):
        return text
