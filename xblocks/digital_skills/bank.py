"""The item bank: the vocabulary items are tagged with, and the rules a valid bank follows.

Every item belongs to one **pillar** of Indonesia's digital-literacy roadmap (the reporting axis:
``cakap``, ``etika``, ``aman``, ``budaya`` for Cakap, Etika, Aman and Budaya Digital), may carry an
EU DigComp 2.2 **competence** code (``1.1`` ... ``5.4``; blank for local items on Indonesian values,
which DigComp has no equivalent for), a DigComp proficiency **level** (1-8) and an **element**
(knowledge, skill or attitude).

``normalize_bank`` turns whatever an author sent (the Studio editor, a JSON/YAML/CSV file) into the
canonical item dictionaries the block stores, and lists every problem in words an author can act on.
Messages are English msgids passed through the caller's ``gettext``; nothing here imports Django.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Callable, Iterable

Gettext = Callable[[str], str]


def gettext_noop(message: str) -> str:
    """Mark ``message`` for translation where it is shown (the block translates with its i18n service)."""
    return message


def _identity(message: str) -> str:
    return message


PILLARS = ("cakap", "etika", "aman", "budaya")
PILLAR_NAMES = {
    "cakap": gettext_noop("Digital skills (Cakap Digital)"),
    "etika": gettext_noop("Digital ethics (Etika Digital)"),
    "aman": gettext_noop("Digital safety (Aman Digital)"),
    "budaya": gettext_noop("Digital culture (Budaya Digital)"),
}
# Names authors may type in a file instead of the code (lower case, single spaces).
PILLAR_ALIASES = {
    "cakap digital": "cakap",
    "digital skills": "cakap",
    "etika digital": "etika",
    "digital ethics": "etika",
    "aman digital": "aman",
    "keamanan digital": "aman",
    "digital safety": "aman",
    "budaya digital": "budaya",
    "digital culture": "budaya",
}

AREAS = {
    "1": gettext_noop("Information and data literacy"),
    "2": gettext_noop("Communication and collaboration"),
    "3": gettext_noop("Digital content creation"),
    "4": gettext_noop("Safety"),
    "5": gettext_noop("Problem solving"),
}
COMPETENCES = {
    "1.1": gettext_noop("Browsing, searching and filtering data, information and digital content"),
    "1.2": gettext_noop("Evaluating data, information and digital content"),
    "1.3": gettext_noop("Managing data, information and digital content"),
    "2.1": gettext_noop("Interacting through digital technologies"),
    "2.2": gettext_noop("Sharing through digital technologies"),
    "2.3": gettext_noop("Engaging in citizenship through digital technologies"),
    "2.4": gettext_noop("Collaborating through digital technologies"),
    "2.5": gettext_noop("Netiquette"),
    "2.6": gettext_noop("Managing digital identity"),
    "3.1": gettext_noop("Developing digital content"),
    "3.2": gettext_noop("Integrating and re-elaborating digital content"),
    "3.3": gettext_noop("Copyright and licences"),
    "3.4": gettext_noop("Programming"),
    "4.1": gettext_noop("Protecting devices"),
    "4.2": gettext_noop("Protecting personal data and privacy"),
    "4.3": gettext_noop("Protecting health and well-being"),
    "4.4": gettext_noop("Protecting the environment"),
    "5.1": gettext_noop("Solving technical problems"),
    "5.2": gettext_noop("Identifying needs and technological responses"),
    "5.3": gettext_noop("Creatively using digital technologies"),
    "5.4": gettext_noop("Identifying digital competence gaps"),
}
# The project's crosswalk between pillars and DigComp (our design, not an official mapping).
# A competence outside its pillar's list is allowed but flagged to the author as a warning.
# 5.4 (identifying one's own digital competence gaps) has no pillar in the published crosswalk; it
# sits with Cakap Digital here so that all 21 competences can be measured (ADR 0110).
CROSSWALK = {
    "cakap": {"1.1", "1.2", "1.3", "2.1", "2.2", "2.4", "3.1", "3.2", "3.4", "5.1", "5.2", "5.4"},
    "etika": {"2.3", "2.5", "3.3"},
    "aman": {"4.1", "4.2", "4.3", "2.6"},
    "budaya": {"2.3", "2.5", "4.4", "5.3"},
}

# DigComp proficiency: 8 levels in 4 bands.
BANDS = ("foundation", "intermediate", "advanced", "highly_specialised")
BAND_NAMES = {
    "foundation": gettext_noop("Foundation"),
    "intermediate": gettext_noop("Intermediate"),
    "advanced": gettext_noop("Advanced"),
    "highly_specialised": gettext_noop("Highly specialised"),
}
LEVELS = range(1, 9)


def band_of_level(level: int) -> str:
    """The DigComp band of a level: 1-2 Foundation, 3-4 Intermediate, 5-6 Advanced, 7-8 Highly specialised."""
    return BANDS[(level - 1) // 2]


# Parallel forms: an item tagged A or B belongs to that form only; an untagged item to both.
FORMS = ("A", "B")

ELEMENTS = ("knowledge", "skill", "attitude")
ELEMENT_NAMES = {
    "knowledge": gettext_noop("Knowledge"),
    "skill": gettext_noop("Skill"),
    "attitude": gettext_noop("Attitude"),
}
ELEMENT_ALIASES = {"pengetahuan": "knowledge", "keterampilan": "skill", "sikap": "attitude"}

ITEM_TYPES = ("single", "multiple", "scenario", "likert")
TYPE_NAMES = {
    "single": gettext_noop("Single choice"),
    "multiple": gettext_noop("Multiple response"),
    "scenario": gettext_noop("Scenario (single choice)"),
    "likert": gettext_noop("Self-assessment (1-5)"),
}
SINGLE_ANSWER_TYPES = {"single", "scenario", "likert"}
LIKERT_SIZE = 5

MAX_ITEMS = 400
MIN_OPTIONS = 2
MAX_OPTIONS = 6
OPTION_IDS = tuple(string.ascii_lowercase[:MAX_OPTIONS])
MAX_ID = 64
MAX_STEM = 2000
MAX_SCENARIO = 3000
MAX_OPTION_TEXT = 500
MAX_FEEDBACK = 2000
MAX_POINTS = 100.0
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
OPTION_ID_RE = re.compile(r"^[a-z0-9]{1,8}$")


class BankError(ValueError):
    """A bank (or one of its items) breaks the rules; ``messages`` says every problem found."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


