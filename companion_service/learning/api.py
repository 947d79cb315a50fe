"""The learning app's public Python interface (OEP-49)."""

from .models import OutsideTraining, Status
from .signals import outside_learning_changed

__all__ = ["OutsideTraining", "Status", "outside_learning_changed"]
