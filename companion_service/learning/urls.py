"""Routes of the learning app."""

from django.urls import path

from . import views

app_name = "learning"
urlpatterns = [
    path("jp-saya/pelatihan-luar/baru/", views.new_record, name="new"),
    path("jp-saya/pelatihan-luar/<int:pk>/", views.record_detail, name="record"),
    path("jp-saya/pelatihan-luar/<int:pk>/sertifikat", views.certificate, name="certificate"),
    path("verifikasi/", views.queue, name="queue"),
]
