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


class CourseEnrollment(models.Model):
    """A learner's enrollment in a course of the dev LMS (its ``enroll`` command writes these).

    The dev LMS stands in for Open edX in development: the enrollment, grades and completion APIs
    it serves for the companion's sync are computed from these rows and the ``TrackingEvent`` rows.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dev_enrollments"
    )
    course_id = models.CharField(max_length=255, db_index=True)
    mode = models.CharField(max_length=100, default="audit")
    is_active = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course_id"], name="devlms_enrollment_unique"),
        ]

    def __str__(self):
        return f"{self.user_id} in {self.course_id}"


class ApplicationAccess(models.Model):
    """The scopes an OAuth2 application may ask for beyond the defaults (edx-platform's
    ``oauth_dispatch.models.ApplicationAccess``; ``create_dot_application --scopes`` writes it).

    edx-auth-backends asks for ``user_id``: a sign-in application needs it here.
    """

    application = models.OneToOneField(
        "oauth2_provider.Application", on_delete=models.CASCADE, related_name="access"
    )
    scopes = models.CharField(max_length=255, help_text="Comma-separated scopes, e.g. user_id.")

    def __str__(self):
        return f"{self.application_id}: {self.scopes}"

    @property
    def scope_list(self) -> list[str]:
        return [scope.strip() for scope in self.scopes.split(",") if scope.strip()]
