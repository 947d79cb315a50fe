"""The import pages: upload a spreadsheet, map its columns, check it (dry run), import it, undo it."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from companion_service.core.jobs import submit
from companion_service.core.tabular import csv_layout, write_csv

from .. import importer
from ..forms import MappingForm, UploadForm
from ..importer import ImportRefused, Options, TableError
from ..models import ImportBatch, ImportStatus
from ..permissions import IMPORTERS, can_undo, role_required
from ..questionnaire import UNSUR

SHOWN_ERRORS = 300


@role_required(IMPORTERS)
def import_list(request):
    """The imports so far and the upload form."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        importer.purge_drafts()
        upload = form.cleaned_data["file"]
        content = upload.read()
        batch = importer.new_batch(content, upload.name, source="web", user=request.user)
        try:
            importer.read(batch)
        except TableError as exc:
            form.add_error("file", str(exc))
        else:
            batch.save()
            return redirect("skm:import-detail", batch_id=batch.pk)
    page = Paginator(ImportBatch.objects.select_related("uploaded_by").defer("content"), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "skm/import_list.html",
        {"form": form, "page": page, "default_layout": importer.DEFAULT_LAYOUT},
    )


def _batch(request, batch_id) -> ImportBatch:
    """A batch; a draft (whose rows the page previews) only for its uploader or an administrator."""
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    if batch.status == ImportStatus.DRAFT and not can_undo(request.user, batch):
        raise Http404
    return batch


@role_required(IMPORTERS)
def import_detail(request, batch_id):
    """A draft: map the columns and see the dry run; an import: what it did."""
    batch = _batch(request, batch_id)
    if batch.status != ImportStatus.DRAFT:
        return render(
            request, "skm/import_detail.html", {"batch": batch, "can_undo": can_undo(request.user, batch)}
        )
    try:
        table = importer.read(batch)
    except TableError as exc:
        messages.error(request, str(exc))
        return redirect("skm:imports")
    mapping = batch.mapping or importer.suggest_mapping(table.columns)
    options = Options.of(batch.options)
    if request.method == "POST" and batch.status == ImportStatus.DRAFT:
        form = MappingForm(request.POST, columns=table.columns)
        if form.is_valid():
            batch.mapping, batch.options = form.mapping(), form.options()
            batch.save(update_fields=["mapping", "options"])
            action = request.POST.get("action", "check")
            if action in ("commit", "commit-valid"):
                # A worker imports it (large files take minutes); its page comes back here when done.
                job = submit(
                    "skm.commit_import",
                    {"batch": batch.pk, "skip_invalid": action == "commit-valid"},
                    request.user,
                )
                return redirect("core:job", pk=job.pk)
            return redirect("skm:import-detail", batch_id=batch.pk)
    else:
        initial = {f"map_{name}": column for name, column in mapping.items()}
        initial.update({"period": options.period, "create_kinds": options.create_kinds})
        initial.update({"month_first": options.month_first, "unit_code": options.unit_code or None})
        form = MappingForm(initial=initial, columns=table.columns)
    problems = importer.mapping_problems(mapping, table.columns, options)
    outcome = None
    if not problems and batch.status == ImportStatus.DRAFT:
        outcome = importer.run(table, mapping, options, dry_run=True, batch=batch)
    return render(
        request,
        "skm/import_detail.html",
        {
            "batch": batch,
            "table": table,
            "form": form,
            "problems": problems,
            "outcome": outcome,
            "errors": outcome.report.errors[:SHOWN_ERRORS] if outcome else [],
            "more_errors": max(0, len(outcome.report.errors) - SHOWN_ERRORS) if outcome else 0,
            "preview": table.rows[:5],
            "row_count": outcome.report.total if outcome else len(table.rows),
            "unit_counts": sorted(outcome.checked.units.items()) if outcome else [],
            "unsur_columns": [(item, mapping.get(item.code, "")) for item in UNSUR],
            "can_undo": can_undo(request.user, batch),
        },
    )


@role_required(IMPORTERS)
def import_errors_csv(request, batch_id):
    """The rejected rows of a draft's dry run as CSV (line; column; reason) to fix the file."""
    batch = _batch(request, batch_id)
    if batch.status != ImportStatus.DRAFT:
        raise Http404
    try:
        table = importer.read(batch)
    except TableError:
        raise Http404 from None
    options = Options.of(batch.options)
    mapping = batch.mapping or importer.suggest_mapping(table.columns)
    if importer.mapping_problems(mapping, table.columns, options):
        raise Http404
    outcome = importer.run(table, mapping, options, dry_run=True, batch=batch)
    body = write_csv(
        [_("line"), _("column"), _("reason")],
        ([error.line, error.column, error.message] for error in outcome.report.errors),
        csv_layout(request.GET.get("sep"), translation.get_language()),
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ditolak-{batch.pk}.csv"'
    return response


@role_required(IMPORTERS)
def import_template_csv(request):
    """An empty file in the default layout, with one synthetic example row."""
    body = write_csv(
        importer.DEFAULT_LAYOUT,
        [
            [
                "2025-01-31",
                "KODE-UNIT",
                "",
                4,
                3,
                3,
                4,
                3,
                4,
                4,
                3,
                3,
                "P",
                34,
                "SMA",
                "Swasta",
                "",
                "(contoh)",
            ]
        ],
        csv_layout(request.GET.get("sep"), translation.get_language()),
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="templat-skm.csv"'
    return response


@require_POST
@role_required(IMPORTERS)
def import_undo(request, batch_id):
    """Undo an import (its responses leave every figure), or discard a draft."""
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    if not can_undo(request.user, batch):
        messages.error(request, _("Only an administrator or the person who imported the file can undo it."))
        return redirect("skm:import-detail", batch_id=batch.pk)
    if batch.status == ImportStatus.DRAFT:
        batch.delete()
        messages.success(request, _("The unchecked file was discarded."))
        return redirect("skm:imports")
    try:
        removed = importer.undo(batch, request.user)
    except ImportRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Import undone: %(count)d responses removed.") % {"count": removed})
    return redirect("skm:import-detail", batch_id=batch.pk)
