"""Routes of the core app."""

from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("tugas/<int:pk>/", views.job, name="job"),
    path("tugas/<int:pk>/berkas/", views.job_file, name="job-file"),
    path("tugas/<int:pk>/status/", views.job_state, name="job-state"),
]
