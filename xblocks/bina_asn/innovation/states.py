"""The state machine of an idea: which moves exist, who may make them, which states a block uses.

States follow Decidim's proposal answers, extended with the stages Sibolga asked for. A block may
switch off the optional states; the core states are always there. Every move is checked here on
the server, whatever the page offered.
"""

from __future__ import annotations

from xblocks.bina_asn.models.innovation import IdeaState as S

AUTHOR = "author"
STAFF = "staff"

CORE_STATES = frozenset({S.DRAFT, S.SUBMITTED, S.ACCEPTED, S.REJECTED, S.WITHDRAWN})
OPTIONAL_STATES = (S.RETURNED, S.EVALUATING, S.SHORTLISTED, S.IMPLEMENTED)
ALL_STATES = tuple(S.values)

# (from, to) -> who may make the move.
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, S.SUBMITTED): AUTHOR,
    (S.DRAFT, S.WITHDRAWN): AUTHOR,
    (S.SUBMITTED, S.RETURNED): STAFF,
    (S.SUBMITTED, S.EVALUATING): STAFF,
    (S.SUBMITTED, S.SHORTLISTED): STAFF,
    (S.SUBMITTED, S.ACCEPTED): STAFF,
    (S.SUBMITTED, S.REJECTED): STAFF,
    (S.SUBMITTED, S.WITHDRAWN): AUTHOR,
    (S.RETURNED, S.SUBMITTED): AUTHOR,
    (S.RETURNED, S.REJECTED): STAFF,
    (S.RETURNED, S.WITHDRAWN): AUTHOR,
    (S.EVALUATING, S.RETURNED): STAFF,
    (S.EVALUATING, S.SHORTLISTED): STAFF,
    (S.EVALUATING, S.ACCEPTED): STAFF,
    (S.EVALUATING, S.REJECTED): STAFF,
    (S.EVALUATING, S.WITHDRAWN): AUTHOR,
    (S.SHORTLISTED, S.EVALUATING): STAFF,
    (S.SHORTLISTED, S.ACCEPTED): STAFF,
    (S.SHORTLISTED, S.REJECTED): STAFF,
    (S.SHORTLISTED, S.WITHDRAWN): AUTHOR,
    (S.ACCEPTED, S.IMPLEMENTED): STAFF,
    (S.ACCEPTED, S.REJECTED): STAFF,  # a decision reversed, with its reason recorded
    (S.REJECTED, S.EVALUATING): STAFF,  # reopened, e.g. after an objection
}

# What each state allows.
EDITABLE_BY_AUTHOR = frozenset({S.DRAFT, S.RETURNED})
SUPPORTABLE = frozenset({S.SUBMITTED, S.EVALUATING, S.SHORTLISTED})
SCORABLE = frozenset({S.SUBMITTED, S.EVALUATING, S.SHORTLISTED})
COMMENTABLE = frozenset(set(ALL_STATES) - {S.DRAFT, S.WITHDRAWN})
PUBLIC = frozenset(set(ALL_STATES) - {S.DRAFT})  # in the gallery (withdrawn only when asked for)
GALLERY_DEFAULT = frozenset(PUBLIC - {S.WITHDRAWN})
ANSWERABLE = PUBLIC
# States whose ideas still count toward a learner's limit of ideas.
COUNTS_TOWARD_LIMIT = frozenset(set(ALL_STATES) - {S.WITHDRAWN})


def enabled_states(optional_enabled) -> frozenset:
    """The core states plus the optional ones a block switched on (unknown codes are ignored)."""
    return frozenset(CORE_STATES | {s for s in optional_enabled if s in OPTIONAL_STATES})


def check_enabled_states(optional_enabled) -> list[str]:
    """Problems with a block's choice of optional states (codes of the unknown or inconsistent ones)."""
    return [code for code in optional_enabled if code not in OPTIONAL_STATES]


def targets(from_state: str, role: str, enabled: frozenset) -> list[str]:
    """States ``role`` may move an idea in ``from_state`` to, in the order of ``ALL_STATES``."""
    # An idea may sit in a state the block has since switched off: it can still move out of it.
    return [to for to in ALL_STATES if TRANSITIONS.get((from_state, to)) == role and to in enabled]


def who_may(from_state: str, to_state: str, enabled: frozenset) -> str | None:
    """The role that may make this move in a block with these states, or None when there is no such move."""
    if to_state not in enabled:
        return None
    return TRANSITIONS.get((from_state, to_state))
