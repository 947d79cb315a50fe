"""Pages, downloads and reports of the evaluation (``/evaluasi/``)."""

from django.urls import path

from .views import documents, downloads, pages

app_name = "evaluation"
urlpatterns = [
    path("", pages.scorecard, name="scorecard"),
    path("opd/", pages.opd_index, name="opds"),
    path("opd/<str:code>/", pages.opd, name="opd"),
    path("dampak/", pages.impact, name="impact"),
    path("jp/", pages.ledger, name="ledger"),
    path("inovasi/", pages.innovation, name="innovation"),
    path("mitra/", pages.partners, name="partners"),
    path("cakupan/", pages.coverage, name="coverage"),
    path("butir-soal/", pages.items, name="items"),
    path("metodologi/", pages.methodology, name="methodology"),
    path("unduh/<slug:page>/<slug:table>.<slug:fmt>", downloads.table, name="download"),
    path("unduh/jp.<slug:fmt>", downloads.ledger, name="ledger-export"),
    path("unduh/siasn-riwayat-kursus.<slug:fmt>", downloads.siasn_export, name="siasn-export"),
    path("unduh/siasn-periksa.<slug:fmt>", downloads.siasn_check, name="siasn-check"),
    path("laporan/skor.pdf", documents.scorecard_pdf, name="scorecard-pdf"),
    path("laporan/dampak.pdf", documents.impact_pdf, name="impact-pdf"),
]