SCALARS = (str, int, float, bool, type(None))
ITEM_TEXT_FIELDS = (
    "id",
    "type",
    "form",
    "pillar",
    "competence",
    "level",
    "element",
    "scenario",
    "stem",
    "feedback",
)
OPTION_TEXT_FIELDS = ("id", "text", "correct", "points", "feedback")


def _text(value) -> str:
    """Cell or field text: None is empty, numbers become their shortest text, whitespace trimmed.

    Lists and objects are not text (``normalize_item`` reports them); they read as empty here.
    """
    if value is None or not isinstance(value, SCALARS):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _truthy(value) -> bool:
    if isinstance(value, bool):
        return value
    return _text(value).lower() in {"1", "true", "yes", "ya", "y", "x", "benar"}


def parse_pillar(value) -> str | None:
    text = " ".join(_text(value).lower().split())
    if text in PILLARS:
        return text
    return PILLAR_ALIASES.get(text)


def parse_competence(value) -> str | None:
    """``"4.2"``, ``4.2`` (a YAML number) and ``"4,2"`` (a spreadsheet's decimal comma) are all 4.2."""
    text = _text(value).replace(",", ".")
    if text == "":
        return ""
    return text if text in COMPETENCES else None


def parse_number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = _text(value).replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def normalize_item(raw, _: Gettext = _identity) -> tuple[dict, list[str]]:
    """One item in canonical form and the problems found in it (messages without the item prefix)."""
    problems: list[str] = []
    if not isinstance(raw, dict):
        return {}, [_("an item must be an object with fields such as id, type, pillar, stem and options")]

    for name in ITEM_TEXT_FIELDS:
        if not isinstance(raw.get(name), SCALARS):
            problems.append(
                _("the field {field} must be a single value, not a list or an object").format(field=name)
            )
    item_id = _text(raw.get("id"))
    if not item_id:
        problems.append(_("the item id is missing"))
    elif len(item_id) > MAX_ID or not ID_RE.match(item_id):
        problems.append(
            _("the item id {id} may only use letters, digits, '-', '_' and '.' (at most {max})").format(
                id=item_id, max=MAX_ID
            )
        )

    item_type = _text(raw.get("type")).lower() or "single"
    if item_type not in ITEM_TYPES:
        problems.append(
            _("unknown item type {type}; use one of {types}").format(
                type=item_type, types=", ".join(ITEM_TYPES)
            )
        )

    form = _text(raw.get("form")).upper()
    if form and form not in FORMS:
        problems.append(
            _("unknown form {form}; use A or B, or leave it blank for an item in both forms").format(
                form=form
            )
        )

    pillar = parse_pillar(raw.get("pillar"))
    if pillar is None:
        problems.append(
            _("unknown pillar {pillar}; use one of {pillars}").format(
                pillar=_text(raw.get("pillar")) or "-", pillars=", ".join(PILLARS)
            )
        )

    competence = parse_competence(raw.get("competence"))
    if competence is None:
        problems.append(
            _(
                "unknown DigComp competence code {code}; use 1.1 to 5.4 (or leave it blank for a local item)"
            ).format(code=_text(raw.get("competence")))
        )

    level_number = parse_number(raw.get("level"))
    level = int(level_number) if level_number is not None and level_number.is_integer() else None
    if level not in LEVELS:
        problems.append(
            _("the level must be a whole number from 1 to 8, not {level}").format(
                level=_text(raw.get("level")) or "-"
            )
        )

    element = _text(raw.get("element")).lower() or "knowledge"
    element = ELEMENT_ALIASES.get(element, element)
    if element not in ELEMENTS:
        problems.append(
            _("unknown element {element}; use knowledge, skill or attitude").format(element=element)
        )

    scenario = _text(raw.get("scenario"))
    stem = _text(raw.get("stem"))
    feedback = _text(raw.get("feedback"))
    if not stem:
        problems.append(_("the question text (stem) is missing"))
    for value, limit, label in (
        (stem, MAX_STEM, _("the question text")),
        (scenario, MAX_SCENARIO, _("the scenario text")),
        (feedback, MAX_FEEDBACK, _("the feedback")),
    ):
        if len(value) > limit:
            problems.append(_("{what} is longer than {max} characters").format(what=label, max=limit))
    if item_type == "scenario" and not scenario:
        problems.append(_("a scenario item needs the scenario text (the situation the question is about)"))

    options, option_problems = _normalize_options(raw.get("options"), item_type, _)
    problems.extend(option_problems)

    item = {
        "id": item_id,
        "type": item_type,
        "form": form if form in FORMS else "",
        "pillar": pillar or "",
        "competence": competence or "",
        "level": level or 0,
        "element": element,
        "scenario": scenario,
        "stem": stem,
        "options": options,
        "feedback": feedback,
    }
    return item, problems


