"""``bina_innovation``: the innovation-idea competition block.

ASN propose ideas to make public services better (structured after the KIPP proposal sections),
colleagues support them within a budget and comment, a jury scores them on a weighted rubric
(PP 38/2017 criteria and KIPP aspects by default), and staff answer them, move them through their
states and mark accepted ones implemented as programs. Ideas, supports, comments, scores and state
changes live in the plugin app's tables (``xblocks.bina_asn``); this block holds only its settings
and, per learner, whether completion and the grade were already sent.
"""

from __future__ import annotations

import hashlib
import json
from xml.sax.saxutils import quoteattr

from web_fragments.fragment import Fragment
from xblock.completable import CompletableXBlockMixin, XBlockCompletionMode
from xblock.core import XBlock
from xblock.fields import Boolean, DateTime, Dict, Float, List, Scope, String
from xblock.fields import Integer as IntegerField
from xblock.scorable import ScorableXBlockMixin, Score
from xblock.utils.studio_editable import StudioEditableXBlockMixin

from xblocks.bina_asn import api
from xblocks.bina_asn.data import InnovationRules, RubricCriterion
from xblocks.common import compat, i18n, permissions
from xblocks.common.base import BinaBlockMixin

from . import defaults
from .handlers import InnovationHandlersMixin
from .messages import FIELD_HELP, FIELD_LABELS, MOVE_LABELS, STAGE_LABELS, STATE_LABELS, TEXT, _, say
from .presenters import Presenter, when
from .resources import loader
from .studio import InnovationStudioMixin


