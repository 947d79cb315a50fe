"""The plugin app's public Python interface (OEP-49).

Blocks and other apps call the functions listed in ``__all__`` and never reach into models,
services or selectors directly: one section per block.
"""

from .assessment.reports import block_item_analysis as assessment_item_analysis
from .assessment.reports import cohort_gains as assessment_cohort_gains
from .assessment.reports import course_analysis as assessment_course_analysis
from .assessment.reports import save_bank_snapshot as save_assessment_bank
from .assessment.selectors import attempts_for_report as assessment_attempts_for_report
from .assessment.selectors import attempts_of as assessment_attempts_of
from .assessment.selectors import latest_attempt as latest_assessment_attempt
from .assessment.selectors import latest_paired_attempt as latest_paired_assessment_attempt
from .assessment.services import AttemptAlreadyRecorded
from .assessment.services import record_submitted_attempt as record_assessment_attempt
from .innovation import states as innovation_states
from .innovation.errors import FieldError, InnovationError
from .innovation.selectors import (
    block_statistics as innovation_statistics,
)
from .innovation.selectors import (
    budget_spent,
    export_ideas,
    gallery_page,
    idea_detail,
    implemented_ideas,
    jury_queue,
    learner_ideas,
    my_ideas,
)
from .innovation.services import (
    add_comment,
    answer_idea,
    change_state,
    implement_idea,
    is_jury,
    save_idea,
    score_idea,
    set_comment_hidden,
    support_idea,
    weighted_total,
    window_status,
    withdraw_idea,
    withdraw_support,
)
from .innovation.validation import SECTIONS as PROPOSAL_SECTIONS
from .organization.selectors import active_opds, opd_names
from .organization.units import UnitsFileError, UnitsReport, import_units
from .workshop import jp as workshop_jp
from .workshop import selectors as _workshop_selectors
from .workshop import services as _workshop_services
from .workshop.errors import WorkshopDefinitionError, WorkshopError

__all__: list[str] = []

# --- Partner workshop and digital-skills assessment ------------------------------------------------

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
__all__ += [
    "AttemptAlreadyRecorded",
    "assessment_attempts_for_report",
    "assessment_attempts_of",
    "assessment_cohort_gains",
    "assessment_course_analysis",
    "assessment_item_analysis",
    "save_assessment_bank",
    "latest_assessment_attempt",
    "latest_paired_assessment_attempt",
    "record_assessment_attempt",
]

# --- Innovation-idea competition (bina_innovation) -------------------------------------------------

__all__ += [
    "PROPOSAL_SECTIONS",
    "FieldError",
    "InnovationError",
    "innovation_states",
    "innovation_statistics",
    "add_comment",
    "answer_idea",
    "budget_spent",
    "change_state",
    "export_ideas",
    "gallery_page",
    "idea_detail",
    "implement_idea",
    "implemented_ideas",
    "is_jury",
    "jury_queue",
    "learner_ideas",
    "my_ideas",
    "save_idea",
    "score_idea",
    "set_comment_hidden",
    "support_idea",
    "weighted_total",
    "window_status",
    "withdraw_idea",
    "withdraw_support",
]

# --- The city's OPDs and service units (the units file) --------------------------------------------

__all__ += [
    "UnitsFileError",
    "UnitsReport",
    "active_opds",
    "import_units",
    "opd_names",
]
