"""URLs of the companion service."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView

from companion_service.core import views as core_views
from companion_service.signin import views as signin_views

admin.site.site_header = _("Bina ASN companion: administration")
admin.site.site_title = _("Bina ASN companion")

urlpatterns = [
    path("", include("companion_service.core.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("login/", signin_views.LoginView.as_view(), name="login"),
    path("logout/", signin_views.logout_view, name="logout"),
    # /login/edx-oauth2/ starts the sign-in through Open edX; the LMS returns to /complete/edx-oauth2/.
    path("", include("social_django.urls", namespace="social")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("survei/", include("companion_service.skm.public_urls")),
    path("skm/", include("companion_service.skm.urls")),
    path("api/skm/v1/", include("companion_service.skm.rest_api.v1.urls")),
    path("evaluasi/", include("companion_service.evaluation.urls")),
    path("", include("companion_service.evaluation.jp_saya_urls")),
    path("", include("companion_service.learning.urls")),
    path("api/evaluation/v1/", include("companion_service.evaluation.rest_api.v1.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
]
