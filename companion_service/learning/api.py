"""The learning app's public Python interface (OEP-49)."""

from .models import OutsideTraining, Status
from .selectors import my_learning
from .signals import outside_learning_changed

__all__ = ["OutsideTraining", "Status", "my_learning", "outside_learning_changed"]
