"""Reading one answer to an unsur from what people type or export: ``3``, ``3.0``, ``4 - Sangat
sesuai``, ``Sangat sesuai (4)``, or the answer label alone (as a Google Forms export has it).

Labels are matched against *that unsur's* labels only (the default Indonesian and English ones and
the unit's adapted wording), so "Tidak ada" is 1 for U8 and an error for U9.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils import translation

from .ikm import SCALE
from .questionnaire import unsur

NUMBER = re.compile(r"^([1-4])(?:[.,]0+)?$")
LEADING_NUMBER = re.compile(r"^([1-4])\s*[-.:)=]\s*[^\d\s]")
TRAILING_NUMBER = re.compile(r"\(\s*([1-4])\s*\)$")


class AnswerError(ValueError):
    """The text is not an answer on the 1-4 scale for this unsur."""


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def labels_for(code: str, extra: Iterable[Iterable[str]] = ()) -> dict[str, int]:
    """Every accepted label of ``code`` (normalised) with its score."""
    known: dict[str, int] = {}
    for language in ("id", "en"):
        with translation.override(language):
            for value, label in zip(SCALE, unsur(code).labels, strict=True):
                known.setdefault(_normal(label), value)
    for labels in extra:
        for value, label in zip(SCALE, labels, strict=True):
            if label:
                known.setdefault(_normal(label), value)
    return known


def parse_answer(code: str, raw, extra_labels: Iterable[Iterable[str]] = ()) -> int | None:
    """The score 1-4 in ``raw`` for unsur ``code``; ``None`` for an empty cell (not answered)."""
    text = str(raw if raw is not None else "").strip()
    if not text:
        return None
    for pattern in (NUMBER, LEADING_NUMBER, TRAILING_NUMBER):
        match = pattern.search(text)
        if match:
            return int(match.group(1))
    value = labels_for(code, extra_labels).get(_normal(text))
    if value is None:
        raise AnswerError(text)
    return value
