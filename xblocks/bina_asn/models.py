"""Tables of the plugin app. Each block's tables are added by that block's issue.

Every table the companion syncs carries ``created`` and ``modified`` (indexed), so the REST API can
page through it in a stable order and answer ``modified_since`` without a full scan.
"""

from django.db import models


class TimeStampedModel(models.Model):
    """Abstract base: creation and last-change times in UTC."""

    created = models.DateTimeField(auto_now_add=True, db_index=True)
    modified = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True
