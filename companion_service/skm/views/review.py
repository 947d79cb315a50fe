"""The public form's review queue: answers marked as suspected duplicates or as part of a burst, and
the unusual traffic recorded at each unit's form (ADRs 0100, 0101). Evaluators keep or remove each answer;
the answers themselves are not shown, like everywhere in the SKM pages."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import selectors, services
from ..permissions import IMPORTERS, READERS, can_import, role_required


@role_required(READERS)
def review(request):
    if request.method == "POST":
        return _decide(request)
    return render(
        request,
        "skm/review.html",
        {
            "skm_section": "review",
            "page": Paginator(selectors.responses_to_review(), 50).get_page(request.GET.get("page")),
            "anomalies": selectors.recent_anomalies()[:200],
            "can_decide": can_import(request.user),
        },
    )


@role_required(IMPORTERS)
def _decide(request):
    response = get_object_or_404(selectors.responses_to_review(), pk=request.POST.get("response") or 0)
    keep = request.POST.get("action") == "keep"
    services.review_response(response, keep=keep)
    if keep:
        messages.success(request, _("Answer #%(id)s kept; it stays in the figures.") % {"id": response.pk})
    else:
        messages.success(
            request, _("Answer #%(id)s removed and taken out of the figures.") % {"id": response.pk}
        )
    return redirect(reverse("skm:review"))
