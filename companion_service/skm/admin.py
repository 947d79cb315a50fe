"""Admin screens for administrators to look up and correct SKM data.

Responses and imports change the tallies, so the admin never adds or edits them directly: a
response is removed through ``services.delete_responses`` (the admin action below), an import is
undone on the imports page.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import (
    FollowUp,
    ImportBatch,
    ServiceKind,
    ServiceUserCount,
    SurveyResponse,
    UnitSurvey,
    UnsurWording,
)


@admin.register(UnitSurvey)
class UnitSurveyAdmin(admin.ModelAdmin):
    list_display = ("unit", "is_open", "ask_officer", "modified")
    list_filter = ("is_open",)
    search_fields = ("unit__code", "unit__name")
    list_select_related = ("unit",)


@admin.register(ServiceKind)
class ServiceKindAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "unit", "is_active", "position")
    list_filter = ("is_active",)
    search_fields = ("name", "code", "unit__code", "unit__name")
    list_select_related = ("unit",)

    def has_delete_permission(self, request, obj=None):
        return False  # kinds with responses are kept; untick "offered" instead


@admin.register(UnsurWording)
class UnsurWordingAdmin(admin.ModelAdmin):
    list_display = ("unit", "code", "question")
    list_filter = ("code",)
    search_fields = ("unit__code", "unit__name", "question")
    list_select_related = ("unit",)


@admin.register(ServiceUserCount)
class ServiceUserCountAdmin(admin.ModelAdmin):
    list_display = ("unit", "period_kind", "year", "number", "users", "note", "modified")
    list_filter = ("period_kind", "year")
    search_fields = ("unit__code", "unit__name")
    list_select_related = ("unit",)


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ("unit", "period_kind", "year", "number", "unsur", "owner", "due_on", "status", "done_on")
    list_filter = ("status", "unsur", "year")
    search_fields = ("unit__code", "unit__name", "action", "owner")
    list_select_related = ("unit",)


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = (
        "filename",
        "status",
        "source",
        "imported_rows",
        "rejected_rows",
        "uploaded_by",
        "created",
    )
    list_filter = ("status", "source")
    search_fields = ("filename", "sha256")
    exclude = ("content",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    list_display = ("unit", "answered_on", "service_kind", "source", "submitted_at")
    list_filter = ("source", "answered_on")
    search_fields = ("unit__code", "unit__name")
    list_select_related = ("unit", "service_kind")
    actions = ["delete_with_tallies"]
    date_hierarchy = "answered_on"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("delete_with_tallies", None)
        return actions

    @admin.action(description=_("Delete the selected responses (spam or entered twice)"))
    def delete_with_tallies(self, request, queryset):
        deleted = services.delete_responses(queryset)
        self.message_user(
            request,
            ngettext("%(count)d response deleted.", "%(count)d responses deleted.", deleted)
            % {"count": deleted},
            messages.SUCCESS,
        )
