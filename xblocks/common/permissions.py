"""Who may do what in our blocks, read from the services the platform gives (ADR 0081).

Four audiences, each recognised the way Open edX recognises it:

- ``LEARNER``: a signed-in user (the user service's ``is_authenticated`` and user id);
- ``COURSE_STAFF``: the course team in the LMS: the user service's ``user_is_staff`` (course staff
  or instructor role, or global staff); in Studio the user service carries no such flag;
- ``AUTHOR``: someone who may change the block's content: ``studio_user_permissions.can_write``
  for the course, which only Studio offers (in the LMS, authored fields are read-only);
- jury members are a domain rule of the innovation block (course staff plus listed usernames):
  ``is_jury`` answers it from the same user service.
"""

from __future__ import annotations

from . import compat
from .messages import MESSAGES

ANYONE = "anyone"
LEARNER = "learner"
COURSE_STAFF = "course_staff"
AUTHOR = "author"

# Audience -> (error code, message id) when the asker is not in it.
REFUSALS = {
    LEARNER: ("sign_in", "sign_in"),
    COURSE_STAFF: ("staff_only", "staff_only"),
    AUTHOR: ("author_only", "author_only"),
}


def current_user(block) -> compat.CurrentUser:
    """Who is asking (``compat.current_user``)."""
    return compat.current_user(block)


def is_learner(who: compat.CurrentUser) -> bool:
    """Signed in with a user id (handlers that store something for the asker need one)."""
    return who.is_authenticated and who.user_id is not None


def is_course_staff(who: compat.CurrentUser) -> bool:
    """The course team in the LMS (the user service's staff flags)."""
    return who.is_authenticated and who.is_staff


def can_author(block) -> bool:
    """May the asker change the block's content? Only Studio says yes (``studio_user_permissions``)."""
    return compat.can_edit_content(block)


def is_jury(who: compat.CurrentUser, usernames) -> bool:
    """The innovation block's jury: the course team plus the usernames the author listed."""
    return is_course_staff(who) or (is_learner(who) and who.username in set(usernames))


def allows(block, audience: str, who: compat.CurrentUser) -> bool:
    """Is ``who`` in ``audience`` for ``block``?"""
    if audience == ANYONE:
        return True
    if audience == LEARNER:
        return is_learner(who)
    if audience == COURSE_STAFF:
        return is_course_staff(who)
    if audience == AUTHOR:
        return is_learner(who) and can_author(block)
    raise ValueError(f"unknown audience {audience!r}")


def refusal(audience: str) -> tuple[str, str]:
    """(error code, English message) for someone outside ``audience``."""
    code, message_id = REFUSALS[audience]
    return code, MESSAGES[message_id]
