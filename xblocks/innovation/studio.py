"""The block's Studio settings: reading what the editor sends, and checking the settings make sense.

The editor sends ``{"values": {field: value}, "defaults": [field, ...]}`` to ``submit_studio_edits``
(the payload of xblock-utils' ``StudioEditableXBlockMixin``). Lists an author types as lines
(OPDs, categories, jury) may come as text: ``CODE | Name`` per line. Dates come as WIB wall-clock
``YYYY-MM-DDTHH:MM`` and are stored in UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from web_fragments.fragment import Fragment
from xblock.utils.studio_editable import FutureFields
from xblock.validation import Validation, ValidationMessage

from xblocks.bina_asn import api
from xblocks.bina_asn.api import innovation_states
from xblocks.common import i18n as kit_i18n
from xblocks.common.handlers import MAX_STUDIO_BODY, HandlerError, handler
from xblocks.common.permissions import AUTHOR

from .defaults import FORMS
from .messages import STATE_LABELS, _, say
from .presenters import WIB
from .resources import loader

DATE_FIELDS = ("submission_start", "submission_end", "support_start", "support_end")
INT_FIELDS = {
    "support_budget": (1, 100),
    "max_ideas_per_learner": (1, 20),
    "score_scale": (2, 10),
}
BOOL_FIELDS = ("anonymous_gallery", "jury_excludes_own_opd", "has_score")
COMPLETION_CHOICES = ("submission", "first_support")
# The units file's code (xblocks.bina_asn.organization.units.CODE): the same keys on both halves.
OPD_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
USERNAME_RE = re.compile(r"^[\w.@+-]{1,150}$")

M = {
    "bad_date": _("%(field)s: enter a date and time, e.g. 2026-12-01T08:00."),
    "bad_number": _("%(field)s: enter a whole number from %(min)s to %(max)s."),
    "bad_weight": _("The grade weight must be a number of 0 or more."),
    "bad_type": _("%(field)s: this value has the wrong type."),
    "bad_line": _("%(field)s, line %(line)s: write it as %(shape)s."),
    "display_name": _("Give the block a display name (up to 100 characters)."),
    "window": _("%(what)s: the closing time must come after the opening time."),
    "submissions": _("Submissions"),
    "supports": _("Supports"),
    "rubric_empty": _("The rubric needs at least one criterion."),
    "rubric_code": _("Rubric criterion %(n)s: the code must be lowercase letters, digits or '-' (up to 40)."),
    "rubric_label": _("Rubric criterion %(n)s: give it a name (up to 120 characters)."),
    "rubric_weight": _("Rubric criterion %(n)s: the weight must be a number above 0."),
    "rubric_duplicate": _("The rubric uses the code '%(code)s' more than once."),
    "rubric_sum": _("The rubric weights must add up to 100 (now %(sum)s)."),
    "opds_unknown": _(
        "OPD '%(code)s' is not in the city's units list; check the code or import the units file."
    ),
    "opds_none": _(
        "There is no OPD list yet: the operator imports the city's units file into the LMS "
        "(import-units). Until then learners cannot name an OPD."
    ),
    "opd_code": _("OPD '%(code)s': codes are letters, digits, '.', '-' or '_' (up to 32)."),
    "opd_duplicate": _("The OPD code '%(code)s' appears more than once."),
    "opd_name": _("OPD '%(code)s' needs a name (up to 200 characters)."),
    "categories_empty": _("List at least one category."),
    "category_code": _("Category '%(code)s': codes are lowercase letters, digits or '-' (up to 40)."),
    "category_duplicate": _("The category code '%(code)s' appears more than once."),
    "category_form": _("Category '%(code)s': the form must be governance, public_service or other."),
    "category_name": _("Category '%(code)s' needs a name (up to 120 characters)."),
    "jury_username": _("Jury member '%(name)s' is not a valid username."),
    "jury_duplicate": _("Jury member '%(name)s' is listed more than once."),
    "jury_opd": _("Jury member '%(name)s': the OPD '%(code)s' is not in the OPD list."),
    "states": _("Unknown optional states: %(codes)s."),
    "state_label": _("Custom state names must be text of up to 60 characters."),
    "completion": _("Completion comes on submission or on first support."),
    "intro": _("The introduction is limited to 5000 characters."),
}

SHAPES = {
    "opds": "KODE",
    "categories": "kode | Nama kategori | governance/public_service/other",
    "jury": "username KODE-OPD",
}


def local_input(value: datetime | None) -> str:
    """A stored UTC date-time as the editor's WIB ``YYYY-MM-DDTHH:MM``."""
    return value.astimezone(WIB).strftime("%Y-%m-%dT%H:%M") if value else ""


