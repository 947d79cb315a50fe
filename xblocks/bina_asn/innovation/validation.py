"""Checks of what learners, jury and staff send: types, lengths, known codes, existing users.

Each ``clean_*`` function returns clean Python values or raises ``InnovationError("invalid_input")``
whose ``fields`` say, per field, what is wrong (codes the block turns into messages). Text is
stripped, line ends normalised and control characters (which PostgreSQL refuses) removed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from urllib.parse import urlsplit

from .errors import FieldError, InnovationError

TITLE_MIN, TITLE_MAX = 5, 150
SECTION_MAX = 4000
SHORT_MAX = 150
SIDE_MAX = 2000
COMMENT_MIN, COMMENT_MAX = 2, 2000
REASON_MAX = 2000
NOTE_MAX = 2000
MAX_CO_PROPOSERS = 5
MAX_EVIDENCE_LINKS = 10
URL_MAX = 500
PERIOD_MAX = 200
KPI_MAX = 300
MONEY_MAX = 10**13  # rupiah: well above a city's yearly budget
MINUTES_MAX = 100_000
CITIZENS_MAX = 10_000_000

# The KIPP sections a submitted proposal must fill in, in the order the form shows them.
SECTIONS = ("problem", "solution", "novelty", "significance", "transferability", "resources", "impact")
SIDE_SECTIONS = ("stakeholders", "partners")
TARGETS = {
    "target_minutes_saved": MINUTES_MAX,
    "target_cost_saving": MONEY_MAX,
    "target_citizens": CITIZENS_MAX,
}
PROPOSAL_FIELDS = (
    "title",
    "opd_code",
    "service_name",
    "category",
    "is_digital",
    *SECTIONS,
    *TARGETS,
    *SIDE_SECTIONS,
    "co_proposers",
    "evidence_links",
)
REQUIRED_ON_SUBMIT = ("title", "opd_code", "service_name", "category", "is_digital", *SECTIONS)
USERNAME_RE = re.compile(r"^[\w.@+-]{1,150}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class _Errors:
    """Collects field errors; ``raise_if_any`` raises them together."""

    def __init__(self):
        self.fields: dict[str, list[FieldError]] = {}

    def add(self, name, code, **params):
        self.fields.setdefault(name, []).append(FieldError(code, **params))

    def raise_if_any(self):
        if self.fields:
            raise InnovationError("invalid_input", fields=self.fields)


def clean_text(value) -> str:
    """Stripped text with ``\\n`` line ends and no control characters; non-text raises TypeError."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError("not text")
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _text(errors, data, name, *, max_length, min_length=0, required=False):
    try:
        value = clean_text(data.get(name))
    except TypeError:
        errors.add(name, "invalid")
        return None
    if not value:
        if required:
            errors.add(name, "required")
        return value
    if len(value) > max_length:
        errors.add(name, "too_long", max=max_length, length=len(value))
    elif len(value) < min_length:
        errors.add(name, "too_short", min=min_length)
    return value


def _whole_number(errors, data, name, *, maximum, required=False):
    """A whole number from 0 to ``maximum``; "" and None mean not given."""
    value = data.get(name)
    if value is None or value == "":
        if required:
            errors.add(name, "required")
        return None
    if isinstance(value, bool):
        errors.add(name, "not_a_number")
        return None
    if isinstance(value, str):
        digits = value.strip().replace(".", "").replace(" ", "")
        if not (digits.isascii() and digits.isdigit()):
            errors.add(name, "not_a_number")
            return None
        if len(digits) > 18:
            errors.add(name, "out_of_range", min=0, max=maximum)
            return None
        value = int(digits)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        errors.add(name, "not_a_number")
        return None
    if not 0 <= value <= maximum:
        errors.add(name, "out_of_range", min=0, max=maximum)
        return None
    return value


def _string_list(errors, data, name, *, separators=r"[,\n]"):
    """A list of strings, given as a JSON list or as text separated by commas or new lines."""
    value = data.get(name)
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = re.split(separators, value)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        errors.add(name, "invalid")
        return None
    return [item for item in (clean_text(v) for v in value) if item]


def is_web_url(value: str) -> bool:
    """True for an absolute http(s) URL with a host (no javascript:, data: or relative links)."""
    if any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and "." in host


