"""Files shipped with the block: the starter bank, the HTML templates, the static assets.

Everything is read once per process. Templates are Django templates compiled once with an
autoescaping engine; the block passes them strings it has already translated, so rendering is a
plain substitution (no per-render catalog merging).
"""

from __future__ import annotations

import functools
import json
from importlib import resources

from django.template import Context, Engine

from . import bankio
from .bank import normalize_bank

PACKAGE = resources.files(__package__)
_ENGINE = Engine(autoescape=True, debug=False)


def load_starter_bank() -> list[dict]:
    """The starter bank (Bahasa Indonesia), the default content of every new block."""
    data = PACKAGE.joinpath("bank", "starter_bank_id.yaml").read_bytes()
    return bankio.read_bank(data, "yaml")


STARTER_BANK = load_starter_bank()


@functools.cache
def _template(name: str):
    return _ENGINE.from_string(PACKAGE.joinpath("templates", name).read_text(encoding="utf-8"))


def render(name: str, context: dict) -> str:
    """Render ``templates/<name>`` with ``context`` (values are escaped unless marked safe)."""
    from django.utils.safestring import mark_safe

    if "data_json" in context:
        context = {**context, "data_json": mark_safe(context["data_json"])}  # escaped by _json_for_html
    return _template(name).render(Context(context))


@functools.cache
def static_url_exists(path: str) -> bool:
    """Is ``path`` (e.g. ``static/js/translations/id/text.js``) shipped with the block?"""
    return PACKAGE.joinpath(*path.split("/")).is_file()


@functools.lru_cache(maxsize=64)
def _normalized(bank_json: str) -> tuple[list[dict], list[str]]:
    return normalize_bank(json.loads(bank_json))


def normalized_bank(bank) -> tuple[list[dict], list[str]]:
    """(canonical items, problems) of a stored bank; cached by content, so each bank is checked once."""
    try:
        key = json.dumps(bank, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        return normalize_bank(bank)
    items, problems = _normalized(key)
    return items, list(problems)  # shared by every caller: treat as read-only
