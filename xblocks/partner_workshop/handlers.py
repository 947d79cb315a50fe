"""The partner workshop's handlers: learners register, cancel, check in and rate; the course team marks
attendance, renews a check-in code and downloads the roster. All run on the block kit's ``handler``."""

from __future__ import annotations

from webob import Response

from xblocks.bina_asn import api
from xblocks.common import ratelimit
from xblocks.common.handlers import HandlerError, download_handler, handler
from xblocks.common.permissions import COURSE_STAFF, LEARNER

from . import exports, formatting, views
from .messages import error_message

# Check-in attempts a learner may make per session in the window below (codes have 31^6 values).
CHECKIN_ATTEMPTS = 5
CHECKIN_WINDOW_SECONDS = 10 * 60
# Staff actions and survey submissions per person per minute (a stuck key or a script).
ACTION_ATTEMPTS = 30
STAFF_RATE = ("workshop-staff", ACTION_ATTEMPTS * 4, 60)


class WorkshopHandlersMixin:
    """Learner and course-team handlers of ``PartnerWorkshopBlock``."""

    def _session(self, data):
        key = str((data or {}).get("session") or "") if isinstance(data, dict) else ""
        session = api.workshop_session_by_key(self.usage_key_text, key) if key else None
        if session is None:
            raise HandlerError(404, self.gettext("This session no longer exists. Reload the page."))
        return session

    def _refused(self, error, status=409):
        labels = {q["key"]: q["label"] for q in self.questions()}
        if "key" in error.params:
            error.params["question"] = labels.get(error.params["key"], error.params["key"])
        return HandlerError(status, error_message(error, self.gettext), code=error.code)

    def _answer(self, who, message, session_key=""):
        return {"message": message, "session": session_key, "html": views.render_body(self, who)}

    @handler(audience=LEARNER)
    def register(self, data, suffix=""):
        """Take a seat in a session, or join its waiting list when it is full."""
        who = self.who()
        session = self._session(data)
        try:
            outcome = api.register_for_workshop_session(session.id, who.user_id, who.anonymous_user_id)
        except api.WorkshopError as error:
            raise self._refused(error) from error
        self.runtime.publish(
            self,
            "bina.partner_workshop.registered",
            {"session": session.key, "status": outcome.status, "queue_position": outcome.queue_position},
        )
        if outcome.status == "waiting":
            message = self.gettext(
                "“{title}” is full: you are number {position} on the waiting list. "
                "You get a seat automatically when one frees up."
            ).format(title=session.title, position=outcome.queue_position)
        else:
            message = self.gettext("You are registered for “{title}”.").format(title=session.title)
        return self._answer(who, message, session.key)

    @handler(audience=LEARNER)
    def cancel(self, data, suffix=""):
        """Give up a seat (the first learner waiting gets it) or leave the waiting list."""
        who = self.who()
        session = self._session(data)
        was_waiting = api.learner_workshop_registrations(self.usage_key_text, who.user_id).get(session.key)
        try:
            outcome = api.cancel_workshop_registration(session.id, who.user_id)
        except api.WorkshopError as error:
            raise self._refused(error) from error
        self.runtime.publish(
            self,
            "bina.partner_workshop.cancelled",
            {"session": session.key, "promoted_count": len(outcome.promoted_user_ids)},
        )
        if was_waiting and was_waiting.status == "waiting":
            message = self.gettext("You left the waiting list for “{title}”.").format(title=session.title)
        else:
            message = self.gettext("Your registration for “{title}” is cancelled.").format(
                title=session.title
            )
        return self._answer(who, message, session.key)

    @handler(audience=LEARNER)
    def check_in(self, data, suffix=""):
        """Record attendance with the code announced at the session (rate-limited)."""
        who = self.who()
        session = self._session(data)
        if not ratelimit.hit(
            f"workshop-checkin:{session.id}", str(who.user_id), CHECKIN_ATTEMPTS, CHECKIN_WINDOW_SECONDS
        ):
            raise HandlerError(
                429,
                error_message(
                    api.WorkshopError("checkin_rate_limited", minutes=CHECKIN_WINDOW_SECONDS // 60),
                    self.gettext,
                ),
                code="checkin_rate_limited",
            )
        code = str(data.get("code") or "")[:32]
        try:
            outcome = api.check_in_to_workshop_session(session.id, who.user_id, code)
        except api.WorkshopError as error:
            raise self._refused(error) from error
        if outcome.already:
            message = self.gettext("Your attendance at “{title}” was already recorded.").format(
                title=session.title
            )
        else:
            self.runtime.publish(self, "bina.partner_workshop.checked_in", {"session": session.key})
            self._publish_progress()
            message = self.gettext(
                "Welcome! Your attendance at “{title}” is recorded. The {jp} JP count once the session has "
                "ended and the attendance stands (from {counts}); the short survey opens at the end."
            ).format(
                title=session.title,
                jp=session.jp_credit,
                counts=formatting.date_time(max(session.ends_at, session.checkin_closes_at)),
            )
        return self._answer(who, message, session.key)

    @handler(audience=LEARNER, rate=("workshop-reaction", ACTION_ATTEMPTS, 60))
    def submit_reaction(self, data, suffix=""):
        """Record the attendee's reaction survey (1-5 per question and an optional comment)."""
        who = self.who()
        session = self._session(data)
        keys = [q["key"] for q in self.reaction_questions]
        try:
            reaction = api.submit_workshop_reaction(
                session.id, who.user_id, data.get("answers"), data.get("comment", ""), keys
            )
        except api.WorkshopError as error:
            raise self._refused(error, status=400) from error
        self.runtime.publish(
            self,
            "bina.partner_workshop.reaction_submitted",
            {"session": session.key, "answers": reaction.answers},
        )
        message = self.gettext("Thank you! Your answers for “{title}” are recorded.").format(
            title=session.title
        )
        return self._answer(who, message, session.key)

    @download_handler(audience=LEARNER)
    def calendar(self, request, suffix=""):
        """An .ics calendar entry for a session the learner registered or waits for."""
        who = self.who()
        session = api.workshop_session_by_key(self.usage_key_text, suffix)
        mine = api.learner_workshop_registrations(self.usage_key_text, who.user_id).get(suffix)
        if session is None or ((mine is None or mine.status == "cancelled") and not who.is_staff):
            raise HandlerError(
                404, self.gettext("Register for the session first to add it to your calendar.")
            )
        show_link = api.may_see_meeting_link(self.usage_key_text, who.user_id, session.key) or who.is_staff
        body = exports.session_ics(
            self, session, include_link=show_link, tentative=bool(mine and mine.status == "waiting")
        )
        return Response(
            body=body,
            content_type="text/calendar",
            charset="utf-8",
            content_disposition=f'attachment; filename="{exports.filename(self, session, "ics")}"',
        )

    # --- Course team ---------------------------------------------------------------------------

    @handler(audience=COURSE_STAFF, rate=STAFF_RATE)
    def staff_mark(self, data, suffix=""):
        """Mark a registered learner present or absent."""
        who = self.who()
        session = self._session(data)
        username = str(data.get("username") or "")
        entry = next((e for e in api.workshop_roster(session.id) if e.username == username), None)
        if entry is None:
            raise HandlerError(404, self.gettext("This learner is not on the roster of the session."))
        present = bool(data.get("present"))
        try:
            outcome = api.mark_workshop_attendance(session.id, entry.user_id, present, who.user_id)
        except api.WorkshopError as error:
            raise self._refused(error) from error
        if not outcome.already:
            self.runtime.publish(
                self,
                "bina.partner_workshop.attendance_marked",
                {"session": session.key, "learner": username, "present": present},
            )
            if present:
                self._publish_progress(for_user_id=entry.user_id)
        message = (
            self.gettext("{name} is marked present at “{title}”.")
            if present
            else self.gettext("{name} is marked absent from “{title}”.")
        ).format(name=entry.full_name, title=session.title)
        return self._answer(who, message, session.key)

    @handler(audience=COURSE_STAFF, rate=STAFF_RATE)
    def staff_new_code(self, data, suffix=""):
        """Give the session a new check-in code (e.g. when the old one leaked)."""
        who = self.who()
        session = self._session(data)
        code = api.regenerate_workshop_checkin_code(session.id)
        self.runtime.publish(self, "bina.partner_workshop.code_regenerated", {"session": session.key})
        message = self.gettext("The new check-in code for “{title}” is {code}.").format(
            title=session.title, code=code
        )
        return self._answer(who, message, session.key)

    @download_handler(audience=COURSE_STAFF)
    def roster_csv(self, request, suffix=""):
        """The session's roster as CSV (course team only)."""
        session = api.workshop_session_by_key(self.usage_key_text, suffix)
        if session is None:
            raise HandlerError(404, self.gettext("There is no such session."))
        api.settle_ended_workshop_sessions()
        return Response(
            body=exports.roster_csv(self, session),
            content_type="text/csv",
            charset="utf-8",
            content_disposition=f'attachment; filename="{exports.filename(self, session, "csv")}"',
        )
