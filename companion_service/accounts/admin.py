"""Admin screens: who reads which OPD or partner, and the audit log (read-only)."""

from django.contrib import admin

from companion_service.core.admin_import import ADMIN_CSS

from .models import AccessLink, AuditEvent


@admin.register(AccessLink)
class AccessLinkAdmin(admin.ModelAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = ("user", "opd", "partner_name", "modified")
    list_filter = ("opd",)
    search_fields = ("user__username", "user__email", "opd__code", "opd__name", "partner_name")
    autocomplete_fields = ("user", "opd")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = ("created", "username", "roles", "action", "resource", "file_format", "scope", "status")
    list_filter = ("action", "file_format", "resource")
    search_fields = ("username", "resource", "scope")
    date_hierarchy = "created"
    readonly_fields = [field.name for field in AuditEvent._meta.fields]
    ordering = ("-created", "-id")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
