"""Admin screens to view, search, correct and import the roster."""

from django.contrib import admin
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from companion_service.core.admin_import import ADMIN_CSS, import_urls, import_view, register_admin_import

from .models import Asn, Position
from .services import import_roster
from .signals import roster_changed

ROSTER_LAYOUT_HELP = gettext_lazy(
    "One row per ASN; the first row holds the column names. Required: nip, nama, kode_opd (the OPD's "
    "code or name). Optional: kode_unit, jabatan, jenis_jabatan (struktural, fungsional or pelaksana), "
    "golongan (III/a or, for PPPK, IX), jenis_pegawai (PNS or PPPK; the NIP must agree), email, "
    "username_lms (the Open edX username). Blank optional cells keep what is already recorded. "
    "Rows are matched by NIP; if any row is rejected nothing is written."
)


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = ("name", "kind", "asn_count")
    list_filter = ("kind",)
    search_fields = ("name",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(asn_total=Count("asn"))

    @admin.display(description=gettext_lazy("ASN"), ordering="asn_total")
    def asn_count(self, obj):
        return obj.asn_total


def _run_roster_import(data, filename, dry_run, options):
    return import_roster(data, filename=filename, dry_run=dry_run)


register_admin_import("roster.import", _run_roster_import, "admin:roster_asn_changelist")


@admin.register(Asn)
class AsnAdmin(admin.ModelAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = (
        "nip",
        "name",
        "opd",
        "position",
        "rank",
        "employment_type",
        "openedx_username",
        "is_active",
    )
    list_filter = ("employment_type", "position__kind", "is_active", "opd")
    search_fields = ("nip", "name", "email", "openedx_username")
    list_select_related = ("opd", "position")
    autocomplete_fields = ("opd", "service_unit", "position")
    readonly_fields = ("nip_details", "created", "modified")
    list_per_page = 50
    change_list_template = "admin/core/change_list_with_tools.html"
    fieldsets = (
        (None, {"fields": ("nip", "nip_details", "name", "employment_type", "rank")}),
        (gettext_lazy("Placement"), {"fields": ("opd", "service_unit", "position")}),
        (gettext_lazy("Contact and LMS"), {"fields": ("email", "openedx_username", "is_active")}),
        (gettext_lazy("Record"), {"fields": ("created", "modified")}),
    )

    @admin.display(description=gettext_lazy("What the NIP says"))
    def nip_details(self, obj):
        nip = obj.parsed_nip if obj and obj.pk else None
        if nip is None:
            return "-"
        sex = _("male") if nip.sex == "L" else _("female")
        start = f"{nip.start_year}-{nip.start_month:02d}" if nip.start_month else str(nip.start_year)
        return _("%(kind)s; born %(birth)s; %(sex)s; started %(start)s") % {
            "kind": nip.kind,
            "birth": nip.birth_date.isoformat(),
            "sex": sex,
            "start": start,
        }

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(lambda: roster_changed.send(sender=Asn))

    def get_urls(self):
        return import_urls(self, "import", self.import_roster_view) + super().get_urls()

    def import_roster_view(self, request):
        return import_view(
            self,
            request,
            title=_("Import the roster"),
            run_import=_run_roster_import,
            layout_help=ROSTER_LAYOUT_HELP,
            job_kind="roster.import",
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if self.has_add_permission(request) and self.has_change_permission(request):
            extra_context["extra_tools"] = [
                {"url": reverse("admin:roster_asn_import"), "label": _("Import the roster")}
            ]
        return super().changelist_view(request, extra_context=extra_context)
