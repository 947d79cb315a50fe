"""The plugin app's public Python interface (OEP-49).

Blocks and other apps call the functions listed in ``__all__`` and never reach into models,
services or selectors directly. Each block's issue adds its functions here.
"""

__all__: list[str] = []

# --- Partner workshop (issue 5) ---------------------------------------------------------------
# Seats, waiting lists, attendance, JP and reactions of the ``bina_partner_workshop`` block.

from .workshop import jp as workshop_jp  # noqa: E402
from .workshop import selectors as _workshop_selectors  # noqa: E402
from .workshop import services as _workshop_services  # noqa: E402
from .workshop.errors import WorkshopDefinitionError, WorkshopError  # noqa: E402

workshop_definition_problems = _workshop_services.definition_problems
sync_workshop = _workshop_services.sync_workshop
register_for_workshop_session = _workshop_services.register
cancel_workshop_registration = _workshop_services.cancel
check_in_to_workshop_session = _workshop_services.check_in
mark_workshop_attendance = _workshop_services.mark_attendance
regenerate_workshop_checkin_code = _workshop_services.regenerate_checkin_code
settle_ended_workshop_sessions = _workshop_services.settle_ended_sessions
clean_workshop_reaction = _workshop_services.clean_reaction
submit_workshop_reaction = _workshop_services.submit_reaction
WORKSHOP_MAX_COMMENT_CHARS = _workshop_services.MAX_COMMENT_CHARS

workshop_exists = _workshop_selectors.workshop_for_usage
workshop_sessions = _workshop_selectors.workshop_sessions
workshop_session_by_key = _workshop_selectors.session_by_key
workshop_checkin_code = _workshop_selectors.checkin_code
learner_workshop_registrations = _workshop_selectors.learner_registrations
learner_workshop_jp = _workshop_selectors.learner_jp_total
learner_attended_workshop = _workshop_selectors.attended_any
workshop_roster = _workshop_selectors.roster
workshop_reaction_summary = _workshop_selectors.reaction_summary
may_see_meeting_link = _workshop_selectors.is_registered_learner

__all__ += [
    "WORKSHOP_MAX_COMMENT_CHARS",
    "WorkshopDefinitionError",
    "WorkshopError",
    "cancel_workshop_registration",
    "check_in_to_workshop_session",
    "clean_workshop_reaction",
    "learner_attended_workshop",
    "learner_workshop_jp",
    "learner_workshop_registrations",
    "mark_workshop_attendance",
    "may_see_meeting_link",
    "regenerate_workshop_checkin_code",
    "register_for_workshop_session",
    "settle_ended_workshop_sessions",
    "submit_workshop_reaction",
    "sync_workshop",
    "workshop_checkin_code",
    "workshop_definition_problems",
    "workshop_exists",
    "workshop_jp",
    "workshop_reaction_summary",
    "workshop_roster",
    "workshop_session_by_key",
    "workshop_sessions",
]

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
