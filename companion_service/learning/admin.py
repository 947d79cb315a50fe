"""Admin screens: outside trainings (read-only here: decisions go through the verification page so
they are audited), BKPSDM's bulk import and its undo, and the pillars each course develops."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from companion_service.core.admin_import import ADMIN_CSS, import_urls, import_view, register_admin_import

from . import importing
from .models import CourseFocus, ImportBatch, OutsideTraining

LAYOUT_HELP = gettext_lazy(
    "One row per training and ASN; the first row holds the column names. Required: nip, "
    "nama_pelatihan, penyelenggara, jalur (a learning channel: pelatihan, seminar, workshop, kursus, "
    "bimtek, sosialisasi, penataran, e_learning, coaching, mentoring, distance_learning, magang, "
    "detasering, benchmarking, self_study, community_of_practice, pertukaran), tanggal_mulai, "
    "tanggal_selesai (2026-05-12 or 12-05-2026), and jp or jam. Optional: nomor_sertifikat. "
    "Imported records are approved and count at once; if any row is rejected nothing is written; "
    "an import can be undone on the imports page."
)


def _run_outside_import(data, filename, dry_run, options, user=None):
    return importing.run_import(data, filename, dry_run, user=user)


# The apply is a worker's job (ADR 0130): the administrator waits on the job's page.
register_admin_import(
    "learning.import_outside",
    _run_outside_import,
    "admin:learning_outsidetraining_changelist",
    with_user=True,
)


@admin.register(OutsideTraining)
class OutsideTrainingAdmin(admin.ModelAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = ("title", "asn", "provider", "channel", "finished_on", "jp", "status", "source")
    list_filter = ("status", "source", "channel")
    search_fields = ("title", "provider", "asn__nip", "asn__name", "certificate_number")
    list_select_related = ("asn",)
    date_hierarchy = "finished_on"
    change_list_template = "admin/core/change_list_with_tools.html"

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def add_view(self, request, form_url="", extra_context=None):
        raise PermissionDenied  # ASN record their own; BKPSDM imports

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return import_urls(self, "import", self.import_records_view) + super().get_urls()

    def import_records_view(self, request):
        def run(data, filename, dry_run, options):
            return importing.run_import(data, filename, dry_run, user=request.user)

        return import_view(
            self,
            request,
            title=_("Import outside trainings"),
            run_import=run,
            layout_help=LAYOUT_HELP,
            job_kind="learning.import_outside",
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if self.has_add_permission(request) and self.has_change_permission(request):
            extra_context["extra_tools"] = [
                {
                    "url": reverse("admin:learning_outsidetraining_import"),
                    "label": _("Import outside trainings"),
                }
            ]
        return super().changelist_view(request, extra_context=extra_context)


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = ("filename", "rows", "imported_by", "imported_at", "undone_at")
    readonly_fields = ("filename", "sha256", "rows", "imported_by", "imported_at", "undone_at", "undone_by")
    actions = ["undo_imports"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=gettext_lazy("Undo the chosen imports (their records stop counting)"))
    def undo_imports(self, request, queryset):
        removed = 0
        for batch in queryset:
            try:
                removed += importing.undo(batch, request.user)
            except ValueError as exc:
                messages.warning(request, f"{batch}: {exc}")
        messages.success(request, _("%(count)d records taken out.") % {"count": removed})


@admin.register(CourseFocus)
class CourseFocusAdmin(admin.ModelAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = ("course", "pillars")
    autocomplete_fields = ("course",)
