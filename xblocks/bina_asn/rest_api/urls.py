"""Versioned REST API of the plugin app, mounted at ``/api/bina/`` in the LMS."""

from django.urls import include, path

urlpatterns = [
    path("v1/", include(("xblocks.bina_asn.rest_api.v1.urls", "v1"), namespace="v1")),
]
