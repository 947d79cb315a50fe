"""The plugin app's public Python interface (OEP-49).

Blocks and other apps call the functions listed in ``__all__`` and never reach into models,
services or selectors directly. Each block's issue adds its functions here.
"""

__all__: list[str] = []

# --- Innovation-idea competition (bina_innovation) -------------------------------------------------
from .innovation import states as innovation_states  # noqa: E402
from .innovation.errors import FieldError, InnovationError  # noqa: E402
from .innovation.selectors import (  # noqa: E402
    block_statistics as innovation_statistics,
)
from .innovation.selectors import (  # noqa: E402
    budget_spent,
    export_ideas,
    gallery_page,
    idea_detail,
    implemented_ideas,
    jury_queue,
    learner_ideas,
    my_ideas,
)
from .innovation.services import (  # noqa: E402
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
from .innovation.validation import SECTIONS as PROPOSAL_SECTIONS  # noqa: E402

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