class InnovationBlock(
    InnovationHandlersMixin,
    InnovationStudioMixin,
    BinaBlockMixin,
    StudioEditableXBlockMixin,
    ScorableXBlockMixin,
    CompletableXBlockMixin,
    XBlock,
):
    """An innovation-idea competition: proposals, supports, comments, jury rubric, answers and programs."""

    completion_mode = XBlockCompletionMode.COMPLETABLE
    has_author_view = True
    i18n_js_namespace = "BinaInnovationI18N"
    icon_class = "problem"
    public_dir = "static"  # local resources (the JavaScript catalogs) are served from static/

    display_name = String(
        display_name=_("Display name"),
        help=_("The name learners see for this competition."),
        scope=Scope.settings,
        default="Kompetisi Ide Inovasi Pelayanan Publik",
    )
    intro = String(
        display_name=_("Introduction"),
        help=_("What the competition is about, the theme and the prizes; shown above the gallery."),
        scope=Scope.content,
        multiline_editor=True,
        default="",
    )
    submission_start = DateTime(
        display_name=_("Submissions open"),
        help=_(
            "When learners may start submitting ideas (WIB). Empty: open now. Drafts may be written before."
        ),
        scope=Scope.settings,
        default=None,
    )
    submission_end = DateTime(
        display_name=_("Submissions close"),
        help=_("After this time (WIB) no new ideas are submitted; ideas returned for revision may still be."),
        scope=Scope.settings,
        default=None,
    )
    support_start = DateTime(
        display_name=_("Supports open"),
        help=_("When learners may start supporting ideas (WIB). Empty: open now."),
        scope=Scope.settings,
        default=None,
    )
    support_end = DateTime(
        display_name=_("Supports close"),
        help=_("After this time (WIB) supports can no longer be given or taken back."),
        scope=Scope.settings,
        default=None,
    )
    support_budget = IntegerField(
        display_name=_("Supports per learner"),
        help=_("How many ideas each learner may support (they can move a support to another idea)."),
        scope=Scope.settings,
        default=defaults.DEFAULT_SUPPORT_BUDGET,
        values={"min": 1, "max": 100, "step": 1},
    )
    max_ideas_per_learner = IntegerField(
        display_name=_("Ideas per learner"),
        help=_("How many ideas one learner may propose (withdrawn ideas do not count)."),
        scope=Scope.settings,
        default=defaults.DEFAULT_MAX_IDEAS,
        values={"min": 1, "max": 20, "step": 1},
    )
    anonymous_gallery = Boolean(
        display_name=_("Anonymous gallery"),
        help=_("Hide proposers' names from other learners (the course team still sees them)."),
        scope=Scope.settings,
        default=False,
    )
    optional_states = List(
        display_name=_("Optional states"),
        help=_(
            "Draft, submitted, accepted, rejected and withdrawn are always used; choose which of "
            "returned for revision, under evaluation, shortlisted and implemented this competition uses."
        ),
        scope=Scope.settings,
        default=["returned", "evaluating", "shortlisted", "implemented"],
    )
    state_labels = Dict(
        display_name=_("State names"),
        help=_("Optional names for states in this competition, e.g. 'Top 10' for shortlisted."),
        scope=Scope.settings,
        default={},
    )
    rubric = List(
        display_name=_("Jury rubric"),
        help=_("Criteria the jury scores, each with a weight; the weights add up to 100."),
        scope=Scope.settings,
        default=defaults.DEFAULT_RUBRIC,
    )
    score_scale = IntegerField(
        display_name=_("Points per criterion"),
        help=_("Jury members give each criterion 0 up to this many points."),
        scope=Scope.settings,
        default=defaults.DEFAULT_SCORE_SCALE,
        values={"min": 2, "max": 10, "step": 1},
    )
    jury = List(
        display_name=_("Jury members"),
        help=_(
            "Course staff are always jury. Add other LMS usernames (e.g. partners' representatives), "
            "one per line, optionally followed by the code of their own OPD."
        ),
        scope=Scope.settings,
        default=[],
    )
    jury_excludes_own_opd = Boolean(
        display_name=_("No scoring of one's own OPD"),
        help=_("Jury members whose OPD is known do not score ideas for that OPD."),
        scope=Scope.settings,
        default=True,
    )
    opds = List(
        display_name=_("OPDs"),
        help=_(
            "The OPDs whose services ideas may improve, by their code in the city's units list (one per "
            "line). Empty: every active OPD of that list, which the operator imports with import-units."
        ),
        scope=Scope.settings,
        default=[],
    )
    categories = List(
        display_name=_("Categories"),
        help=_(
            "Categories of ideas: one per line as code | Name | form (governance, public_service or other)."
        ),
        scope=Scope.settings,
        default=defaults.DEFAULT_CATEGORIES,
    )
    completion_on = String(
        display_name=_("Completion"),
        help=_(
            "When a learner completes this unit: when they submit an idea, or when they first support one."
        ),
        scope=Scope.settings,
        default="submission",
        values=[
            {"display_name": _("On submitting an idea"), "value": "submission"},
            {"display_name": _("On the first support"), "value": "first_support"},
        ],
    )
    has_score = Boolean(
        display_name=_("Graded"),
        help=_("Counts toward the grade: a learner earns full credit for submitting an idea."),
        scope=Scope.settings,
        default=False,
    )
    weight = Float(
        display_name=_("Problem weight"),
        help=_("How much this block counts in the grade when graded."),
        scope=Scope.settings,
        default=1.0,
        values={"min": 0, "step": 0.1},
    )
    raw_earned = Float(
        display_name=_("Earned score"),
        help=_("1 once the learner submitted an idea, for the grade."),
        scope=Scope.user_state,
        default=0.0,
    )
    completion_sent = Boolean(
        display_name=_("Completion sent"),
        help=_("Whether completion was already sent for this learner."),
        scope=Scope.user_state,
        default=False,
    )

    editable_fields = (
        "display_name",
        "intro",
        "submission_start",
        "submission_end",
        "support_start",
        "support_end",
        "support_budget",
        "max_ideas_per_learner",
        "anonymous_gallery",
        "optional_states",
        "state_labels",
        "rubric",
        "score_scale",
        "jury",
        "jury_excludes_own_opd",
        "opds",
        "categories",
        "completion_on",
        "has_score",
        "weight",
    )

    # --- services and settings --------------------------------------------------------------------

    def _uid(self) -> str:
        """A prefix for element ids, unique per block on a page."""
        digest = hashlib.sha1(compat.usage_key_string(self).encode(), usedforsecurity=False).hexdigest()
        return f"bi-{digest[:10]}"

    def presenter(self) -> Presenter:
        return Presenter(self)

    def state_label_map(self) -> dict:
        """Author-chosen names of states (others use the translated defaults)."""
        return {
            code: label
            for code, label in (self.state_labels or {}).items()
            if isinstance(label, str) and label
        }

    def opd_choices(self) -> dict[str, str]:
        """The OPDs ideas may name, code -> name: the author's selection, or every active OPD of the
        city's units list (imported from the same file as the companion's); names come from that list."""
        chosen = [str(o.get("code", "") if isinstance(o, dict) else o) for o in self.opds or []]
        if not chosen:
            return {choice.code: choice.name for choice in api.active_opds()}
        known = api.opd_names(chosen)
        authored = {o.get("code"): o.get("name", "") for o in self.opds if isinstance(o, dict)}
        return {code: known.get(code) or authored.get(code) or code for code in chosen}

    def rules(self) -> InnovationRules:
        """This block's settings as the plugin app checks them."""
        return InnovationRules(
            course_id=compat.course_key_string(self),
            usage_id=compat.usage_key_string(self),
            support_budget=self.support_budget,
            max_ideas_per_learner=self.max_ideas_per_learner,
            submission_start=self.submission_start,
            submission_end=self.submission_end,
            support_start=self.support_start,
            support_end=self.support_end,
            enabled_states=api.innovation_states.enabled_states(self.optional_states),
            rubric=tuple(
                RubricCriterion(
                    code=str(c.get("code")),
                    label=str(c.get("label", "")),
                    weight=float(c.get("weight") or 0),
                    description=str(c.get("description", "")),
                )
                for c in self.rubric
            ),
            score_scale=self.score_scale,
            jury={m["username"]: m.get("opd_code", "") for m in self.jury if m.get("username")},
            jury_excludes_own_opd=self.jury_excludes_own_opd,
            opds=self.opd_choices(),
            categories={c["code"]: c["name"] for c in self.categories},
            category_forms={c["code"]: c.get("form", "") for c in self.categories},
            anonymous_gallery=self.anonymous_gallery,
        )

    # --- completion and grade ---------------------------------------------------------------------

    def _on_submission(self, actor) -> None:
        if self.has_score and self.raw_earned < 1:
            self.raw_earned = 1.0
            self._publish_grade(Score(raw_earned=1.0, raw_possible=1.0))
        if self.completion_on == "submission" and not self.completion_sent:
            self.completion_sent = True
            self.emit_completion(1.0)

    def _on_support(self, actor) -> None:
        if self.completion_on == "first_support" and not self.completion_sent:
            self.completion_sent = True
            self.emit_completion(1.0)

    def max_score(self):
        return 1.0

    def has_submitted_answer(self):
        return self.raw_earned > 0

    def get_score(self):
        return Score(raw_earned=self.raw_earned, raw_possible=1.0)

    def set_score(self, score):
        self.raw_earned = score.raw_earned

    def calculate_score(self):
        """Full credit when the learner has an idea beyond a draft that is not withdrawn."""
        who = compat.current_user(self)
        counted = any(
            card.state not in ("draft", "withdrawn") and card.is_mine
            for card in api.my_ideas(self.rules(), self._actor_for(who))
        )
        return Score(raw_earned=1.0 if counted else 0.0, raw_possible=1.0)

    @staticmethod
    def _actor_for(who):
        from xblocks.bina_asn.data import Actor

        return Actor(
            user_id=who.user_id, username=who.username, full_name=who.full_name, is_staff=who.is_staff
        )

    # --- views ------------------------------------------------------------------------------------

    def _windows(self) -> dict:
        i18n = self.i18n_service
        status = {
            "submission": api.window_status(self.submission_start, self.submission_end),
            "support": api.window_status(self.support_start, self.support_end),
        }
        return {
            "submission": status["submission"],
            "support": status["support"],
            "submission_start": when(self.submission_start),
            "submission_end": when(self.submission_end),
            "support_start": when(self.support_start),
            "support_end": when(self.support_end),
            "submission_text": self._window_text(
                i18n, status["submission"], self.submission_start, self.submission_end, "submission"
            ),
            "support_text": self._window_text(
                i18n, status["support"], self.support_start, self.support_end, "support"
            ),
        }

    @staticmethod
    def _window_text(i18n, status, start, end, kind) -> str:
        texts = {
            ("submission", "not_yet"): _("Submissions open on %(when)s."),
            ("submission", "closed"): _("Submissions closed on %(when)s."),
            ("submission", "open_until"): _("Submissions are open until %(when)s."),
            ("submission", "open"): _("Submissions are open."),
            ("support", "not_yet"): _("Supports open on %(when)s."),
            ("support", "closed"): _("Supports closed on %(when)s."),
            ("support", "open_until"): _("Supports are open until %(when)s."),
            ("support", "open"): _("Supports are open."),
        }
        if status == "not_yet":
            return say(i18n, texts[(kind, "not_yet")], when=when(start))
        if status == "closed":
            return say(i18n, texts[(kind, "closed")], when=when(end))
        if end:
            return say(i18n, texts[(kind, "open_until")], when=when(end))
        return say(i18n, texts[(kind, "open")])

    def _config(self, who, rules) -> dict:
        """What the JavaScript needs besides the page's own text (embedded with ``json_script``)."""
        i18n = self.i18n_service
        presenter = self.presenter()
        is_jury = permissions.is_jury(who, rules.jury)
        handler = self.runtime.handler_url
        return {
            "username": who.username,
            "is_staff": who.is_staff,
            "is_jury": is_jury,
            "budget": self.support_budget,
            "anonymous": self.anonymous_gallery,
            "score_scale": self.score_scale,
            "page_size": 12,
            "windows": self._windows(),
            "states": {code: presenter.state(code) for code in STATE_LABELS},
            "moves": {code: say(i18n, label) for code, label in MOVE_LABELS.items()},
            "stages": {code: say(i18n, label) for code, label in STAGE_LABELS.items()},
            "fields": {code: say(i18n, label) for code, label in FIELD_LABELS.items()},
            "digital": {"true": say(i18n, TEXT["digital"]), "false": say(i18n, TEXT["non_digital"])},
            "opds": [{"code": code, "name": name} for code, name in rules.opds.items()],
            "categories": [{"code": c["code"], "name": c["name"]} for c in self.categories],
            "rubric": [
                {"code": c.code, "label": c.label, "weight": c.weight, "description": c.description}
                for c in rules.rubric
            ],
            "exports": {
                "ideas": handler(self, "export_ideas"),
                "index": handler(self, "export_index"),
            }
            if who.is_staff
            else {},
        }

    def _context(self, who, rules) -> dict:
        i18n = self.i18n_service

        def described(names):
            return [
                (name, say(i18n, FIELD_LABELS[name]), say(i18n, FIELD_HELP.get(name, ""))) for name in names
            ]

        return {
            "uid": self._uid(),
            "sections": described(api.PROPOSAL_SECTIONS),
            "people_fields": described(("stakeholders", "partners", "co_proposers", "evidence_links")),
            "block": self,
            "who": who,
            "intro": self.intro,
            "windows": self._windows(),
            "config": self._config(who, rules),
            "opds": [{"code": code, "name": name} for code, name in rules.opds.items()],
            "categories": self.categories,
            "states": [(code, self.presenter().state(code)) for code in STATE_LABELS if code != "draft"],
            "help": {name: say(i18n, text) for name, text in FIELD_HELP.items()},
            "is_jury": permissions.is_jury(who, rules.jury),
            "rubric": rules.rubric,
            "score_range": range(self.score_scale + 1),
            "stages": [(code, say(self.i18n_service, label)) for code, label in STAGE_LABELS.items()],
        }

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        """The competition: gallery, an idea's page, the learner's ideas and form; jury and staff tools."""
        who = compat.current_user(self)
        rules = self.rules()
        html = loader.render_django_template(
            "templates/student.html", self._context(who, rules), i18n_service=self.i18n_service
        )
        fragment = Fragment(html)
        fragment.add_css(loader.load_unicode("static/css/innovation.css"))
        i18n.add_js_catalog(self, fragment)
        fragment.add_javascript(loader.load_unicode("static/js/innovation.js"))
        fragment.initialize_js("BinaInnovationBlock")
        return fragment

    # --- mobile, reports, workbench ---------------------------------------------------------------

    def student_view_data(self, context=None):
        """For the mobile apps: the competition's settings (ideas come from the handlers)."""
        return {
            "display_name": self.display_name,
            "intro": self.intro,
            "windows": {
                "submission_start": self.submission_start.isoformat() if self.submission_start else None,
                "submission_end": self.submission_end.isoformat() if self.submission_end else None,
                "support_start": self.support_start.isoformat() if self.support_start else None,
                "support_end": self.support_end.isoformat() if self.support_end else None,
            },
            "support_budget": self.support_budget,
            "max_ideas_per_learner": self.max_ideas_per_learner,
            "anonymous_gallery": self.anonymous_gallery,
            "opds": [{"code": code, "name": name} for code, name in self.opd_choices().items()],
            "categories": list(self.categories),
            "rubric": list(self.rubric),
            "score_scale": self.score_scale,
            "handlers": ["gallery", "idea", "my_ideas", "save_idea", "withdraw_idea", "support", "comment"],
        }

    def generate_report_data(self, user_state_iterator, limit_responses=None):
        """Rows for the LMS "problem responses" report: each learner's ideas and their states."""
        rules = self.rules()
        count = 0
        for user_state in user_state_iterator:
            if limit_responses is not None and count >= limit_responses:
                return
            ideas = api.learner_ideas(rules, user_state.username)
            if not ideas:
                continue
            count += 1
            yield (
                user_state.username,
                {
                    "ideas": "; ".join(
                        f"{card.title} ({card.state}, {card.supports_count})" for card in ideas
                    ),
                    "submitted": sum(1 for card in ideas if card.state not in ("draft", "withdrawn")),
                },
            )

    @staticmethod
    def workbench_scenarios():
        """Dev LMS units; the description's slug becomes the usage id, so keep it stable."""
        attributes = {
            "display_name": "Kompetisi Ide Inovasi Pelayanan Publik 2026",
            "intro": (
                "Usulkan ide untuk membuat layanan publik di Kota Sibolga lebih cepat, mudah dan murah. "
                "Ide terbaik dipilih juri dan dijalankan sebagai program OPD. (Data demo sintetis.)"
            ),
            "jury": json.dumps([{"username": "juri_mitra", "opd_code": ""}]),
            "support_budget": "3",
        }
        xml = "<bina_innovation " + " ".join(f"{k}={quoteattr(v)}" for k, v in attributes.items()) + "/>"
        return [("Kompetisi ide inovasi pelayanan publik", xml)]
