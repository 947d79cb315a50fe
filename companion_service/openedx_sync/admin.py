"""Admin screens: LMS connections (test, sync now), the run history, courses' JP, learners to link."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from companion_service.core.admin_import import ADMIN_CSS
from companion_service.roster import api as roster_api

from .channels import JpSource, NoEstimate
from .linking import (
    automatic_links,
    awaiting_nip_confirmation,
    clear_link,
    confirm_nip_links,
    link_manually,
    mark_links_checked,
)
from .models import (
    ACTIVE_STATUSES,
    AssessmentAttempt,
    Completion,
    Course,
    Enrollment,
    Grade,
    Idea,
    Learner,
    LmsConnection,
    RunStatus,
    SyncRun,
    WorkshopAttendance,
    WorkshopReaction,
    WorkshopSession,
)
from .runs import request_cancel
from .selectors import SUMMARY_COUNTERS, last_run
from .services import (
    ConnectionNotUsable,
    SyncAlreadyRunning,
    set_client_secret,
    start_sync,
    test_connection,
)
from .signals import data_synced, send_changes

COUNTER_LABELS = {
    "courses": gettext_lazy("Courses"),
    "enrollments": gettext_lazy("Enrollments"),
    "grades": gettext_lazy("Grades"),
    "completions": gettext_lazy("Completions"),
    "assessment_attempts": gettext_lazy("Assessment attempts"),
    "ideas": gettext_lazy("Ideas"),
    "workshop_attendance": gettext_lazy("Workshop attendance"),
    "workshop_sessions": gettext_lazy("Workshop sessions"),
    "workshop_reactions": gettext_lazy("Workshop reactions"),
    "certificates": gettext_lazy("Certificate look-ups"),
}


def _local(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value else "-"


# -- connections ---------------------------------------------------------------------------------


class LmsConnectionForm(forms.ModelForm):
    base_url = forms.URLField(
        label=gettext_lazy("LMS base URL"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("For example https://lms.sibolgakota.go.id (no path)."),
    )
    client_secret = forms.CharField(
        label=gettext_lazy("Client secret"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy(
            "Stored encrypted. Leave empty to keep the stored one (or, if none is stored, to read "
            "OPENEDX_CLIENT_SECRET from the environment, for the LMS named in OPENEDX_LMS_URL only). "
            "Changing the URL removes the stored secret."
        ),
    )
    forget_secret = forms.BooleanField(
        label=gettext_lazy("Forget the stored secret (use OPENEDX_CLIENT_SECRET)"), required=False
    )

    class Meta:
        model = LmsConnection
        fields = [
            "name",
            "base_url",
            "client_id",
            "service_username",
            "completion_source",
            "completion_concurrency",
            "completion_refresh_days",
            "certificate_lookups",
            "is_active",
        ]

    def clean_base_url(self):
        url = self.cleaned_data["base_url"].rstrip("/")
        if LmsConnection.objects.filter(base_url=url).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another connection already uses this URL."))
        return url

    def clean_completion_concurrency(self):
        value = self.cleaned_data["completion_concurrency"]
        if not 1 <= value <= 4:
            raise forms.ValidationError(_("Use 1 to 4 parallel requests."))
        return value


@admin.register(LmsConnection)
class LmsConnectionAdmin(admin.ModelAdmin):
    class Media:
        css = ADMIN_CSS

    form = LmsConnectionForm
    list_display = (
        "name",
        "base_url",
        "client_id",
        "secret_stored",
        "is_active",
        "last_run_status",
        "test_result",
    )
    readonly_fields = ("last_tested_local", "last_test_message", "runs_link")
    actions = ["test_selected", "sync_selected"]
    change_form_template = "admin/openedx_sync/lmsconnection/change_form.html"
    fieldsets = (
        (None, {"fields": ("name", "base_url", "is_active")}),
        (
            gettext_lazy("OAuth2 client (client credentials)"),
            {"fields": ("client_id", "client_secret", "forget_secret", "service_username")},
        ),
        (
            gettext_lazy("What to read"),
            {
                "fields": (
                    "completion_source",
                    "completion_concurrency",
                    "completion_refresh_days",
                    "certificate_lookups",
                )
            },
        ),
        (gettext_lazy("Last test"), {"fields": ("last_tested_local", "last_test_message", "runs_link")}),
    )

    @admin.display(description=gettext_lazy("secret stored"), boolean=True)
    def secret_stored(self, obj):
        return bool(obj.client_secret_encrypted)

    @admin.display(description=gettext_lazy("last sync"))
    def last_run_status(self, obj):
        run = last_run(obj)
        return f"{run.get_status_display()} ({_local(run.started)})" if run else "-"

    @admin.display(description=gettext_lazy("last test"))
    def test_result(self, obj):
        if obj.last_test_ok is None:
            return "-"
        return _("works") if obj.last_test_ok else _("does not work")

    @admin.display(description=gettext_lazy("last tested"))
    def last_tested_local(self, obj):
        return _local(obj.last_tested)

    @admin.display(description=gettext_lazy("run history"))
    def runs_link(self, obj):
        if not obj.pk:
            return "-"
        url = reverse("admin:openedx_sync_syncrun_changelist") + f"?connection__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("See the runs of this LMS"))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        secret = form.cleaned_data.get("client_secret")
        if secret:
            set_client_secret(obj, secret)
        elif form.cleaned_data.get("forget_secret"):
            set_client_secret(obj, "")
        elif obj.secret_dropped:
            self.message_user(
                request,
                _(
                    "The LMS URL changed: the stored client secret was removed, so that it is not sent "
                    "to another host. Enter the client secret of %(url)s."
                )
                % {"url": obj.base_url},
                messages.WARNING,
            )

    # -- test and sync ------------------------------------------------------------------------
    def get_urls(self):
        own = [
            path(
                "<int:pk>/test/",
                self.admin_site.admin_view(self.test_view),
                name="openedx_sync_lmsconnection_test",
            ),
            path(
                "<int:pk>/sync/",
                self.admin_site.admin_view(self.sync_view),
                name="openedx_sync_lmsconnection_sync",
            ),
        ]
        return own + super().get_urls()

    def _report_test(self, request, connection):
        ok, lines = test_connection(connection)
        level = messages.SUCCESS if ok else messages.ERROR
        head = _("Connection %(name)s works.") if ok else _("Connection %(name)s does not work.")
        self.message_user(request, head % {"name": connection.name} + " " + " ".join(lines), level)

    def _start(self, request, connection, full=False):
        try:
            run = start_sync(connection, full=full, user=request.user)
        except (ConnectionNotUsable, SyncAlreadyRunning) as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return None
        self.message_user(
            request,
            _("Sync of %(name)s queued for a worker (run #%(id)d); its page shows the progress.")
            % {"name": connection.name, "id": run.pk},
            messages.SUCCESS,
        )
        return run

    def test_view(self, request, pk):
        connection = get_object_or_404(LmsConnection, pk=pk)
        if request.method != "POST" or not self.has_change_permission(request, connection):
            raise PermissionDenied
        self._report_test(request, connection)
        return redirect("admin:openedx_sync_lmsconnection_change", pk)

    def sync_view(self, request, pk):
        connection = get_object_or_404(LmsConnection, pk=pk)
        if request.method != "POST" or not self.has_change_permission(request, connection):
            raise PermissionDenied
        run = self._start(request, connection, full=request.POST.get("full") == "1")
        if run:
            return redirect("admin:openedx_sync_syncrun_change", run.pk)
        return redirect("admin:openedx_sync_lmsconnection_change", pk)

    @admin.action(description=gettext_lazy("Test the selected connections"), permissions=["change"])
    def test_selected(self, request, queryset):
        for connection in queryset:
            self._report_test(request, connection)

    @admin.action(description=gettext_lazy("Sync the selected connections now"), permissions=["change"])
    def sync_selected(self, request, queryset):
        for connection in queryset:
            self._start(request, connection)


# -- run history ---------------------------------------------------------------------------------


class ReadOnlyAdmin(admin.ModelAdmin):
    """Synced data and history: administrators look, the sync writes."""

    class Media:
        css = ADMIN_CSS

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SyncRun)
class SyncRunAdmin(ReadOnlyAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = (
        "started_local",
        "connection",
        "status_label",
        "duration_text",
        "progress_text",
        "trigger",
        "enrollments_text",
        "grades_text",
        "unmatched_learners",
        "error_count",
    )
    list_filter = ("status", "connection", "trigger", "full")
    list_select_related = ("connection",)
    date_hierarchy = "started"
    change_form_template = "admin/openedx_sync/syncrun/change_form.html"
    fields = (
        "connection",
        "status_label",
        "full",
        "trigger",
        "started_by",
        "started_local",
        "finished_local",
        "duration_text",
        "progress_text",
        "current_unit",
        "attempts",
        "counts_table",
        "unmatched_link",
        "errors_table",
        "notes_text",
        "http_calls",
        "http_retries",
        "resumed_from",
    )
    readonly_fields = fields

    @admin.display(description=gettext_lazy("started"), ordering="started")
    def started_local(self, obj):
        return _local(obj.started)

    @admin.display(description=gettext_lazy("finished"))
    def finished_local(self, obj):
        return _local(obj.finished)

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_label(self, obj):
        return obj.get_status_display()

    @admin.display(description=gettext_lazy("duration"))
    def duration_text(self, obj):
        if obj.duration is None:
            return _("still running") if obj.status == RunStatus.RUNNING else "-"
        return _("%(seconds).1f s") % {"seconds": obj.duration.total_seconds()}

    @admin.display(description=gettext_lazy("progress"))
    def progress_text(self, obj):
        if obj.status == RunStatus.QUEUED:
            return _("waiting for a worker")
        return _("%(rows)d rows so far; %(done)d of %(total)d units") % {
            "rows": obj.rows_done,
            "done": obj.units_done,
            "total": max(obj.units_total, obj.units_done),
        }

    # -- cancel -------------------------------------------------------------------------------
    def get_urls(self):
        own = [
            path(
                "<int:pk>/cancel/",
                self.admin_site.admin_view(self.cancel_view),
                name="openedx_sync_syncrun_cancel",
            ),
            path(
                "<int:pk>/progress/",
                self.admin_site.admin_view(self.progress_view),
                name="openedx_sync_syncrun_progress",
            ),
        ]
        return own + super().get_urls()

    def progress_view(self, request, pk):
        """Where the run stands, for the run page's script (``core/follow.js``): no page reloads."""
        run = get_object_or_404(SyncRun, pk=pk)
        if not self.has_view_permission(request, run):
            raise PermissionDenied
        text = f"{run.get_status_display()}: {self.progress_text(run)}"
        if run.current_unit and run.status == RunStatus.RUNNING:
            text += " · " + run.current_unit
        return JsonResponse({"active": run.status in ACTIVE_STATUSES, "status": run.status, "text": text})

    def cancel_view(self, request, pk):
        run = get_object_or_404(SyncRun, pk=pk)
        if request.method != "POST" or not request.user.has_perm("openedx_sync.change_lmsconnection"):
            raise PermissionDenied
        if request_cancel(run):
            self.message_user(
                request,
                _("Run #%(id)d will stop after the unit it is writing; what it wrote so far stays.")
                % {"id": run.pk},
                messages.SUCCESS,
            )
        else:
            self.message_user(request, _("Run #%(id)d has already ended.") % {"id": run.pk}, messages.WARNING)
        return redirect("admin:openedx_sync_syncrun_change", pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "active_statuses": [str(status) for status in ACTIVE_STATUSES],
            "can_cancel": request.user.has_perm("openedx_sync.change_lmsconnection"),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def _numbers(self, obj, counter):
        numbers = obj.counts.get(counter, {})
        return _("%(fetched)d read / %(created)d new / %(updated)d changed") % {
            "fetched": numbers.get("fetched", 0),
            "created": numbers.get("created", 0),
            "updated": numbers.get("updated", 0),
        }

    @admin.display(description=gettext_lazy("enrollments"))
    def enrollments_text(self, obj):
        return self._numbers(obj, "enrollments")

    @admin.display(description=gettext_lazy("grades"))
    def grades_text(self, obj):
        return self._numbers(obj, "grades")

    @admin.display(description=gettext_lazy("errors"))
    def error_count(self, obj):
        return len(obj.errors)

    @admin.display(description=gettext_lazy("counts"))
    def counts_table(self, obj):
        rows = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    COUNTER_LABELS[counter],
                    obj.counts.get(counter, {}).get("fetched", 0),
                    obj.counts.get(counter, {}).get("created", 0),
                    obj.counts.get(counter, {}).get("updated", 0),
                )
                for counter in SUMMARY_COUNTERS
            ),
        )
        return format_html(
            "<table><thead><tr><th scope='col'>{}</th><th scope='col'>{}</th><th scope='col'>{}</th>"
            "<th scope='col'>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("Data"),
            _("Read"),
            _("New"),
            _("Changed"),
            rows,
        )

    @admin.display(description=gettext_lazy("errors"))
    def errors_table(self, obj):
        if not obj.errors:
            return _("None")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((e.get("endpoint") or "-", e.get("status") or "-", e.get("message", "")) for e in obj.errors),
        )
        return format_html(
            "<table><thead><tr><th scope='col'>{}</th><th scope='col'>{}</th><th scope='col'>{}</th>"
            "</tr></thead><tbody>{}</tbody></table>",
            _("Endpoint"),
            _("HTTP status"),
            _("What happened"),
            rows,
        )

    @admin.display(description=gettext_lazy("notes"))
    def notes_text(self, obj):
        notes = obj.counts.get("notes", [])
        return format_html_join("", "<p>{}</p>", ((note,) for note in notes)) if notes else "-"

    @admin.display(description=gettext_lazy("learners not linked to the roster"))
    def unmatched_link(self, obj):
        url = reverse("admin:openedx_sync_learner_changelist") + "?linked=no"
        return format_html('{} (<a href="{}">{}</a>)', obj.unmatched_learners, url, _("link them"))


