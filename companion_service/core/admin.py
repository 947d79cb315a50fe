"""Admin: the jobs handed to workers (read only), for an administrator looking for a stuck one."""

from django.contrib import admin

from .admin_import import ADMIN_CSS
from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = ("created", "kind", "status", "user", "finished", "filename")
    list_filter = ("status", "kind")
    readonly_fields = [field.name for field in Job._meta.fields]
    exclude = ("params",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
