"""Imports in the admin: upload a file, read the preview (a dry run), then apply it.

A ``ModelAdmin`` adds an "Import" page with ``import_urls(...)``. The uploaded file waits in
``PRIVATE_MEDIA_ROOT/imports`` (never served by URL) under a random name between the preview and the
apply; the apply form carries that name signed for the same administrator, for one hour. The file is
deleted when the import is applied (or fails), cancelled, or older than an hour (swept at each upload
and by ``companion purge-staged-imports``; ADR 0109). The import function is the same one the
``companion import-*`` command calls, so the admin and the command line can never disagree. With a
``job_kind`` (registered by ``register_admin_import``), the apply is done by a worker (ADR 0130): the
administrator waits on the job's page, which returns to the list with the outcome, and the worker
deletes the staged file when the job ends.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .jobs import JobOutcome, JobRefused, register, submit
from .tabular import MAX_BYTES, ImportReport, TableError

SALT = "companion.core.admin_import"
# Admin pages of our apps add this stylesheet (``class Media: css = ADMIN_CSS``): underlined links.
ADMIN_CSS = {"all": ("core/admin.css",)}
MAX_AGE = 3600


class UploadForm(forms.Form):
    """The file; subclasses add the options an import needs (course, date ...)."""

    file = forms.FileField(
        label=gettext_lazy("File (CSV or XLSX)"),
        help_text=gettext_lazy(
            "CSV with ; or , (UTF-8 or Windows-1252), or an Excel .xlsx file; up to 50 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB; split it into smaller files."))
        return upload


def _staging_dir() -> Path:
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "imports"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def purge_staged(max_age: int = MAX_AGE) -> int:
    """Delete staged files older than ``max_age`` seconds (their preview has expired); returns how many."""
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "imports"
    if not folder.is_dir():
        return 0
    cutoff, removed = time.time() - max_age, 0
    for staged in folder.iterdir():
        try:
            if staged.is_file() and staged.stat().st_mtime < cutoff:
                staged.unlink()
                removed += 1
        except FileNotFoundError:  # another worker removed it meanwhile
            continue
    return removed


def purge_expired_imports() -> int:
    """Every expired import file: the admin's staged uploads and each app's own drafts (an app config
    with a ``purge_staged_imports()`` method). The command and the hourly beat task call this."""
    from django.apps import apps

    removed = purge_staged()
    for config in apps.get_app_configs():
        purge = getattr(config, "purge_staged_imports", None)
        if callable(purge):
            removed += purge()
    return removed


def _staged_path(request) -> tuple[dict | None, Path | None]:
    """The signed staging of this form, and its file (None, None when expired or tampered)."""
    try:
        staged = signing.loads(request.POST.get("staged", ""), salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None, None
    if staged.get("user") != request.user.pk:
        raise PermissionDenied
    return staged, _staging_dir() / uuid.UUID(hex=staged["token"]).hex


def _options(cleaned: dict) -> dict:
    """Form options as plain JSON values (dates as ISO text) for the signed apply form."""
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in cleaned.items() if k != "file"}


def import_view(
    model_admin,
    request,
    *,
    title: str,
    run_import: Callable[[bytes, str, bool, dict], ImportReport],
    layout_help: str = "",
    form_class=UploadForm,
    job_kind: str = "",
):
    """The upload/preview/apply page. ``run_import(data, filename, dry_run, options)`` does the work."""
    if not (model_admin.has_add_permission(request) and model_admin.has_change_permission(request)):
        raise PermissionDenied
    opts = model_admin.model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "title": title,
        "layout_help": layout_help,
        "changelist_url": changelist,
    }
    form = form_class()
    if request.method == "POST" and "cancel" in request.POST:
        staged, staged_path = _staged_path(request)
        if staged_path is not None:
            staged_path.unlink(missing_ok=True)
        messages.info(request, _("The import was cancelled; the uploaded file was deleted."))
        return redirect(request.path)
    if request.method == "POST" and "apply" in request.POST:
        staged, staged_path = _staged_path(request)
        if staged_path is None or not staged_path.exists():
            messages.error(request, _("This preview has expired; upload the file again."))
            return redirect(request.path)
        if job_kind:
            params = {key: staged[key] for key in ("token", "filename", "options")}
            return redirect("core:job", pk=submit(job_kind, params, request.user).pk)
        try:
            data = staged_path.read_bytes()
        finally:
            staged_path.unlink(missing_ok=True)  # applied or not, this preview is used up
        try:
            report = run_import(data, staged["filename"], False, staged["options"])
        except TableError as exc:
            report, context["file_error"] = None, str(exc)
        if report is not None and report.ok:
            messages.success(
                request,
                _("Imported %(name)s: created %(created)d, updated %(updated)d, unchanged %(unchanged)d.")
                % {
                    "name": staged["filename"],
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                },
            )
            return redirect(changelist)
        context["report"] = report
    elif request.method == "POST":
        form = form_class(request.POST, request.FILES)
        purge_staged()
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            options = _options(form.cleaned_data)
            try:
                report = run_import(data, upload.name, True, options)
            except TableError as exc:
                context["file_error"] = str(exc)
            else:
                context["report"] = report
                if report.ok:
                    token = uuid.uuid4().hex
                    (_staging_dir() / token).write_bytes(data)
                    context["staged"] = signing.dumps(
                        {
                            "token": token,
                            "filename": upload.name,
                            "user": request.user.pk,
                            "options": options,
                        },
                        salt=SALT,
                    )
                    context["filename"] = upload.name
    context["form"] = form
    return TemplateResponse(request, "admin/core/import.html", context)


def import_urls(model_admin, name: str, view) -> list:
    """The URL of an import page for ``model_admin``, named ``admin:<app>_<model>_<name>``."""
    opts = model_admin.model._meta
    return [
        path(
            f"{name}/",
            model_admin.admin_site.admin_view(view),
            name=f"{opts.app_label}_{opts.model_name}_{name}",
        )
    ]


def imported_message(filename: str, report: ImportReport) -> str:
    return _("Imported %(name)s: created %(created)d, updated %(updated)d, unchanged %(unchanged)d.") % {
        "name": filename,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
    }


def register_admin_import(
    kind: str,
    run_import: Callable[..., ImportReport],
    done_url: str,
    *,
    with_user: bool = False,
):
    """Have a worker apply the admin import ``kind`` (a staged file, checked by its preview) and send
    the administrator to ``done_url`` (a URL name) with the outcome. ``with_user``: ``run_import``
    also takes ``user=`` (the administrator who asked, e.g. for its audit trail)."""

    @register(kind)
    def apply(job) -> JobOutcome:
        staged_path = _staging_dir() / uuid.UUID(hex=job.params["token"]).hex
        if not staged_path.exists():
            raise JobRefused(_("This preview has expired; upload the file again."))
        extra = {"user": job.user} if with_user else {}
        try:
            report = run_import(
                staged_path.read_bytes(), job.params["filename"], False, job.params["options"], **extra
            )
        except TableError as exc:
            raise JobRefused(str(exc), next_url=reverse(done_url)) from exc
        finally:
            staged_path.unlink(missing_ok=True)  # applied or not, this preview is used up (ADR 0109)
        if not report.ok:
            raise JobRefused(
                _("Nothing was imported: %(count)d rows have problems.") % {"count": len(report.errors)},
                details=[f"{error.line}: {error.message}" for error in report.errors],
                next_url=reverse(done_url),
            )
        return JobOutcome(
            message=imported_message(job.params["filename"], report), next_url=reverse(done_url)
        )

    return apply
