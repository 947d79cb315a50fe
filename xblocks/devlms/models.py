"""What the dev LMS records besides the workbench's XBlock state."""

from django.conf import settings
from django.db import models


class TrackingEvent(models.Model):
    """One event a block published (grade, completion, or a tracking event of its own)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    usage_id = models.CharField(max_length=255, db_index=True)
    event_type = models.CharField(max_length=255, db_index=True)
    data = models.JSONField(default=dict)
    time = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.event_type} by {self.user_id} on {self.usage_id}"
