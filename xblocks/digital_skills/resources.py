"""Files shipped with the block: the starter bank, the HTML templates, the static assets.

Everything is read once per process. Templates are Django templates compiled once with an
autoescaping engine; the block passes them strings it has already translated, so rendering is a
plain substitution (no per-render catalog merging).
"""

from __future__ import annotations

import functools
import marshal
from importlib import resources

from django.template import Context, Engine

from . import bankio
from .bank import normalize_bank

PACKAGE = resources.files(__package__)
_ENGINE = Engine(autoescape=True, debug=False)


def load_starter_bank() -> list[dict]:
    """The starter bank (Bahasa Indonesia), the default content of every new block."""
    data = PACKAGE.joinpath("bank", "starter_bank_id.yaml").read_bytes()
    return bankio.read_bank(data, "yaml", item_writing=False)  # test_starter_bank checks the rules once


STARTER_BANK = load_starter_bank()


@functools.cache
def _template(name: str):
    return _ENGINE.from_string(PACKAGE.joinpath("templates", name).read_text(encoding="utf-8"))


def render(name: str, context: dict) -> str:
    """Render ``templates/<name>`` with ``context`` (values are escaped unless marked safe)."""
    from django.utils.safestring import mark_safe

    if "data_json" in context:
        context = {**context, "data_json": mark_safe(context["data_json"])}  # escaped by views.json_for_html
    return _template(name).render(Context(context))


# marshal format 2 writes every value out in full; later formats share objects by reference count,
# which would give equal banks different keys.
_KEY_FORMAT = 2
# The shipped starter bank (every block whose bank is unset) is keyed once: it is never written to.
_STARTER_KEY = marshal.dumps(STARTER_BANK, _KEY_FORMAT)


@functools.lru_cache(maxsize=64)
def _normalized(key: bytes) -> tuple[list[dict], tuple[str, ...]]:
    # A private copy of the caller's bank, read back from the bytes normalized_bank just wrote.
    items, problems = normalize_bank(marshal.loads(key))  # noqa: S302 (never bytes from outside)
    return items, tuple(problems)


def normalized_bank(bank) -> tuple[list[dict], list[str]]:
    """(canonical items, problems) of a stored bank; cached by content, so each bank is checked once.

    The cache key is the bank's ``marshal`` serialisation: exact for the JSON types a field holds
    (equal bytes mean equal values; ``1``, ``1.0`` and ``True`` differ) and several times cheaper
    than ``json.dumps``. It is taken on every call, so a bank edited in Studio, or changed in place,
    is normalised again, never served stale. Anything ``marshal`` cannot write is normalised uncached.
    """
    if bank is STARTER_BANK:
        key = _STARTER_KEY
    else:
        try:
            key = marshal.dumps(bank, _KEY_FORMAT)
        except ValueError:
            return normalize_bank(bank)
    items, problems = _normalized(key)
    return items, list(problems)  # items are shared by every caller: treat them as read-only
