"""Public routes: the survey citizens open from a unit's QR code (no login)."""

from django.urls import path

from .views import public

app_name = "survei"
urlpatterns = [
    path("", public.survey_index, name="index"),
    path("<str:code>/", public.survey_form, name="form"),
    path("<str:code>/terima-kasih/", public.survey_thanks, name="thanks"),
]
