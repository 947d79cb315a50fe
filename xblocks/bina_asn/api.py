"""The plugin app's public Python interface (OEP-49).

Blocks and other apps call the functions listed in ``__all__`` and never reach into models,
services or selectors directly. Each block's issue adds its functions here.
"""

__all__: list[str] = []

# --- Digital-skills assessment (bina_digital_skills) ---------------------------------------------

from .assessment.selectors import attempts_for_report as assessment_attempts_for_report  # noqa: E402
from .assessment.selectors import attempts_of as assessment_attempts_of  # noqa: E402
from .assessment.selectors import latest_attempt as latest_assessment_attempt  # noqa: E402
from .assessment.selectors import latest_paired_attempt as latest_paired_assessment_attempt  # noqa: E402
from .assessment.services import AttemptAlreadyRecorded  # noqa: E402
from .assessment.services import record_submitted_attempt as record_assessment_attempt  # noqa: E402

__all__ += [
    "AttemptAlreadyRecorded",
    "assessment_attempts_for_report",
    "assessment_attempts_of",
    "latest_assessment_attempt",
    "latest_paired_assessment_attempt",
    "record_assessment_attempt",
]
