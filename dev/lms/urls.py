"""URLs of the dev LMS."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from edx_django_utils.plugins import get_plugin_url_patterns
from workbench import views as workbench_views

from . import oauth, openedx_api, views

devlms_patterns = [
    path("", views.index, name="index"),
    path("login/", auth_views.LoginView.as_view(template_name="devlms/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    re_path(r"^scenario/(?P<scenario_id>[^/]+)/$", views.scenario, name="scenario"),
    re_path(r"^scenario/(?P<scenario_id>[^/]+)/(?P<view_name>[^/]+)/$", views.scenario, name="scenario_view"),
    # The platform's handler URL shapes (ADR 0080): LMS, LMS without sign-in, Studio, Studio preview.
    re_path(
        r"^courses/(?P<course_id>[^/]+)/xblock/(?P<usage_id>[^/]+)/handler/(?P<handler>[^/]*)(?:/(?P<suffix>.*))?$",
        views.lms_handler,
        {"authenticated": True},
        name="xblock_handler",
    ),
    re_path(
        r"^courses/(?P<course_id>[^/]+)/xblock/(?P<usage_id>[^/]+)/handler_noauth/(?P<handler>[^/]*)(?:/(?P<suffix>.*))?$",
        views.lms_handler,
        {"authenticated": False},
        name="xblock_handler_noauth",
    ),
    re_path(
        r"^xblock/(?P<usage_id>[^/]+)/handler/(?P<handler>[^/]*)(?:/(?P<suffix>.*))?$",
        views.component_handler,
        name="component_handler",
    ),
    re_path(
        r"^preview/xblock/(?P<usage_id>[^/]+)/handler/(?P<handler>[^/]*)(?:/(?P<suffix>.*))?$",
        views.preview_handler,
        name="preview_handler",
    ),
    path("oauth2/access_token", oauth.AccessTokenView.as_view(), name="access_token"),
    path("oauth2/authorize", oauth.AuthorizationView.as_view(), name="authorize"),
    path("logout", oauth.logout_view, name="lms_logout"),
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
    # The plugin app's URLs, from its plugin_app config, as the LMS mounts them (lms/urls.py).
    *get_plugin_url_patterns(settings.PROJECT_TYPE),
    path("admin/", admin.site.urls),
    # Development stand-ins for the Open edX APIs the companion's sync reads (ADR 0043).
    path("", include(openedx_api.urlpatterns)),
]
