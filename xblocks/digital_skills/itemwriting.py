"""Item-writing rules: the flaws a test-wise learner exploits, checked per form of a bank.

The rules come from the item-writing guidance the project follows (``/work/shared/domain/
digital-competence.md``; Haladyna, Downing and Rodriguez's taxonomy, as Moodle's quiz statistics
and DigCompSAT apply it):

* **key position** balanced as written: no option position holds more than 40% of a form's
  single-answer keys, so a bank stays sound with "Shuffle options" off (error);
* **the key is not systematically the longest option**: a bank-level share (error above 50%,
  warning above 35%; chance is about 1 in the number of options) and a per-item flag when the key
  is much longer than every distractor (warning);
* **multiple-response items** are scored so that ticking every option earns nothing (error);
* no **"all of the above"** style option (warning);
* a competence is reported as a learner's gap only with at least ``MIN_EVIDENCE`` items behind it;
  fewer items are flagged so that the author knows learners will read "not enough evidence";
* **parallel forms** (items tagged ``A`` or ``B``; untagged items belong to both) need both forms
  (error) and the same blueprint of pillar x competence x level (warning, with the cells that differ).

Shares are judged only for a form with at least ``MIN_KEYED`` single-answer items: below that a
share says little (with two items one position already holds 50%). Pure Python, no Django.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .bank import FORMS, PILLARS, Gettext, _identity
from .scoring import item_fraction

MIN_KEYED = 8  # single-answer items a form needs before position and length shares are judged
MAX_POSITION_SHARE = 0.40
MAX_LONGEST_SHARE = 0.50  # error above
WARN_LONGEST_SHARE = 0.35  # warning above
LONG_KEY_RATIO = 1.3  # a key this much longer than the longest distractor is flagged
MIN_EVIDENCE = 3  # items behind a competence before a learner's gap there is reported
MAX_LISTED = 12  # ids or cells listed in one message
ALL_OF_THE_ABOVE = re.compile(
    r"\b(semua (jawaban|pilihan|pernyataan|opsi)( di atas)?( benar)?|semua (yang )?di atas|"
    r"semua benar|all of the above|none of the above|tidak ada (jawaban|pilihan) yang benar)\b",
    re.IGNORECASE,
)
LETTERS = "abcdef"


@dataclass
class Findings:
    """Errors refuse a save or an import; warnings only inform."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def is_keyed(item: dict) -> bool:
    """A scored single-answer item (single choice or scenario): one key among distractors."""
    return item.get("type") in ("single", "scenario") and any(o.get("correct") for o in item["options"])


def key_position(item: dict) -> int:
    """The position (0 = first) of a single-answer item's key as written."""
    return next(index for index, option in enumerate(item["options"]) if option.get("correct"))


def _lengths(item: dict) -> tuple[int, list[int]]:
    key = len(item["options"][key_position(item)]["text"])
    others = [len(o["text"]) for o in item["options"] if not o.get("correct")]
    return key, others


def key_is_longest(item: dict) -> bool:
    """The key is strictly longer than every distractor."""
    key, others = _lengths(item)
    return bool(others) and key > max(others)


def key_much_longer(item: dict) -> bool:
    """The key is at least ``LONG_KEY_RATIO`` times as long as the longest distractor."""
    key, others = _lengths(item)
    return bool(others) and key >= LONG_KEY_RATIO * max(others)


def tick_all_fraction(item: dict) -> float:
    """What ticking every option earns on a multiple-response item (0-1)."""
    fraction = item_fraction(item, [option["id"] for option in item["options"]])
    return fraction or 0.0


def form_names(items: Iterable[dict]) -> list[str]:
    """The forms a bank has (``["A", "B"]``), or ``[""]`` for a bank without forms."""
    used = {item.get("form", "") for item in items} - {""}
    return sorted(used) if used else [""]


def items_of_form(items: Sequence[dict], form: str) -> list[dict]:
    """Items a learner on ``form`` may meet: that form's items and the untagged ones."""
    return [item for item in items if not form or item.get("form", "") in ("", form)]


def blueprint(items: Iterable[dict]) -> Counter:
    """Knowledge items per (form, pillar, competence, level); self-ratings are not in the blueprint."""
    return Counter(
        (item.get("form", ""), item["pillar"], item.get("competence", ""), item["level"])
        for item in items
        if item.get("type") != "likert"
    )


def evidence(items: Iterable[dict]) -> Counter:
    """Scored items per DigComp competence."""
    return Counter(
        item["competence"] for item in items if item.get("competence") and item["type"] != "likert"
    )


def _where(form: str, _: Gettext) -> str:
    return _("Form {form}").format(form=form) if form else _("The bank")


def _listed(values: Sequence[str]) -> str:
    shown = ", ".join(values[:MAX_LISTED])
    return shown + (f" (+{len(values) - MAX_LISTED})" if len(values) > MAX_LISTED else "")


