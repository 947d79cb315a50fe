"""Admin screens to view, search, correct and import OPDs and service units."""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from companion_service.core.admin_import import ADMIN_CSS, import_urls, import_view, register_admin_import

from .models import Opd, ServiceUnit
from .services import import_units

UNITS_LAYOUT_HELP = gettext_lazy(
    "One row per OPD or service unit; the first row holds the column names: kode, nama, kode_induk, "
    "jenis (and optionally aktif: ya/tidak). jenis is an OPD kind (dinas, badan, sekretariat, "
    "inspektorat, satpol_pp, kecamatan, kelurahan, rsud, kantor, lainnya) or unit for a service unit. "
    "kode_induk is a kelurahan's kecamatan, or a unit's OPD or parent unit. Rows are matched by code; "
    "if any row is rejected nothing is written."
)


def _run_units_import(data, filename, dry_run, options):
    return import_units(data, filename=filename, dry_run=dry_run)


register_admin_import("organization.import_units", _run_units_import, "admin:organization_opd_changelist")


@admin.register(Opd)
class OpdAdmin(admin.ModelAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = ("code", "name", "kind", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name")
    change_list_template = "admin/core/change_list_with_tools.html"

    def get_urls(self):
        return import_urls(self, "import", self.import_units_view) + super().get_urls()

    def import_units_view(self, request):
        return import_view(
            self,
            request,
            title=_("Import OPDs and service units"),
            run_import=_run_units_import,
            layout_help=UNITS_LAYOUT_HELP,
            job_kind="organization.import_units",
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if self.has_add_permission(request) and self.has_change_permission(request):
            extra_context["extra_tools"] = [
                {"url": reverse("admin:organization_opd_import"), "label": _("Import OPDs and service units")}
            ]
        return super().changelist_view(request, extra_context=extra_context)


@admin.register(ServiceUnit)
class ServiceUnitAdmin(admin.ModelAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = ("code", "name", "opd", "is_active")
    list_filter = ("is_active", "opd")
    search_fields = ("code", "name", "opd__name")
    list_select_related = ("opd",)