def clean_proposal(data: Mapping, rules, author_username: str, *, creating: bool = True) -> dict:
    """Clean the proposal fields present in ``data``: a new idea needs a title, the rest may come later."""
    if not isinstance(data, Mapping):
        raise InnovationError("invalid_input")
    errors = _Errors()
    cleaned: dict = {}
    present = [name for name in PROPOSAL_FIELDS if name in data]
    for name in present:
        if name == "title":
            cleaned[name] = _text(
                errors, data, name, max_length=TITLE_MAX, min_length=TITLE_MIN, required=True
            )
        elif name == "service_name":
            cleaned[name] = _text(errors, data, name, max_length=SHORT_MAX)
        elif name in SECTIONS:
            cleaned[name] = _text(errors, data, name, max_length=SECTION_MAX)
        elif name in SIDE_SECTIONS:
            cleaned[name] = _text(errors, data, name, max_length=SIDE_MAX)
        elif name == "opd_code":
            code = _text(errors, data, name, max_length=40)
            if code and code not in rules.opds:
                errors.add(name, "unknown_choice")
            cleaned[name] = code
        elif name == "category":
            code = _text(errors, data, name, max_length=60)
            if code and code not in rules.categories:
                errors.add(name, "unknown_choice")
            cleaned[name] = code
        elif name == "is_digital":
            value = data.get(name)
            if value in ("", None):
                cleaned[name] = None
            elif isinstance(value, bool):
                cleaned[name] = value
            elif value in ("true", "false"):
                cleaned[name] = value == "true"
            else:
                errors.add(name, "invalid")
        elif name in TARGETS:
            cleaned[name] = _whole_number(errors, data, name, maximum=TARGETS[name])
        elif name == "co_proposers":
            cleaned[name] = _clean_co_proposers(errors, data, author_username)
        elif name == "evidence_links":
            cleaned[name] = _clean_links(errors, data)
    if creating and "title" not in data:
        errors.add("title", "required")
    errors.raise_if_any()
    if "opd_code" in cleaned:
        cleaned["opd_name"] = rules.opds.get(cleaned["opd_code"], "") if cleaned["opd_code"] else ""
    return cleaned


def _clean_co_proposers(errors, data, author_username):
    names = _string_list(errors, data, "co_proposers")
    if names is None:
        return None
    unique = list(dict.fromkeys(name.lstrip("@") for name in names))
    if len(unique) > MAX_CO_PROPOSERS:
        errors.add("co_proposers", "too_many", max=MAX_CO_PROPOSERS)
        return None
    if author_username in unique:
        errors.add("co_proposers", "is_self")
        return None
    # Only the form of a username is checked: whether an account has it is never said (an
    # invitation to a name nobody has simply waits, as one to a colleague who has not answered).
    bad = [name for name in unique if not USERNAME_RE.match(name)]
    if bad:
        errors.add("co_proposers", "bad_usernames", names=", ".join(bad))
        return None
    return unique


def _clean_links(errors, data):
    links = _string_list(errors, data, "evidence_links", separators=r"\n")
    if links is None:
        return None
    links = list(dict.fromkeys(links))
    if len(links) > MAX_EVIDENCE_LINKS:
        errors.add("evidence_links", "too_many", max=MAX_EVIDENCE_LINKS)
        return None
    bad = [link for link in links if len(link) > URL_MAX or not is_web_url(link)]
    if bad:
        errors.add("evidence_links", "bad_urls", urls=", ".join(b[:80] for b in bad))
        return None
    return links


def missing_for_submission(idea) -> dict:
    """Field errors of a stored idea that is not complete enough to submit."""
    errors = _Errors()
    for name in REQUIRED_ON_SUBMIT:
        value = getattr(idea, name)
        if value is None or value == "":
            errors.add(name, "required")
    if all(getattr(idea, name) is None for name in TARGETS):
        errors.add("targets", "one_target_required")
    return errors.fields


def form_position(name: str) -> int:
    """Where a proposal field sits in the form (the measurable targets as one), to list errors in order."""
    order = [*PROPOSAL_FIELDS[: PROPOSAL_FIELDS.index(next(iter(TARGETS)))], "targets", *PROPOSAL_FIELDS]
    return order.index(name) if name in order else len(order)