def _normalize_options(raw_options, item_type: str, _: Gettext) -> tuple[list[dict], list[str]]:
    problems: list[str] = []
    if not isinstance(raw_options, list):
        return [], [_("the options must be a list")]
    count = len(raw_options)
    if item_type == "likert" and count != LIKERT_SIZE:
        problems.append(
            _("a self-assessment item has exactly {n} options (1 to 5), not {count}").format(
                n=LIKERT_SIZE, count=count
            )
        )
    elif not MIN_OPTIONS <= count <= MAX_OPTIONS:
        problems.append(
            _("an item needs {min} to {max} options, not {count}").format(
                min=MIN_OPTIONS, max=MAX_OPTIONS, count=count
            )
        )

    options = []
    for position, raw in enumerate(raw_options[:MAX_OPTIONS], start=1):
        if not isinstance(raw, dict):
            raw = {"text": raw}
        if any(not isinstance(raw.get(name), SCALARS) for name in OPTION_TEXT_FIELDS):
            problems.append(_("option {n}: every field must be a single value").format(n=position))
        option_id = _text(raw.get("id")).lower() or (OPTION_IDS[position - 1])
        text = _text(raw.get("text"))
        points = None
        if _text(raw.get("points")) != "":
            points = parse_number(raw.get("points"))
            if points is None or abs(points) > MAX_POINTS:
                problems.append(
                    _("option {n}: points must be a number from -{max} to {max}").format(
                        n=position, max=int(MAX_POINTS)
                    )
                )
                points = None
        if not text:
            problems.append(_("option {n} has no text").format(n=position))
        elif len(text) > MAX_OPTION_TEXT:
            problems.append(
                _("option {n} is longer than {max} characters").format(n=position, max=MAX_OPTION_TEXT)
            )
        if not OPTION_ID_RE.match(option_id):
            problems.append(_("option {n} has an invalid id {id}").format(n=position, id=option_id))
        option_feedback = _text(raw.get("feedback"))
        if len(option_feedback) > MAX_FEEDBACK:
            problems.append(
                _("the feedback of option {n} is longer than {max} characters").format(
                    n=position, max=MAX_FEEDBACK
                )
            )
        options.append(
            {
                "id": option_id,
                "text": text,
                "correct": _truthy(raw.get("correct")),
                "points": points,
                "feedback": option_feedback,
            }
        )

    ids = Counter(option["id"] for option in options)
    for option_id, times in ids.items():
        if times > 1:
            problems.append(_("two options share the id {id}").format(id=option_id))
    texts = Counter(option["text"].casefold() for option in options if option["text"])
    if any(times > 1 for times in texts.values()):
        problems.append(_("two options have the same text"))

    problems.extend(_answer_key_problems(options, item_type, _))
    _derive_answer_key(options, item_type)
    return options, problems


