"""Pages of the learning app: recording a training outside the LMS, one record (with the
verifier's decision), its certificate, and the verifiers' queue. Thin: selectors read, services
write; every page checks who is asking."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from companion_service.accounts.api import AuditAction, record
from companion_service.signin.selectors import asn_of

from . import permissions, selectors, services
from .forms import DecisionForm, TrainingForm
from .models import Status


def _not_an_asn(request):
    return render(request, "learning/not_asn.html", status=403)


def _add_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
@never_cache
def new_record(request):
    """An ASN records a training outside the LMS; it waits for their OPD head or BKPSDM."""
    asn = asn_of(request.user)
    if asn is None:
        return _not_an_asn(request)
    form = TrainingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            training = services.submit(
                request.user, asn, form.to_input(), form.cleaned_data.get("certificate")
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Recorded. It counts once your OPD head or BKPSDM approves it."))
            return redirect("learning:record", pk=training.pk)
    return render(request, "learning/record_form.html", {"form": form, "asn": asn})


@login_required
@never_cache
def record_detail(request, pk: int):
    """One outside training: for its ASN (who may withdraw it) and its verifiers (who decide)."""
    training = selectors.visible(request.user, pk)
    if training is None:
        raise Http404(_("There is no such record, or it is not yours to see."))
    can_verify = permissions.can_verify(request.user, training)
    form = DecisionForm(request.POST or None) if can_verify else None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "withdraw":
                services.withdraw(request.user, training)
                messages.success(request, _("Withdrawn."))
                return redirect("learning:record", pk=pk)
            if form is not None and form.is_valid():
                approve = form.cleaned_data["decision"] == "approve"
                services.decide(request.user, training, approve=approve, reason=form.cleaned_data["reason"])
                messages.success(request, _("Approved: it counts now.") if approve else _("Rejected."))
                return redirect("learning:queue")
        except ValidationError as exc:
            if form is not None:
                _add_errors(form, exc)
            else:
                messages.error(request, " ".join(exc.messages))
    if can_verify:
        record(
            request.user,
            action=AuditAction.VIEW,
            resource="learning:record",
            parameters={"id": str(pk)},
        )
    return render(
        request,
        "learning/record_detail.html",
        {
            "training": training,
            "form": form,
            "can_verify": can_verify,
            "owns": permissions.owns(request.user, training),
            "decidable": training.status in (Status.SUBMITTED, Status.APPROVED),
        },
    )


@login_required
@never_cache
def certificate(request, pk: int):
    """The certificate file, to the ASN and the record's verifiers only (never a public address)."""
    training = selectors.visible(request.user, pk)
    if training is None or not training.certificate:
        raise Http404(_("There is no such certificate, or it is not yours to see."))
    record(
        request.user,
        action=AuditAction.EXPORT,
        resource="learning:certificate",
        file_format=training.certificate_type.split("/")[-1][:10],
        parameters={"id": str(pk)},
    )
    extension = training.certificate.name.rsplit(".", 1)[-1]
    response = FileResponse(
        training.certificate.open("rb"),
        content_type=training.certificate_type,
        as_attachment=False,
        filename=f"sertifikat-{training.pk}.{extension}",
    )
    response["Content-Security-Policy"] = (
        "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@never_cache
def queue(request):
    """The records an OPD head (their OPD) or a BKPSDM verifier has to decide."""
    if not permissions.is_verifier(request.user):
        return render(request, "learning/not_verifier.html", status=403)
    status = request.GET.get("status", Status.SUBMITTED)
    if status not in (*Status.values, ""):
        status = Status.SUBMITTED
    rows = selectors.queue(request.user, status)[:200]
    record(
        request.user,
        action=AuditAction.VIEW,
        resource="learning:queue",
        parameters={"status": status or "all"},
    )
    return render(
        request,
        "learning/queue.html",
        {
            "rows": rows,
            "status": status,
            "statuses": [("", _("All"))] + list(Status.choices),
            "queue_url": reverse("learning:queue"),
        },
    )
