"""The sync's public Python interface (OEP-49)."""

from .channels import KLASIKAL, MINUTES_PER_JP, LearningChannel, is_klasikal, jp_from_effort
from .data import CourseResult
from .selectors import course_results, last_run, run_summary, unmatched_learners
from .services import link_learners, run_sync, test_connection
from .signals import data_synced, records_changed

__all__ = [
    "KLASIKAL",
    "MINUTES_PER_JP",
    "CourseResult",
    "LearningChannel",
    "course_results",
    "data_synced",
    "is_klasikal",
    "jp_from_effort",
    "last_run",
    "link_learners",
    "records_changed",
    "run_summary",
    "run_sync",
    "test_connection",
    "unmatched_learners",
]
