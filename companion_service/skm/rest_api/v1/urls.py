"""Routes of the SKM API v1."""

from django.urls import path

from .views import IkmView

app_name = "skm-api"
urlpatterns = [path("ikm/", IkmView.as_view(), name="ikm")]