def submission_needs(data: Mapping, stored, already: Mapping) -> dict:
    """What a submission of ``data`` (over the ``stored`` idea, or None) still lacks, for the fields
    that have no error in ``already``: reported together with the format errors, so the proposer
    sees every problem of a refused submission at once (issue 17)."""

    def given(name) -> bool:
        if name in data:
            value = data[name]
            return not (value is None or (isinstance(value, str) and not value.strip()))
        return stored is not None and getattr(stored, name) not in (None, "")

    errors = _Errors()
    for name in REQUIRED_ON_SUBMIT:
        if name not in already and not given(name):
            errors.add(name, "required")
    if not any(name in already or given(name) for name in TARGETS):
        errors.add("targets", "one_target_required")
    return errors.fields


def clean_comment(text) -> str:
    errors = _Errors()
    value = _text(
        errors, {"text": text}, "text", max_length=COMMENT_MAX, min_length=COMMENT_MIN, required=True
    )
    errors.raise_if_any()
    return value


def clean_reason(text, *, required: bool) -> str:
    errors = _Errors()
    value = _text(errors, {"reason": text}, "reason", max_length=REASON_MAX, required=required)
    errors.raise_if_any()
    return value


def clean_scores(criteria, note, rules) -> tuple[dict, str]:
    """Points per rubric code (whole numbers 0..scale, every criterion) and the juror's note."""
    errors = _Errors()
    if not isinstance(criteria, Mapping):
        raise InnovationError("invalid_input", fields={"criteria": [FieldError("invalid")]})
    codes = [c.code for c in rules.rubric]
    unknown = [code for code in criteria if code not in codes]
    if unknown:
        errors.add("criteria", "unknown_criteria", codes=", ".join(str(c)[:40] for c in unknown))
    points = {}
    for code in codes:
        points[code] = _whole_number(errors, criteria, code, maximum=rules.score_scale, required=True)
    note_value = _text(errors, {"note": note}, "note", max_length=NOTE_MAX)
    errors.raise_if_any()
    return points, note_value


def clean_answer(data: Mapping) -> dict:
    if not isinstance(data, Mapping):
        raise InnovationError("invalid_input")
    errors = _Errors()
    cleaned = {
        "text": _text(errors, data, "text", max_length=SECTION_MAX, required=True),
        "cost": _whole_number(errors, data, "cost", maximum=MONEY_MAX),
        "execution_period": _text(errors, data, "execution_period", max_length=PERIOD_MAX),
    }
    errors.raise_if_any()
    return cleaned


def clean_program(data: Mapping, rules) -> dict:
    """Program details of an implemented idea: responsible OPD, start date, budget, KPI and target, stage."""
    from xblocks.bina_asn.models.innovation import ProgramStage

    if not isinstance(data, Mapping):
        raise InnovationError("invalid_input")
    errors = _Errors()
    opd = _text(errors, data, "responsible_opd_code", max_length=40, required=True)
    if opd and opd not in rules.opds:
        errors.add("responsible_opd_code", "unknown_choice")
    start = None
    raw_start = data.get("start_date")
    if raw_start in (None, ""):
        errors.add("start_date", "required")
    elif not isinstance(raw_start, str):
        errors.add("start_date", "invalid")
    else:
        try:
            start = date.fromisoformat(raw_start.strip())
        except ValueError:
            errors.add("start_date", "bad_date")
    stage = data.get("stage") or ProgramStage.IMPLEMENTATION
    if stage not in ProgramStage.values:
        errors.add("stage", "unknown_choice")
    evidence = _text(errors, data, "evidence_url", max_length=URL_MAX)
    if evidence and not is_web_url(evidence):
        errors.add("evidence_url", "bad_urls", urls=evidence[:80])
    cleaned = {
        "responsible_opd_code": opd,
        "responsible_opd_name": rules.opds.get(opd, "") if opd else "",
        "start_date": start,
        "budget": _whole_number(errors, data, "budget", maximum=MONEY_MAX),
        "kpi": _text(errors, data, "kpi", max_length=KPI_MAX, required=True),
        "kpi_target": _text(errors, data, "kpi_target", max_length=KPI_MAX, required=True),
        "stage": stage,
        "evidence_url": evidence,
    }
    errors.raise_if_any()
    return cleaned