def _lines(text: str) -> list[tuple[int, str]]:
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


def parse_opds(value, errors, i18n):
    """The author's choice of OPDs: one code per line, optionally ``CODE | Name`` (the city's units
    list names them; an authored name only stands in for a code the list lacks). An empty list
    offers every active OPD of that list."""
    if isinstance(value, list):
        return value
    result = []
    for _n, line in _lines(value):
        code, _sep, name = line.partition("|")
        result.append(
            {"code": code.strip(), "name": name.strip()} if name.strip() else {"code": code.strip()}
        )
    return result


def parse_categories(value, errors, i18n):
    if isinstance(value, list):
        return value
    result = []
    for n, line in _lines(value):
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 3:
            errors.append(say(i18n, M["bad_line"], field="Kategori", line=n, shape=SHAPES["categories"]))
            continue
        result.append({"code": parts[0], "name": parts[1], "form": parts[2]})
    return result


def parse_jury(value, errors, i18n):
    if isinstance(value, list):
        return value
    result = []
    for n, line in _lines(value):
        parts = line.split()
        if len(parts) > 2:
            errors.append(say(i18n, M["bad_line"], field="Juri", line=n, shape=SHAPES["jury"]))
            continue
        result.append({"username": parts[0].lstrip("@"), "opd_code": parts[1] if len(parts) == 2 else ""})
    return result


def parse_values(block, values: dict) -> tuple[dict, list[str]]:
    """Editor values as field values; type problems come back as messages (nothing is set here)."""
    i18n = block.i18n_service
    errors: list[str] = []
    parsed: dict = {}
    for name, raw in values.items():
        if name not in block.editable_fields:
            continue
        label = say(i18n, block.fields[name].display_name)
        if name in DATE_FIELDS:
            if raw in (None, ""):
                parsed[name] = None
                continue
            try:
                moment = datetime.fromisoformat(str(raw))
                parsed[name] = (moment if moment.tzinfo else moment.replace(tzinfo=WIB)).astimezone(UTC)
            except ValueError:
                errors.append(say(i18n, M["bad_date"], field=label))
        elif name in INT_FIELDS:
            low, high = INT_FIELDS[name]
            number = raw if isinstance(raw, int) and not isinstance(raw, bool) else None
            if isinstance(raw, str) and raw.strip().isdigit():
                number = int(raw.strip())
            if number is None or not low <= number <= high:
                errors.append(say(i18n, M["bad_number"], field=label, min=low, max=high))
            else:
                parsed[name] = number
        elif name == "weight":
            try:
                parsed[name] = float(raw)
                if parsed[name] < 0 or parsed[name] != parsed[name]:
                    raise ValueError
            except (TypeError, ValueError):
                errors.append(say(i18n, M["bad_weight"]))
        elif name in BOOL_FIELDS:
            if not isinstance(raw, bool):
                errors.append(say(i18n, M["bad_type"], field=label))
            else:
                parsed[name] = raw
        elif name in ("display_name", "intro", "completion_on"):
            if not isinstance(raw, str):
                errors.append(say(i18n, M["bad_type"], field=label))
            else:
                parsed[name] = raw.strip() if name != "intro" else raw.replace("\r\n", "\n").strip()
        elif name in ("opds", "categories", "jury"):
            if not isinstance(raw, (str, list)):
                errors.append(say(i18n, M["bad_type"], field=label))
                continue
            parser = {"opds": parse_opds, "categories": parse_categories, "jury": parse_jury}[name]
            parsed[name] = parser(raw, errors, i18n)
        elif name == "rubric":
            if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
                errors.append(say(i18n, M["bad_type"], field=label))
                continue
            parsed[name] = [
                {
                    "code": str(item.get("code", "")).strip(),
                    "label": str(item.get("label", "")).strip(),
                    "weight": item.get("weight"),
                    "description": str(item.get("description", "")).strip(),
                }
                for item in raw
            ]
        elif name == "optional_states":
            if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
                errors.append(say(i18n, M["bad_type"], field=label))
            else:
                parsed[name] = raw
        elif name == "state_labels":
            if not isinstance(raw, dict):
                errors.append(say(i18n, M["bad_type"], field=label))
            else:
                parsed[name] = {k: v.strip() for k, v in raw.items() if isinstance(v, str) and v.strip()}
                if any(not isinstance(v, str) for v in raw.values()):
                    errors.append(say(i18n, M["state_label"]))
    return parsed, errors