# -- courses -------------------------------------------------------------------------------------


class JpFilter(admin.SimpleListFilter):
    title = gettext_lazy("JP")
    parameter_name = "jp"

    def lookups(self, request, model_admin):
        return [("missing", _("No JP yet")), ("set", _("Has JP"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(jp__isnull=True)
        if self.value() == "set":
            return queryset.filter(jp__isnull=False)
        return queryset


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = ("name", "course_key", "jp", "channel", "effort", "jp_source_text", "in_lms", "learners")
    list_editable = ("jp", "channel")
    list_filter = (JpFilter, "channel", "in_lms", "connection")
    search_fields = ("name", "course_key")
    readonly_fields = (
        "connection",
        "course_key",
        "name",
        "org",
        "number",
        "short_description",
        "start",
        "end",
        "effort",
        "pacing",
        "hidden",
        "in_lms",
        "first_seen",
        "last_seen",
        "jp_set_by_admin",
    )
    fields = ("jp", "channel", *readonly_fields)

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(learner_count=Count("enrollments", filter=Q(enrollments__is_active=True)))
        )

    @admin.display(description=gettext_lazy("Source of the JP"))
    def jp_source_text(self, obj):
        """Set by BKPSDM, estimated from effort x weeks, or missing (with the reason)."""
        source = JpSource(obj.jp_source)
        if source == JpSource.MISSING and obj.jp_estimate.reason:
            return f"{source.label}: {NoEstimate(obj.jp_estimate.reason).label}"
        estimate = obj.jp_estimate
        if source == JpSource.ESTIMATED and estimate.jp is not None:
            return f"{source.label} ({estimate.minutes_per_week} min x {estimate.weeks})"
        return source.label

    @admin.display(description=gettext_lazy("enrolled"), ordering="learner_count")
    def learners(self, obj):
        return obj.learner_count

    def save_model(self, request, obj, form, change):
        if "jp" in form.changed_data:
            obj.jp_set_by_admin = obj.jp is not None
        super().save_model(request, obj, form, change)
        if {"jp", "channel"} & set(form.changed_data):  # admin views run in a transaction
            send_changes(courses=[obj.pk])
            transaction.on_commit(lambda: data_synced.send(sender=Course, course=obj.pk))


# -- learners ------------------------------------------------------------------------------------


class LinkedFilter(admin.SimpleListFilter):
    title = gettext_lazy("linked to the roster")
    parameter_name = "linked"

    def lookups(self, request, model_admin):
        return [("no", _("Not linked (to do)")), ("yes", _("Linked")), ("not_asn", _("Marked as no ASN"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(asn__isnull=True).exclude(link_method="manual")
        if self.value() == "yes":
            return queryset.filter(asn__isnull=False)
        if self.value() == "not_asn":
            return queryset.filter(asn__isnull=True, link_method="manual")
        return queryset


class LinkReviewFilter(admin.SimpleListFilter):
    """The links an administrator should look at: automatic ones not yet checked, and NIP usernames
    waiting for a confirmation (ADR 0108)."""

    title = gettext_lazy("link review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("automatic", _("Automatic link, not yet checked")),
            ("nip_waiting", _("Username is an ASN's NIP, waiting for confirmation")),
            ("checked", _("Link checked by an administrator")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "automatic":
            return automatic_links(queryset).filter(reviewed_at__isnull=True)
        if self.value() == "nip_waiting":
            return awaiting_nip_confirmation(queryset)
        if self.value() == "checked":
            return queryset.filter(asn__isnull=False, reviewed_at__isnull=False)
        return queryset


class LearnerLinkForm(forms.ModelForm):
    not_asn = forms.BooleanField(
        label=gettext_lazy("This learner is no ASN of the city (do not link)"), required=False
    )

    class Meta:
        model = Learner
        fields = ["asn"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("not_asn") and cleaned.get("asn"):
            raise forms.ValidationError(_("Choose an ASN or mark the learner as no ASN, not both."))
        return cleaned


@admin.register(Learner)
class LearnerAdmin(admin.ModelAdmin):
    class Media:
        css = ADMIN_CSS

    form = LearnerLinkForm
    list_display = (
        "username",
        "email",
        "asn",
        "link_method",
        "linked_local",
        "link_checked",
        "enrollment_count",
        "connection",
    )
    list_filter = (LinkReviewFilter, LinkedFilter, "link_method", "connection")
    search_fields = ("username", "email", "asn__name", "asn__nip")
    autocomplete_fields = ("asn",)
    list_select_related = ("asn", "connection")
    readonly_fields = (
        "username",
        "email",
        "connection",
        "link_method",
        "linked_local",
        "linked_by",
        "link_checked",
        "nip_owner",
        "first_seen",
        "courses",
    )
    fields = (
        "username",
        "email",
        "connection",
        "nip_owner",
        "asn",
        "not_asn",
        "link_method",
        "linked_local",
        "linked_by",
        "link_checked",
        "first_seen",
        "courses",
    )
    actions = ["mark_links_checked", "confirm_nip_links", "forget_links"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(enrolled=Count("enrollments"))

    @admin.display(description=gettext_lazy("enrollments"), ordering="enrolled")
    def enrollment_count(self, obj):
        return obj.enrolled

    @admin.display(description=gettext_lazy("linked at"))
    def linked_local(self, obj):
        return _local(obj.linked_at)

    @admin.display(description=gettext_lazy("link checked"))
    def link_checked(self, obj):
        if obj.asn_id is None:
            return "-"
        if obj.reviewed_at is None:
            return _("not yet")
        return _local(obj.reviewed_at)

    @admin.display(description=gettext_lazy("ASN whose NIP is the username"))
    def nip_owner(self, obj):
        """The roster's ASN with this NIP and both emails, for the administrator to compare."""
        found = roster_api.nip_candidates([obj.username]).get(obj.username)
        if found is None:
            return "-"
        asn = roster_api.get_asn(obj.username)
        return format_html(
            "{} ({}): {} {} / {} {}",
            asn.name,
            asn.opd_name,
            _("email in the roster"),
            asn.email or "-",
            _("email in the LMS"),
            obj.email or "-",
        )

    @admin.action(description=gettext_lazy("Mark the automatic links as checked"), permissions=["change"])
    def mark_links_checked(self, request, queryset):
        count = mark_links_checked(queryset, request.user)
        self.message_user(request, _("%(count)d links marked as checked.") % {"count": count})

    @admin.action(
        description=gettext_lazy("Confirm: link to the ASN whose NIP is the username"), permissions=["change"]
    )
    def confirm_nip_links(self, request, queryset):
        count = confirm_nip_links(queryset, request.user)
        skipped = queryset.count() - count
        self.message_user(request, _("%(count)d learners linked by their NIP.") % {"count": count})
        if skipped:
            self.message_user(
                request,
                _("%(count)d learners skipped: already linked, or their username is no ASN's NIP.")
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.display(description=gettext_lazy("courses"))
    def courses(self, obj):
        names = obj.enrollments.select_related("course").values_list("course__name", flat=True)
        return ", ".join(names) or "-"

    def save_model(self, request, obj, form, change):
        if "asn" in form.changed_data or form.cleaned_data.get("not_asn"):
            link_manually(obj, form.cleaned_data.get("asn"), request.user)

    @admin.action(
        description=gettext_lazy("Forget the link (the next sync joins them again)"), permissions=["change"]
    )
    def forget_links(self, request, queryset):
        for learner in queryset:
            clear_link(learner)
        self.message_user(request, _("%(count)d links forgotten.") % {"count": queryset.count()})


# -- synced records (read only) ------------------------------------------------------------------


@admin.register(Enrollment)
class EnrollmentAdmin(ReadOnlyAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = ("learner", "course", "mode", "is_active", "enrolled_at", "unenrolled_at")
    list_filter = ("is_active", "mode", "course")
    search_fields = ("learner__username", "course__name", "course__course_key")
    list_select_related = ("learner", "course")


@admin.register(Grade)
class GradeAdmin(ReadOnlyAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = ("learner", "course", "percent", "passed", "passed_at", "passed_at_source", "source")
    list_filter = ("passed", "passed_at_source", "source", "course")
    search_fields = ("learner__username", "course__name", "course__course_key")
    list_select_related = ("learner", "course")


@admin.register(Completion)
class CompletionAdmin(ReadOnlyAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = (
        "learner",
        "course",
        "percent",
        "completed_at",
        "completed_at_source",
        "source",
        "checked",
    )
    list_filter = ("completed_at_source", "source", "course")
    search_fields = ("learner__username", "course__name", "course__course_key")
    list_select_related = ("learner", "course")


@admin.register(AssessmentAttempt)
class AssessmentAttemptAdmin(ReadOnlyAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = (
        "remote_id",
        "learner",
        "course_key",
        "mode",
        "attempt_number",
        "score",
        "passed",
        "submitted_at",
    )
    list_filter = ("mode", "passed")
    search_fields = ("learner__username", "course_key", "pairing_key")


@admin.register(Idea)
class IdeaAdmin(ReadOnlyAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = ("remote_id", "title", "state", "opd_code", "author", "supports_count", "score_mean")
    list_filter = ("state", "is_digital")
    search_fields = ("title", "opd_code", "author__username")


@admin.register(WorkshopSession)
class WorkshopSessionAdmin(ReadOnlyAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = ("remote_id", "title", "partner_name", "kind", "starts_at", "jp_credit", "attended_count")
    list_filter = ("kind", "mode")
    search_fields = ("title", "partner_name")


@admin.register(WorkshopAttendance)
class WorkshopAttendanceAdmin(ReadOnlyAdmin):
    class Media:
        css = ADMIN_CSS

    list_display = ("remote_id", "session_remote_id", "learner", "status", "attended_at", "jp_credited")
    list_filter = ("status",)
    search_fields = ("learner__username",)


@admin.register(WorkshopReaction)
class WorkshopReactionAdmin(ReadOnlyAdmin):
    class Media:
        css = ADMIN_CSS

    # Anonymous (ADR 0106): no learner to list or search for.
    list_display = ("remote_id", "session_remote_id", "lms_created")
