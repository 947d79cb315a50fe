"""Staff routes of the SKM app (evaluators and administrators)."""

from django.urls import path

from .views import documents, followups, imports, reports, review, setup

app_name = "skm"
urlpatterns = [
    path("", reports.overview, name="overview"),
    path("unit/<str:code>/", reports.unit_detail, name="unit"),
    path("unit/<str:code>/poster/", documents.poster, name="poster"),
    path("unit/<str:code>/poster.pdf", documents.poster_pdf, name="poster-pdf"),
    path("unit/<str:code>/qr.svg", documents.qr_svg, name="qr"),
    path("unit/<str:code>/<str:period>/", reports.period_report, name="report"),
    path("unit/<str:code>/<str:period>/laporan.pdf", documents.report_pdf, name="report-pdf"),
    path("unit/<str:code>/<str:period>/publikasi.pdf", documents.publication_pdf, name="publication-pdf"),
    path("unit/<str:code>/<str:period>/komentar/", reports.comment_list, name="comments"),
    path("unit/<str:code>/<str:period>/pengguna/", reports.set_population, name="population"),
    path("impor/", imports.import_list, name="imports"),
    path("impor/templat.csv", imports.import_template_csv, name="import-template"),
    path("impor/<int:batch_id>/", imports.import_detail, name="import-detail"),
    path("impor/<int:batch_id>/ditolak.csv", imports.import_errors_csv, name="import-errors"),
    path("impor/<int:batch_id>/batal/", imports.import_undo, name="import-undo"),
    path("tinjauan/", review.review, name="review"),
    path("rtl/", followups.follow_up_list, name="follow-ups"),
    path("rtl/baru/", followups.follow_up_edit, name="follow-up-new"),
    path("rtl/<int:follow_up_id>/", followups.follow_up_edit, name="follow-up-edit"),
    path("unit-survei/", setup.unit_list, name="setup"),
    path("unit-survei/<str:code>/", setup.unit_setup, name="unit-setup"),
]
