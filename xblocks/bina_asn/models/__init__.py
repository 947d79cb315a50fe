"""Tables of the plugin app, one module per block (``assessment``, ``innovation``, ``workshop``).

Every table the companion syncs derives from ``TimeStampedModel`` (indexed ``created`` and
``modified``), so the REST API pages through it in a stable order and answers ``modified_since``.
"""

from . import (
    innovation,  # noqa: F401  (tables of the innovation-idea competition)
    workshop,  # noqa: F401  (partner workshop tables)
)
from .assessment import AssessmentAttempt, AssessmentBankSnapshot, AssessmentMode  # noqa: F401
from .base import TimeStampedModel

__all__ = ["TimeStampedModel"]
