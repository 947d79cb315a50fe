"""The assessment's views: the learner's page, the mobile apps' data, Studio's preview and editor."""

from __future__ import annotations

import json

from django.utils import translation
from web_fragments.fragment import Fragment
from xblock.core import XBlock

from xblocks.common import compat, i18n, permissions

from . import bankio, rules, staff
from .bank import (
    BAND_NAMES,
    COMPETENCES,
    ELEMENT_NAMES,
    ITEM_TYPES,
    LIKERT_SIZE,
    MAX_OPTIONS,
    PILLAR_NAMES,
    PILLARS,
    TYPE_NAMES,
    band_of_level,
    pool_sizes,
)
from .resources import render


def json_for_html(value) -> str:
    """JSON safe inside a ``<script>`` element (as Django's ``json_script`` escapes it)."""
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


class AssessmentViewsMixin:
    """Views of ``DigitalSkillsBlock``."""

    def _add_assets(self, fragment: Fragment, script: str) -> None:
        fragment.add_css_url(self.runtime.local_resource_url(self, "static/css/digital_skills.css"))
        i18n.add_js_catalog(self, fragment)
        fragment.add_javascript_url(self.runtime.local_resource_url(self, f"static/js/{script}"))

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        """The assessment as learners take it: introduction, items, then results."""
        _ = self._
        who = compat.current_user(self)
        state = self._learner_state(who)
        if permissions.is_course_staff(who):  # the course team's item analysis (staff.py)
            state["staff"] = staff.panel(self)
        fragment = Fragment(
            render(
                "student.html",
                {
                    "title": _(self.display_name),
                    "loading": _("Loading the assessment..."),
                    "noscript": _("This assessment needs JavaScript. Please turn it on and reload the page."),
                    "data_json": json_for_html(state),
                },
            )
        )
        if "staff" in state:
            fragment.add_javascript_url(self.runtime.local_resource_url(self, "static/js/staff.js"))
        self._add_assets(fragment, "student.js")
        fragment.initialize_js("BinaDigitalSkillsView")
        return fragment

    def student_view_data(self, context=None):
        """For the Open edX mobile apps: the assessment's settings, the same for every learner.

        The LMS collects this once when the course is published, on a block bound to no learner
        (``StudentViewTransformer.collect``); each learner's state comes from the ``learner_state``
        handler, and attempts go through the same handlers as on the web.
        """
        items, _problems = self._bank()
        return {
            "display_name": self.display_name,
            "instructions": self.instructions,
            "mode": self.mode,
            "pairing_key": self.pairing_key,
            "attempts_allowed": self.attempts_allowed,
            "item_count": self._expected_item_count(items),
            "pass_threshold": self.pass_threshold,
            "show_answers": self.show_answers,
            "weight": self.weight,
            "handlers": ["learner_state", "start_attempt", "save_progress", "submit"],
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
                    "data_json": json_for_html(config),
                },
            )
        )
        self._add_assets(fragment, "studio.js")
        fragment.initialize_js("BinaDigitalSkillsEditor")
        return fragment
