"""Routes of the evaluation API v1 (``/api/evaluation/v1/``)."""

from django.urls import path

from . import views

app_name = "evaluation-api"
urlpatterns = [
    path("scorecard/", views.ScorecardView.as_view(), name="scorecard"),
    path("opds/", views.OpdListView.as_view(), name="opds"),
    path("opds/<str:code>/", views.OpdDetailView.as_view(), name="opd"),
    path("impact/", views.ImpactView.as_view(), name="impact"),
    path("jp-ledger/", views.LedgerView.as_view(), name="jp-ledger"),
    path("innovation/", views.InnovationView.as_view(), name="innovation"),
    path("partners/", views.PartnersView.as_view(), name="partners"),
    path("coverage/", views.CoverageView.as_view(), name="coverage"),
    path("assessment-items/", views.ItemAnalysisView.as_view(), name="assessment-items"),
]
