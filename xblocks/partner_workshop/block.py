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
from datetime import timedelta
from types import SimpleNamespace

from web_fragments.fragment import Fragment
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import Boolean, Float, Integer, List, Scope, String
from xblock.scorable import ScorableXBlockMixin, Score
from xblock.utils.resources import ResourceLoader

from xblocks.bina_asn import api
from xblocks.common import compat, i18n
from xblocks.common.base import BinaBlockMixin

from . import config, views
from .handlers import WorkshopHandlersMixin
from .studio import WorkshopStudioMixin

log = logging.getLogger(__name__)
loader = ResourceLoader(__name__)


def _(text):
    """Mark a field's display name or help for extraction; the runtime translates it when shown."""
    return text


@XBlock.wants("replace_urls")
class PartnerWorkshopBlock(
    WorkshopHandlersMixin,
    WorkshopStudioMixin,
    BinaBlockMixin,
    ScorableXBlockMixin,
    CompletableXBlockMixin,
    XBlock,
):
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
        i18n.add_js_catalog(self, fragment)
        fragment.add_javascript_url(self.runtime.local_resource_url(self, f"static/js/{js_file}"))
        fragment.initialize_js(js_init, args)
        return fragment

    # --- Views -----------------------------------------------------------------------------------

    @XBlock.supports("multi_device")
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
        """For the mobile apps: the partner and the sessions as the author set them.

        The LMS collects this once when the course is published, on a block bound to no learner
        (``StudentViewTransformer.collect``), and serves it to everyone: so no seat counts, meeting
        links or check-in codes; seats, registrations and check-in go through the handlers.
        """
        sessions = []
        for item in self.sessions or []:
            starts = config.parse_utc(item.get("starts_at"))
            minutes = int(item.get("duration_minutes") or 0)
            explicit = item.get("jp")
            sessions.append(
                {
                    "key": item.get("key", ""),
                    "title": item.get("title", ""),
                    "kind": item.get("kind", "workshop"),
                    "international": bool(item.get("international")),
                    "starts_at": config.to_utc_iso(starts) if starts else None,
                    "ends_at": config.to_utc_iso(starts + timedelta(minutes=minutes)) if starts else None,
                    "duration_minutes": minutes,
                    "mode": item.get("mode", "onsite"),
                    "location": item.get("location", ""),
                    "capacity": int(item.get("capacity") or 0),
                    "registration_deadline": item.get("registration_deadline") or None,
                    "jp_credit": api.workshop_jp.session_jp(
                        item.get("kind", "workshop"),
                        minutes,
                        bool(item.get("international")),
                        None if explicit in (None, "") else int(explicit),
                    ),
                    "cancelled": bool(item.get("cancelled")),
                }
            )
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
            "sessions": sessions,
            "handlers": ["register", "cancel", "check_in", "submit_reaction", "calendar"],
        }

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
