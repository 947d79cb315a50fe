"""The ``bina_digital_skills`` XBlock: a competence-mapped digital-skills assessment, pre/post, graded.

Learners start an attempt (the draw is frozen in their user state), answer with progress saved as
they go, and submit once they confirm. Every submitted attempt becomes a row in the plugin app
(``xblocks.bina_asn``), reached only through its ``api`` module; the row is the source of truth for
attempts used, results and the pairing of a post-test with its pre-test. Authors edit settings and
the item bank in a Studio editor, import and export the bank as CSV, JSON or YAML.
"""

from __future__ import annotations

import base64
import binascii
import copy
import functools
import json
import re
from datetime import UTC, datetime

from django.utils import translation
from web_fragments.fragment import Fragment
from webob import Response
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Boolean, Dict, Float, Integer, List, Scope, String
from xblock.scorable import ScorableXBlockMixin, Score
from xblock.validation import ValidationMessage

from xblocks.common import compat, ratelimit

from . import bankio, forms, presenter, rules, staff
from .bank import (
    BAND_NAMES,
    COMPETENCES,
    ELEMENT_NAMES,
    ITEM_TYPES,
    LIKERT_SIZE,
    MAX_OPTIONS,
    PILLAR_NAMES,
    PILLARS,
    SINGLE_ANSWER_TYPES,
    TYPE_NAMES,
    band_of_level,
    pool_sizes,
)
from .bank import gettext_noop as bank_gettext_noop
from .drawing import draw_items, seed_for, still_drawn
from .itemwriting import form_names
from .resources import STARTER_BANK, normalized_bank, render, static_url_exists
from .scoring import score_attempt

_ = bank_gettext_noop  # marks messages for extraction; the i18n service translates them when shown

EVENT_SUBMITTED = "bina_asn.digital_skills.attempt.submitted"
MAX_LEARNER_BODY = 64 * 1024
MAX_STUDIO_BODY = 2_400_000  # under Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB)
# Per learner and block, per minute: generous for people, a wall for scripts.
RATE_LIMITS = {"start": 20, "save": 120, "submit": 10}
REPORT_CHUNK = 500


def _json_for_html(value) -> str:
    """JSON safe inside a ``<script>`` element (as Django's ``json_script`` escapes it)."""
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def _now() -> datetime:
    return datetime.now(UTC)


class Rejected(JsonHandlerError):
    """A 4xx answer with a message in the user's language and, optionally, every problem found."""

    def __init__(self, status_code: int, message: str, problems: list[str] | None = None):
        super().__init__(status_code, message)
        self.problems = problems or []

    def get_response(self, **kwargs):
        body = {"error": self.message}
        if self.problems:
            body["errors"] = self.problems
        return Response(
            json.dumps(body),
            status_code=self.status_code,
            content_type="application/json",
            charset="utf8",
            **kwargs,
        )


def json_handler(max_bytes: int):
    """``XBlock.json_handler`` that first refuses bodies over ``max_bytes`` (before parsing them)."""

    def decorate(func):
        inner = XBlock.json_handler(func)

        @functools.wraps(func)
        def wrapper(self, request, suffix=""):
            if (request.content_length or 0) > max_bytes or len(request.body) > max_bytes:
                return Rejected(400, self._("The request is too large.")).get_response()
            return inner(self, request, suffix)

        return XBlock.handler(wrapper)

    return decorate


def _api():
    """The plugin app's public interface (imported late: Django must be set up first)."""
    from xblocks.bina_asn import api

    return api


