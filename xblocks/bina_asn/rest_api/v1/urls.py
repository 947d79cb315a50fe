"""Routes of the v1 API."""

from django.urls import path

from . import innovation, views

urlpatterns = [
    path("", views.ApiRootView.as_view(), name="root"),
    path("ideas/", innovation.IdeaListView.as_view(), name="ideas"),
]
