"""The learner's handlers of the assessment: start, save progress, submit (and the state for mobile).

Each runs through the block kit's ``handler`` (sign-in, body size, one error shape); the rate limits
are per learner and block, per minute: generous for people, a wall for scripts.
"""

from __future__ import annotations

from datetime import UTC, datetime

from xblock.scorable import Score

from xblocks.common import compat, permissions
from xblocks.common.handlers import HandlerError, handler, limit
from xblocks.common.permissions import LEARNER

from . import forms, staff
from .bank import SINGLE_ANSWER_TYPES
from .drawing import draw_items, still_drawn
from .scoring import score_attempt

EVENT_SUBMITTED = "bina_asn.digital_skills.attempt.submitted"
RATE_LIMITS = {"start": 20, "save": 120, "submit": 10}


def plugin_api():
    """The plugin app's public interface (imported late: Django must be set up first)."""
    from xblocks.bina_asn import api

    return api


def data_classes():
    """The plugin app's data classes (imported late, like ``api``)."""
    from xblocks.bina_asn import data

    return data


def utc_now() -> datetime:
    return datetime.now(UTC)


class AssessmentHandlersMixin:
    """Learner handlers of ``DigitalSkillsBlock``."""

    def _limit(self, action: str, who) -> None:
        limit(self, who, f"digital-skills-{action}", RATE_LIMITS[action], 60)

    def _parse_answers(self, data, items_by_id, drawn: set[str]) -> dict[str, list[str]]:
        """The ``answers`` of a request, checked against the learner's draw; nothing is changed here."""
        _ = self._
        raw = data.get("answers") if isinstance(data, dict) else None
        if not isinstance(raw, dict):
            raise HandlerError(
                400, _("Send the answers as an object: item id to a list of chosen option ids.")
            )
        parsed = {}
        for item_id, chosen in raw.items():
            if item_id not in drawn or item_id not in items_by_id:
                raise HandlerError(400, _("Item {id} is not part of your assessment.").format(id=item_id))
            if not isinstance(chosen, list) or not all(isinstance(option, str) for option in chosen):
                raise HandlerError(
                    400, _("Item {id}: send the chosen options as a list of option ids.").format(id=item_id)
                )
            item = items_by_id[item_id]
            chosen = list(dict.fromkeys(chosen))
            known = {option["id"] for option in item["options"]}
            unknown = [option for option in chosen if option not in known]
            if unknown:
                raise HandlerError(
                    400, _("Item {id} has no option {option}.").format(id=item_id, option=", ".join(unknown))
                )
            if item["type"] in SINGLE_ANSWER_TYPES and len(chosen) > 1:
                raise HandlerError(400, _("Item {id}: choose only one option.").format(id=item_id))
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
            raise HandlerError(400, _("This assessment is not ready yet. Please tell the course team."))
        draft = self.progress
        if not draft.get("items"):
            if draft.get("attempt"):
                raise HandlerError(
                    400, _("This attempt was already submitted. Reload the page to see your results.")
                )
            raise HandlerError(400, _("Start the assessment first."))
        items_by_id = {item["id"]: item for item in items}
        return draft, items_by_id, still_drawn(draft["items"], items_by_id)

    @handler(audience=LEARNER)
    def learner_state(self, data, suffix=""):
        """The learner's state as the page shows it (the mobile apps start here)."""
        return self._learner_state(permissions.current_user(self))

    @handler(audience=LEARNER)
    def start_attempt(self, data, suffix=""):
        """Begin the next attempt: draw and freeze the items. Calling it again resumes the same draft."""
        _ = self._
        who = permissions.current_user(self)
        self._limit("start", who)
        items, problems = self._bank()
        if problems or not items:
            raise HandlerError(400, _("This assessment is not ready yet. Please tell the course team."))
        latest = plugin_api().latest_assessment_attempt(self._usage(), who.user_id)
        used = latest.attempt_number if latest else 0
        progress = self.progress
        if not self._draft_active(progress, used):
            left = self._attempts_left(used)
            if left == 0:
                raise HandlerError(
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
                "started": utc_now().isoformat(),
                "saved": "",
                "score": progress.get("score"),  # the grade stands until this attempt is submitted
            }
        return self._learner_state(who, latest, latest_known=True)

    @handler(audience=LEARNER)
    def save_progress(self, data, suffix=""):
        """Save answers given so far (an empty list clears an item); the attempt stays open."""
        who = permissions.current_user(self)
        self._limit("save", who)
        draft, items_by_id, drawn = self._open_draft(who)
        parsed = self._parse_answers(data, items_by_id, set(drawn))
        answers = {**draft.get("answers", {}), **parsed}
        draft["answers"] = {item_id: chosen for item_id, chosen in answers.items() if chosen}
        draft["saved"] = utc_now().isoformat()
        self.progress = draft
        return {
            "saved": draft["saved"],
            "answered": sum(1 for item_id in drawn if draft["answers"].get(item_id)),
            "total": len(drawn),
        }

    @handler(audience=LEARNER)
    def submit(self, data, suffix=""):
        """Score and record the attempt (answers in the body are saved first), publish grade and events."""
        _ = self._
        who = permissions.current_user(self)
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
        now = utc_now()
        started = datetime.fromisoformat(draft["started"]) if draft.get("started") else now
        api = plugin_api()
        try:
            attempt = api.record_assessment_attempt(
                data_classes().NewAssessmentAttempt(
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
            raise HandlerError(
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
