"""The words HR offices write in roster files, read into the companion's codes.

- Golongan (rank): PNS ranks are ``I/a`` to ``IV/e`` (17 ranks: I-III have a-d, IV has a-e);
  PPPK ranks are ``I`` to ``XVII`` (Perpres 98/2020). Files write them many ways: ``III/a``,
  ``III-a``, ``3a``, ``Penata Muda (III/a)``; all become ``III/a``.
- Jenis jabatan (position kind): struktural (JPT, administrator, pengawas), fungsional (JFT) or
  pelaksana (formerly JFU).
- Jenis pegawai (employment type): PNS or PPPK.
"""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from .nip import PNS, PPPK

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
         "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"]  # fmt: skip
PNS_RANKS = [f"{group}/{letter}" for group in ROMAN[:3] for letter in "abcd"] + [f"IV/{c}" for c in "abcde"]
PPPK_RANKS = list(ROMAN)


class EmploymentType(models.TextChoices):
    """PNS (pegawai negeri sipil) or PPPK (pegawai pemerintah dengan perjanjian kerja)."""

    PNS = PNS, _("PNS")
    PPPK = PPPK, _("PPPK")


class PositionKind(models.TextChoices):
    """Kinds of jabatan."""

    STRUKTURAL = "struktural", _("Structural (struktural)")
    FUNGSIONAL = "fungsional", _("Functional (fungsional)")
    PELAKSANA = "pelaksana", _("Executive staff (pelaksana)")


POSITION_KIND_WORDS = {
    "struktural": PositionKind.STRUKTURAL,
    "structural": PositionKind.STRUKTURAL,
    "jpt": PositionKind.STRUKTURAL,
    "jabatan pimpinan tinggi": PositionKind.STRUKTURAL,
    "administrator": PositionKind.STRUKTURAL,
    "pengawas": PositionKind.STRUKTURAL,
    "fungsional": PositionKind.FUNGSIONAL,
    "functional": PositionKind.FUNGSIONAL,
    "jft": PositionKind.FUNGSIONAL,
    "fungsional tertentu": PositionKind.FUNGSIONAL,
    "pelaksana": PositionKind.PELAKSANA,
    "executive": PositionKind.PELAKSANA,
    "jfu": PositionKind.PELAKSANA,
    "fungsional umum": PositionKind.PELAKSANA,
}

EMPLOYMENT_TYPE_WORDS = {
    "pns": EmploymentType.PNS,
    "pegawai negeri sipil": EmploymentType.PNS,
    "cpns": EmploymentType.PNS,
    "pppk": EmploymentType.PPPK,
    "p3k": EmploymentType.PPPK,
    "pegawai pemerintah dengan perjanjian kerja": EmploymentType.PPPK,
}

_PNS_RANK = re.compile(r"\b(IV|III|II|I|[1-4])\s*[/\-. ]?\s*([a-eA-E])\b")
_PPPK_RANK = re.compile(r"^(?:gol(?:ongan)?\.?\s*)?([IVXivx]+|\d{1,2})$")


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", str(text or "").strip().lower().replace("_", " "))


def position_kind(text: str) -> str | None:
    """``PositionKind`` for what a file writes, or None when it is not one we know."""
    return POSITION_KIND_WORDS.get(_key(text))


def employment_type(text: str) -> str | None:
    """``EmploymentType`` for what a file writes, or None when it is not one we know."""
    return EMPLOYMENT_TYPE_WORDS.get(_key(text))


def pns_rank(text: str) -> str | None:
    """``III/a`` for ``III/a``, ``III-a``, ``3a``, ``Penata Muda (III/a)``; None otherwise."""
    match = _PNS_RANK.search(str(text or ""))
    if not match:
        return None
    group, letter = match.group(1), match.group(2).lower()
    group = ROMAN[int(group) - 1] if group.isdigit() else group.upper()
    rank = f"{group}/{letter}"
    return rank if rank in PNS_RANKS else None


def pppk_rank(text: str) -> str | None:
    """``IX`` for ``IX``, ``9``, ``Golongan IX``; None otherwise."""
    match = _PPPK_RANK.match(str(text or "").strip())
    if not match:
        return None
    value = match.group(1).upper()
    if value.isdigit():
        number = int(value)
        return ROMAN[number - 1] if 1 <= number <= len(ROMAN) else None
    return value if value in PPPK_RANKS else None


def rank_for(text: str, kind: str) -> str | None:
    """The golongan in the companion's spelling for an employment type, or None if it is not one."""
    return pns_rank(text) if kind == EmploymentType.PNS else pppk_rank(text)
