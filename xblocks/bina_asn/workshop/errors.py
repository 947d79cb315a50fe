"""Errors of the workshop services: a code and parameters, translated by whoever shows them.

The plugin app stays language-neutral: the block maps each ``code`` to a message in the learner's
language (see ``xblocks/partner_workshop/messages.py``).
"""

from __future__ import annotations


class WorkshopError(Exception):
    """A request the rules refuse; nothing was changed."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params

    def __repr__(self):
        return f"WorkshopError({self.code!r}, {self.params!r})"


class WorkshopDefinitionError(WorkshopError):
    """An authored definition the existing registrations do not allow; ``problems`` lists each."""

    def __init__(self, problems: list[WorkshopError]):
        super().__init__("definition_refused", count=len(problems))
        self.problems = problems
