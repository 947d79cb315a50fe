"""Tables of the plugin app: one module per block (``assessment``, ``innovation``, ``workshop``) and the
city's OPDs and units (``organization``).

Every table the companion syncs derives from ``TimeStampedModel`` (indexed ``created`` and
``modified``), so the REST API pages through it in a stable order and answers ``modified_since``.
"""

from . import (
    innovation,  # noqa: F401  (tables of the innovation-idea competition)
    organization,  # noqa: F401  (the city's OPDs and service units)
    workshop,  # noqa: F401  (partner workshop tables)
)
from .assessment import AssessmentAttempt, AssessmentBankSnapshot, AssessmentMode  # noqa: F401
from .base import TimeStampedModel

__all__ = ["TimeStampedModel"]
