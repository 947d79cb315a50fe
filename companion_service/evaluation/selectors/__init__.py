"""Reads of the evaluation (selectors): every function takes the reader's ``Scope`` and reads only
the aggregate tables the refresh keeps. ``NotAllowed`` means the scope may not read what was asked."""

from .assessment import item_analysis
from .common import (
    LEVELS,
    NotAllowed,
    choose_level,
    choose_threshold,
    choose_weighting,
    choose_window,
    choose_year,
    computed_at,
    latest_refresh,
    programme_defaults,
    years_available,
)
from .coverage import coverage
from .impact import impact
from .innovation import innovation
from .ledger import ledger, ledger_rows, siasn_records, to_rows
from .opd import opd_detail, opd_for, readable_opds
from .partners import partners
from .scorecard import scorecard

__all__ = [
    "LEVELS",
    "NotAllowed",
    "choose_level",
    "choose_threshold",
    "choose_weighting",
    "choose_window",
    "choose_year",
    "computed_at",
    "coverage",
    "impact",
    "innovation",
    "item_analysis",
    "latest_refresh",
    "ledger",
    "ledger_rows",
    "opd_detail",
    "opd_for",
    "partners",
    "programme_defaults",
    "readable_opds",
    "scorecard",
    "siasn_records",
    "to_rows",
    "years_available",
]
