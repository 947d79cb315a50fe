"""Admin: which user is which ASN (found at sign-in, or linked here by an administrator)."""

from django.contrib import admin

from companion_service.core.admin_import import ADMIN_CSS

from .models import AsnAccount, LinkMethod


@admin.register(AsnAccount)
class AsnAccountAdmin(admin.ModelAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = ("user", "asn", "method", "linked_at")
    list_filter = ("method",)
    search_fields = ("user__username", "asn__nip", "asn__name")
    autocomplete_fields = ("user", "asn")
    readonly_fields = ("method", "linked_at")

    def save_model(self, request, obj, form, change):
        obj.method = LinkMethod.MANUAL  # an administrator's link is kept at later sign-ins
        super().save_model(request, obj, form, change)
