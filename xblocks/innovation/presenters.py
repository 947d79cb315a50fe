"""Turn the plugin app's data classes into the JSON the block's JavaScript renders.

Dates are shown in WIB (Asia/Jakarta) and also given in ISO 8601 UTC; money is shown as rupiah.
Learner text goes out as plain strings: the JavaScript puts it into the page with ``textContent``.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import dateformat

from .messages import STAGE_LABELS, STATE_LABELS, TEXT, say

WIB = ZoneInfo("Asia/Jakarta")


def when(value: datetime | None) -> str:
    """``28 Nov 2026, 14.05 WIB`` (month names in the active language)."""
    if not value:
        return ""
    return f"{dateformat.format(value.astimezone(WIB), 'j M Y, H.i')} WIB"


def day(value: date | None) -> str:
    return dateformat.format(value, "j M Y") if value else ""


def iso(value: datetime | None) -> str | None:
    return value.astimezone(ZoneInfo("UTC")).isoformat().replace("+00:00", "Z") if value else None


def rupiah(value: int | None) -> str:
    return f"Rp {value:,}".replace(",", ".") if value is not None else ""


class Presenter:
    """JSON shapes for one block and one reader (labels come from the block's settings and catalog)."""

    def __init__(self, block):
        self.i18n = block.i18n_service
        self.state_labels = block.state_label_map()
        self.categories = {c["code"]: c["name"] for c in block.categories}

    def state(self, code: str) -> str:
        return self.state_labels.get(code) or say(self.i18n, STATE_LABELS.get(code, code))

    def stage(self, code: str) -> str:
        return say(self.i18n, STAGE_LABELS.get(code, code))

    def digital(self, value) -> str:
        if value is None:
            return ""
        return say(self.i18n, TEXT["digital"] if value else TEXT["non_digital"])

    def card(self, card) -> dict:
        return {
            "id": card.id,
            "title": card.title,
            "state": card.state,
            "state_label": self.state(card.state),
            "opd_code": card.opd_code,
            "opd_name": card.opd_name,
            "service_name": card.service_name,
            "category": card.category,
            "category_label": self.categories.get(card.category, card.category),
            "is_digital": card.is_digital,
            "digital_label": self.digital(card.is_digital),
            "author_name": card.author_name or say(self.i18n, TEXT["anonymous"]),
            "summary": card.summary,
            "supports_count": card.supports_count,
            "comments_count": card.comments_count,
            "submitted_at": iso(card.submitted_at),
            "submitted_display": when(card.submitted_at),
            "state_changed_display": when(card.state_changed_at),
            "supported_by_me": card.supported_by_me,
            "is_mine": card.is_mine,
            "version": card.version,
        }

    def invitation(self, invitation) -> dict:
        return {
            "idea_id": invitation.idea_id,
            "title": invitation.title,
            "author_name": invitation.author_name,
            "state": invitation.state,
            "state_label": self.state(invitation.state),
            "invited_display": when(invitation.invited_at),
        }

    def gallery(self, page) -> dict:
        return {
            "items": [self.card(card) for card in page.items],
            "page": page.page,
            "num_pages": page.num_pages,
            "count": page.count,
            "budget": page.budget,
            "budget_spent": page.budget_spent,
        }

    def support(self, result) -> dict:
        return {
            "id": result.idea_id,
            "supported": result.supported,
            "supports_count": result.supports_count,
            "budget": result.budget,
            "budget_spent": result.budget_spent,
        }

    def detail(self, detail, rubric_labels: dict, not_scorable_message: str) -> dict:
        fields = dict(detail.fields)
        answer, program = detail.answer, detail.program
        return {
            **self.card(detail.card),
            "fields": fields,
            "category_label": self.categories.get(fields.get("category"), fields.get("category") or ""),
            "co_proposers": detail.co_proposers,
            "invitations": [
                {
                    "username": username,
                    "accepted": status == "accepted",
                    "status_label": say(self.i18n, TEXT[f"invitation_status_{status}"]),
                }
                for username, status in detail.invitations
            ],
            "invitation_pending": detail.invitation_pending,
            "evidence_links": detail.evidence_links,
            "answer": {
                "text": answer.text,
                "cost": answer.cost,
                "cost_display": rupiah(answer.cost),
                "execution_period": answer.execution_period,
                "answered_display": when(answer.answered_at),
            }
            if answer
            else None,
            "program": {
                "responsible_opd_code": program.responsible_opd_code,
                "responsible_opd_name": program.responsible_opd_name,
                "start_date": program.start_date.isoformat(),
                "start_display": day(program.start_date),
                "budget": program.budget,
                "budget_display": rupiah(program.budget),
                "kpi": program.kpi,
                "kpi_target": program.kpi_target,
                "stage": program.stage,
                "stage_label": self.stage(program.stage),
                "evidence_url": program.evidence_url,
            }
            if program
            else None,
            "history": [
                {
                    "from_state": change.from_state,
                    "to_state": change.to_state,
                    "to_label": self.state(change.to_state),
                    "reason": change.reason,
                    "when": when(change.created),
                    "actor_name": change.actor_name,
                }
                for change in detail.history
            ],
            "comments": [
                {
                    "id": comment.id,
                    "author_name": comment.author_name,
                    "text": comment.text,
                    "when": when(comment.created),
                    "is_hidden": comment.is_hidden,
                    "hidden_reason": comment.hidden_reason,
                    "is_mine": comment.is_mine,
                }
                for comment in detail.comments
            ],
            "can_edit": detail.can_edit,
            "can_support": detail.can_support,
            "can_comment": detail.can_comment,
            "can_score": detail.can_score,
            "can_moderate": detail.can_moderate,
            "not_scorable_message": not_scorable_message,
            "transitions": [{"state": code, "label": self.state(code)} for code in detail.transitions],
            "author_moves": list(detail.author_moves),
            "my_score": self._score(detail.my_score) if detail.my_score else None,
            "aggregate": {
                "mean": detail.aggregate.mean,
                "stdev": detail.aggregate.stdev,
                "count": detail.aggregate.count,
                "criteria": [
                    {"code": code, "label": label, "mean": detail.aggregate.criteria_means.get(code)}
                    for code, label in rubric_labels.items()
                ],
            }
            if detail.aggregate
            else None,
            "jury_scores": [self._score(score) for score in detail.jury_scores],
        }

    def _score(self, score) -> dict:
        return {
            "criteria": dict(score.criteria),
            "note": score.note,
            "total": score.total,
            "juror": score.juror_name,
            "when": when(score.modified),
        }

    def jury_item(self, item, reason_message: str) -> dict:
        return {
            **self.card(item.card),
            "my_total": item.my_total,
            "can_score": item.can_score,
            "not_scorable_message": reason_message,
        }
