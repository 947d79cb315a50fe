"""The partner workshop XBlock (``bina_partner_workshop``).

Workshops and seminars run with private-sector partners (local technology companies, universities,
state enterprises, startups, NGOs) live inside the course: learners register for a session (or join
its waiting list), download a calendar entry, check in with the code announced at the session,
answer a short reaction survey (Kirkpatrick level 1) and see the JP credited. The course team sees
a roster per session, marks attendance by hand, exports it as CSV and reads the survey results.

Seats, attendance and reactions live in the plugin app's tables (``xblocks.bina_asn``), never in
block fields; this module only checks who is asking, turns requests into calls of
``xblocks.bina_asn.api`` and renders the answers.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

from web_fragments.fragment import Fragment
from webob import Response
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Boolean, Float, Integer, List, Scope, String
from xblock.scorable import ScorableXBlockMixin, Score
from xblock.utils.resources import ResourceLoader
from xblock.validation import ValidationMessage

from xblocks.bina_asn import api
from xblocks.common import compat, ratelimit

from . import config, exports, formatting, views
from .messages import error_message

log = logging.getLogger(__name__)
loader = ResourceLoader(__name__)


def _(text):
    """Mark a field's display name or help for extraction; the runtime translates it when shown."""
    return text


# Check-in attempts a learner may make per session in the window below (codes have 31^6 values).
CHECKIN_ATTEMPTS = 5
CHECKIN_WINDOW_SECONDS = 10 * 60
# Staff actions and survey submissions per person per minute (a stuck key or a script).
ACTION_ATTEMPTS = 30


