"""The rules a block's settings and bank follow together, for Studio validation and the editor's Save.

``check`` returns errors (Save refuses them; Studio shows them on the component) and warnings (worth
the author's attention, nothing refused). Pure Python: the block passes its translation function.
Every error is a ``bank.Problem`` whose ``path`` names its field in the editor: ``settings.<name>``,
``recommendations.<pillar>.<row>.<title|url>``, ``bank.<index>.<field>``,
``bank.<index>.options.<position>.<field>`` or ``bank`` (the bank as a whole).
"""

from __future__ import annotations

import re

from . import itemwriting
from .bank import (
    PILLAR_NAMES,
    PILLARS,
    Gettext,
    at,
    crosswalk_warnings,
    gettext_noop,
    normalize_bank,
    path_of,
    pool_sizes,
)
from .itemwriting import Findings

MODES = ("pre", "post", "standalone")
MODE_NAMES = {
    "pre": gettext_noop("Pre-test (before training)"),
    "post": gettext_noop("Post-test (after training, paired with the pre-test)"),
    "standalone": gettext_noop("Standalone"),
}
SHOW_ANSWERS = ("never", "after_attempt", "after_last_attempt", "after_post_test")
SHOW_ANSWERS_NAMES = {
    "never": gettext_noop("Never"),
    "after_attempt": gettext_noop("After each submitted attempt"),
    "after_last_attempt": gettext_noop("After the last allowed attempt"),
    "after_post_test": gettext_noop("After the learner's post-test (pre-tests); else after the last attempt"),
}
PAIRING_KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
URL_RE = re.compile(r"^(/[^\s]*|https?://[^\s/]+[^\s]*)$")
MAX_LINKS_PER_PILLAR = 10
MAX_LINK_TITLE = 200
MAX_URL = 1000
MAX_DISPLAY_NAME = 200
MAX_INSTRUCTIONS = 3000
MAX_ATTEMPTS = 100
MAX_SHOWN_PROBLEMS = 25


__all__ = ["Findings", "check", "parse_recommendations", "parse_settings"]


def _whole(value, low: int, high: int) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().lstrip("-").isdigit():
        number = int(value.strip())
    else:
        return None
    return number if low <= number <= high else None


def parse_settings(raw: dict, _: Gettext) -> tuple[dict, list[str]]:
    """Typed setting values from the editor's form and the problems with them."""
    errors: list[str] = []
    values: dict = {}
    if not isinstance(raw, dict):
        return {}, [at("settings", _("The settings must be an object."))]

    def text(name, limit, label):
        value = raw.get(name, "")
        if not isinstance(value, str):
            errors.append(at(f"settings.{name}", _("{field} must be text.").format(field=label)))
            return ""
        value = value.strip()
        if len(value) > limit:
            errors.append(
                at(
                    f"settings.{name}",
                    _("{field} is longer than {max} characters.").format(field=label, max=limit),
                )
            )
        return value

    def whole(name, low, high, label):
        number = _whole(raw.get(name), low, high)
        if number is None:
            errors.append(
                at(
                    f"settings.{name}",
                    _("{field} must be a whole number from {low} to {high}.").format(
                        field=label, low=low, high=high
                    ),
                )
            )
        return number

    values["display_name"] = text("display_name", MAX_DISPLAY_NAME, _("Display name"))
    values["instructions"] = text("instructions", MAX_INSTRUCTIONS, _("Instructions"))
    values["mode"] = raw.get("mode")
    values["pairing_key"] = text("pairing_key", 100, _("Pairing key"))
    values["show_answers"] = raw.get("show_answers")
    values["attempts_allowed"] = whole("attempts_allowed", 0, MAX_ATTEMPTS, _("Attempts allowed"))
    values["items_per_pillar"] = whole("items_per_pillar", 0, 400, _("Items per pillar"))
    values["pass_threshold"] = whole("pass_threshold", 0, 100, _("Pass threshold"))
    weight = raw.get("weight")
    try:
        values["weight"] = float(weight) if not isinstance(weight, bool) else None
    except (TypeError, ValueError):
        values["weight"] = None
    if values["weight"] is None or not 0 <= values["weight"] <= 1000:
        errors.append(
            at(
                "settings.weight",
                _("{field} must be a number from 0 to 1000.").format(field=_("Problem weight")),
            )
        )
    for name, label in (("shuffle_items", _("Shuffle items")), ("shuffle_options", _("Shuffle options"))):
        if not isinstance(raw.get(name), bool):
            errors.append(at(f"settings.{name}", _("{field} must be true or false.").format(field=label)))
        values[name] = bool(raw.get(name))
    return values, errors


