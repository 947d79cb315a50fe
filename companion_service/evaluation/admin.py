"""Admin screens: the training programme (which courses count, the defaults of the impact page)
and the history of refreshes, with a button to refresh now."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _

from companion_service.core.admin_import import ADMIN_CSS

from .models import Programme, RefreshRun
from .refresh import refresh


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = ("name", "rule", "default_threshold", "default_window", "modified")
    filter_horizontal = ("courses",)

    def has_add_permission(self, request):
        return not Programme.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        run = refresh("programme")
        if run.status == "ok":
            messages.info(request, _("The figures were recomputed with the new programme."))


@admin.register(RefreshRun)
class RefreshRunAdmin(admin.ModelAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = ("started", "trigger", "status", "seconds")
    list_filter = ("status", "trigger")
    readonly_fields = [field.name for field in RefreshRun._meta.fields]
    change_list_template = "admin/evaluation/refreshrun/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        own = [path("refresh/", self.admin_site.admin_view(self.refresh_view), name="evaluation_refresh_now")]
        return own + super().get_urls()

    def refresh_view(self, request):
        if request.method != "POST" or not request.user.has_perm("evaluation.view_refreshrun"):
            return redirect(reverse("admin:evaluation_refreshrun_changelist"))
        run = refresh("admin")
        if run.status == "ok":
            messages.success(request, _("Figures recomputed in %(seconds).1f s.") % {"seconds": run.seconds})
        else:
            messages.error(request, _("The refresh failed: %(error)s") % {"error": run.error})
        return redirect(reverse("admin:evaluation_refreshrun_changelist"))
