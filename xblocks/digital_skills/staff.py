"""The course team's view of the assessment in the LMS: item analysis per form, and the cohort's gain.

Only the course team sees it: ``compat.current_user`` answers from the LMS's user service
(``user_is_staff`` is the platform's course-staff check, ``has_access(user, "staff", course)``), and
every handler checks again. The statistics come from the plugin app (``api.assessment_item_analysis``
over each learner's first attempt, ``api.assessment_cohort_gains``); this module passes the block's
bank to it (as the snapshot the REST API also serves to the companion) and translates the labels.
"""

from __future__ import annotations

import csv
import io
import re

from webob import Response

from xblocks.common import compat
from xblocks.common.handlers import download_handler, handler
from xblocks.common.permissions import COURSE_STAFF

from .bank import AREAS, PILLAR_NAMES, PILLARS
from .bank import gettext_noop as _
from .itemwriting import form_names

FLAG_NAMES = {
    "too_easy": _("Too easy (p above 0.90)"),
    "too_hard": _("Too hard (p below 0.20)"),
    "low_discrimination": _("Low discrimination (r below 0.20)"),
    "negative_discrimination": _("Negative discrimination (stronger learners do worse)"),
    "rare_distractor": _("A distractor almost nobody chooses (under 5%)"),
    "distractor_beats_key": _("The top group prefers a distractor to the key"),
}
CSV_OPTIONS = "abcdef"


def _api():
    from xblocks.bina_asn import api

    return api


def bank_for_analysis(block):
    """The block's knowledge items as the plugin app stores them for item analysis."""
    from xblocks.bina_asn.data import AssessmentBank

    items, _problems = block._bank()
    knowledge = [
        {
            "id": item["id"],
            "form": item.get("form", ""),
            "type": item["type"],
            "pillar": item["pillar"],
            "competence": item.get("competence", ""),
            "level": item["level"],
            "stem": item["stem"],
            "options": [
                {"id": option["id"], "text": option["text"], "correct": bool(option["correct"])}
                for option in item["options"]
            ],
        }
        for item in items
        if item["type"] != "likert"
    ]
    return AssessmentBank(
        course_id=compat.course_key_string(block),
        usage_id=compat.usage_key_string(block),
        display_name=block.display_name or "",
        mode=block.mode,
        pairing_key=block.pairing_key or "",
        items=knowledge,
    )


_recorded: dict[str, list] = {}  # usage id -> the normalised bank (shared, cached by content) last recorded


def record_bank(block) -> None:
    """Keep the plugin's snapshot of the bank current: nothing to do when this process already wrote
    this bank (the normalised bank is one shared object per content, so identity is enough)."""
    items, problems = block._bank()
    usage_id = compat.usage_key_string(block)
    if problems or _recorded.get(usage_id) is items:
        return
    _api().save_assessment_bank(bank_for_analysis(block))
    _recorded[usage_id] = items


def panel(block) -> dict:
    """What the learner view needs to show the course team's panel (links only; data on demand)."""
    return {
        "analysis_url": block.runtime.handler_url(block, "item_analysis"),
        "csv_url": block.runtime.handler_url(block, "item_analysis_csv"),
    }


def _analysis(block) -> dict:
    api = _api()
    bank = bank_for_analysis(block)
    api.save_assessment_bank(bank, force=True)
    return api.assessment_item_analysis(bank)


class ItemAnalysisMixin:
    """Handlers of the course team's item analysis (mixed into the block class)."""

    @handler(audience=COURSE_STAFF)
    def item_analysis(self, data, suffix=""):
        """Item analysis per form of this block and, with a pairing key, the course cohort's gain."""
        _t = self._
        result = _analysis(self)
        gains = None
        if self.pairing_key:
            gains = _api().assessment_cohort_gains(compat.course_key_string(self), self.pairing_key)
        return {
            **result,
            "forms_in_bank": form_names(self._bank()[0]),
            "gains": gains,
            "labels": {
                "flags": {code: _t(name) for code, name in FLAG_NAMES.items()},
                "pillars": {code: _t(PILLAR_NAMES[code]) for code in PILLARS},
                "areas": {code: _t(name) for code, name in AREAS.items()},
            },
        }

    @download_handler(audience=COURSE_STAFF)
    def item_analysis_csv(self, request, suffix=""):
        """The item analysis as a CSV file (one row per item and form), for the course team."""
        result = _analysis(self)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(
            [
                "form",
                "item",
                "type",
                "pillar",
                "competence",
                "level",
                "answered",
                "p",
                "r",
                "d",
                "key",
                *[f"share_{letter}" for letter in CSV_OPTIONS],
                "flags",
                "form_attempts",
                "form_reliability",
                "form_reliability_kind",
                "form_sem",
            ]
        )
        for form in result["forms"]:
            for item in form["items"]:
                shares = [option["share"] for option in item["options"]]
                writer.writerow(
                    [
                        form["form"],
                        item["id"],
                        item["type"],
                        item["pillar"],
                        item["competence"],
                        item["level"],
                        item["answered"],
                        item["p"],
                        item["r"],
                        item["d"],
                        ",".join(CSV_OPTIONS[i] for i, o in enumerate(item["options"]) if o["correct"]),
                        *[shares[i] if i < len(shares) else "" for i in range(len(CSV_OPTIONS))],
                        " ".join(item["flags"]),
                        form["attempts"],
                        form["reliability"],
                        form["reliability_kind"],
                        form["sem"],
                    ]
                )
        slug = re.sub(r"[^a-z0-9]+", "-", (self.display_name or "asesmen").lower()).strip("-") or "asesmen"
        return Response(
            body=("\ufeff" + buffer.getvalue()).encode(),
            content_type="text/csv",
            charset="utf-8",
            content_disposition=f'attachment; filename="analisis-butir-{slug}.csv"',
        )