@XBlock.needs("i18n")
@XBlock.needs("user")
@XBlock.wants("studio_user_permissions")
class DigitalSkillsBlock(staff.ItemAnalysisMixin, ScorableXBlockMixin, CompletableXBlockMixin, XBlock):
    """A digital-literacy assessment reported per pillar, per DigComp area, and as pre/post gains."""

    public_dir = "static"
    _normalized_bank = None  # (items, problems), kept for one request once read
    i18n_js_namespace = "BinaDigitalSkillsI18N"
    icon_class = "problem"

    # ------------------------------------------------------------------ settings (the author's)
    display_name = String(
        display_name=_("Display name"),
        help=_("The name learners see above the assessment and in the course outline."),
        scope=Scope.settings,
        default=_("Digital literacy assessment"),
    )
    instructions = String(
        display_name=_("Instructions"),
        help=_("Shown before the learner starts; leave blank for the standard explanation."),
        scope=Scope.settings,
        default="",
    )
    mode = String(
        display_name=_("Mode"),
        help=_("Pre-test before training, post-test after it (compared with the pre-test), or standalone."),
        scope=Scope.settings,
        values=[{"display_name": rules.MODE_NAMES[mode], "value": mode} for mode in rules.MODES],
        default="standalone",
    )
    pairing_key = String(
        display_name=_("Pairing key"),
        help=_(
            "The same key in a pre-test and a post-test of this course pairs them, "
            "e.g. literasi-digital-2026."
        ),
        scope=Scope.settings,
        default="",
    )
    attempts_allowed = Integer(
        display_name=_("Attempts allowed"),
        help=_("How many times a learner may submit; 0 means no limit."),
        scope=Scope.settings,
        default=1,
    )
    items_per_pillar = Integer(
        display_name=_("Items per pillar"),
        help=_(
            "Draw this many items from each pillar's pool for every learner; 0 uses every item (of the "
            "learner's form, for a bank with parallel forms)."
        ),
        scope=Scope.settings,
        default=0,
    )
    shuffle_items = Boolean(
        display_name=_("Shuffle items"),
        help=_("Show the drawn items in a different order for each learner."),
        scope=Scope.settings,
        default=False,
    )
    shuffle_options = Boolean(
        display_name=_("Shuffle options"),
        help=_("Show answer options in a different order for each learner (1-5 scales keep their order)."),
        scope=Scope.settings,
        default=True,
    )
    pass_threshold = Integer(
        display_name=_("Pass threshold"),
        help=_("The overall score (0-100) a learner needs to pass."),
        scope=Scope.settings,
        default=60,
    )
    weight = Float(
        display_name=_("Problem weight"),
        help=_("How many points the assessment is worth in the course grade; 0 makes it ungraded."),
        scope=Scope.settings,
        default=1.0,
    )
    show_answers = String(
        display_name=_("Show correct answers"),
        help=_("When learners see the correct answers and the feedback of each item."),
        scope=Scope.settings,
        values=[{"display_name": rules.SHOW_ANSWERS_NAMES[v], "value": v} for v in rules.SHOW_ANSWERS],
        default="after_post_test",
    )
    recommendations = Dict(
        display_name=_("Recommendations"),
        help=_("Links to course units for each pillar, shown to learners whose result there is a gap."),
        scope=Scope.settings,
        default={},
    )
    bank = List(
        display_name=_("Item bank"),
        help=_("The items, each tagged with pillar, DigComp competence, level and element."),
        scope=Scope.content,
        default=STARTER_BANK,
    )

    # ------------------------------------------------------------------ the learner's state
    progress = Dict(
        display_name=_("Learner progress"),
        help=_(
            "The learner's latest attempt number and graded score (0-1), and for an attempt in progress "
            "the item ids drawn for it (frozen when it started), the answers saved so far, and when it "
            "started and was last saved (ISO 8601, UTC). Submitted attempts live in the plugin's table."
        ),
        scope=Scope.user_state,
        default={},
    )

    # ------------------------------------------------------------------ helpers
    @functools.cached_property
    def _(self):
        """The block's gettext (its own catalog in the ``text`` domain, as Open edX loads it)."""
        return self.runtime.service(self, "i18n").gettext

    def _bank(self):
        """(items, problems) of the stored bank, normalised and cached by content.

        Read from the field data directly (the starter bank when unset): ``self.bank`` deep-copies
        the whole bank twice per request, and these reads never change it.
        """
        cached = getattr(self, "_field_data_cache", {})
        if "bank" not in cached and getattr(self, "_normalized_bank", None) is not None:
            return self._normalized_bank
        if "bank" in cached:
            value = cached["bank"]
        elif self._field_data.has(self, "bank"):
            value = self._field_data.get(self, "bank")
        else:
            value = STARTER_BANK
        result = normalized_bank(value)
        if "bank" not in cached:  # not edited in this request: keep it for the rest of the request
            self._normalized_bank = result
        return result

    def _usage(self) -> str:
        return compat.usage_key_string(self)

    def _learner(self):
        who = compat.current_user(self)
        if not who.is_authenticated or who.user_id is None:
            raise Rejected(403, self._("Please sign in to take the assessment."))
        return who

    def _editor(self):
        if not compat.can_edit_content(self):
            raise Rejected(403, self._("Only the course team may edit this assessment."))

    def _limit(self, action: str, who) -> None:
        scope = f"digital-skills-{action}:{self._usage()}"
        if not ratelimit.hit(scope, str(who.user_id), RATE_LIMITS[action], 60):
            raise Rejected(429, self._("Too many requests: please wait a minute and try again."))

    def _seed(self, who_key: str, attempt_number: int) -> str:
        return seed_for(who_key, self.pairing_key or self._usage(), attempt_number)

    @staticmethod
    def _learner_key(who) -> str:
        return who.anonymous_user_id or str(who.user_id)

    def _attempts_left(self, used: int) -> int | None:
        """Attempts the learner still has (None: no limit)."""
        if not self.attempts_allowed:
            return None
        return max(self.attempts_allowed - used, 0)

    @staticmethod
    def _draft_active(draft: dict, used: int) -> bool:
        """``draft`` is for the next attempt (a draft of an already submitted attempt is stale)."""
        return draft.get("attempt") == used + 1 and bool(draft.get("items"))

    def _expected_item_count(self, items) -> int:
        per_pillar = self.items_per_pillar
        sizes = pool_sizes(items, form_names(items)[0])  # parallel forms follow one blueprint
        return sum(min(size, per_pillar) if per_pillar else size for size in sizes.values())

    # ------------------------------------------------------------------ learner state
    def _learner_state(self, who, latest=None, *, latest_known: bool = False) -> dict:
        """Everything the learner's screen needs (web and mobile), without answer keys while answering."""
        _ = self._
        state = {
            "mode": self.mode,
            "language": translation.get_language() or "id",
            "labels": presenter.labels(_),
        }
        if not who.is_authenticated or who.user_id is None:
            return {**state, "phase": "signin"}
        items, problems = self._bank()
        if problems or not items:
            state.update(phase="unavailable")
            if who.is_staff:
                state["problems"] = problems or [_("The bank is empty: add at least one item.")]
            return state
        api = _api()
        if not latest_known:
            latest = api.latest_assessment_attempt(self._usage(), who.user_id)
        used = latest.attempt_number if latest else 0
        left = self._attempts_left(used)
        state["attempts"] = {"allowed": self.attempts_allowed, "used": used, "left": left}
        items_by_id = {item["id"]: item for item in items}
        pre_attempt = None
        if self.mode == "post" and self.pairing_key:
            pre_attempt = api.latest_paired_assessment_attempt(
                compat.course_key_string(self), who.user_id, self.pairing_key, "pre"
            )
            state["pre_test"] = (
                {"submitted": pre_attempt.submitted.isoformat(), "score": round(pre_attempt.score * 100, 1)}
                if pre_attempt
                else None
            )

        draft = self.progress
        if self._draft_active(draft, used):
            drawn = still_drawn(draft["items"], items_by_id)
            seed = self._seed(self._learner_key(who), draft["attempt"])
            state.update(
                phase="taking",
                draft={
                    "attempt": draft["attempt"],
                    "started": draft.get("started", ""),
                    "saved": draft.get("saved", ""),
                    "answers": {
                        key: value for key, value in draft.get("answers", {}).items() if key in items_by_id
                    },
                    "items": [
                        presenter.public_item(
                            items_by_id[item_id], seed, shuffle_options=self.shuffle_options, _=_
                        )
                        for item_id in drawn
                    ],
                },
                minutes=presenter.estimated_minutes(len(drawn)),
            )
            return state

        if latest is None:
            count = self._expected_item_count(items)
            state.update(
                phase="intro",
                instructions=self.instructions,
                item_count=count,
                minutes=presenter.estimated_minutes(count),
            )
            return state
        state["phase"] = "results"
        state["can_retake"] = left is None or left > 0
        review, note = self._review(latest, who, items_by_id, left)
        state["result"] = presenter.result(
            latest,
            pass_threshold=self.pass_threshold,
            recommendations=self.recommendations,
            pre_attempt=pre_attempt,
            review=review,
            review_note=note,
            items_by_id=items_by_id,
            _=_,
        )
        return state

    def _review(self, attempt, who, items_by_id, left):
        """The answer review of ``attempt`` if the author's setting shows it now, else why not."""
        _ = self._
        when = self.show_answers
        if when == "after_post_test" and self.mode != "pre":  # only a pre-test waits for a post-test
            when = "after_last_attempt"
        if when == "never":
            return None, ""
        if when == "after_last_attempt" and left != 0:
            return None, _("Correct answers are shown after your last attempt.")
        if when == "after_post_test" and self.mode == "pre":
            post = _api().latest_paired_assessment_attempt(
                compat.course_key_string(self), who.user_id, self.pairing_key, "post"
            )
            if post is None:
                return None, _("Correct answers are shown after you submit the post-test.")
        seed = self._seed(attempt.anonymous_user_id or str(who.user_id), attempt.attempt_number)
        review = presenter.review_items(attempt, items_by_id, seed, shuffle_options=self.shuffle_options, _=_)
        return review, ""

    # ------------------------------------------------------------------ views
    def _add_assets(self, fragment: Fragment, script: str) -> None:
        fragment.add_css_url(self.runtime.local_resource_url(self, "static/css/digital_skills.css"))
        translations = self._js_translations_path()
        if translations:
            fragment.add_javascript_url(self.runtime.local_resource_url(self, translations))
        fragment.add_javascript_url(self.runtime.local_resource_url(self, f"static/js/{script}"))

    @staticmethod
    def _js_translations_path() -> str | None:
        """The bundled JavaScript catalog for the active language, if there is one."""
        language = translation.get_language() or ""
        for code in dict.fromkeys((translation.to_locale(language), language, language.split("-")[0])):
            path = f"static/js/translations/{code}/text.js"
            if code and static_url_exists(path):
                return path
        return None

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        """The assessment as learners take it: introduction, items, then results."""
        _ = self._
        who = compat.current_user(self)
        state = self._learner_state(who)
        if who.is_authenticated and who.is_staff:  # the course team's item analysis (staff.py)
            state["staff"] = staff.panel(self)
        fragment = Fragment(
            render(
                "student.html",
                {
                    "title": _(self.display_name),
                    "loading": _("Loading the assessment..."),
                    "noscript": _("This assessment needs JavaScript. Please turn it on and reload the page."),
                    "data_json": _json_for_html(state),
                },
            )
        )
        if "staff" in state:
            fragment.add_javascript_url(self.runtime.local_resource_url(self, "static/js/staff.js"))
        self._add_assets(fragment, "student.js")
        fragment.initialize_js("BinaDigitalSkillsView")
        return fragment

    def student_view_data(self, context=None):
        """The learner's state as JSON for the Open edX mobile app (handlers as on the web)."""
        return {
            "display_name": self._(self.display_name),
            "instructions": self.instructions,
            "pass_threshold": self.pass_threshold,
            **self._learner_state(compat.current_user(self)),
        }

    def author_view(self, context=None):
        """What Studio shows on the unit page: a summary of settings and bank, with any problems."""
        _ = self._
        items, problems = self._bank()
        findings = rules.check(self, self.bank, _)
        pools = pool_sizes(items)
        fragment = Fragment(
            render(
                "author.html",
                {
                    "title": _(self.display_name),
                    "mode": _(rules.MODE_NAMES.get(self.mode, self.mode)),
                    "pairing_key": self.pairing_key or "-",
                    "summary": _(
                        "{count} items in the bank; each learner answers {drawn}. "
                        "Attempts allowed: {attempts}. Pass threshold: {threshold}."
                    ).format(
                        count=len(items),
                        drawn=self._expected_item_count(items),
                        attempts=self.attempts_allowed or _("no limit"),
                        threshold=self.pass_threshold,
                    ),
                    "pools_caption": _("Items per pillar"),
                    "pillar_heading": _("Pillar"),
                    "count_heading": _("Items in the bank"),
                    "pools": [(_(PILLAR_NAMES[code]), pools[code]) for code in PILLARS],
                    "errors": findings.errors,
                    "warnings": findings.warnings,
                    "errors_heading": _("Problems to fix before learners can take it"),
                    "warnings_heading": _("Worth a look"),
                },
            )
        )
        fragment.add_css_url(self.runtime.local_resource_url(self, "static/css/digital_skills.css"))
        return fragment

    def studio_view(self, context=None):
        """The editor: settings, recommendations per pillar, and the item bank (import/export too)."""
        _ = self._
        items, problems = self._bank()
        findings = rules.check(self, self.bank, _)
        field_names = [
            "display_name",
            "instructions",
            "mode",
            "pairing_key",
            "attempts_allowed",
            "items_per_pillar",
            "shuffle_items",
            "shuffle_options",
            "pass_threshold",
            "weight",
            "show_answers",
        ]
        config = {
            "settings": {name: getattr(self, name) for name in field_names},
            "fields": {
                name: {"label": _(self.fields[name].display_name), "help": _(self.fields[name].help)}
                for name in [*field_names, "recommendations", "bank"]
            },
            "choices": {
                "mode": [[mode, _(rules.MODE_NAMES[mode])] for mode in rules.MODES],
                "show_answers": [[value, _(rules.SHOW_ANSWERS_NAMES[value])] for value in rules.SHOW_ANSWERS],
                "type": [[value, _(TYPE_NAMES[value])] for value in ITEM_TYPES],
                "form": [["", _("Both forms")]] + [[f, _("Form {form}").format(form=f)] for f in ("A", "B")],
                "pillar": [[code, _(PILLAR_NAMES[code])] for code in PILLARS],
                "competence": [["", _("None (a local item)")]]
                + [[code, f"{code} {_(name)}"] for code, name in COMPETENCES.items()],
                "element": [[code, _(name)] for code, name in ELEMENT_NAMES.items()],
                "level": [
                    [
                        level,
                        _("Level {level} ({band})").format(
                            level=level, band=_(BAND_NAMES[band_of_level(level)])
                        ),
                    ]
                    for level in range(1, 9)
                ],
            },
            "limits": {"max_options": MAX_OPTIONS, "likert_size": LIKERT_SIZE},
            "bank": self.bank if problems else items,  # a broken bank as stored, for the author to fix
            "recommendations": self.recommendations,
            "validation": {"errors": findings.errors, "warnings": findings.warnings},
            "export_urls": {
                fmt: self.runtime.handler_url(self, "export_bank", fmt) for fmt in bankio.FORMATS
            },
            "language": translation.get_language() or "id",
        }
        fragment = Fragment(
            render(
                "studio.html",
                {
                    "title": _("Edit: {name}").format(name=_(self.display_name)),
                    "loading": _("Loading the editor..."),
                    "data_json": _json_for_html(config),
                },
            )
        )
        self._add_assets(fragment, "studio.js")
        fragment.initialize_js("BinaDigitalSkillsEditor")
        return fragment

    # ------------------------------------------------------------------ learner handlers
    def _parse_answers(self, data, items_by_id, drawn: set[str]) -> dict[str, list[str]]:
        """The ``answers`` of a request, checked against the learner's draw; nothing is changed here."""
        _ = self._
        raw = data.get("answers") if isinstance(data, dict) else None
        if not isinstance(raw, dict):
            raise Rejected(400, _("Send the answers as an object: item id to a list of chosen option ids."))
        parsed = {}
        for item_id, chosen in raw.items():
            if item_id not in drawn or item_id not in items_by_id:
                raise Rejected(400, _("Item {id} is not part of your assessment.").format(id=item_id))
            if not isinstance(chosen, list) or not all(isinstance(option, str) for option in chosen):
                raise Rejected(
                    400, _("Item {id}: send the chosen options as a list of option ids.").format(id=item_id)
                )
            item = items_by_id[item_id]
            chosen = list(dict.fromkeys(chosen))
            known = {option["id"] for option in item["options"]}
            unknown = [option for option in chosen if option not in known]
            if unknown:
                raise Rejected(
                    400, _("Item {id} has no option {option}.").format(id=item_id, option=", ".join(unknown))
                )
            if item["type"] in SINGLE_ANSWER_TYPES and len(chosen) > 1:
                raise Rejected(400, _("Item {id}: choose only one option.").format(id=item_id))
            parsed[item_id] = chosen
        return parsed

    def _open_draft(self, who):
        """(draft, items by id, drawn ids) for a learner with an attempt in progress; else a 400.

        The learner's state says whether an attempt is open; should it be stale (its row recorded but
        the state not saved), recording it again fails on the table's unique constraint.
        """
        _ = self._
        items, problems = self._bank()
        if problems or not items:
            raise Rejected(400, _("This assessment is not ready yet. Please tell the course team."))
        draft = self.progress
        if not draft.get("items"):
            if draft.get("attempt"):
                raise Rejected(
                    400, _("This attempt was already submitted. Reload the page to see your results.")
                )
            raise Rejected(400, _("Start the assessment first."))
        items_by_id = {item["id"]: item for item in items}
        return draft, items_by_id, still_drawn(draft["items"], items_by_id)

    @json_handler(MAX_LEARNER_BODY)
    def start_attempt(self, data, suffix=""):
        """Begin the next attempt: draw and freeze the items. Calling it again resumes the same draft."""
        _ = self._
        who = self._learner()
        self._limit("start", who)
        items, problems = self._bank()
        if problems or not items:
            raise Rejected(400, _("This assessment is not ready yet. Please tell the course team."))
        latest = _api().latest_assessment_attempt(self._usage(), who.user_id)
        used = latest.attempt_number if latest else 0
        progress = self.progress
        if not self._draft_active(progress, used):
            left = self._attempts_left(used)
            if left == 0:
                raise Rejected(
                    400,
                    _("You have used all {n} attempts.").format(n=self.attempts_allowed),
                )
            number = used + 1
            form = forms.form_of_learner(self, who, items)
            drawn = draw_items(
                forms.items_of_form(items, form),
                self.items_per_pillar,
                self._seed(self._learner_key(who), number),
                shuffle=self.shuffle_items,
            )
            self.progress = {
                "attempt": number,
                "items": drawn,
                "form": form,
                "answers": {},
                "started": _now().isoformat(),
                "saved": "",
                "score": progress.get("score"),  # the grade stands until this attempt is submitted
            }
        return self._learner_state(who, latest, latest_known=True)

    @json_handler(MAX_LEARNER_BODY)
    def save_progress(self, data, suffix=""):
        """Save answers given so far (an empty list clears an item); the attempt stays open."""
        who = self._learner()
        self._limit("save", who)
        draft, items_by_id, drawn = self._open_draft(who)
        parsed = self._parse_answers(data, items_by_id, set(drawn))
        answers = {**draft.get("answers", {}), **parsed}
        draft["answers"] = {item_id: chosen for item_id, chosen in answers.items() if chosen}
        draft["saved"] = _now().isoformat()
        self.progress = draft
        return {
            "saved": draft["saved"],
            "answered": sum(1 for item_id in drawn if draft["answers"].get(item_id)),
            "total": len(drawn),
        }

    @json_handler(MAX_LEARNER_BODY)
    def submit(self, data, suffix=""):
        """Score and record the attempt (answers in the body are saved first), publish grade and events."""
        _ = self._
        who = self._learner()
        self._limit("submit", who)
        draft, items_by_id, drawn = self._open_draft(who)
        drawn_set = set(drawn)
        parsed = self._parse_answers(data, items_by_id, drawn_set)
        answers = {
            item_id: chosen
            for item_id, chosen in {**draft.get("answers", {}), **parsed}.items()
            if chosen and item_id in drawn_set
        }
        scores = score_attempt([items_by_id[item_id] for item_id in drawn], answers)
        now = _now()
        started = datetime.fromisoformat(draft["started"]) if draft.get("started") else now
        api = _api()
        from xblocks.bina_asn.data import NewAssessmentAttempt

        try:
            attempt = api.record_assessment_attempt(
                NewAssessmentAttempt(
                    course_id=compat.course_key_string(self),
                    usage_id=self._usage(),
                    user_id=who.user_id,
                    anonymous_user_id=who.anonymous_user_id,
                    mode=self.mode,
                    pairing_key=self.pairing_key,
                    attempt_number=draft["attempt"],
                    score=scores.score,
                    passed=scores.score * 100 >= self.pass_threshold,
                    pillar_scores=scores.pillar_scores,
                    pillar_index={},  # no rescaled "national index" (ADR 0111)
                    form=draft.get("form", ""),
                    self_ratings=scores.self_ratings,
                    competence_scores=scores.competence_scores,
                    area_bands=scores.area_bands,
                    item_scores=scores.item_scores,
                    answers=answers,
                    item_ids=drawn,
                    started=started,
                    submitted=now,
                )
            )
        except api.AttemptAlreadyRecorded as exc:
            raise Rejected(
                400, _("This attempt was already submitted. Reload the page to see your results.")
            ) from exc
        # Recorded: now the learner's state moves on, and the platform hears about it.
        # The number stays, so that a repeated submit is told "already submitted".
        self.progress = {"attempt": attempt.attempt_number, "score": scores.score}
        staff.record_bank(self)  # the bank these answers were scored against, for item analysis
        self._publish_grade(Score(raw_earned=scores.score, raw_possible=1.0))
        self.emit_completion(1.0)
        self.runtime.publish(
            self,
            EVENT_SUBMITTED,
            {
                "attempt_id": attempt.id,
                "mode": self.mode,
                "pairing_key": self.pairing_key,
                "attempt_number": attempt.attempt_number,
                "score": attempt.score,
                "passed": attempt.passed,
                "answered": scores.answered,
                "total": scores.total,
                "pillar_scores": attempt.pillar_scores,
                "self_ratings": attempt.self_ratings,
                "competence_scores": attempt.competence_scores,
                "area_bands": attempt.area_bands,
            },
        )
        return self._learner_state(who, attempt, latest_known=True)

    # ------------------------------------------------------------------ Studio handlers
    @json_handler(MAX_STUDIO_BODY)
    def studio_submit(self, data, suffix=""):
        """Save settings, recommendations and bank together, or refuse with every problem found."""
        _ = self._
        self._editor()
        if not isinstance(data, dict):
            raise Rejected(400, _("Send the settings, recommendations and bank as one object."))
        values, errors = rules.parse_settings(data.get("settings"), _)
        recommendations, link_errors = rules.parse_recommendations(data.get("recommendations"), _)
        errors += link_errors
        bank = data.get("bank")
        if not errors:
            findings = rules.check(values, bank, _)
            errors += findings.errors
        if errors:
            raise Rejected(400, _("Nothing was saved: please fix the problems listed."), errors)
        items, _problems = normalized_bank(bank)
        for name, value in values.items():
            setattr(self, name, value)
        self.recommendations = recommendations
        self.bank = copy.deepcopy(items)
        return {"saved": True, "warnings": findings.warnings, "bank": items}

    @json_handler(MAX_STUDIO_BODY)
    def import_bank(self, data, suffix=""):
        """Read a bank file for the editor (replace or append); nothing is saved until the author saves."""
        _ = self._
        self._editor()
        if not isinstance(data, dict):
            raise Rejected(400, _("Send the file as an object with its name and content."))
        filename = str(data.get("filename") or "")
        fmt = bankio.format_of(filename)
        if fmt is None:
            raise Rejected(400, _("Choose a .csv, .json, .yaml or .yml file."))
        try:
            content = base64.b64decode(str(data.get("content_base64") or ""), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise Rejected(400, _("The file could not be read; please choose it again.")) from exc
        try:
            items = bankio.read_bank(content, fmt, _)
        except bankio.BankFileError as exc:
            raise Rejected(
                400, _("The file was not imported: please fix the problems listed."), exc.messages
            ) from exc
        if data.get("mode") == "append":
            existing = data.get("existing_ids")
            existing = {str(item_id) for item_id in existing} if isinstance(existing, list) else set()
            clashes = [item["id"] for item in items if item["id"] in existing]
            if clashes:
                raise Rejected(
                    400,
                    _("The file was not imported: please fix the problems listed."),
                    [
                        _(
                            "Item {id} is already in the bank; rename it in the file or replace the bank."
                        ).format(id=item_id)
                        for item_id in clashes
                    ],
                )
        return {
            "items": items,
            "message": _("{count} items read from {file}. Review them, then save.").format(
                count=len(items), file=filename
            ),
        }

    @XBlock.handler
    def export_bank(self, request, suffix=""):
        """Download the saved bank as CSV, JSON or YAML (the format is the handler suffix)."""
        _ = self._
        try:
            self._editor()
        except Rejected as exc:
            return exc.get_response()
        fmt = suffix.strip("/") or request.GET.get("format", "")
        if fmt not in bankio.FORMATS:
            return Rejected(
                404, _("Unknown export format {format}; use csv, json or yaml.").format(format=fmt)
            ).get_response()
        items, problems = self._bank()
        if problems and fmt == "csv":
            return Rejected(
                400, _("The saved bank has problems; fix them first, or export it as JSON or YAML.")
            ).get_response()
        body = bankio.write_bank(self.bank if problems else items, fmt, as_stored=bool(problems))
        slug = re.sub(r"[^a-z0-9]+", "-", (self.display_name or "bank").lower()).strip("-") or "bank"
        return Response(
            body=body,
            content_type=bankio.CONTENT_TYPES[fmt].split(";")[0],
            charset="utf-8",
            content_disposition=f'attachment; filename="{slug}.{fmt}"',
        )

    # ------------------------------------------------------------------ Studio validation
    def validate_field_data(self, validation, data):
        """Errors and warnings Studio shows on the component (the editor's Save applies the same rules)."""
        findings = rules.check(data, data.bank, self._)
        for message in findings.errors:
            validation.add(ValidationMessage(ValidationMessage.ERROR, message))
        for message in findings.warnings:
            validation.add(ValidationMessage(ValidationMessage.WARNING, message))

    def validate(self):
        validation = super().validate()
        self.validate_field_data(validation, self)
        return validation

    # ------------------------------------------------------------------ grading contract
    def max_score(self):
        return 1.0

    def has_submitted_answer(self):
        return self.progress.get("score") is not None

    def get_score(self):
        return Score(raw_earned=self.progress.get("score") or 0.0, raw_possible=1.0)

    def set_score(self, score):
        earned = score.raw_earned / score.raw_possible if score.raw_possible else 0.0
        self.progress = {**self.progress, "score": earned}

    def calculate_score(self):
        """Rescore the latest attempt's answers against today's bank (e.g. after fixing an answer key)."""
        who = compat.current_user(self)
        latest = _api().latest_assessment_attempt(self._usage(), who.user_id) if who.user_id else None
        if latest is None:
            return Score(raw_earned=0.0, raw_possible=1.0)
        items, _problems = self._bank()
        items_by_id = {item["id"]: item for item in items}
        drawn = [items_by_id[item_id] for item_id in latest.item_ids if item_id in items_by_id]
        return Score(raw_earned=score_attempt(drawn, latest.answers).score, raw_possible=1.0)

    # ------------------------------------------------------------------ instructor report
    def generate_report_data(self, user_state_iterator, limit_responses=None):
        """Rows for the LMS "problem responses" report: one per item answered in each submitted attempt."""
        _ = self._
        items, _problems = self._bank()
        items_by_id = {item["id"]: item for item in items}
        api = _api()
        count = 0
        for chunk in _chunks(user_state_iterator, REPORT_CHUNK):
            attempts = api.assessment_attempts_for_report(self._usage(), [state.username for state in chunk])
            for username in dict.fromkeys(state.username for state in chunk):
                for attempt in attempts.get(username, []):
                    for item_id in attempt.item_ids:
                        if limit_responses is not None and count >= limit_responses:
                            return
                        item = items_by_id.get(item_id, {})
                        options = {option["id"]: option for option in item.get("options", [])}
                        chosen = attempt.answers.get(item_id, [])
                        yield (
                            username,
                            {
                                "Attempt": attempt.attempt_number,
                                "Mode": attempt.mode,
                                "Submitted": attempt.submitted.isoformat(),
                                "Item": item_id,
                                "Pillar": _(PILLAR_NAMES[item["pillar"]]) if item else "",
                                "Competence": item.get("competence", ""),
                                "Question": item.get("stem", ""),
                                "Answer": "; ".join(
                                    options[o]["text"] if o in options else o for o in chosen
                                ),
                                "Correct answer": "; ".join(
                                    o["text"] for o in item.get("options", []) if o["correct"]
                                ),
                                "Item score": attempt.item_scores.get(item_id),
                                "Attempt score": attempt.score,
                            },
                        )
                        count += 1

    # ------------------------------------------------------------------ the dev LMS
    @staticmethod
    def workbench_scenarios():
        """A pre-test and a post-test paired by one key, as a course has them before and after training."""
        links = json.dumps(
            {
                "cakap": [
                    {
                        "title": "Gerakan Nasional Literasi Digital: modul Cakap Digital",
                        "url": "https://literasidigital.id",
                    }
                ],
                "etika": [
                    {"title": "Cek fakta sebelum berbagi (cekfakta.com)", "url": "https://cekfakta.com"}
                ],
                "aman": [
                    {
                        "title": "Badan Siber dan Sandi Negara: panduan keamanan siber",
                        "url": "https://www.bssn.go.id",
                    }
                ],
                "budaya": [
                    {
                        "title": "SP4N-LAPOR!: kanal pengaduan pelayanan publik",
                        "url": "https://www.lapor.go.id",
                    }
                ],
            }
        )
        common = f"pairing_key='literasi-digital-2026' recommendations='{links}'"
        return [
            (
                "Asesmen literasi digital: pra-pelatihan",
                f"<bina_digital_skills display_name='Asesmen literasi digital (pra-pelatihan)' mode='pre' "
                f"show_answers='after_post_test' {common}/>",
            ),
            (
                "Asesmen literasi digital: pasca-pelatihan",
                f"<bina_digital_skills display_name='Asesmen literasi digital (pasca-pelatihan)' mode='post' "
                f"show_answers='after_attempt' {common}/>",
            ),
        ]


def _chunks(iterable, size):
    chunk = []
    for element in iterable:
        chunk.append(element)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
