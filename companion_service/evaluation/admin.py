"""Admin screens: the training programme (which courses count, the defaults of the impact page)
and the history of refreshes, with a button that has a worker recompute every figure."""

from django.contrib import admin, messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _

from companion_service.core.admin_import import ADMIN_CSS

from .models import Programme, RefreshRun
from .receivers import schedule_refresh
from .refresh import changes


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
        changes.note_everything()
        transaction.on_commit(lambda: schedule_refresh("programme"))
        messages.info(
            request, _("A worker recomputes the figures with the new programme; it takes a minute.")
        )


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
        from .tasks import refresh_all

        refresh_all.delay(full=True, trigger="admin")
        messages.success(
            request, _("A worker recomputes every figure now; the list shows the run when it is done.")
        )
        return redirect(reverse("admin:evaluation_refreshrun_changelist"))
