"""Routes of the v1 API."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.ApiRootView.as_view(), name="root"),
]