def _number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).replace(",", "."))
    except (TypeError, ValueError):
        return None


def settings_problems(data, i18n) -> list[str]:
    """Everything wrong with a set of field values (a block or the editor's preview of one)."""
    problems: list[str] = []

    def add(key, **params):
        problems.append(say(i18n, M[key], **params))

    if not (data.display_name or "").strip() or len(data.display_name) > 100:
        add("display_name")
    if len(data.intro or "") > 5000:
        add("intro")
    for what, start, end in (
        ("submissions", data.submission_start, data.submission_end),
        ("supports", data.support_start, data.support_end),
    ):
        if start and end and end <= start:
            add("window", what=say(i18n, M[what]))

    rubric = data.rubric or []
    if not rubric:
        add("rubric_empty")
    seen, total = set(), 0.0
    for n, criterion in enumerate(rubric, 1):
        code = str(criterion.get("code", ""))
        if not SLUG_RE.match(code):
            add("rubric_code", n=n)
        elif code in seen:
            add("rubric_duplicate", code=code)
        seen.add(code)
        label = str(criterion.get("label", "")).strip()
        if not label or len(label) > 120:
            add("rubric_label", n=n)
        weight = _number(criterion.get("weight"))
        if weight is None or weight <= 0:
            add("rubric_weight", n=n)
        else:
            total += weight
    if rubric and abs(total - 100) > 0.01:
        add("rubric_sum", sum=f"{total:g}")

    opd_codes = set()
    for opd in data.opds or []:
        code = str(opd.get("code", "") if isinstance(opd, dict) else opd)
        if not OPD_CODE_RE.match(code):
            add("opd_code", code=code[:40])
        elif code in opd_codes:
            add("opd_duplicate", code=code)
        opd_codes.add(code)
    if not opd_codes:
        opd_codes = {choice.code for choice in api.active_opds()}

    category_codes = set()
    if not data.categories:
        add("categories_empty")
    for category in data.categories or []:
        code = str(category.get("code", ""))
        if not SLUG_RE.match(code):
            add("category_code", code=code[:40])
        elif code in category_codes:
            add("category_duplicate", code=code)
        category_codes.add(code)
        if category.get("form") not in FORMS:
            add("category_form", code=code[:40])
        name = str(category.get("name", "")).strip()
        if not name or len(name) > 120:
            add("category_name", code=code[:40])

    names = set()
    for member in data.jury or []:
        name = str(member.get("username", ""))
        if not USERNAME_RE.match(name):
            add("jury_username", name=name[:40])
        elif name in names:
            add("jury_duplicate", name=name)
        names.add(name)
        code = member.get("opd_code") or ""
        if code and code not in opd_codes:
            add("jury_opd", name=name[:40], code=str(code)[:40])

    unknown = innovation_states.check_enabled_states(data.optional_states or [])
    if unknown:
        add("states", codes=", ".join(str(code)[:20] for code in unknown))
    if any(len(label) > 60 for label in (data.state_labels or {}).values()):
        add("state_label")
    if data.completion_on not in COMPLETION_CHOICES:
        add("completion")
    return problems


def opd_warnings(data, i18n) -> list[str]:
    """What is worth a look about the OPDs: codes the units list lacks, or no list at all."""
    chosen = [str(o.get("code", "") if isinstance(o, dict) else o) for o in data.opds or []]
    if not chosen:
        return [] if api.active_opds() else [say(i18n, M["opds_none"])]
    known = api.opd_names(chosen)
    return [say(i18n, M["opds_unknown"], code=code[:40]) for code in chosen if code not in known]


