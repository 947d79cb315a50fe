"""The sync's public Python interface (OEP-49)."""

from .channels import (
    KLASIKAL,
    MINUTES_PER_JP,
    JpEstimate,
    JpSource,
    LearningChannel,
    NoEstimate,
    estimate_jp,
    is_klasikal,
    jp_source,
    jp_source_sql,
)
from .data import CourseJp, CourseResult
from .linking import link_learners
from .selectors import course_jp, course_results, last_run, run_summary, unmatched_learners
from .services import run_sync, test_connection
from .signals import data_synced, records_changed

__all__ = [
    "KLASIKAL",
    "MINUTES_PER_JP",
    "CourseJp",
    "CourseResult",
    "JpEstimate",
    "JpSource",
    "NoEstimate",
    "course_jp",
    "estimate_jp",
    "LearningChannel",
    "course_results",
    "data_synced",
    "is_klasikal",
    "jp_source",
    "jp_source_sql",
    "last_run",
    "link_learners",
    "records_changed",
    "run_summary",
    "run_sync",
    "test_connection",
    "unmatched_learners",
]
