"""Admin screens to view, search and correct OPDs and service units."""

from django.contrib import admin

from .models import Opd, ServiceUnit


@admin.register(Opd)
class OpdAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name")


@admin.register(ServiceUnit)
class ServiceUnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "opd", "is_active")
    list_filter = ("is_active", "opd")
    search_fields = ("code", "name", "opd__name")
    list_select_related = ("opd",)