def check(items: Sequence[dict], _: Gettext = _identity) -> Findings:
    """Every item-writing rule over canonical ``items`` (a bank that ``normalize_bank`` accepted)."""
    findings = Findings()
    _per_item(items, findings, _)
    forms = form_names(items)
    if forms != [""]:
        _forms(items, forms, findings, _)
    for form in forms:
        _shares(items_of_form(items, form), form, findings, _)
    return findings


def _per_item(items, findings: Findings, _: Gettext) -> None:
    long_keys = []
    for item in items:
        if item["type"] == "multiple":
            earned = tick_all_fraction(item)
            if earned > 0:
                findings.errors.append(
                    _(
                        "Item {id}: ticking every option earns {percent}%. Add wrong options (at least as "
                        "many as right ones) or give wrong options negative points, so that ticking "
                        "everything earns nothing."
                    ).format(id=item["id"], percent=round(100 * earned))
                )
        if item["type"] != "likert" and any(ALL_OF_THE_ABOVE.search(o["text"]) for o in item["options"]):
            findings.warnings.append(
                _(
                    'Item {id}: an option like "all of the above" can be answered without the knowledge; '
                    "write a specific option instead."
                ).format(id=item["id"])
            )
        if is_keyed(item) and key_much_longer(item):
            long_keys.append(item["id"])
    if long_keys:
        findings.warnings.append(
            _(
                "The correct option is much longer than every other option in items {ids}: test-wise "
                "learners pick the longest option. Write options of similar length."
            ).format(ids=_listed(long_keys))
        )


def _shares(items, form: str, findings: Findings, _: Gettext) -> None:
    where = _where(form, _)
    keyed = [item for item in items if is_keyed(item)]
    if len(keyed) >= MIN_KEYED:
        positions = Counter(key_position(item) for item in keyed)
        position, count = positions.most_common(1)[0]
        if count / len(keyed) > MAX_POSITION_SHARE:
            findings.errors.append(
                _(
                    "{where}: option {letter} (as written) is the correct answer in {count} of {total} "
                    "single-answer items ({percent}%); at most {max}% may share a position. Move some "
                    "correct answers to other positions."
                ).format(
                    where=where,
                    letter=LETTERS[position],
                    count=count,
                    total=len(keyed),
                    percent=round(100 * count / len(keyed)),
                    max=round(100 * MAX_POSITION_SHARE),
                )
            )
        longest = sum(1 for item in keyed if key_is_longest(item))
        share = longest / len(keyed)
        if share > WARN_LONGEST_SHARE:
            message = _(
                "{where}: the correct answer is the longest option in {count} of {total} single-answer "
                "items ({percent}%); test-wise learners pick the longest. Keep it at most {max}% by "
                "shortening correct answers or lengthening distractors."
            ).format(
                where=where,
                count=longest,
                total=len(keyed),
                percent=round(100 * share),
                max=round(100 * WARN_LONGEST_SHARE),
            )
            (findings.errors if share > MAX_LONGEST_SHARE else findings.warnings).append(message)
    thin = sorted(code for code, count in evidence(items).items() if count < MIN_EVIDENCE)
    if thin:
        findings.warnings.append(
            _(
                '{where}: competences {codes} have fewer than {n} items, so learners will read "not '
                'enough evidence" there instead of a strength or a gap.'
            ).format(where=where, codes=", ".join(thin), n=MIN_EVIDENCE)
        )


def _forms(items, forms: list[str], findings: Findings, _: Gettext) -> None:
    missing = [form for form in FORMS if form not in forms]
    if missing:
        findings.errors.append(
            _(
                "Only form {present} has items: parallel forms need items in both A and B (leave the form "
                "blank on every item for a single form)."
            ).format(present=", ".join(forms))
        )
        return
    cells = Counter()
    for (form, pillar, competence, level), count in blueprint(items).items():
        if form:
            cells[(pillar, competence, level, form)] += count
    keys = sorted(
        {(pillar, competence, level) for pillar, competence, level, _form in cells},
        key=lambda cell: (PILLARS.index(cell[0]), cell[1], cell[2]),
    )
    differing = [
        f"{pillar} {competence or '-'} L{level}: A {cells[(pillar, competence, level, 'A')]}, "
        f"B {cells[(pillar, competence, level, 'B')]}"
        for pillar, competence, level in keys
        if cells[(pillar, competence, level, "A")] != cells[(pillar, competence, level, "B")]
    ]
    if differing:
        findings.warnings.append(
            _(
                "Forms A and B do not follow one blueprint (pillar, competence, level), so their scores are "
                "less comparable: {cells}."
            ).format(cells="; ".join(differing[:MAX_LISTED]))
        )