def uses_points(options: Iterable[dict]) -> bool:
    """An item scores by per-option points as soon as one option has explicit points."""
    return any(option.get("points") is not None for option in options)


def _answer_key_problems(options: list[dict], item_type: str, _: Gettext) -> list[str]:
    if not options:
        return []
    if item_type == "likert":
        return []
    if uses_points(options):
        if not any((option["points"] or 0) > 0 for option in options):
            return [_("no option earns points: give at least one option more than 0 points")]
        return []
    correct = sum(1 for option in options if option["correct"])
    if correct == 0:
        return [_("no option is marked correct")]
    if item_type in SINGLE_ANSWER_TYPES and correct > 1:
        return [_("a single-choice item has exactly one correct option, not {n}").format(n=correct)]
    return []


def _derive_answer_key(options: list[dict], item_type: str) -> None:
    """Make ``correct`` agree with the points: with points, the best options are the correct ones."""
    if item_type == "likert":
        for position, option in enumerate(options):
            option["correct"] = False
            if option["points"] is None:
                option["points"] = float(position)  # 1 -> 0 points ... 5 -> 4 points
        return
    if uses_points(options):
        for option in options:
            if option["points"] is None:
                option["points"] = 0.0
        if item_type == "multiple":
            for option in options:
                option["correct"] = option["points"] > 0
        else:
            best = max(option["points"] for option in options)
            for option in options:
                option["correct"] = best > 0 and option["points"] == best


def normalize_bank(raw_items, _: Gettext = _identity, *, label: Callable[[int, dict], str] | None = None):
    """Canonical items and every problem, each message prefixed with where it is (``label``).

    ``label(index, raw)`` says where an item came from (an editor position, a file row); by default
    "Item N (id)". Returns ``(items, problems)``; the bank is valid when ``problems`` is empty.
    """
    if not isinstance(raw_items, list):
        return [], [_("The bank must be a list of items.")]
    if label is None:

        def label(index, raw):
            item_id = _text(raw.get("id")) if isinstance(raw, dict) else ""
            if item_id:
                return _("Item {n} ({id})").format(n=index + 1, id=item_id)
            return _("Item {n}").format(n=index + 1)

    problems: list[str] = []
    if len(raw_items) > MAX_ITEMS:
        problems.append(
            _("The bank has {count} items; at most {max} are allowed.").format(
                count=len(raw_items), max=MAX_ITEMS
            )
        )
    items = []
    for index, raw in enumerate(raw_items[:MAX_ITEMS]):
        item, item_problems = normalize_item(raw, _)
        problems.extend(f"{label(index, raw)}: {problem}" for problem in item_problems)
        items.append(item)
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        item_id = item.get("id")
        if not item_id:
            continue
        if item_id in seen:
            problems.append(
                _("{where}: the id {id} is already used by item {n}; item ids must be unique").format(
                    where=label(index, raw_items[index]), id=item_id, n=seen[item_id] + 1
                )
            )
        else:
            seen[item_id] = index
    return items, problems


def validate_bank(items, _: Gettext = _identity) -> list[str]:
    """Problems of a stored bank (empty when valid)."""
    return normalize_bank(items, _)[1]


def crosswalk_warnings(items: Iterable[dict], _: Gettext = _identity) -> list[str]:
    """Items tagged with a competence outside their pillar's crosswalk (allowed, but worth a look)."""
    warnings = []
    for item in items:
        pillar, competence = item.get("pillar"), item.get("competence")
        if pillar in CROSSWALK and competence and competence not in CROSSWALK[pillar]:
            warnings.append(
                _("Item {id}: competence {code} is outside the crosswalk of {pillar}.").format(
                    id=item.get("id"), code=competence, pillar=_(PILLAR_NAMES[pillar])
                )
            )
    return warnings


def pool_sizes(items: Iterable[dict], form: str = "") -> dict[str, int]:
    """How many items each pillar has (in ``form`` and the untagged items, when a form is given)."""
    counts = Counter(item.get("pillar") for item in items if not form or item.get("form", "") in ("", form))
    return {pillar: counts.get(pillar, 0) for pillar in PILLARS}


def next_item_id(items: Iterable[dict], pillar: str) -> str:
    """A free id like ``aman-13`` for a new item of ``pillar``."""
    used = {item.get("id") for item in items}
    number = 1
    while f"{pillar}-{number:02d}" in used:
        number += 1
    return f"{pillar}-{number:02d}"
