"""Routes of the v1 API."""

from django.urls import path

from . import views
from .assessment import AssessmentAttemptListView

urlpatterns = [
    path("", views.ApiRootView.as_view(), name="root"),
    path("assessment-attempts/", AssessmentAttemptListView.as_view(), name="assessment-attempts"),
]