@XBlock.needs("i18n")
@XBlock.needs("user")
@XBlock.wants("replace_urls")
@XBlock.supports("multi_device")
class PartnerWorkshopBlock(ScorableXBlockMixin, CompletableXBlockMixin, XBlock):
    """Partner workshops and seminars: registration, waiting list, attendance, JP and a reaction survey."""

    resources_dir = ""
    public_dir = "static"
    i18n_js_namespace = "PartnerWorkshopI18N"

    display_name = String(
        display_name=_("Display name"),
        help=_("The name learners see for this block in the course outline."),
        default="Partner workshop",
        scope=Scope.settings,
    )
    partner_name = String(
        display_name=_("Partner name"),
        help=_("The organisation running the workshop, e.g. PT Teknologi Tapanuli."),
        default="",
        scope=Scope.settings,
    )
    partner_kind = String(
        display_name=_("Kind of partner"),
        help=_("Local technology company, university, state enterprise, startup or NGO."),
        default="local_tech",
        values=list(config.PARTNER_KINDS),
        scope=Scope.settings,
    )
    partner_description = String(
        display_name=_("About the partner"),
        help=_("A few sentences learners read about the partner."),
        default="",
        multiline_editor=True,
        scope=Scope.settings,
    )
    partner_logo = String(
        display_name=_("Partner logo"),
        help=_("A course file (/static/logo.png, uploaded under Files) or a web address of the logo."),
        default="",
        scope=Scope.settings,
    )
    partner_website = String(
        display_name=_("Partner website"), help=_("The partner's website."), default="", scope=Scope.settings
    )
    partner_contact_name = String(
        display_name=_("Contact person"),
        help=_("Who learners can contact at the partner."),
        default="",
        scope=Scope.settings,
    )
    partner_contact_email = String(
        display_name=_("Contact e-mail"),
        help=_("The contact person's e-mail."),
        default="",
        scope=Scope.settings,
    )
    partner_contact_phone = String(
        display_name=_("Contact phone"),
        help=_("The contact person's phone number."),
        default="",
        scope=Scope.settings,
    )
    sessions = List(
        display_name=_("Sessions"),
        help=_(
            "The dated sessions: title, kind, start (stored in UTC), duration, mode, venue or meeting link, "
            "capacity, registration deadline, optional explicit JP, cancelled flag. Edit them in the editor."
        ),
        default=[],
        scope=Scope.settings,
    )
    attendance_method = String(
        display_name=_("Attendance"),
        help=_(
            "How attendance is taken: a check-in code announced at the session, the staff roster, or both."
        ),
        default="code_and_staff",
        values=list(config.ATTENDANCE_METHODS),
        scope=Scope.settings,
    )
    checkin_opens_minutes = Integer(
        display_name=_("Check-in opens (minutes before the start)"),
        help=_(
            "How long before a session starts learners can check in with the code (at most 120 minutes). "
            "The JP are credited only after the session, when check-in has closed."
        ),
        default=30,
        scope=Scope.settings,
    )
    checkin_closes_minutes = Integer(
        display_name=_("Check-in closes (minutes after the end)"),
        help=_(
            "How long after a session ends learners can still check in with the code; attendees' JP are "
            "credited when it closes."
        ),
        default=30,
        scope=Scope.settings,
    )
    one_session_per_learner = Boolean(
        display_name=_("One session per learner"),
        help=_("When the sessions repeat the same workshop, each learner takes one of them."),
        default=True,
        scope=Scope.settings,
    )
    reaction_questions = List(
        display_name=_("Reaction survey questions"),
        help=_("Statements attendees rate from 1 (strongly disagree) to 5 (strongly agree)."),
        default=config.DEFAULT_QUESTIONS,
        scope=Scope.settings,
    )
    weight = Float(
        display_name=_("Problem weight"),
        help=_("Points for attending a session in the course grade; 0 means the block is not graded."),
        default=0.0,
        scope=Scope.settings,
    )
    raw_earned = Float(
        display_name=_("Score"),
        help=_("1 once the learner attended a session (used when the block is graded)."),
        default=None,
        scope=Scope.user_state,
    )
    completion_published = Boolean(
        display_name=_("Completion published"),
        help=_("Whether this learner's attendance was reported to the course's completion tracking."),
        default=False,
        scope=Scope.user_state,
    )

    # --- Small helpers ---------------------------------------------------------------------------

    @property
    def has_score(self):
        """Graded only when the author gives the block a weight."""
        return bool(self.weight and self.weight > 0)

    @property
    def i18n(self):
        return self.runtime.service(self, "i18n")

    def gettext(self, text):
        return self.i18n.gettext(text)

    def ngettext(self, singular, plural, number):
        return self.i18n.ngettext(singular, plural, number)

    @property
    def usage_key_text(self) -> str:
        return compat.usage_key_string(self)

    @property
    def course_key_text(self) -> str:
        return compat.course_key_string(self)

    def who(self):
        return compat.current_user(self)

    def questions(self) -> list[dict]:
        """The survey questions with labels in the learner's language (authored labels stay as written)."""
        return [{"key": q["key"], "label": self.gettext(q["label"])} for q in self.reaction_questions or []]

    def ensure_synced(self):
        """Make the block's sessions exist as rows (e.g. a course imported without a Studio save)."""
        if not self.sessions or api.workshop_exists(self.usage_key_text):
            return
        if any(config.stored_session_problems(item, self.gettext) for item in self.sessions):
            log.warning("Partner workshop %s has sessions that cannot be synced", self.usage_key_text)
            return
        try:
            api.sync_workshop(self.definition())
        except api.WorkshopError:
            log.exception("Partner workshop %s could not be synced", self.usage_key_text)

    def definition(self, values=None):
        source = SimpleNamespace(**values) if values else self
        logo = compat.course_asset_url(self, source.partner_logo)
        return config.definition_from_fields(source, self.course_key_text, self.usage_key_text, logo_url=logo)

    def _fragment(self, html, js_init, js_file, args):
        fragment = Fragment(html)
        fragment.add_css_url(self.runtime.local_resource_url(self, "static/css/partner_workshop.css"))
        translations = views.js_translations_path()
        if translations:
            fragment.add_javascript_url(self.runtime.local_resource_url(self, translations))
        fragment.add_javascript_url(self.runtime.local_resource_url(self, f"static/js/{js_file}"))
        fragment.initialize_js(js_init, args)
        return fragment

    # --- Views -----------------------------------------------------------------------------------

    def student_view(self, context=None):
        """Partner, sessions, the learner's own registrations and, for the course team, the rosters."""
        who = self.who()
        self.ensure_synced()
        api.settle_ended_workshop_sessions()
        self._catch_up_progress(who)
        html = views.render_block(self, who)
        return self._fragment(
            html,
            "PartnerWorkshopBlock",
            "partner_workshop.js",
            {"usage_id": self.usage_key_text, "is_staff": who.is_staff},
        )

    def author_view(self, context=None):
        """What Studio shows on the unit page: the partner and sessions, without learner actions."""
        return self._fragment(views.render_author(self), "PartnerWorkshopBlock", "partner_workshop.js", {})

    def studio_view(self, context=None):
        """The editor: partner, sessions (times in WIB), attendance rules, survey questions, weight."""
        return self._fragment(
            views.render_studio(self), "PartnerWorkshopStudio", "partner_workshop_studio.js", {}
        )

    def student_view_data(self, context=None):
        """Public data for the mobile apps (no meeting links, codes or other learners' data)."""
        sessions = api.workshop_sessions(self.usage_key_text) if self.sessions else []
        return {
            "display_name": self.display_name,
            "partner": {
                "name": self.partner_name,
                "kind": self.partner_kind,
                "description": self.partner_description,
                "website": self.partner_website,
                "logo": compat.course_asset_url(self, self.partner_logo),
            },
            "attendance_method": self.attendance_method,
            "sessions": [
                {
                    "key": s.key,
                    "title": s.title,
                    "kind": s.kind,
                    "starts_at": config.to_utc_iso(s.starts_at),
                    "ends_at": config.to_utc_iso(s.ends_at),
                    "duration_minutes": s.duration_minutes,
                    "mode": s.mode,
                    "location": s.location,
                    "capacity": s.capacity,
                    "seats_left": s.seats_left,
                    "waiting_count": s.waiting_count,
                    "registration_deadline": config.to_utc_iso(s.registration_deadline),
                    "jp_credit": s.jp_credit,
                    "cancelled": s.cancelled,
                }
                for s in sessions
            ],
        }

    # --- Learner handlers ------------------------------------------------------------------------

    def _learner(self):
        who = self.who()
        if not who.is_authenticated or not who.user_id:
            raise JsonHandlerError(403, self.gettext("Please sign in to take part in this workshop."))
        return who

    def _session(self, data):
        key = str((data or {}).get("session") or "") if isinstance(data, dict) else ""
        session = api.workshop_session_by_key(self.usage_key_text, key) if key else None
        if session is None:
            raise JsonHandlerError(404, self.gettext("This session no longer exists. Reload the page."))
        return session

    def _refused(self, error, status=409):
        labels = {q["key"]: q["label"] for q in self.questions()}
        if "key" in error.params:
            error.params["question"] = labels.get(error.params["key"], error.params["key"])
        return JsonHandlerError(status, error_message(error, self.gettext))

    def _answer(self, who, message, session_key=""):
        return {"message": message, "session": session_key, "html": views.render_body(self, who)}

    @XBlock.json_handler
    def register(self, data, suffix=""):
        """Take a seat in a session, or join its waiting list when it is full."""
        who = self._learner()
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

    @XBlock.json_handler
    def cancel(self, data, suffix=""):
        """Give up a seat (the first learner waiting gets it) or leave the waiting list."""
        who = self._learner()
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

    @XBlock.json_handler
    def check_in(self, data, suffix=""):
        """Record attendance with the code announced at the session (rate-limited)."""
        who = self._learner()
        session = self._session(data)
        if not ratelimit.hit(
            f"workshop-checkin:{session.id}", str(who.user_id), CHECKIN_ATTEMPTS, CHECKIN_WINDOW_SECONDS
        ):
            raise JsonHandlerError(
                429,
                error_message(
                    api.WorkshopError("checkin_rate_limited", minutes=CHECKIN_WINDOW_SECONDS // 60),
                    self.gettext,
                ),
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

    @XBlock.json_handler
    def submit_reaction(self, data, suffix=""):
        """Record the attendee's reaction survey (1-5 per question and an optional comment)."""
        who = self._learner()
        session = self._session(data)
        if not ratelimit.hit("workshop-reaction", str(who.user_id), ACTION_ATTEMPTS, 60):
            raise JsonHandlerError(429, self.gettext("Too many requests. Wait a minute and try again."))
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

    @XBlock.handler
    def calendar(self, request, suffix=""):
        """An .ics calendar entry for a session the learner registered or waits for."""
        who = self.who()
        if not who.is_authenticated:
            return Response(self.gettext("Please sign in first."), status=403, content_type="text/plain")
        session = api.workshop_session_by_key(self.usage_key_text, suffix)
        mine = api.learner_workshop_registrations(self.usage_key_text, who.user_id).get(suffix)
        if session is None or ((mine is None or mine.status == "cancelled") and not who.is_staff):
            return Response(
                self.gettext("Register for the session first to add it to your calendar."),
                status=404,
                content_type="text/plain",
                charset="utf-8",
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

    # --- Course team handlers --------------------------------------------------------------------

    def _staff(self):
        who = self.who()
        if not who.is_staff:
            raise JsonHandlerError(403, self.gettext("Only the course team may do this."))
        if not ratelimit.hit("workshop-staff", str(who.user_id), ACTION_ATTEMPTS * 4, 60):
            raise JsonHandlerError(429, self.gettext("Too many requests. Wait a minute and try again."))
        return who

    @XBlock.json_handler
    def staff_mark(self, data, suffix=""):
        """Mark a registered learner present or absent."""
        who = self._staff()
        session = self._session(data)
        username = str(data.get("username") or "")
        entry = next((e for e in api.workshop_roster(session.id) if e.username == username), None)
        if entry is None:
            raise JsonHandlerError(404, self.gettext("This learner is not on the roster of the session."))
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

    @XBlock.json_handler
    def staff_new_code(self, data, suffix=""):
        """Give the session a new check-in code (e.g. when the old one leaked)."""
        who = self._staff()
        session = self._session(data)
        code = api.regenerate_workshop_checkin_code(session.id)
        self.runtime.publish(self, "bina.partner_workshop.code_regenerated", {"session": session.key})
        message = self.gettext("The new check-in code for “{title}” is {code}.").format(
            title=session.title, code=code
        )
        return self._answer(who, message, session.key)

    @XBlock.handler
    def roster_csv(self, request, suffix=""):
        """The session's roster as CSV (course team only)."""
        who = self.who()
        if not who.is_staff:
            return Response(
                self.gettext("Only the course team may do this."), status=403, content_type="text/plain"
            )
        session = api.workshop_session_by_key(self.usage_key_text, suffix)
        if session is None:
            return Response(self.gettext("There is no such session."), status=404, content_type="text/plain")
        api.settle_ended_workshop_sessions()
        return Response(
            body=exports.roster_csv(self, session),
            content_type="text/csv",
            charset="utf-8",
            content_disposition=f'attachment; filename="{exports.filename(self, session, "csv")}"',
        )

    # --- Studio ----------------------------------------------------------------------------------

    @XBlock.json_handler
    def studio_submit(self, data, suffix=""):
        """Check and save the editor's form; write the sessions into the tables (keeping registrations)."""
        who = self.who()
        if not who.is_staff:
            raise JsonHandlerError(403, self.gettext("Only the course team may edit this block."))
        parser = config.StudioInput(self.gettext, existing_keys=[s.get("key") for s in self.sessions])
        values = parser.parse(data)
        if not parser.errors:
            try:
                api.sync_workshop(self.definition(values))
            except api.WorkshopDefinitionError as refused:
                for index, problem in enumerate(refused.problems):
                    parser.error(f"sessions.refused.{index}", error_message(problem, self.gettext))
        if parser.errors:
            return Response(
                json_body={
                    "error": self.gettext("Nothing was saved. Correct the fields marked below."),
                    "fields": [{"path": path, "message": message} for path, message in parser.errors],
                },
                status=400,
            )
        for name, value in values.items():
            setattr(self, name, value)
        self.save()
        return {"result": "success", "message": self.gettext("Saved.")}

    @XBlock.json_handler
    def studio_form_data(self, data, suffix=""):
        """The editor's current values in the shape ``studio_submit`` accepts (course team only)."""
        if not self.who().is_staff:
            raise JsonHandlerError(403, self.gettext("Only the course team may edit this block."))
        return config.form_data(self)

    def validate(self):
        """Warnings Studio shows on the unit page when the block is not ready for learners."""
        validation = super().validate()
        _ = self.gettext
        if not self.partner_name:
            validation.add(
                ValidationMessage(ValidationMessage.WARNING, _("Enter the partner's name in the editor."))
            )
        if not self.sessions:
            validation.add(
                ValidationMessage(
                    ValidationMessage.WARNING, _("Add at least one session so learners can register.")
                )
            )
        for item in self.sessions:
            for problem in config.stored_session_problems(item, _):
                validation.add(
                    ValidationMessage(
                        ValidationMessage.ERROR,
                        _("Open the editor and fix the sessions: {problem}.").format(problem=problem),
                    )
                )
        return validation

    # --- Grades, completion, reports ------------------------------------------------------------

    def _publish_progress(self, for_user_id=None):
        """Completion (and the grade, when weighted) once the learner attended a session."""
        if for_user_id is not None:
            compat.publish_for_learner(self, for_user_id, "completion", {"completion": 1.0})
            if self.has_score:
                compat.publish_for_learner(self, for_user_id, "grade", {"value": 1.0, "max_value": 1.0})
            return
        self.emit_completion(1.0)
        self.completion_published = True
        if self.has_score:
            self.set_score(Score(1.0, 1.0))
            self._publish_grade(Score(1.0, 1.0))

    def _catch_up_progress(self, who):
        """Attendance marked by staff is reported again when the learner next opens the block."""
        if not who.is_authenticated or not who.user_id or self.completion_published:
            return
        if api.learner_attended_workshop(self.usage_key_text, who.user_id):
            self._publish_progress()

    def has_submitted_answer(self):
        who = self.who()
        return bool(who.user_id) and api.learner_attended_workshop(self.usage_key_text, who.user_id)

    def get_score(self):
        if self.raw_earned is not None:
            return Score(self.raw_earned, 1.0)
        return self.calculate_score()

    def set_score(self, score):
        self.raw_earned = score.raw_earned

    def calculate_score(self):
        return Score(1.0 if self.has_submitted_answer() else 0.0, 1.0)

    def max_score(self):
        return 1.0

    def generate_report_data(self, user_state_iterator, limit_responses=None):
        """Rows for the LMS's problem-responses report: one per learner and session."""
        sessions = {s.key: s for s in api.workshop_sessions(self.usage_key_text)}
        count = 0
        for user_state in user_state_iterator:
            user = getattr(user_state, "user", None) or SimpleNamespace(
                id=getattr(user_state, "user_id", None), username=getattr(user_state, "username", "")
            )
            if not user.id:
                continue
            for key, mine in api.learner_workshop_registrations(self.usage_key_text, user.id).items():
                if limit_responses is not None and count >= limit_responses:
                    return
                session = sessions.get(key)
                yield (
                    user.username,
                    {
                        "Session": session.title if session else key,
                        "Status": mine.status,
                        "Attended at": config.to_utc_iso(mine.attended_at) if mine.attended_at else "",
                        "JP": mine.jp_credited,
                        "JP status": mine.jp_status,
                        "Reaction": bool(mine.reaction_answers),
                    },
                )
                count += 1

    @staticmethod
    def workbench_scenarios():
        """The dev LMS's unit; the demo fills it through the Studio editor's handler."""
        return [
            (
                "Lokakarya mitra: analisis data layanan dengan spreadsheet",
                "<bina_partner_workshop/>",
            ),
        ]
