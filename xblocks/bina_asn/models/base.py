"""Abstract bases shared by the plugin's tables."""

from django.db import models


class TimeStampedModel(models.Model):
    """Abstract base: creation and last-change times in UTC, both indexed."""

    created = models.DateTimeField(auto_now_add=True, db_index=True)
    modified = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True
