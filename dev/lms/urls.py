"""URLs of the dev LMS."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from workbench import views as workbench_views

from . import oauth, openedx_api, views

devlms_patterns = [
    path("", views.index, name="index"),
    path("login/", auth_views.LoginView.as_view(template_name="devlms/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    re_path(r"^scenario/(?P<scenario_id>[^/]+)/$", views.scenario, name="scenario"),
    re_path(r"^scenario/(?P<scenario_id>[^/]+)/(?P<view_name>[^/]+)/$", views.scenario, name="scenario_view"),
    re_path(
        r"^handler/(?P<usage_id>[^/]+)/(?P<handler_slug>[^/]*)(?:/(?P<suffix>.*))?$",
        views.handler,
        {"authenticated": True},
        name="handler",
    ),
    re_path(
        r"^aside_handler/(?P<usage_id>[^/]+)/(?P<handler_slug>[^/]*)(?:/(?P<suffix>.*))?$",
        views.handler,
        {"authenticated": True},
        name="aside_handler",
    ),
    re_path(
        r"^unauth_handler/(?P<usage_id>[^/]+)/(?P<handler_slug>[^/]*)(?:/(?P<suffix>.*))?$",
        views.handler,
        {"authenticated": False},
        name="unauth_handler",
    ),
    path("oauth2/access_token", oauth.AccessTokenView.as_view(), name="access_token"),
]

urlpatterns = [
    path("", include((devlms_patterns, "devlms"))),
    # The workbench's static resource view serves files packaged with each block.
    re_path(
        r"^resource/(?P<block_type>[^/]+)/(?P<resource>.*)$",
        workbench_views.package_resource,
        name="package_resource",
    ),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/bina/", include(("xblocks.bina_asn.rest_api.urls", "bina_asn"), namespace="bina_asn")),
    path("admin/", admin.site.urls),
    # Development stand-ins for the Open edX APIs the companion's sync reads (ADR 0043).
    path("", include(openedx_api.urlpatterns)),
]
