"""Routes of the v1 API."""

from django.urls import path

from . import innovation, views, workshop
from .assessment import AssessmentAnalysisView, AssessmentAttemptListView

urlpatterns = [
    path("", views.ApiRootView.as_view(), name="root"),
    path("assessment-attempts/", AssessmentAttemptListView.as_view(), name="assessment-attempts"),
    path("assessment-analysis/", AssessmentAnalysisView.as_view(), name="assessment-analysis"),
    path("ideas/", innovation.IdeaListView.as_view(), name="ideas"),
    path("partners/", workshop.PartnerListView.as_view(), name="partners"),
    path("workshop-sessions/", workshop.WorkshopSessionListView.as_view(), name="workshop-sessions"),
    path("workshop-attendance/", workshop.WorkshopAttendanceListView.as_view(), name="workshop-attendance"),
    path("workshop-reactions/", workshop.WorkshopReactionListView.as_view(), name="workshop-reactions"),
]
