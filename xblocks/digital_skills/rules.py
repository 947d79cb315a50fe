"""The rules a block's settings and bank follow together, for Studio validation and the editor's Save.

``check`` returns errors (Save refuses them; Studio shows them on the component) and warnings (worth
the author's attention, nothing refused). Pure Python: the block passes its translation function.
"""

from __future__ import annotations

import re

from . import itemwriting
from .bank import PILLAR_NAMES, PILLARS, Gettext, crosswalk_warnings, gettext_noop, normalize_bank, pool_sizes
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
        return {}, [_("The settings must be an object.")]

    def text(name, limit, label):
        value = raw.get(name, "")
        if not isinstance(value, str):
            errors.append(_("{field} must be text.").format(field=label))
            return ""
        value = value.strip()
        if len(value) > limit:
            errors.append(_("{field} is longer than {max} characters.").format(field=label, max=limit))
        return value

    def whole(name, low, high, label):
        number = _whole(raw.get(name), low, high)
        if number is None:
            errors.append(
                _("{field} must be a whole number from {low} to {high}.").format(
                    field=label, low=low, high=high
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
        errors.append(_("{field} must be a number from 0 to 1000.").format(field=_("Problem weight")))
    for name, label in (("shuffle_items", _("Shuffle items")), ("shuffle_options", _("Shuffle options"))):
        if not isinstance(raw.get(name), bool):
            errors.append(_("{field} must be true or false.").format(field=label))
        values[name] = bool(raw.get(name))
    return values, errors


def parse_recommendations(raw, _: Gettext) -> tuple[dict, list[str]]:
    """Links per pillar: ``{pillar: [{"title", "url"}]}`` with blank rows dropped."""
    if raw in (None, ""):
        return {}, []
    if not isinstance(raw, dict):
        return {}, [_("The recommendations must be an object with one list of links per pillar.")]
    errors: list[str] = []
    result: dict[str, list[dict]] = {}
    for pillar, links in raw.items():
        if pillar not in PILLARS:
            errors.append(_("Recommendations: unknown pillar {pillar}.").format(pillar=pillar))
            continue
        if not isinstance(links, list):
            errors.append(
                _("Recommendations for {pillar} must be a list.").format(pillar=_(PILLAR_NAMES[pillar]))
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
                    _("{where}: the title is missing or longer than {max} characters.").format(
                        where=where, max=MAX_LINK_TITLE
                    )
                )
            if len(url) > MAX_URL or not URL_RE.match(url):
                errors.append(
                    _(
                        "{where}: the link must be a course address starting with / or a full "
                        "http(s):// address, not {url}."
                    ).format(where=where, url=url or "-")
                )
            kept.append({"title": title, "url": url})
        if len(kept) > MAX_LINKS_PER_PILLAR:
            errors.append(_("At most {max} recommendations per pillar.").format(max=MAX_LINKS_PER_PILLAR))
        if kept:
            result[pillar] = kept
    return result, errors


def check(values, bank, _: Gettext) -> Findings:
    """Every rule that ties settings and bank together; ``values`` is a block or a settings dict."""

    def get(name):
        return values.get(name) if isinstance(values, dict) else getattr(values, name)

    findings = Findings()
    errors, warnings = findings.errors, findings.warnings
    if not (get("display_name") or "").strip():
        errors.append(_("Give the assessment a display name."))
    mode = get("mode")
    if mode not in MODES:
        errors.append(_("Unknown mode {mode}; use pre, post or standalone.").format(mode=mode))
    pairing_key = get("pairing_key") or ""
    if mode in ("pre", "post") and not pairing_key:
        errors.append(
            _("A pre- or post-test needs a pairing key: use the same key in the pre-test and the post-test.")
        )
    if pairing_key and not PAIRING_KEY_RE.match(pairing_key):
        errors.append(
            _(
                "The pairing key may only use letters, digits, '-', '_' and '.' (at most 100), "
                "e.g. literasi-digital-2026."
            )
        )
    if get("show_answers") not in SHOW_ANSWERS:
        errors.append(
            _("Unknown choice for when correct answers are shown: {value}.").format(value=get("show_answers"))
        )

    items, bank_problems = normalize_bank(bank, _)
    if bank_problems:
        errors.extend(bank_problems[:MAX_SHOWN_PROBLEMS])
        if len(bank_problems) > MAX_SHOWN_PROBLEMS:
            errors.append(
                _("... and {n} more problems in the bank.").format(n=len(bank_problems) - MAX_SHOWN_PROBLEMS)
            )
    elif not items:
        errors.append(_("The bank is empty: add at least one item."))

    per_pillar = get("items_per_pillar") or 0
    if items and per_pillar:
        for form in itemwriting.form_names(items):
            for pillar, size in pool_sizes(items, form).items():
                if size and per_pillar > size:
                    errors.append(
                        _(
                            "The draw takes {n} items per pillar, but {pillar} has only {size} in {where}."
                        ).format(
                            n=per_pillar,
                            pillar=_(PILLAR_NAMES[pillar]),
                            size=size,
                            where=_("form {form}").format(form=form) if form else _("the bank"),
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
        if not bank_problems:
            writing = itemwriting.check(items, _)
            errors.extend(writing.errors)
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
