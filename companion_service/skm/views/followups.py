"""The RTL register: follow-up actions planned after a survey for weak unsur, and % RTL selesai."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from companion_service.organization.models import ServiceUnit

from .. import selectors, services
from ..forms import FollowUpForm
from ..models import FollowUp, FollowUpStatus
from ..periods import Period
from ..permissions import IMPORTERS, READERS, can_import, role_required


@role_required(READERS)
def follow_up_list(request):
    unit = ServiceUnit.objects.filter(code=request.GET.get("unit", "")).first()
    status = request.GET.get("status", "")
    if status not in FollowUpStatus.values:
        status = ""
    rows = selectors.follow_ups(unit=unit, status=status)
    query = urlencode(
        {key: value for key, value in (("unit", unit.code if unit else ""), ("status", status)) if value}
    )
    return render(
        request,
        "skm/follow_ups.html",
        {
            "skm_section": "rtl",
            "unit": unit,
            "status": status,
            "statuses": FollowUpStatus.choices,
            "units": ServiceUnit.objects.filter(skm_follow_ups__isnull=False).distinct().order_by("name"),
            "page": Paginator(rows, 50).get_page(request.GET.get("page")),
            "query": query,
            "summary": selectors.follow_up_summary(unit),
            "per_unit": [
                (ServiceUnit.objects.get(pk=unit_id), summary)
                for unit_id, summary in selectors.follow_up_summaries().items()
            ],
            "can_edit": can_import(request.user),
        },
    )


@role_required(IMPORTERS)
def follow_up_edit(request, follow_up_id=None):
    """Plan a follow-up (prefilled from the period report) or update one (status, dates, notes)."""
    instance = get_object_or_404(FollowUp, pk=follow_up_id) if follow_up_id else None
    if request.method == "POST":
        form = FollowUpForm(request.POST, instance=instance)
        if form.is_valid():
            period = Period.parse(form.cleaned_data["period"])
            if instance is None:
                follow_up = services.create_follow_up(
                    form.cleaned_data["unit"], period, user=request.user, **form.service_fields()
                )
            else:
                instance.unit = form.cleaned_data["unit"]
                instance.set_period(period)
                follow_up = services.update_follow_up(instance, **form.service_fields())
            messages.success(request, _("Follow-up saved."))
            return redirect(f"{reverse('skm:follow-ups')}?unit={follow_up.unit.code}")
    else:
        initial = {}
        if instance is None:
            unit = ServiceUnit.objects.filter(code=request.GET.get("unit", "")).first()
            initial = {
                "unit": unit,
                "period": request.GET.get("period", ""),
                "unsur": request.GET.get("unsur", ""),
            }
        form = FollowUpForm(instance=instance, initial=initial)
    return render(
        request, "skm/follow_up_form.html", {"skm_section": "rtl", "form": form, "instance": instance}
    )
