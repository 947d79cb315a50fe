"""Administrators set up a unit's survey: open or closed, the officer question, an introduction,
its kinds of service, and its own wording of the unsur (never the codes or the 1-4 scale)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from companion_service.organization.models import ServiceUnit

from .. import selectors, services
from ..forms import ServiceKindForm, SurveySettingsForm, WordingForm
from ..ikm import UNSUR_CODES
from ..models import ServiceKind
from ..permissions import SETUP, role_required


@role_required(SETUP)
def unit_list(request):
    """Every active service unit with its survey state and links to its page and poster."""
    units = ServiceUnit.objects.select_related("opd", "skm_survey").order_by("opd__name", "name")
    return render(request, "skm/setup_list.html", {"skm_section": "setup", "units": units})


@role_required(SETUP)
def unit_setup(request, code):
    unit = get_object_or_404(ServiceUnit.objects.select_related("opd"), code=code)
    survey = services.survey_for(unit)
    settings_form = SurveySettingsForm(instance=survey, prefix="settings")
    kind_form = ServiceKindForm(prefix="kind")
    wording_forms = {}
    wording = selectors.wording_for(unit)
    for code_ in UNSUR_CODES:
        current = wording[code_]
        adapted = current["adapted"]
        own = unit.skm_wordings.filter(code=code_).first() if adapted else None
        wording_forms[code_] = WordingForm(
            prefix=code_,
            initial={
                "question": own.question if own else "",
                **{f"label_{n}": (own.labels[n - 1] if own else "") for n in range(1, 5)},
            },
        )
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "settings":
            settings_form = SurveySettingsForm(request.POST, instance=survey, prefix="settings")
            if settings_form.is_valid():
                services.update_survey(unit, **settings_form.cleaned_data)
                messages.success(request, _("Survey settings saved."))
                return redirect("skm:unit-setup", code=unit.code)
        elif action == "add-kind":
            kind_form = ServiceKindForm(request.POST, prefix="kind")
            if kind_form.is_valid():
                kind = services.add_service_kind(unit, kind_form.cleaned_data["name"])
                messages.success(request, _("Kind of service %(name)s added.") % {"name": kind.name})
                return redirect(reverse("skm:unit-setup", args=[unit.code]) + "#kinds")
        elif action in ("kind-off", "kind-on"):
            kind = get_object_or_404(ServiceKind, unit=unit, pk=request.POST.get("kind"))
            services.set_service_kind_active(kind, action == "kind-on")
            return redirect(reverse("skm:unit-setup", args=[unit.code]) + "#kinds")
        elif action.startswith("wording-") and action[8:] in UNSUR_CODES:
            code_ = action[8:]
            form = WordingForm(request.POST, prefix=code_)
            wording_forms[code_] = form
            if form.is_valid():
                services.save_wording(unit, code_, form.cleaned_data["question"], form.labels())
                messages.success(request, _("Wording of %(code)s saved.") % {"code": code_})
                return redirect(reverse("skm:unit-setup", args=[unit.code]) + f"#{code_}")
    return render(
        request,
        "skm/setup_unit.html",
        {
            "skm_section": "setup",
            "unit": unit,
            "survey": survey,
            "settings_form": settings_form,
            "kind_form": kind_form,
            "kinds": ServiceKind.objects.filter(unit=unit),
            "unsur": [(wording[code_], wording_forms[code_]) for code_ in UNSUR_CODES],
        },
    )
