"""The route of "JP saya" at the site's root (``/jp-saya/``), where the LMS course tab points."""

from django.urls import path

from .views.jp_saya import my_jp

app_name = "jp_saya"
urlpatterns = [path("jp-saya/", my_jp, name="page")]