def parse_recommendations(raw, _: Gettext) -> tuple[dict, list[str]]:
    """Links per pillar: ``{pillar: [{"title", "url"}]}`` with blank rows dropped."""
    if raw in (None, ""):
        return {}, []
    if not isinstance(raw, dict):
        return {}, [
            at(
                "recommendations",
                _("The recommendations must be an object with one list of links per pillar."),
            )
        ]
    errors: list[str] = []
    result: dict[str, list[dict]] = {}
    for pillar, links in raw.items():
        if pillar not in PILLARS:
            errors.append(
                at("recommendations", _("Recommendations: unknown pillar {pillar}.").format(pillar=pillar))
            )
            continue
        if not isinstance(links, list):
            errors.append(
                at(
                    f"recommendations.{pillar}",
                    _("Recommendations for {pillar} must be a list.").format(pillar=_(PILLAR_NAMES[pillar])),
                )
            )
            continue
        kept = []
        for number, link in enumerate(links, start=1):
            link = link if isinstance(link, dict) else {}
            title = str(link.get("title") or "").strip()
            url = str(link.get("url") or "").strip()
            if not title and not url:
                continue
            where = _("Recommendation {n} for {pillar}").format(n=number, pillar=_(PILLAR_NAMES[pillar]))
            if not title or len(title) > MAX_LINK_TITLE:
                errors.append(
                    at(
                        f"recommendations.{pillar}.{number - 1}.title",
                        _("{where}: the title is missing or longer than {max} characters.").format(
                            where=where, max=MAX_LINK_TITLE
                        ),
                    )
                )
            if len(url) > MAX_URL or not URL_RE.match(url):
                errors.append(
                    at(
                        f"recommendations.{pillar}.{number - 1}.url",
                        _(
                            "{where}: the link must be a course address starting with / or a full "
                            "http(s):// address, not {url}."
                        ).format(where=where, url=url or "-"),
                    )
                )
            kept.append({"title": title, "url": url})
        if len(kept) > MAX_LINKS_PER_PILLAR:
            errors.append(
                at(
                    f"recommendations.{pillar}",
                    _("At most {max} recommendations per pillar.").format(max=MAX_LINKS_PER_PILLAR),
                )
            )
        if kept:
            result[pillar] = kept
    return result, errors


def check(values, bank, _: Gettext, *, limit: int | None = MAX_SHOWN_PROBLEMS) -> Findings:
    """Every rule that ties settings and bank together; ``values`` is a block or a settings dict.

    Every problem is found at once: the rules about single items run even when other items have
    problems (the rules about the whole bank need all of it readable). ``limit`` caps the bank's
    listed problems (Studio's component messages); the editor asks for all (None) to mark each field.
    """

    def get(name):
        return values.get(name) if isinstance(values, dict) else getattr(values, name)

    findings = Findings()
    errors, warnings = findings.errors, findings.warnings
    if not (get("display_name") or "").strip():
        errors.append(at("settings.display_name", _("Give the assessment a display name.")))
    mode = get("mode")
    if mode not in MODES:
        errors.append(
            at("settings.mode", _("Unknown mode {mode}; use pre, post or standalone.").format(mode=mode))
        )
    pairing_key = get("pairing_key") or ""
    if mode in ("pre", "post") and not pairing_key:
        errors.append(
            at(
                "settings.pairing_key",
                _(
                    "A pre- or post-test needs a pairing key: "
                    "use the same key in the pre-test and the post-test."
                ),
            )
        )
    if pairing_key and not PAIRING_KEY_RE.match(pairing_key):
        errors.append(
            at(
                "settings.pairing_key",
                _(
                    "The pairing key may only use letters, digits, '-', '_' and '.' (at most 100), "
                    "e.g. literasi-digital-2026."
                ),
            )
        )
    if get("show_answers") not in SHOW_ANSWERS:
        errors.append(
            at(
                "settings.show_answers",
                _("Unknown choice for when correct answers are shown: {value}.").format(
                    value=get("show_answers")
                ),
            )
        )

    items, bank_problems = normalize_bank(bank, _)
    if bank_problems:
        shown = bank_problems if limit is None else bank_problems[:limit]
        errors.extend(at(_in_bank(problem), problem) for problem in shown)
        if len(bank_problems) > len(shown):
            errors.append(
                at(
                    "bank",
                    _("... and {n} more problems in the bank.").format(n=len(bank_problems) - len(shown)),
                )
            )
    elif not items:
        errors.append(at("bank", _("The bank is empty: add at least one item.")))

    per_pillar = get("items_per_pillar") or 0
    if items and per_pillar:
        for form in itemwriting.form_names(items):
            for pillar, size in pool_sizes(items, form).items():
                if size and per_pillar > size:
                    errors.append(
                        at(
                            "settings.items_per_pillar",
                            _(
                                "The draw takes {n} items per pillar, "
                                "but {pillar} has only {size} in {where}."
                            ).format(
                                n=per_pillar,
                                pillar=_(PILLAR_NAMES[pillar]),
                                size=size,
                                where=_("form {form}").format(form=form) if form else _("the bank"),
                            ),
                        )
                    )
    if items:
        missing = [_(PILLAR_NAMES[pillar]) for pillar, size in pool_sizes(items).items() if not size]
        if missing:
            warnings.append(
                _("No items for {pillars}: results will not show these pillars.").format(
                    pillars=", ".join(missing)
                )
            )
        warnings.extend(crosswalk_warnings(items, _))
        writing = itemwriting.check_items(items, _) if bank_problems else itemwriting.check(items, _)
        errors.extend(at(_in_bank(problem), problem) for problem in writing.errors)
        warnings.extend(writing.warnings)

    show = get("show_answers")
    if mode == "pre" and show in ("after_attempt", "after_last_attempt"):
        warnings.append(
            _(
                "This pre-test shows correct answers right after it; learners may then remember them in "
                "the post-test. Consider 'After the learner's post-test'."
            )
        )
    waits_for_last = show == "after_last_attempt" or (show == "after_post_test" and mode != "pre")
    if waits_for_last and get("attempts_allowed") == 0:
        warnings.append(
            _("With unlimited attempts there is no last attempt, so correct answers are never shown.")
        )
    return findings


def _in_bank(problem) -> str:
    """A bank problem's path in the editor: ``bank.<index>.<field>``, or ``bank`` for the whole bank."""
    path = path_of(problem)
    return f"bank.{path}" if path else "bank"