def validate_into(validation, data, i18n) -> None:
    """Add each problem to an XBlock ``Validation`` as an error, and the OPD notes as warnings."""
    for problem in settings_problems(data, i18n):
        validation.add(ValidationMessage(ValidationMessage.ERROR, problem))
    for warning in opd_warnings(data, i18n):
        validation.add(ValidationMessage(ValidationMessage.WARNING, warning))


class InnovationStudioMixin:
    """Studio's side of ``InnovationBlock``: the preview, the editor and its save, the validation."""

    def author_view(self, context=None):
        """Studio's preview: the settings at a glance and how the competition is going."""
        stats = api.innovation_statistics(self.rules())
        presenter = self.presenter()
        html = loader.render_django_template(
            "templates/author.html",
            {
                "block": self,
                "windows": self._windows(),
                "per_state": [
                    (presenter.state(code), stats["per_state"].get(code, 0)) for code in STATE_LABELS
                ],
                "stats": stats,
                "problems": settings_problems(self, self.i18n_service),
                "rubric": self.rubric,
                "jury": self.jury,
            },
            i18n_service=self.i18n_service,
        )
        fragment = Fragment(html)
        fragment.add_css(loader.load_unicode("static/css/innovation.css"))
        return fragment

    def studio_view(self, context=None):
        """The settings editor (sections for dates, participation, states, rubric, jury, OPDs, categories)."""
        i18n = self.i18n_service
        html = loader.render_django_template(
            "templates/studio.html",
            {
                "block": self,
                "uid": self._uid(),
                "date_fields": [
                    (name, say(i18n, self.fields[name].display_name), local_input(getattr(self, name)))
                    for name in DATE_FIELDS
                ],
                "optional_states": [
                    (code, say(i18n, STATE_LABELS[code]), code in self.optional_states)
                    for code in api.innovation_states.OPTIONAL_STATES
                ],
                "state_name_rows": [
                    (code, say(i18n, label), (self.state_labels or {}).get(code, ""))
                    for code, label in STATE_LABELS.items()
                ],
                "opds_text": "\n".join(
                    str(o.get("code", "") if isinstance(o, dict) else o) for o in self.opds or []
                ),
                "units_opds": api.active_opds(),
                "categories_text": "\n".join(
                    f"{c['code']} | {c['name']} | {c.get('form', '')}" for c in self.categories
                ),
                "jury_text": "\n".join(f"{m['username']} {m.get('opd_code', '')}".strip() for m in self.jury),
                "rubric": self.rubric,
                "state_labels": self.state_labels,
            },
            i18n_service=i18n,
        )
        fragment = Fragment(html)
        fragment.add_css(loader.load_unicode("static/css/innovation.css"))
        kit_i18n.add_js_catalog(self, fragment)
        fragment.add_javascript(loader.load_unicode("static/js/studio.js"))
        fragment.initialize_js("BinaInnovationStudio")
        return fragment

    @handler(audience=AUTHOR, max_bytes=MAX_STUDIO_BODY)
    def submit_studio_edits(self, data, suffix=""):
        """Save the editor's ``{values, defaults}`` after checking them; on problems nothing is saved.

        The name is ``StudioEditableXBlockMixin``'s, whose own version (no permission check) this
        replaces; only course authors pass (``studio_user_permissions``).
        """
        i18n = self.i18n_service
        if not isinstance(data.get("values", {}), dict) or not isinstance(data.get("defaults", []), list):
            raise HandlerError(400, say(i18n, _("The request was not understood.")))
        resets = [name for name in data.get("defaults", []) if name in self.editable_fields]
        values, problems = parse_values(self, data.get("values", {}))
        if not problems:
            validation = Validation(self.scope_ids.usage_id)
            self.validate_field_data(validation, FutureFields(values, resets, self))
            problems = [message.text for message in validation.messages if message.type == "error"]
        if problems:
            raise HandlerError(
                400, say(i18n, _("The settings were not saved: fix the problems listed.")), problems=problems
            )
        for name, value in values.items():
            setattr(self, name, value)
        for name in resets:
            self.fields[name].delete_from(self)
        return {"result": "success"}

    def validate_field_data(self, validation, data):
        validate_into(validation, data, self.i18n_service)
