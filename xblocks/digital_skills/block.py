"""The ``bina_digital_skills`` XBlock: a competence-mapped digital-skills assessment, pre/post, graded.

Learners start an attempt (the draw is frozen in their user state), answer with progress saved as
they go, and submit once they confirm. Every submitted attempt becomes a row in the plugin app
(``xblocks.bina_asn``), reached only through its ``api`` module; the row is the source of truth for
attempts used, results and the pairing of a post-test with its pre-test. Authors edit settings and
the item bank in a Studio editor, import and export the bank as CSV, JSON or YAML.

This module holds the fields, the learner's state, grading and the instructor report; the views
(``views.py``), the learner's handlers (``handlers.py``) and the Studio editor (``studio.py``) are
mixins, all on the block kit (``xblocks.common``).
"""

from __future__ import annotations

import functools
import json

from django.utils import translation
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import Boolean, Dict, Float, Integer, List, Scope, String
from xblock.scorable import ScorableXBlockMixin, Score

from xblocks.common import compat, i18n
from xblocks.common.base import BinaBlockMixin

from . import presenter, rules, staff
from .bank import PILLAR_NAMES, pool_sizes
from .bank import gettext_noop as bank_gettext_noop
from .drawing import seed_for, still_drawn
from .handlers import EVENT_SUBMITTED, AssessmentHandlersMixin, plugin_api
from .itemwriting import form_names
from .resources import STARTER_BANK, normalized_bank
from .scoring import score_attempt
from .studio import AssessmentStudioMixin
from .views import AssessmentViewsMixin

_ = bank_gettext_noop  # marks messages for extraction; the i18n service translates them when shown

REPORT_CHUNK = 500
__all__ = ["EVENT_SUBMITTED", "DigitalSkillsBlock"]


class DigitalSkillsBlock(
    staff.ItemAnalysisMixin,
    AssessmentViewsMixin,
    AssessmentHandlersMixin,
    AssessmentStudioMixin,
    BinaBlockMixin,
    ScorableXBlockMixin,
    CompletableXBlockMixin,
    XBlock,
):
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
        return i18n.gettext(self)

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
        api = plugin_api()
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
            post = plugin_api().latest_paired_assessment_attempt(
                compat.course_key_string(self), who.user_id, self.pairing_key, "post"
            )
            if post is None:
                return None, _("Correct answers are shown after you submit the post-test.")
        seed = self._seed(attempt.anonymous_user_id or str(who.user_id), attempt.attempt_number)
        review = presenter.review_items(attempt, items_by_id, seed, shuffle_options=self.shuffle_options, _=_)
        return review, ""

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
        latest = plugin_api().latest_assessment_attempt(self._usage(), who.user_id) if who.user_id else None
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
        api = plugin_api()
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
